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

    /// Scores `cases` with the training model: the columns `data.features` (by name), z-scored with the training
    /// centres and scales when the study reduced its features, then the linear predictor at the chosen λ.
    init(name: String, cases: [StudyPlan.ExtractedCase], data: ModelData, model: LassoStudyModel, cutoff: Double) {
        self.name = name
        var ids: [String] = [], outcomes: [Int] = [], columns = [[Double]](repeating: [], count: data.features.count)
        var excluded: [(id: String, reason: String)] = []
        for c in cases {
            let index = Dictionary(c.names.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
            var row: [Double] = []
            var missing: String?
            for name in data.features {
                guard let i = index[name], let v = c.values[i], v.isFinite else { missing = name; break }
                row.append(v)
            }
            if let missing {
                excluded.append((c.id, "feature \(missing) is missing, so the rad-score cannot be computed"))
                continue
            }
            ids.append(c.id)
            outcomes.append(c.outcome)
            for (j, v) in data.scaled(row).enumerated() { columns[j].append(v) }
        }
        caseIds = ids
        self.outcomes = outcomes
        self.excluded = excluded
        var scores: [Double] = []
        if !ids.isEmpty, let x = try? LassoMatrix(columnMajor: columns.flatMap { $0 }, rowCount: ids.count, columnCount: data.features.count),
           let s = try? model.cv.linearPredictor(x, lambda: model.lambda) {
            scores = s
        }
        radScores = scores
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
