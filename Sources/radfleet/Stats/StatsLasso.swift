import ArgumentParser
import CaseIO
import Foundation
import Statistics

struct StatsLasso: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lasso",
        abstract: "LASSO / elastic-net logistic regression with cross-validated lambda, as glmnet's cv.glmnet (binomial).",
        discussion: """
        Standardized predictors, 100 lambdas from lambda_max down to 0.01·lambda_max (n < p) or 1e-4·lambda_max, \
        glmnet's stopping rules and convergence threshold: the lambda path, cvm, cvsd, lambda.min and lambda.1se \
        equal R's for the same folds. Folds: --foldid names a column of fold numbers 1…K (use it to reproduce an R \
        analysis); otherwise --folds K with --seed S draws balanced folds with RadFleet's own seeded generator \
        (reproducible, but NOT the folds R's set.seed + sample() would give). Coefficients are on the original \
        scale; the rad-score of a case is the intercept plus the sum of coefficient × feature (`--scores`).
        """
    )

    @OptionGroup var table: TableOptions
    @Option(name: .long, help: "Column with each row's fold number 1…K (excluded from the predictors).") var foldid: String?
    @Option(name: .long, help: "Number of folds when no --foldid is given.") var folds: Int = 10
    @Option(name: .long, help: "Seed for the fold assignment when no --foldid is given.") var seed: UInt64 = 1
    @Option(name: .long, help: "Cross-validation measure: deviance, auc or class.") var measure: String = "deviance"
    @Option(name: .long, help: "Elastic-net mixing: 1 = LASSO, 0 = ridge.") var alpha: Double = 1
    @Option(name: .long, help: "Number of lambdas (nlambda).") var nlambda: Int = 100
    @Option(name: .long, help: "Smallest lambda as a fraction of lambda_max (default 0.01 if n < p, else 1e-4).")
    var lambdaMinRatio: Double?
    @Flag(name: .long, help: "Also report each row's rad-score (linear predictor) at lambda.min and lambda.1se.")
    var scores = false

    func run() throws {
        guard let chosen = LassoMeasure(rawValue: measure) else { throw ValidationError("--measure must be deviance, auc or class") }
        guard (0...1).contains(alpha) else { throw ValidationError("--alpha must be between 0 and 1") }
        guard foldid != nil || folds >= 3 else { throw ValidationError("--folds must be at least 3") }
        try reportingErrors {
            let url = URL(fileURLWithPath: table.data)
            let header = try DataTable.header(of: url)
            var excluded = Set(table.exclude + [table.outcome])
            if let foldid {
                guard header.contains(foldid) else {
                    throw DataTableError(file: url.path, line: 1, column: foldid, reason: "--foldid column not found")
                }
                excluded.insert(foldid)
            }
            let data = try StatsTable(table, predictors: header.filter { !excluded.contains($0) })
            guard !data.names.isEmpty else { throw DataTableError(file: url.path, line: nil, column: nil, reason: "no non-constant predictor left") }
            let positive = data.outcome.map { $0 == 1 }
            let folds = try foldAssignment(url: url, data: data, count: positive.count)
            let x = try LassoMatrix(rows: data.rows)
            let options = LassoOptions(alpha: alpha, lambdaCount: nlambda, lambdaMinRatio: lambdaMinRatio)
            let cv = try crossValidateLogisticLasso(x, positive: positive, foldID: folds.ids, measure: chosen, options: options)
            output(cv, x: x, data: data, foldNote: folds.note)
        }
    }

    private func foldAssignment(url: URL, data: StatsTable, count: Int) throws -> (ids: [Int], note: String) {
        guard let foldid else {
            var generator = SeededGenerator(seed: seed)
            return (lassoFoldIDs(count: count, folds: folds, generator: &generator),
                    "\(folds) folds drawn with RadFleet's SeededGenerator(seed: \(seed)) (not R's sample())")
        }
        let t = try DataTable(contentsOf: url, columns: data.names + [table.outcome, foldid], dropMissing: table.dropMissing)
        guard t.rowCount == count else {
            throw DataTableError(file: url.path, line: nil, column: foldid, reason: "fold column has missing values")
        }
        let values = try t.column(foldid)
        for (line, v) in zip(t.lines, values) where v != v.rounded() || v < 1 {
            throw DataTableError(file: url.path, line: line, column: foldid, reason: "fold ids must be whole numbers 1…K, found \(v)")
        }
        return (values.map { Int($0) }, "folds from column \(foldid)")
    }

    private func output(_ cv: CrossValidatedLasso, x: LassoMatrix, data: StatsTable, foldNote: String) {
        func coefficients(_ lambda: Double) -> OrderedJSON {
            let c = cv.coefficients(at: lambda)
            return .object([("(Intercept)", .number(c.intercept))] + zip(data.names, c.beta).map { ($0, .number($1)) })
        }
        var pairs: [(String, OrderedJSON)] = [
            ("measure", .string(cv.measure.rawValue)), ("name", .string(cv.measure.name)), ("alpha", .number(alpha)),
            ("predictors", .array(data.names.map(OrderedJSON.string))),
            ("lambda", .array(cv.lambda.map(OrderedJSON.number))), ("cvm", .array(cv.cvm.map(OrderedJSON.number))),
            ("cvsd", .array(cv.cvsd.map(OrderedJSON.number))),
            ("nzero", .array(cv.lambda.map { .integer(cv.coefficients(at: $0).beta.filter { $0 != 0 }.count) })),
            ("lambdaMin", .number(cv.lambdaMin)), ("lambda1SE", .number(cv.lambda1SE)),
            ("coefficients", .object([("lambdaMin", coefficients(cv.lambdaMin)), ("lambda1SE", coefficients(cv.lambda1SE))])),
        ]
        if scores {
            let at = { (l: Double) in ((try? cv.linearPredictor(x, lambda: l)) ?? []).map(OrderedJSON.number) }
            pairs.append(("radScore", .object([("lambdaMin", .array(at(cv.lambdaMin))), ("lambda1SE", .array(at(cv.lambda1SE)))])))
        }
        pairs.append(("notes", .array(([foldNote] + data.notes + cv.notes).map(OrderedJSON.string))))
        emit(.object(pairs), table: {
            let cMin = cv.coefficients(at: cv.lambdaMin), c1 = cv.coefficients(at: cv.lambda1SE)
            var rows = [["(Intercept)", formatNumber(cMin.intercept, digits: 6), formatNumber(c1.intercept, digits: 6)]]
            for (j, name) in data.names.enumerated() where cMin.beta[j] != 0 || c1.beta[j] != 0 {
                rows.append([name, formatNumber(cMin.beta[j], digits: 6), formatNumber(c1.beta[j], digits: 6)])
            }
            return """
            cv.glmnet (binomial, alpha = \(alpha)), \(cv.measure.name); \(foldNote)
            lambda.min = \(formatNumber(cv.lambdaMin, digits: 6)) (\(cv.measure.name) \(formatNumber(cv.cvm[cv.indexMin])) ± \(formatNumber(cv.cvsd[cv.indexMin])))
            lambda.1se = \(formatNumber(cv.lambda1SE, digits: 6)) (\(cv.measure.name) \(formatNumber(cv.cvm[cv.index1SE])) ± \(formatNumber(cv.cvsd[cv.index1SE])))

            """ + alignedTable(["coefficient", "lambda.min", "lambda.1se"], rows)
                + (data.notes + cv.notes).map { "\nnote: \($0)" }.joined()
        }, format: table.format)
    }
}
