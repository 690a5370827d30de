import CaseIO
import Statistics

/// A cohort the models were not fitted to (internal, external, prospective validation), scored with the training
/// rad-score model: each case's feature row by the training columns `data.features` (matched by name), on the
/// scale the LASSO saw (`ModelData.scaled`: the training z-scores when the study reduced its features), and its
/// rad-score, the linear predictor at the chosen λ. The plan (the cohort's `bootstrap` jobs, the rows `fit:svm`
/// scores) and the aggregator (`CohortEvaluation`) both take a cohort's numbers from here, so they cannot differ.
public struct CohortScores: Sendable {
    public let name: String
    /// The scored cases, in cohort order, and their 0/1 outcomes.
    public let caseIds: [String]
    public let outcomes: [Int]
    /// Each scored case's values of `data.features`, on the LASSO's scale.
    public let rows: [[Double]]
    /// The rad-score of each scored case; empty when the linear predictor could not be computed.
    public let radScores: [Double]
    /// Cases of the cohort left out (a feature the model uses is missing for them), with the reason.
    public let excluded: [(id: String, reason: String)]

    public var events: Int { outcomes.reduce(0, +) }

    /// Whether the rad-score's AUC can be computed on the cohort: every case scored, both outcome classes present.
    public var isDiscriminable: Bool { !caseIds.isEmpty && radScores.count == caseIds.count && Set(outcomes).count == 2 }

    public init(name: String, cases: [StudyPlan.ExtractedCase], data: ModelData, model: LassoStudyModel) {
        self.name = name
        var ids: [String] = [], outcomes: [Int] = [], rows: [[Double]] = []
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
            rows.append(data.scaled(row))
        }
        caseIds = ids
        self.outcomes = outcomes
        self.rows = rows
        self.excluded = excluded
        var scores: [Double] = []
        let columns = data.features.indices.flatMap { j in rows.map { $0[j] } }
        if !ids.isEmpty, let x = try? LassoMatrix(columnMajor: columns, rowCount: ids.count, columnCount: data.features.count),
           let s = try? model.cv.linearPredictor(x, lambda: model.lambda) {
            scores = s
        }
        radScores = scores
    }
}

extension StudyPlan {
    /// Every evaluation cohort (`evaluationCohorts`) scored with the training model, in order of first appearance.
    public func cohortScores(data: ModelData, model: LassoStudyModel, results: [String: String]) throws -> [CohortScores] {
        try evaluationCohorts(results: results).map { CohortScores(name: $0.name, cases: $0.cases, data: data, model: model) }
    }

    /// The number k = 1, 2, … of each cohort that is not the training one, in order of first appearance in the
    /// cohort file (every row, extracted or not, so a failed extraction renumbers nothing); empty without
    /// `cohorts:`. Job ids use the number, never the name, which may hold any character a CSV cell can.
    public func evaluationCohortNumbers() throws -> [String: Int] {
        guard let split = study.cohortSplit else { return [:] }
        let file = study.cohort
        let names = try study.cohortColumn(ids: try DataTable.textColumn("id", of: file))
        var numbers: [String: Int] = [:]
        for name in names where name != split.training && numbers[name] == nil { numbers[name] = numbers.count + 1 }
        return numbers
    }
}

extension StudyPlan {
    /// What `fit:svm` scores besides its training cases: each evaluation cohort's scored cases (`CohortScores`) by
    /// the SVM's columns (the LASSO-selected features, in column order, as `svmData`), on the LASSO's scale; nil
    /// without `cohorts:`.
    public func svmCohortRows(data: ModelData, model: LassoStudyModel, results: [String: String]) throws -> [SVMCohortRows]? {
        guard study.cohortSplit != nil else { return nil }
        let beta = model.coefficients.beta
        let selected = beta.indices.filter { beta[$0] != 0 }
        return try cohortScores(data: data, model: model, results: results).map { c in
            SVMCohortRows(cohort: c.name, caseIds: c.caseIds, rows: c.rows.map { row in selected.map { row[$0] } })
        }
    }
}
