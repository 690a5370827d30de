import Statistics
import Study

extension ModelEvaluation {
    /// One model's scores on one cohort (larger = outcome 1): the cases it scored, their outcomes and scores. Models
    /// may score different cases of a cohort (the clinical models leave out cases with a missing clinical value), so
    /// a paired comparison (DeLong's test) pairs them by case id.
    public struct ModelScores: Sendable {
        public let model: String
        public let caseIds: [String]
        public let outcomes: [Int]
        public let scores: [Double]
    }

    /// Every model's scores per cohort — the training cohort first, then each evaluation cohort in cohort-file
    /// order — in the performance table's model order: the rad-score, the clinical and combined models (when
    /// fitted), the SVM at its chosen setting (when fitted and scored on the cohort). For comparisons across models.
    public var scoresByCohort: [(cohort: String, models: [ModelScores])] {
        var svmFit: SVMEvaluation?
        if case let .success(s)? = svm, s.fit != nil { svmFit = s }
        var clinicalModels: [ClinicalEvaluation.Model] = []
        if case let .success(c)? = clinical { clinicalModels = [c.clinical, c.combined] }
        /// The other models on an evaluation cohort, or (nil) on the training cohort (each model's first cohort).
        func others(_ cohort: String?) -> [ModelScores] {
            var out = clinicalModels.compactMap { m in
                (cohort.map { name in m.cohorts.dropFirst().first { $0.cohort == name } } ?? m.cohorts.first)
                    .map { ModelScores(model: m.name, caseIds: $0.caseIds, outcomes: $0.outcomes, scores: $0.scores) }
            }
            if let s = svmFit {
                if cohort == nil, let fit = s.fit {
                    out.append(ModelScores(model: s.label, caseIds: fit.caseIds, outcomes: fit.outcomes, scores: fit.decisionValues))
                } else if let c = s.cohorts.first(where: { $0.name == cohort }), c.decisionValues.count == c.caseIds.count, !c.caseIds.isEmpty {
                    out.append(ModelScores(model: s.label, caseIds: c.caseIds, outcomes: c.outcomes, scores: c.decisionValues))
                }
            }
            return out
        }
        var out = [(cohort: "training", models: [ModelScores(model: "Rad-score", caseIds: caseIds, outcomes: outcomes, scores: radScores)]
                    + others(nil))]
        for c in cohorts {
            let rad = c.radScores.count == c.caseIds.count && !c.caseIds.isEmpty
                ? [ModelScores(model: "Rad-score", caseIds: c.caseIds, outcomes: c.outcomes, scores: c.radScores)] : []
            out.append((c.name, rad + others(c.name)))
        }
        return out
    }
}
