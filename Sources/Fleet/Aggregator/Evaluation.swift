import Statistics
import Study

/// The rad-score model of a study and every number of its evaluation, computed once from the stored job results
/// (`ModelEvaluation.init`), then rendered twice: into results.json (`ModelSection.render`) and into the report's
/// tables and figures (`StudyReportWriter`) — so the two cannot disagree.
///
/// Today the study has one cohort (every extracted case trains the model); `performance` is a list of rows
/// (model × cohort) so that validation cohorts and other models (SVM, clinical, combined) become more rows.
public struct ModelEvaluation: Sendable {
    /// The modelled cases (cohort order), their 0/1 outcomes and rad-scores.
    public let caseIds: [String]
    public let outcomes: [Int]
    public let radScores: [Double]
    /// Feature columns the LASSO saw, and those left out (constant or with a missing value in some case).
    public let features: [String]
    public let droppedFeatures: [String]
    /// The study's feature reduction before the LASSO, step by step with the features each left (nil: none).
    public let reduction: [ModelData.ReductionStep]?

    // MARK: LASSO (cv.glmnet)
    public let alpha: Double
    public let folds: Int
    /// `cv$lambda`, `cv$cvm`, `cv$cvsd`, `cv$lambda.min`, `cv$lambda.1se`, the measure and glmnet's notes.
    public let cv: CrossValidatedLasso
    /// Non-zero coefficients at each λ of `cv.lambda` (`cv$nzero`).
    public let nonZero: [Int]
    /// `lambda.min` or `lambda.1se`, and the λ it picks.
    public let rule: String
    public let lambda: Double
    public let intercept: Double
    /// The features with a non-zero coefficient at `lambda`, in column order.
    public let selected: [(name: String, coefficient: Double)]
    /// The whole-data path (`plot(cv$glmnet.fit, xvar = "lambda")`): for each feature non-zero somewhere on it,
    /// its coefficient at every λ of `pathLambda`.
    public let pathLambda: [Double]
    public let path: [(name: String, coefficients: [Double])]

    // MARK: Discrimination
    public let roc: ROCCurve
    public let delong: DeLongInterval
    /// The percentile interval of the stratified bootstrap (`bootstrap` jobs); nil when the study asked for none.
    public let bootstrap: BootstrapInterval?
    /// pROC's `coords(roc, "best", best.method = "youden")`: the cut-off on the rad-score and its 2 × 2 rates.
    public let youden: ConfusionMetrics

    // MARK: Calibration and clinical usefulness, of the risk plogis(rad-score)
    public let risk: [Double]
    public let calibration: CalibrationCurve
    public let calibrationGroups: Int
    /// ResourceSelection::hoslem.test with the same groups, or why it could not be computed.
    public let hosmerLemeshow: Result<HosmerLemeshow, EvaluationError>
    public let decisionThresholds: [Double]
    public let decisionCurve: DecisionCurve
    public let treatAll: DecisionCurve
    public let clinicalImpact: ClinicalImpact

    // MARK: Other cohorts
    /// The rad-score on each cohort it was not fitted to, in cohort-file order (empty without `cohorts:`).
    public let cohorts: [CohortEvaluation]

    // MARK: Other models on the same cases
    /// The SVM grid and fit on the LASSO-selected features (nil: the study asks for none).
    public let svm: Result<SVMEvaluation, EvaluationError>?
    /// The clinical and combined (clinical + rad-score) models (nil: the study has no `clinical:` section).
    public let clinical: Result<ClinicalEvaluation, EvaluationError>?
    /// The deep-feature PCA (`deepFeatures:`) and the multiclass model (`multiclass:`); nil when not asked for.
    public internal(set) var deepFeatures: DeepFeatureProjection? = nil
    public internal(set) var multiclass: Result<MulticlassEvaluation, EvaluationError>? = nil

    // MARK: Further ROIs
    /// The rad-score of each further ROI of `rois:` (second and later), or why it is missing.
    public let regions: [Result<RegionEvaluation, EvaluationError>]

