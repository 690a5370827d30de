import CaseIO
import Foundation
import Report
import Statistics
import Study

/// The study's SVM, evaluated once from its job results: the grid (each setting's cost, γ, CV AUC of the pooled
/// held-out decision values and per-fold AUCs, from the `gridpoint` jobs), the chosen setting, and the final fit
/// on every case (`fit:svm`) with its apparent ROC, DeLong 95% CI and Youden operating point. Rendered into
/// results.json's `svm` section and into the report's performance table and ROC figure.
public struct SVMEvaluation: Sendable {
    public struct Fit: Sendable {
        public let caseIds: [String]
        public let outcomes: [Int]
        public let supportVectors: Int
        public let decisionValues: [Double]
        public let roc: ROCCurve
        public let delong: DeLongInterval
        public let youden: ConfusionMetrics
    }

    public let spec: SVMSpec
    public let features: [String]
    public let folds: [Int]
    public let grid: [SVMGridPointJobOutput]
    /// Index of the chosen setting (highest CV AUC, first in grid order on ties), nil when none has one.
    public let best: Int?
    public let fit: Fit?
    /// Why the evaluation stops short (no chosen setting, or no `fit:svm` result yet), nil when complete.
    public let incomplete: String?
    /// The fitted SVM on each evaluation cohort, at its training Youden cut-off (empty without `cohorts:`).
    public var cohorts: [Cohort] = []

    /// "SVM (radial, C = 1, γ = 0.1)": the chosen setting in words.
    public var label: String {
        guard let best else { return "SVM (\(spec.kernel.rawValue))" }
        let g = grid[best]
        return "SVM (\(spec.kernel.rawValue), C = \(ReportNumber.significant(g.cost))"
            + (g.gamma.map { ", γ = \(ReportNumber.significant($0))" } ?? "") + ")"
    }
}

enum SVMSection {
    /// The SVM of the study, or why there is none; nil when the study asks for no SVM.
    static func evaluate(spec: ModelSpec, plan: StudyPlan, data: ModelData, lasso: LassoStudyModel,
                         results: [String: String]) -> Result<SVMEvaluation, EvaluationError>? {
        guard let svm = spec.svm else { return nil }
        do {
            guard let svmData = StudyPlan.svmData(data, lasso) else { return .failure(EvaluationError("the LASSO selected no feature")) }
            let settings = SVMSetting.grid(svm)
            guard let grid = try plan.gridPointOutputs(settings.count, results: results) else {
                return .failure(EvaluationError("a gridpoint job has no result (see failures)"))
            }
            let folds = grid.first?.folds ?? []
            guard let best = SVMGrid.best(grid.map(\.auc)) else {
                return .success(SVMEvaluation(spec: svm, features: svmData.features, folds: folds, grid: grid, best: nil, fit: nil,
                                              incomplete: "no setting has a CV AUC"))
            }
            guard let fitText = results[StudyPlan.svmFitId] else {
                return .success(SVMEvaluation(spec: svm, features: svmData.features, folds: folds, grid: grid, best: best, fit: nil,
                                              incomplete: "the fit:svm job has no result"))
            }
            let output = try JSONDecoder().decode(SVMFitJobOutput.self, from: Data(fitText.utf8))
            let roc = try ROCCurve(outcomes: svmData.outcomes.map(Double.init), scores: output.decisionValues, direction: .controlsBelowCases)
            let fit = SVMEvaluation.Fit(caseIds: svmData.caseIds, outcomes: svmData.outcomes, supportVectors: output.supportVectors,
                                        decisionValues: output.decisionValues, roc: roc, delong: DeLongInterval(roc),
                                        youden: YoudenCutoff(roc).best)
            var evaluation = SVMEvaluation(spec: svm, features: svmData.features, folds: folds, grid: grid, best: best, fit: fit, incomplete: nil)
            evaluation.cohorts = try SVMEvaluation.cohorts(output, cutoff: fit.youden.threshold, plan: plan, data: data, lasso: lasso, results: results)
            return .success(evaluation)
        } catch {
            return .failure(EvaluationError("\(error)"))
        }
    }

    /// The `svm` section of results.json for a study that asks for an SVM: the evaluation, or why there is none.
    static func render(_ outcome: Result<SVMEvaluation, EvaluationError>) -> OrderedJSON {
        switch outcome {
        case let .failure(e): return .object([("status", .string("not fitted: \(e.description)"))])
        case let .success(s): return render(s)
        }
    }

    static func render(_ s: SVMEvaluation) -> OrderedJSON {
        func number(_ x: Double?) -> OrderedJSON { x.map { $0.isFinite ? .number($0) : .null } ?? .null }
        func numbers(_ xs: [Double]) -> OrderedJSON { .array(xs.map { number($0) }) }
        let table: [OrderedJSON] = s.grid.map { g in
            .object([("cost", .number(g.cost)), ("gamma", number(g.gamma)), ("cvAUC", .number(g.auc)),
                     ("foldAUC", .array(g.foldAUC.map(number)))])
        }
        var section: [(String, OrderedJSON)] = [
            ("kernel", .string(s.spec.kernel.rawValue)),
            ("measure", .string(s.spec.measure)),
            ("features", .array(s.features.map(OrderedJSON.string))),
            ("folds", .array(s.folds.map(OrderedJSON.integer))),
            ("grid", .array(table)),
        ]
        if let best = s.best {
            section.append(("chosen", .object([("index", .integer(best)), ("cost", .number(s.grid[best].cost)),
                                               ("gamma", number(s.grid[best].gamma)), ("cvAUC", .number(s.grid[best].auc))])))
        }
        guard let fit = s.fit else { return .object(section + [("status", .string("not fitted: \(s.incomplete ?? "incomplete")"))]) }
        let y = fit.youden
        section += [
            ("fit", .object([
                ("supportVectors", .integer(fit.supportVectors)),
                ("decisionValues", .object(zip(fit.caseIds, fit.decisionValues).map { ($0, OrderedJSON.number($1)) })),
                ("auc", .number(fit.roc.auc)),
                ("aucKind", .string("apparent: the fitted cases themselves; cvAUC above is the cross-validated estimate")),
                ("ci", .object([("method", .string("delong")), ("lower", .number(fit.delong.lower)), ("upper", .number(fit.delong.upper))])),
                ("roc", .object([("thresholds", numbers(fit.roc.thresholds)), ("sensitivities", numbers(fit.roc.sensitivities)),
                                 ("specificities", numbers(fit.roc.specificities))])),
                ("youden", .object([("threshold", number(y.threshold)), ("accuracy", number(y.accuracy)),
                                    ("sensitivity", number(y.sensitivity)), ("specificity", number(y.specificity)),
                                    ("ppv", number(y.ppv)), ("npv", number(y.npv))])),
            ])),
        ]
        if !s.cohorts.isEmpty { section.append(("cohorts", .array(s.cohorts.map(SVMEvaluation.render)))) }
        return .object(section)
    }
}
