import Foundation
import Statistics
import Study

/// The rad-score of a further ROI (the lymph node of seed 001): its own cross-validated LASSO on its own features
/// (`fit:lasso:<roi>`, `cvfold:lasso:<roi>:<k>`), its scores on the training cases and on every other cohort, and
/// their discrimination — which the combined model takes as one more term.
public struct RegionEvaluation: Sendable {
    public let name: String
    /// The model label in tables and figures: "Rad-score (<roi>)".
    public var label: String { "Rad-score (\(name))" }
    public let caseIds: [String]
    public let outcomes: [Int]
    public let radScores: [Double]
    public let features: [String]
    public let reduction: [ModelData.ReductionStep]?
    public let cv: CrossValidatedLasso
    public let rule: String
    public let lambda: Double
    public let intercept: Double
    public let selected: [(name: String, coefficient: Double)]
    /// Training discrimination, with its own Youden cut-off (the one applied to the other cohorts).
    public let training: Result<CohortEvaluation.Discrimination, EvaluationError>
    public let cohorts: [CohortEvaluation]

    public var events: Int { outcomes.reduce(0, +) }

    /// ROI `region` of the study from the stored results; failure names what is missing.
    static func evaluate(plan: StudyPlan, region: Int, results: [String: String]) -> Result<RegionEvaluation, EvaluationError> {
        let name = plan.study.regions[region].name
        do {
            let data = try plan.modelData(results: results, region: region)
            if let why = StudyPlan.modelIneligibility(data) { return .failure(EvaluationError("ROI '\(name)': \(why)")) }
            let fitId = plan.lassoFitId(region: region)
            guard let fitText = results[fitId] else { return .failure(EvaluationError("ROI '\(name)': the \(fitId) job has no result")) }
            let full = try JSONDecoder().decode(LogisticLassoPath.self, from: Data(fitText.utf8))
            let model = try plan.lassoModel(data: data, full: full, results: results, region: region)
            return .success(RegionEvaluation(name: name, data: data, model: model,
                                             cohorts: try plan.evaluationCohorts(results: results, region: region)))
        } catch {
            return .failure(EvaluationError("ROI '\(name)': \(error)"))
        }
    }

    init(name: String, data: ModelData, model: LassoStudyModel, cohorts: [(name: String, cases: [StudyPlan.ExtractedCase])]) {
        self.name = name
        caseIds = data.caseIds
        outcomes = data.outcomes
        radScores = model.radScores
        features = data.features
        reduction = data.reduction
        cv = model.cv
        rule = model.rule
        lambda = model.lambda
        intercept = model.coefficients.intercept
        selected = zip(data.features, model.coefficients.beta).filter { $0.1 != 0 }.map { (name: $0.0, coefficient: $0.1) }
        let training = Result<CohortEvaluation.Discrimination, Error> {
            try CohortEvaluation.Discrimination(outcomes: data.outcomes, scores: model.radScores, cutoff: nil)
        }.mapError { EvaluationError("\($0)") }
        self.training = training
        let cutoff = (try? training.get().metrics.threshold) ?? 0
        self.cohorts = cohorts.map { CohortEvaluation(CohortScores(name: $0.name, cases: $0.cases, data: data, model: model), cutoff: cutoff, bootstrap: nil) }
    }

    /// This ROI's score of each case by id (training and other cohorts).
    public var scoreById: [String: Double] {
        var out = Dictionary(zip(caseIds, radScores), uniquingKeysWith: { a, _ in a })
        for c in cohorts { for (id, s) in zip(c.caseIds, c.radScores) { out[id] = s } }
        return out
    }
}