    // MARK: Every model on every cohort
    /// DeLong tests between the models scored on each cohort, and NRI / IDI of the combined model.
    public let comparison: ModelComparison
    /// Calibration, Hosmer–Lemeshow, decision and clinical impact curves of each risk model per cohort.
    public let riskCurves: CohortRiskCurves
    /// Which AUC 95% CI the performance table's main column shows (`evaluation.ci`; `withChosenInterval`).
    public var aucInterval: EvaluationSpec.AUCInterval = .delong

    public var events: Int { outcomes.reduce(0, +) }

    /// One row of the performance table (papers' "AUC (95% CI), ACC, SEN, SPE, PPV, NPV").
    public struct Performance: Sendable {
        public let model: String
        public let cohort: String
        public let cases: Int
        public let events: Int
        public let auc: Double
        public let ci: (method: String, lower: Double, upper: Double)
        public let bootstrap: BootstrapInterval?
        /// The operating point: the Youden cut-off of the training cohort.
        public let metrics: ConfusionMetrics
    }

    /// Rows of the performance table: the rad-score on the training cohort, then on each other cohort (at the
    /// training cut-off), then the SVM at its chosen setting on the training cohort and on each other cohort (at
    /// its own training cut-off).
    public var performance: [Performance] {
        var rows = [Performance(model: "Rad-score", cohort: "training", cases: caseIds.count, events: events, auc: roc.auc,
                                ci: ("DeLong", delong.lower, delong.upper), bootstrap: bootstrap, metrics: youden)]
        for c in cohorts {
            guard case let .success(d) = c.discrimination else { continue }
            rows.append(Performance(model: "Rad-score", cohort: c.name, cases: c.caseIds.count, events: c.events, auc: d.roc.auc,
                                    ci: ("DeLong", d.delong.lower, d.delong.upper), bootstrap: c.bootstrap, metrics: d.metrics))
        }
        for case let .success(r) in regions {
            if case let .success(d) = r.training {
                rows.append(Performance(model: r.label, cohort: "training", cases: r.caseIds.count, events: r.events, auc: d.roc.auc,
                                        ci: ("DeLong", d.delong.lower, d.delong.upper), bootstrap: nil, metrics: d.metrics))
            }
            for c in r.cohorts {
                guard case let .success(d) = c.discrimination else { continue }
                rows.append(Performance(model: r.label, cohort: c.name, cases: c.caseIds.count, events: c.events, auc: d.roc.auc,
                                        ci: ("DeLong", d.delong.lower, d.delong.upper), bootstrap: nil, metrics: d.metrics))
            }
        }
        if case let .success(c)? = clinical {
            for m in [c.clinical, c.combined] {
                for scored in m.cohorts {
                    guard case let .success(d) = scored.discrimination else { continue }
                    rows.append(Performance(model: m.name, cohort: scored.cohort, cases: scored.caseIds.count, events: scored.events,
                                            auc: d.roc.auc, ci: ("DeLong", d.delong.lower, d.delong.upper), bootstrap: nil, metrics: d.metrics))
                }
            }
        }
        if case let .success(s)? = svm, let fit = s.fit {
            rows.append(Performance(model: s.label, cohort: "training", cases: fit.caseIds.count, events: fit.outcomes.reduce(0, +),
                                    auc: fit.roc.auc, ci: ("DeLong", fit.delong.lower, fit.delong.upper), bootstrap: nil, metrics: fit.youden))
            for c in s.cohorts {
                guard case let .success(d) = c.discrimination else { continue }
                rows.append(Performance(model: s.label, cohort: c.name, cases: c.caseIds.count, events: c.events, auc: d.roc.auc,
                                        ci: ("DeLong", d.delong.lower, d.delong.upper), bootstrap: nil, metrics: d.metrics))
            }
        }
        return withChosenInterval(rows)
    }
}

/// Why part of the evaluation is missing, in words for results.json and the report.
public struct EvaluationError: Error, Sendable, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
