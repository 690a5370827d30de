import CaseIO
import Foundation
import Statistics
import Study

/// The study's model, or why there is none (too few cases, a missing job result, …).
public enum ModelOutcome: Sendable {
    case evaluated(ModelEvaluation)
    /// The reason, and the number of modelled cases when it is known.
    case notFitted(reason: String, cases: Int?)
}

/// The `model` section of results.json: the cross-validated LASSO (as cv.glmnet reports it), the rad-score of
/// every case, and its evaluation — ROC points, AUC with DeLong's 95% CI and the bootstrap percentile CI from the
/// `bootstrap` jobs, the Youden cut-off, decision and clinical impact curves, binned calibration and the
/// Hosmer–Lemeshow test of plogis(rad-score). Every value comes from job results or is a pure function of them, in
/// plan order, so the section is the same bytes on any number of workers.
package enum ModelSection {
    /// The model of `study` from the stored results (job id → output), or nil when the study asks for none.
    package static func evaluate(study: StudyFile, results: [String: String]) -> ModelOutcome? {
        guard let spec = study.model else { return nil }
        do {
            let plan = try StudyPlan(study: study)
            let data = try plan.modelData(results: results)
            if let why = StudyPlan.modelIneligibility(data) { return .notFitted(reason: why, cases: nil) }
            guard let fitText = results[StudyPlan.lassoFitId] else {
                return .notFitted(reason: "the fit:lasso job has no result", cases: data.caseIds.count)
            }
            let full = try JSONDecoder().decode(LogisticLassoPath.self, from: Data(fitText.utf8))
            let model = try plan.lassoModel(data: data, full: full, results: results)
            let svm = SVMSection.evaluate(spec: spec, plan: plan, data: data, lasso: model, results: results)
            let regions = study.regions.indices.dropFirst().map { RegionEvaluation.evaluate(plan: plan, region: $0, results: results) }
            var evaluation = try ModelEvaluation(spec: spec, data: data, full: full, model: model, results: results, svm: svm,
                                                 cohorts: try plan.evaluationCohorts(results: results), clinicalOf: study, plan: plan,
                                                 regions: regions)
            evaluation.addDeepFeaturesAndMulticlass(study: study, plan: plan)
            return .evaluated(evaluation)
        } catch {
            return .notFitted(reason: "\(error)", cases: nil)
        }
    }

    package static func render(_ outcome: ModelOutcome) -> OrderedJSON {
        switch outcome {
        case let .evaluated(e): return render(e)
        case let .notFitted(reason, cases):
            return .object([("status", .string("not fitted: \(reason)"))] + (cases.map { [("cases", .integer($0))] } ?? []))
        }
    }

    static func numbers(_ xs: [Double]) -> OrderedJSON { .array(xs.map(finite)) }
    static func finite(_ x: Double) -> OrderedJSON { x.isFinite ? .number(x) : .null }

    static func render(_ e: ModelEvaluation) -> OrderedJSON {
        let cv = e.cv
        var reduction: [(String, OrderedJSON)] = []
        if let steps = e.reduction {
            let items: [OrderedJSON] = steps.map { step in
                OrderedJSON.object([("step", OrderedJSON.string(step.step)), ("features", OrderedJSON.integer(step.features))])
            }
            reduction = [("featureReduction", OrderedJSON.array(items))]
        }
        return .object([
            ("cases", .integer(e.caseIds.count)),
            ("features", .integer(e.features.count)),
            ("droppedFeatures", .array(e.droppedFeatures.map(OrderedJSON.string))),
        ] + reduction + [
            ("lasso", .object([
                ("measure", .string(cv.measure.rawValue)),
                ("alpha", .number(e.alpha)),
                ("folds", .integer(e.folds)),
                ("lambda", numbers(cv.lambda)),
                ("cvm", numbers(cv.cvm)),
                ("cvsd", numbers(cv.cvsd)),
                ("nzero", .array(e.nonZero.map(OrderedJSON.integer))),
                ("lambdaMin", .number(cv.lambdaMin)),
                ("lambda1SE", .number(cv.lambda1SE)),
                ("rule", .string(e.rule)),
                ("lambda.chosen", .number(e.lambda)),
                ("coefficients", .object([("(Intercept)", .number(e.intercept))]
                                         + e.selected.map { ($0.name, OrderedJSON.number($0.coefficient)) })),
                ("notes", .array(cv.notes.map(OrderedJSON.string))),
                ("path", .object([
                    ("lambda", numbers(e.pathLambda)),
                    ("coefficients", .object(e.path.map { ($0.name, numbers($0.coefficients)) })),
                ])),
            ])),
            ("radScore", .object(zip(e.caseIds, e.radScores).map { ($0, OrderedJSON.number($1)) })),
            ("evaluation", evaluation(e)),
        ] + optionalSections(e))
    }

    /// The parts of `model` a study may not have: other cohorts, the clinical models, further ROIs.
    static func optionalSections(_ e: ModelEvaluation) -> [(String, OrderedJSON)] {
        var out: [(String, OrderedJSON)] = []
        if !e.cohorts.isEmpty { out.append(("cohorts", .array(e.cohorts.map(cohort)))) }
        if let c = e.clinical { out.append(("clinical", clinical(c))) }
        out += [("comparisons", comparisons(e.comparison)), ("riskCurves", riskCurves(e.riskCurves))]
        if !e.regions.isEmpty { out.append(("regions", .array(e.regions.map(region)))) }
        out += MulticlassSection.modelFields(e)
        return out
    }

    /// The clinical and combined models: the univariable screen, each model's coefficient table (OR with Wald 95%
    /// CI and p) and its AUC with DeLong CI per cohort at its training cut-off.
    static func clinical(_ outcome: Result<ClinicalEvaluation, EvaluationError>) -> OrderedJSON {
        guard case let .success(c) = outcome else {
            if case let .failure(e) = outcome { return .object([("status", .string("not fitted: \(e.description)"))]) }
            return .null
        }
        func model(_ m: ClinicalEvaluation.Model) -> OrderedJSON {
            let table: [OrderedJSON] = m.fit.coefficients.map { k in
                .object([("term", .string(k.term)), ("estimate", finite(k.estimate)), ("oddsRatio", finite(k.oddsRatio)),
                         ("ciLower", finite(k.ciLower)), ("ciUpper", finite(k.ciUpper)), ("pValue", finite(k.pValue))])
            }
            let cohorts: [OrderedJSON] = m.cohorts.map { s in
                var fields: [(String, OrderedJSON)] = [("name", .string(s.cohort)), ("cases", .integer(s.caseIds.count)), ("events", .integer(s.events)),
                                                       ("scores", .object(zip(s.caseIds, s.scores).map { ($0, finite($1)) }))]
                switch s.discrimination {
                case let .failure(why): fields.append(("status", .string("not evaluated: \(why.description)")))
                case let .success(d):
                    fields += [("auc", .number(d.roc.auc)),
                               ("ci", .object([("method", .string("delong")), ("lower", .number(d.delong.lower)), ("upper", .number(d.delong.upper))])),
                               ("accuracy", finite(d.metrics.accuracy)), ("sensitivity", finite(d.metrics.sensitivity)),
                               ("specificity", finite(d.metrics.specificity)), ("ppv", finite(d.metrics.ppv)), ("npv", finite(d.metrics.npv))]
                }
                return .object(fields)
            }
            return .object([("terms", .array(m.fit.terms.map(OrderedJSON.string))), ("aic", finite(m.fit.aic)), ("cutoff", finite(m.cutoff)),
                            ("coefficients", .array(table)), ("cohorts", .array(cohorts))])
        }
        let rule = c.spec.selection
        var selection: [(String, OrderedJSON)] = [("screen", .number(rule.screenThreshold)),
                                                  ("selection", .string(rule.direction?.rawValue ?? "none"))]
        switch rule.criterion {
        case .aic: selection.append(("criterion", .string("aic")))
        case let .pValue(enter, stay): selection += [("criterion", .string("p")), ("enter", .number(enter)), ("stay", .number(stay))]
        }
        return .object([
            ("selection", .object(selection)),
            ("univariable", .array(c.univariable.map { t in
                .object([("term", .string(t.term)), ("pValue", finite(t.pValue)), ("selected", .bool(t.selected))])
            })),
            ("clinical", model(c.clinical)),
            ("combined", model(c.combined)),
            ("excluded", .array(c.excluded.map { .object([("id", .string($0.id)), ("reason", .string($0.reason))]) })),
            ("nomogram", nomogram(c.nomogram, caseIds: c.nomogramCaseIds)),
        ] + (c.calibration.map { [("calibration", nomogramCalibration($0))] } ?? []))
    }

    /// A cohort the model was not fitted to: its cases' rad-scores, AUC with DeLong CI, ROC, and the rates at the
    /// training cohort's Youden cut-off.
    static func cohort(_ c: CohortEvaluation) -> OrderedJSON {
        var fields: [(String, OrderedJSON)] = [
            ("name", .string(c.name)), ("cases", .integer(c.caseIds.count)), ("events", .integer(c.events)),
            ("excluded", .array(c.excluded.map { .object([("id", .string($0.id)), ("reason", .string($0.reason))]) })),
            ("radScore", .object(zip(c.caseIds, c.radScores).map { ($0, OrderedJSON.number($1)) })),
        ]
        if let interval = c.bootstrap { fields.append(("bootstrap", bootstrap(interval))) }
        switch c.discrimination {
        case let .failure(why):
            fields.append(("status", .string("not evaluated: \(why.description)")))
        case let .success(d):
            fields += discrimination(d)
        }
        return .object(fields)
    }

    /// A cohort's discrimination at a training cut-off: AUC with DeLong CI, ROC points and the 2 × 2 rates
    /// (`atTrainingCutoff`) — for the rad-score's and the SVM's evaluation cohorts alike.
    static func discrimination(_ d: CohortEvaluation.Discrimination) -> [(String, OrderedJSON)] {
        let m = d.metrics
        return [
            ("auc", finite(d.roc.auc)),
            ("ci", .object([("method", .string("delong")), ("lower", finite(d.delong.lower)), ("upper", finite(d.delong.upper))])),
            ("roc", .object([("thresholds", numbers(d.roc.thresholds)), ("sensitivities", numbers(d.roc.sensitivities)),
                             ("specificities", numbers(d.roc.specificities))])),
            ("atTrainingCutoff", .object([
                ("threshold", finite(m.threshold)), ("accuracy", finite(m.accuracy)),
                ("sensitivity", finite(m.sensitivity)), ("specificity", finite(m.specificity)),
                ("ppv", finite(m.ppv)), ("npv", finite(m.npv)),
                ("tp", .number(m.tp)), ("fp", .number(m.fp)), ("tn", .number(m.tn)), ("fn", .number(m.fn)),
            ])),
        ]
    }

    /// A percentile bootstrap interval of an AUC (stratified replicates from the `bootstrap` jobs).
    static func bootstrap(_ interval: BootstrapInterval) -> OrderedJSON {
        .object([("replicates", .integer(interval.count)), ("stratified", .bool(true)),
                 ("lower", .number(interval.lower)), ("median", .number(interval.median)), ("upper", .number(interval.upper))])
    }

    static func evaluation(_ e: ModelEvaluation) -> OrderedJSON {
        var fields: [(String, OrderedJSON)] = [
            ("auc", .number(e.roc.auc)),
            ("ci", .object([("method", .string("delong")), ("lower", .number(e.delong.lower)), ("upper", .number(e.delong.upper))])),
        ]
        if let interval = e.bootstrap {
            fields.append(("bootstrap", bootstrap(interval)))
        }
        let y = e.youden
        fields += [
            ("roc", .object([("thresholds", numbers(e.roc.thresholds)), ("sensitivities", numbers(e.roc.sensitivities)),
                             ("specificities", numbers(e.roc.specificities))])),
            ("decisionCurve", .object([("thresholds", numbers(e.decisionThresholds)), ("model", numbers(e.decisionCurve.netBenefit)),
                                       ("treatAll", numbers(e.treatAll.netBenefit)),
                                       ("treatNone", numbers(e.decisionThresholds.map { _ in 0 }))])),
            ("calibration", .object([("predicted", numbers(e.calibration.predicted)), ("observed", numbers(e.calibration.observed)),
                                     ("count", .array(e.calibration.count.map(OrderedJSON.integer)))])),
            ("youden", .object([
                ("threshold", .number(y.threshold)), ("accuracy", .number(y.accuracy)),
                ("sensitivity", .number(y.sensitivity)), ("specificity", .number(y.specificity)),
                ("ppv", .number(y.ppv)), ("npv", .number(y.npv)),
                ("tp", .number(y.tp)), ("fp", .number(y.fp)), ("tn", .number(y.tn)), ("fn", .number(y.fn)),
            ])),
            ("hosmerLemeshow", hosmerLemeshow(e)),
            ("clinicalImpact", .object([
                ("populationSize", .number(e.clinicalImpact.populationSize)),
                ("numberHighRisk", numbers(e.clinicalImpact.numberHighRisk)),
                ("numberHighRiskWithEvent", numbers(e.clinicalImpact.numberHighRiskWithEvent)),
            ])),
        ]
        return .object(fields)
    }

    static func hosmerLemeshow(_ e: ModelEvaluation) -> OrderedJSON {
        switch e.hosmerLemeshow {
        case let .success(hl):
            return .object([("groups", .integer(e.calibrationGroups)), ("statistic", .number(hl.statistic)),
                            ("df", .integer(hl.df)), ("pValue", .number(hl.pValue))])
        case let .failure(why):
            return .object([("groups", .integer(e.calibrationGroups)), ("status", .string(why.description))])
        }
    }
}
