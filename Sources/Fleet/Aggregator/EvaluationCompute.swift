import Foundation
import Statistics
import Study

extension ModelEvaluation {
    /// Risk thresholds of the decision and clinical impact curves: 0, 0.01, …, 0.99 (rmda's rule, risk > pt), unless
    /// the study's `evaluation.dca` sets them.
    static let thresholds = EvaluationSpec.defaultThresholds
    /// Quantile groups of the calibration curve and the Hosmer–Lemeshow test (deciles, or `evaluation.calibration`).
    static let groups = 10

    /// Evaluates the study's cross-validated LASSO from its data, the whole-data path (`fit:lasso`) and the
    /// `bootstrap` job results (blocks merged by index, as the plan numbered them).
    init(spec: ModelSpec, data: ModelData, full: LogisticLassoPath, model: LassoStudyModel, results: [String: String],
         svm: Result<SVMEvaluation, EvaluationError>?, cohorts: [(name: String, cases: [StudyPlan.ExtractedCase])] = [],
         clinicalOf study: StudyFile? = nil, plan: StudyPlan? = nil, regions: [Result<RegionEvaluation, EvaluationError>] = []) throws {
        self.svm = svm
        self.regions = regions
        let cv = model.cv
        let outcomes = data.outcomes.map(Double.init)
        caseIds = data.caseIds
        self.outcomes = data.outcomes
        radScores = model.radScores
        features = data.features
        droppedFeatures = data.dropped
        reduction = data.reduction

        alpha = spec.alpha
        folds = Set(data.foldIDs).count
        self.cv = cv
        nonZero = cv.lambda.map { l in cv.coefficients(at: l).beta.filter { $0 != 0 }.count }
        rule = model.rule
        lambda = model.lambda
        intercept = model.coefficients.intercept
        selected = zip(data.features, model.coefficients.beta).filter { $0.1 != 0 }.map { (name: $0.0, coefficient: $0.1) }
        pathLambda = full.lambda
        path = data.features.indices.compactMap { j in
            let column = full.beta.map { $0[j] }
            return column.contains { $0 != 0 } ? (name: data.features[j], coefficients: column) : nil
        }

        roc = try ROCCurve(outcomes: outcomes, scores: model.radScores, direction: .controlsBelowCases)
        delong = DeLongInterval(roc)
        var replicates: [Double] = []
        var b = 0
        while let text = results[StudyPlan.bootstrapId(b)] {
            replicates += try JSONDecoder().decode(BootstrapJobOutput.self, from: Data(text.utf8)).auc
            b += 1
        }
        bootstrap = replicates.isEmpty ? nil : BootstrapInterval(replicates: replicates)
        youden = YoudenCutoff(roc).best
        let cutoff = youden.threshold
        self.cohorts = try Self.cohorts(cohorts, data: data, model: model, cutoff: cutoff, results: results, plan: plan)
        if let study, !study.clinical.isEmpty {
            clinical = ClinicalEvaluation.evaluate(study: study, variables: study.clinical,
                                                   training: (data.caseIds, data.outcomes, model.radScores),
                                                   others: self.cohorts.map { ($0.name, $0.caseIds, $0.outcomes, $0.radScores) },
                                                   regionScores: regions.compactMap { try? $0.get() }.map { (ClinicalEvaluation.radScoreTerm + "_" + $0.name, $0.scoreById) })
        } else {
            clinical = nil
        }

        let options = study?.evaluation ?? EvaluationSpec()
        aucInterval = options.ci
        let groups = options.calibrationGroups, thresholds = options.thresholds
        risk = model.radScores.map { 1 / (1 + Foundation.exp(-$0)) }
        calibrationGroups = groups
        calibration = try CalibrationCurve(risk: risk, outcome: outcomes, groups: groups)
        do {
            hosmerLemeshow = .success(try HosmerLemeshow(outcomes: outcomes, fitted: risk, groups: groups))
        } catch {
            hosmerLemeshow = .failure(EvaluationError("Hosmer–Lemeshow test not computed: \(error)"))
        }
        decisionThresholds = thresholds
        decisionCurve = try DecisionCurve(risk: risk, outcome: outcomes, thresholds: thresholds)
        treatAll = try DecisionCurve.treatAll(outcome: outcomes, thresholds: thresholds)
        clinicalImpact = ClinicalImpact(decisionCurve)
        let scored = Self.scoredModels(training: (caseIds, self.outcomes, radScores), cohorts: self.cohorts, clinical: clinical, svm: svm,
                                       regions: regions)
        comparison = ModelComparison(cohorts: scored, nriCategories: options.nriCategories)
        riskCurves = CohortRiskCurves(cohorts: scored, thresholds: thresholds, groups: groups)
    }
}
