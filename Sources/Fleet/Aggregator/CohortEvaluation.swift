import Statistics
import Study

/// The rad-score on a cohort it was not fitted to (internal, external, prospective validation): each case's score
/// from the training model (its features, its λ), the ROC with DeLong's 95% CI, and the 2 × 2 rates at the
/// training cohort's Youden cut-off — as the papers report validation cohorts.
public struct CohortEvaluation: Sendable {
    public struct Discrimination: Sendable {
        public let roc: ROCCurve
        public let delong: DeLongInterval
        /// pROC `coords(roc, x = <training cut-off>, input = "threshold")`.
        public let metrics: ConfusionMetrics

        /// The ROC of `scores` (larger = outcome 1), DeLong's CI, and the rates at `cutoff` — or, without one, at
        /// this cohort's own Youden cut-off (a training cohort).
        init(outcomes: [Int], scores: [Double], cutoff: Double?) throws {
            roc = try ROCCurve(outcomes: outcomes.map(Double.init), scores: scores, direction: .controlsBelowCases)
            delong = DeLongInterval(roc)
            metrics = ConfusionMetrics(roc, threshold: cutoff ?? YoudenCutoff(roc).best.threshold)
        }
    }

    public let name: String
    public let caseIds: [String]
    public let outcomes: [Int]
    public let radScores: [Double]
    /// Cases of the cohort left out (a feature the model uses is missing for them), with the reason.
    public let excluded: [(id: String, reason: String)]
    /// The discrimination, or why there is none (e.g. one outcome class).
    public let discrimination: Result<Discrimination, EvaluationError>

    public var events: Int { outcomes.reduce(0, +) }

    /// The percentile interval of the rad-score's stratified AUC bootstrap on this cohort (the cohort's `bootstrap`
    /// jobs); nil when the study asked for none or the cohort cannot be discriminated.
    public let bootstrap: BootstrapInterval?

    /// The cohort's cases scored with the training model (`CohortScores`: the columns `data.features` by name,
    /// z-scored with the training centres and scales when the study reduced its features, then the linear
    /// predictor at the chosen λ), evaluated at the training cut-off; `bootstrap` from its bootstrap jobs.
    init(_ scored: CohortScores, cutoff: Double, bootstrap: BootstrapInterval?) {
        name = scored.name
        caseIds = scored.caseIds
        outcomes = scored.outcomes
        radScores = scored.radScores
        excluded = scored.excluded
        self.bootstrap = bootstrap
        let ids = scored.caseIds, scores = scored.radScores
        guard scores.count == ids.count, Set(outcomes).count == 2 else {
            discrimination = .failure(EvaluationError(ids.isEmpty ? "no case of the cohort can be scored"
                                                      : "the cohort's scored cases hold one outcome class only"))
            return
        }
        do {
            discrimination = .success(try Discrimination(outcomes: outcomes, scores: scores, cutoff: cutoff))
        } catch {
            discrimination = .failure(EvaluationError("\(error)"))
        }
    }
}

extension ModelEvaluation {
    /// The evaluation cohorts scored with the training model (the plan's `CohortScores`, the numbers its bootstrap
    /// jobs got), each with the interval of its `bootstrap:radscore:c<k>:<b>` blocks when `plan` is given.
    static func cohorts(_ cohorts: [(name: String, cases: [StudyPlan.ExtractedCase])], data: ModelData, model: LassoStudyModel,
                        cutoff: Double, results: [String: String], plan: StudyPlan?) throws -> [CohortEvaluation] {
        let numbers = try plan?.evaluationCohortNumbers() ?? [:]
        return try cohorts.map { c in
            let scored = CohortScores(name: c.name, cases: c.cases, data: data, model: model)
            var interval: BootstrapInterval?
            if let plan, let k = numbers[c.name] {
                let replicates = try plan.bootstrapReplicates({ StudyPlan.cohortBootstrapId(k, $0) }, results: results)
                interval = replicates.isEmpty ? nil : BootstrapInterval(replicates: replicates)
            }
            return CohortEvaluation(scored, cutoff: cutoff, bootstrap: interval)
        }
    }
}
