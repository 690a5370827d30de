import ArgumentParser
import CaseIO
import Foundation
import Statistics

struct StatsDCA: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dca",
        abstract: "Decision curves (net benefit vs threshold probability) and the clinical impact curve, as rmda / dcurves.",
        discussion: """
        Each --score column holds predicted risks in [0, 1]. Net benefit = TP/n − FP/n · pt/(1 − pt) at each
        threshold pt, next to treat-all and treat-none; sNB = NB / prevalence. Clinical impact: number called
        high risk, and of those with the event, per --population-size (rmda::plot_clinical_impact).
        --rule rmda counts risk > pt as high risk (thresholds 0:1:0.01 by default); --rule dcurves counts
        risk ≥ pt (thresholds 0:0.99:0.01).
        """
    )

    @OptionGroup var table: TableOptions
    @Option(name: .long, help: "Predicted-risk column (repeat for several models).") var score: [String] = []
    @Option(name: .long, help: "Thresholds as from:to:by (R's seq) or a comma list; default per --rule.") var thresholds: String?
    @Option(name: .long, help: "Threshold rule: rmda (risk > pt) or dcurves (risk ≥ pt).") var rule: String = "rmda"
    @Option(name: .long, help: "Population size of the clinical impact curve.") var populationSize: Double = 1000

    func run() throws {
        guard !score.isEmpty else { throw ValidationError("give at least one --score column") }
        guard let theRule = DecisionCurveRule(rawValue: rule) else { throw ValidationError("--rule must be rmda or dcurves") }
        let pts = try thresholds.map(parseThresholds) ?? theRule.defaultThresholds
        try reportingErrors {
            let data = try StatsTable(table, predictors: score)
            var models: [(String, DecisionCurve)] = []
            for name in score {
                guard let j = data.names.firstIndex(of: name) else { continue }   // constant column: dropped and noted
                models.append((name, try DecisionCurve(risk: data.rows.map { $0[j] }, outcome: data.outcome, thresholds: pts, rule: theRule)))
            }
            models.append(("All", try DecisionCurve.treatAll(outcome: data.outcome, thresholds: pts, rule: theRule)))
            models.append(("None", try DecisionCurve.treatNone(outcome: data.outcome, thresholds: pts, rule: theRule)))
            let numbers = { (v: [Double]) in OrderedJSON.array(v.map(OrderedJSON.number)) }
            let curves: [OrderedJSON] = models.map { name, c in
                let impact = ClinicalImpact(c, populationSize: populationSize)
                return .object([("model", .string(name)), ("TPR", numbers(c.tpr)), ("FPR", numbers(c.fpr)), ("NB", numbers(c.netBenefit)),
                                 ("sNB", numbers(c.standardizedNetBenefit)), ("prob.high.risk", numbers(c.probHighRisk)),
                                 ("DP", numbers(c.detectionProbability)), ("number.high.risk", numbers(impact.numberHighRisk)),
                                 ("number.high.risk.with.event", numbers(impact.numberHighRiskWithEvent))])
            }
            let json = OrderedJSON.object([
                ("rule", .string(theRule.rawValue)), ("n", .integer(data.outcome.count)), ("rho", .number(models[0].1.prevalence)),
                ("population.size", .number(populationSize)), ("thresholds", numbers(pts)), ("curves", .array(curves)),
                ("notes", .array(data.notes.map(OrderedJSON.string))),
            ])
            emit(json, table: {
                "Net benefit (\(theRule.rawValue) rule; prevalence \(formatNumber(models[0].1.prevalence)))\n"
                    + alignedTable(["threshold"] + models.map(\.0),
                                   pts.indices.map { i in [formatNumber(pts[i], digits: 2)] + models.map { formatNumber($0.1.netBenefit[i]) } })
            }, format: table.format)
        }
    }
}

/// "from:to:by" as R's seq(from, to, by) (from + i·by, the last clamped to `to`), or a comma-separated list.
func parseThresholds(_ text: String) throws -> [Double] {
    let parts = text.split(separator: ":").map { Double($0.trimmingCharacters(in: .whitespaces)) }
    var out: [Double]
    if parts.count == 3 {
        guard let from = parts[0], let to = parts[1], let by = parts[2], by > 0, to >= from else {
            throw ValidationError("--thresholds from:to:by needs numbers with by > 0 and to ≥ from")
        }
        let n = Int((to - from) / by + 1e-10)
        out = (0...n).map { min(from + Double($0) * by, to) }
    } else {
        out = try text.split(separator: ",").map {
            guard let v = Double($0.trimmingCharacters(in: .whitespaces)) else { throw ValidationError("--thresholds: not a number: \($0)") }
            return v
        }
    }
    guard !out.isEmpty, out.allSatisfy({ $0 >= 0 && $0 <= 1 }) else { throw ValidationError("--thresholds must lie in [0, 1]") }
    return out
}
