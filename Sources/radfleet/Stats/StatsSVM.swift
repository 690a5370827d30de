import ArgumentParser
import CaseIO
import Foundation
import Statistics

struct StatsSVM: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "svm",
        abstract: "C-classification SVM as e1071::svm / libsvm (linear or radial kernel, scaled inputs, Platt probabilities).",
        discussion: """
        Fits on --data and reports decision values for --data (or for --predict, a table with the same predictor
        columns). Decision values > 0 favour the class of the first training row (e1071's convention); `score`
        is oriented so that larger means outcome 1, ready for `radfleet stats roc`. With --probability, Platt
        probabilities of outcome 1 (libsvm's internal 5-fold CV; folds drawn as R's set.seed(--seed) would).
        """
    )

    @OptionGroup var table: TableOptions
    @Option(name: .long, help: "Kernel: linear or radial.") var kernel: String = "radial"
    @Option(name: .long, help: "Cost C.") var cost: Double = 1
    @Option(name: .long, help: "RBF gamma (default 1 / number of predictors, as e1071).") var gamma: Double?
    @Flag(name: .long, help: "Fit Platt probabilities.") var probability = false
    @Option(name: .long, help: "Seed for the Platt cross-validation folds (as R's set.seed).") var seed: Int32 = 1
    @Option(name: .long, help: "Table to predict (same predictor columns); default: the training data.") var predict: String?

    func run() throws {
        guard kernel == "linear" || kernel == "radial" else { throw ValidationError("--kernel must be linear or radial") }
        guard cost > 0 else { throw ValidationError("--cost must be positive") }
        try reportingErrors {
            let data = try StatsTable(table)
            let labels = data.outcome.map { Int($0) }
            var parameters = SVMParameters()
            parameters.kernel = kernel == "linear" ? .linear : .radial(gamma: gamma)
            parameters.cost = cost
            if probability { parameters.probability = .rSetSeed(seed) }
            let model = try trainSVM(rows: data.rows, labels: labels, parameters: parameters)
            var rows = data.rows
            if let predict {
                let t = try DataTable(contentsOf: URL(fileURLWithPath: predict), columns: data.names, dropMissing: table.dropMissing)
                rows = (0..<t.rowCount).map { r in t.values.map { $0[r] } }
            }
            let decision = try model.decisionValues(rows)
            let score = try model.scores(rows, forClass: 1)
            var pairs: [(String, OrderedJSON)] = [
                ("kernel", .string(kernel)), ("cost", .number(cost)), ("gamma", .number(model.gamma)),
                ("labels", .array(model.labels.map { .integer($0) })), ("nSV", .array(model.supportVectorCounts.map { .integer($0) })),
                ("rho", .number(model.rho)), ("predictors", .array(data.names.map(OrderedJSON.string))),
                ("decisionValues", .array(decision.map(OrderedJSON.number))), ("score", .array(score.map(OrderedJSON.number))),
            ]
            if probability {
                let p0 = try model.probabilities(rows)
                let p1 = model.labels[0] == 1 ? p0 : p0.map { 1 - $0 }
                pairs.append(("probability", .array(p1.map(OrderedJSON.number))))
            }
            pairs.append(("notes", .array(data.notes.map(OrderedJSON.string))))
            emit(.object(pairs), table: {
                "SVM (\(kernel), C = \(cost), gamma = \(formatNumber(model.gamma, digits: 6))): \(model.supportVectorCounts.reduce(0, +)) support vectors, rho = \(formatNumber(model.rho, digits: 6))\n"
                    + alignedTable(["row", "decision", "score"], zip(decision, score).enumerated().map { ["\($0 + 1)", formatNumber($1.0), formatNumber($1.1)] })
            }, format: table.format)
        }
    }
}
