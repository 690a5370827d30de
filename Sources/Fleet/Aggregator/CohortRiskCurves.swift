import Statistics
import Study

/// Calibration, Hosmer–Lemeshow, decision curves and the clinical impact curve of every risk model on every cohort
/// (risk = plogis(score) of a `ScoredModel`): the binned calibration curve and ResourceSelection::hoslem.test with the
/// study's `evaluation.calibration.groups`, rmda-style net benefit at `evaluation.dca` thresholds with treat-all /
/// treat-none, and the clinical impact of the combined model (the rad-score where there is none).
public struct CohortRiskCurves: Sendable {
    public struct Model: Sendable {
        public let model: String
        public let cases: Int, events: Int
        public let risk: [Double]
        public let calibration: Result<CalibrationCurve, EvaluationError>
        public let hosmerLemeshow: Result<HosmerLemeshow, EvaluationError>
        public let decisionCurve: Result<DecisionCurve, EvaluationError>
    }

    public struct Cohort: Sendable {
        public let name: String
        public let models: [Model]
        /// Net benefit of treating everyone (the first model's cases), nil when not computable.
        public let treatAll: [Double]?
        /// The model of the clinical impact curve and the curve.
        public let clinicalImpact: (model: String, curve: ClinicalImpact)?
    }

    public let thresholds: [Double]
    public let groups: Int
    public let cohorts: [Cohort]

    public init(cohorts: [(name: String, models: [ScoredModel])], thresholds: [Double], groups: Int) {
        self.thresholds = thresholds
        self.groups = groups
        self.cohorts = cohorts.map { cohort in
            let models: [Model] = cohort.models.filter(\.isRisk).map { m in
                let risk = m.risk, y = m.outcomes.map(Double.init)
                func attempt<T>(_ what: String, _ body: () throws -> T) -> Result<T, EvaluationError> {
                    do { return .success(try body()) } catch { return .failure(EvaluationError("\(what) not computed: \(error)")) }
                }
                return Model(model: m.model, cases: m.caseIds.count, events: m.outcomes.reduce(0, +), risk: risk,
                             calibration: attempt("calibration curve") { try CalibrationCurve(risk: risk, outcome: y, groups: groups) },
                             hosmerLemeshow: attempt("Hosmer–Lemeshow test") { try HosmerLemeshow(outcomes: y, fitted: risk, groups: groups) },
                             decisionCurve: attempt("decision curve") { try DecisionCurve(risk: risk, outcome: y, thresholds: thresholds) })
            }
            let first = cohort.models.first(where: \.isRisk)
            let treatAll = first.flatMap { try? DecisionCurve.treatAll(outcome: $0.outcomes.map(Double.init), thresholds: thresholds).netBenefit }
            let impactModel = models.first { $0.model == "Combined" } ?? models.first
            var impact: (String, ClinicalImpact)?
            if let impactModel, case let .success(dc) = impactModel.decisionCurve { impact = (impactModel.model, ClinicalImpact(dc)) }
            return Cohort(name: cohort.name, models: models, treatAll: treatAll, clinicalImpact: impact)
        }
    }
}

extension ModelEvaluation {
    /// Every model scored on each cohort — training first, then the other cohorts in cohort-file order — as the
    /// comparisons and per-cohort curves take them: the rad-score, the clinical and combined models, and the SVM
    /// where it has scores on the cohort (decision values: DeLong only).
    public var scoredModels: [(name: String, models: [ScoredModel])] {
        Self.scoredModels(training: (caseIds, outcomes, radScores), cohorts: cohorts, clinical: clinical, svm: svm, regions: regions)
    }

    static func scoredModels(training: (ids: [String], outcomes: [Int], scores: [Double]), cohorts: [CohortEvaluation],
                             clinical: Result<ClinicalEvaluation, EvaluationError>?,
                             svm: Result<SVMEvaluation, EvaluationError>?,
                             regions: [Result<RegionEvaluation, EvaluationError>] = []) -> [(name: String, models: [ScoredModel])] {
        var out: [(name: String, models: [ScoredModel])] = [
            ("training", [ScoredModel(model: "Rad-score", caseIds: training.ids, outcomes: training.outcomes, scores: training.scores)]),
        ]
        for c in cohorts where !c.radScores.isEmpty && c.radScores.count == c.caseIds.count {
            out.append((c.name, [ScoredModel(model: "Rad-score", caseIds: c.caseIds, outcomes: c.outcomes, scores: c.radScores)]))
        }
        func add(_ cohort: String, _ scored: ScoredModel) {
            if let k = out.firstIndex(where: { $0.name == cohort }) { out[k].models.append(scored) } else { out.append((cohort, [scored])) }
        }
        for case let .success(r) in regions {
            add("training", ScoredModel(model: r.label, caseIds: r.caseIds, outcomes: r.outcomes, scores: r.radScores))
            for c in r.cohorts where !c.radScores.isEmpty && c.radScores.count == c.caseIds.count {
                add(c.name, ScoredModel(model: r.label, caseIds: c.caseIds, outcomes: c.outcomes, scores: c.radScores))
            }
        }
        if case let .success(clinical)? = clinical {
            for m in [clinical.clinical, clinical.combined] {
                for s in m.cohorts {
                    let scored = ScoredModel(model: m.name, caseIds: s.caseIds, outcomes: s.outcomes, scores: s.scores)
                    if let k = out.firstIndex(where: { $0.name == s.cohort }) { out[k].models.append(scored) } else { out.append((s.cohort, [scored])) }
                }
            }
        }
        if case let .success(s)? = svm, let fit = s.fit {
            out[0].models.append(ScoredModel(model: s.label, caseIds: fit.caseIds, outcomes: fit.outcomes, scores: fit.decisionValues, isRisk: false))
            for c in s.cohorts where !c.caseIds.isEmpty && c.decisionValues.count == c.caseIds.count {
                add(c.name, ScoredModel(model: s.label, caseIds: c.caseIds, outcomes: c.outcomes, scores: c.decisionValues, isRisk: false))
            }
        }
        return out
    }
}
