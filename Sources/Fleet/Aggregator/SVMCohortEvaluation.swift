import CaseIO
import Statistics
import Study

extension SVMEvaluation {
    /// The SVM on a cohort it was not fitted to: its cases' decision values from `fit:svm` (the model trained on
    /// the training cohort), the ROC with DeLong's 95% CI, and the 2 × 2 rates at the SVM's training Youden
    /// cut-off — the same cases the rad-score is evaluated on (`CohortScores`).
    public struct Cohort: Sendable {
        public let name: String
        public let caseIds: [String]
        public let outcomes: [Int]
        public let decisionValues: [Double]
        public let discrimination: Result<CohortEvaluation.Discrimination, EvaluationError>

        public var events: Int { outcomes.reduce(0, +) }
    }

    /// Each evaluation cohort's SVM evaluation from the `fit:svm` output, in cohort order; a cohort the output
    /// does not score (a result stored before cohorts were scored, or a mismatch) says why.
    static func cohorts(_ output: SVMFitJobOutput, cutoff: Double, plan: StudyPlan, data: ModelData, lasso: LassoStudyModel,
                        results: [String: String]) throws -> [Cohort] {
        let scored = Dictionary(uniqueKeysWithValues: (output.cohorts ?? []).map { ($0.cohort, $0.decisionValues) })
        return try plan.cohortScores(data: data, model: lasso, results: results).map { c in
            guard let values = scored[c.name], values.count == c.caseIds.count else {
                return Cohort(name: c.name, caseIds: c.caseIds, outcomes: c.outcomes, decisionValues: [], discrimination: .failure(EvaluationError(
                    "the fit:svm result holds no decision values for this cohort's \(c.caseIds.count) scored cases")))
            }
            let discrimination: Result<CohortEvaluation.Discrimination, EvaluationError>
            if values.isEmpty || Set(c.outcomes).count < 2 {
                discrimination = .failure(EvaluationError(values.isEmpty ? "no case of the cohort can be scored"
                                                          : "the cohort's scored cases hold one outcome class only"))
            } else {
                do {
                    discrimination = .success(try CohortEvaluation.Discrimination(outcomes: c.outcomes, scores: values, cutoff: cutoff))
                } catch {
                    discrimination = .failure(EvaluationError("\(error)"))
                }
            }
            return Cohort(name: c.name, caseIds: c.caseIds, outcomes: c.outcomes, decisionValues: values, discrimination: discrimination)
        }
    }

    /// results.json's `svm.cohorts[]`: each cohort's decision values, AUC with DeLong CI, ROC and the rates at the
    /// SVM's training Youden cut-off.
    static func render(_ c: Cohort) -> OrderedJSON {
        func number(_ x: Double) -> OrderedJSON { x.isFinite ? .number(x) : .null }
        var fields: [(String, OrderedJSON)] = [
            ("name", .string(c.name)), ("cases", .integer(c.caseIds.count)), ("events", .integer(c.events)),
            ("decisionValues", .object(zip(c.caseIds, c.decisionValues).map { ($0, OrderedJSON.number($1)) })),
        ]
        switch c.discrimination {
        case let .failure(why):
            fields.append(("status", .string("not evaluated: \(why.description)")))
        case let .success(d):
            let m = d.metrics
            fields += [
                ("auc", .number(d.roc.auc)),
                ("ci", .object([("method", .string("delong")), ("lower", .number(d.delong.lower)), ("upper", .number(d.delong.upper))])),
                ("roc", .object([("thresholds", .array(d.roc.thresholds.map(number))),
                                 ("sensitivities", .array(d.roc.sensitivities.map(number))),
                                 ("specificities", .array(d.roc.specificities.map(number)))])),
                ("atTrainingCutoff", .object([
                    ("threshold", number(m.threshold)), ("accuracy", number(m.accuracy)),
                    ("sensitivity", number(m.sensitivity)), ("specificity", number(m.specificity)),
                    ("ppv", number(m.ppv)), ("npv", number(m.npv)),
                    ("tp", .number(m.tp)), ("fp", .number(m.fp)), ("tn", .number(m.tn)), ("fn", .number(m.fn)),
                ])),
            ]
        }
        return .object(fields)
    }
}
