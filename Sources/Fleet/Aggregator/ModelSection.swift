import CaseIO
import Foundation
import Statistics
import Study

/// The `model` section of results.json: the cross-validated LASSO (as cv.glmnet reports it), the rad-score of
/// every case, and its evaluation — ROC points, AUC with DeLong's 95% CI and the bootstrap percentile CI from the
/// `bootstrap` jobs, decision curve and binned calibration of plogis(rad-score). Every value comes from job results
/// or is a pure function of them, in plan order, so the section is the same bytes on any number of workers.
enum ModelSection {
    static func assemble(study: StudyFile, results: [String: String]) -> OrderedJSON? {
        guard let spec = study.model else { return nil }
        do {
            let plan = try StudyPlan(study: study)
            let data = try plan.modelData(results: results)
            if let why = StudyPlan.modelIneligibility(data) { return .object([("status", .string("not fitted: \(why)"))]) }
            guard let fitText = results[StudyPlan.lassoFitId] else {
                return .object([("status", .string("not fitted: the fit:lasso job has no result")),
                                ("cases", .integer(data.caseIds.count))])
            }
            let full = try JSONDecoder().decode(LogisticLassoPath.self, from: Data(fitText.utf8))
            let model = try plan.lassoModel(data: data, full: full, results: results)
            return try render(spec: spec, data: data, model: model, results: results)
        } catch {
            return .object([("status", .string("not fitted: \(error)"))])
        }
    }

    static func render(spec: ModelSpec, data: ModelData, model: LassoStudyModel, results: [String: String]) throws -> OrderedJSON {
        let cv = model.cv
        let outcomes = data.outcomes.map(Double.init)
        let selected = zip(data.features, model.coefficients.beta).filter { $0.1 != 0 }
        let curve = try ROCCurve(outcomes: outcomes, scores: model.radScores, direction: .controlsBelowCases)
        let delong = DeLongInterval(curve)
        var bootstrap: [Double] = []
        var b = 0
        while let text = results[StudyPlan.bootstrapId(b)] {
            bootstrap += try JSONDecoder().decode(BootstrapJobOutput.self, from: Data(text.utf8)).auc
            b += 1
        }
        let risk = model.radScores.map { 1 / (1 + Foundation.exp(-$0)) }
        let thresholds = (0..<100).map { Double($0) / 100 }
        let dca = try DecisionCurve(risk: risk, outcome: outcomes, thresholds: thresholds)
        let all = try DecisionCurve.treatAll(outcome: outcomes, thresholds: thresholds)
        let calibration = try CalibrationCurve(risk: risk, outcome: outcomes, groups: 10)

        func numbers(_ xs: [Double]) -> OrderedJSON { .array(xs.map { $0.isFinite ? .number($0) : .null }) }
        var evaluation: [(String, OrderedJSON)] = [
            ("auc", .number(curve.auc)),
            ("ci", .object([("method", .string("delong")), ("lower", .number(delong.lower)), ("upper", .number(delong.upper))])),
        ]
        if !bootstrap.isEmpty {
            let interval = BootstrapInterval(replicates: bootstrap)
            evaluation.append(("bootstrap", .object([
                ("replicates", .integer(bootstrap.count)), ("stratified", .bool(true)),
                ("lower", .number(interval.lower)), ("median", .number(interval.median)), ("upper", .number(interval.upper)),
            ])))
        }
        evaluation += [
            ("roc", .object([("thresholds", numbers(curve.thresholds)), ("sensitivities", numbers(curve.sensitivities)),
                             ("specificities", numbers(curve.specificities))])),
            ("decisionCurve", .object([("thresholds", numbers(thresholds)), ("model", numbers(dca.netBenefit)),
                                       ("treatAll", numbers(all.netBenefit)),
                                       ("treatNone", numbers(thresholds.map { _ in 0 }))])),
            ("calibration", .object([("predicted", numbers(calibration.predicted)), ("observed", numbers(calibration.observed)),
                                     ("count", .array(calibration.count.map(OrderedJSON.integer)))])),
        ]
        return .object([
            ("cases", .integer(data.caseIds.count)),
            ("features", .integer(data.features.count)),
            ("droppedFeatures", .array(data.dropped.map(OrderedJSON.string))),
            ("lasso", .object([
                ("measure", .string(cv.measure.rawValue)),
                ("alpha", .number(spec.alpha)),
                ("folds", .integer(Set(data.foldIDs).count)),
                ("lambda", numbers(cv.lambda)),
                ("cvm", numbers(cv.cvm)),
                ("cvsd", numbers(cv.cvsd)),
                ("nzero", .array(cv.lambda.map { l in .integer(cv.coefficients(at: l).beta.filter { $0 != 0 }.count) })),
                ("lambdaMin", .number(cv.lambdaMin)),
                ("lambda1SE", .number(cv.lambda1SE)),
                ("rule", .string(model.rule)),
                ("lambda.chosen", .number(model.lambda)),
                ("coefficients", .object([("(Intercept)", .number(model.coefficients.intercept))]
                                         + selected.map { ($0.0, OrderedJSON.number($0.1)) })),
                ("notes", .array(cv.notes.map(OrderedJSON.string))),
            ])),
            ("radScore", .object(zip(data.caseIds, model.radScores).map { ($0, OrderedJSON.number($1)) })),
            ("evaluation", .object(evaluation)),
        ])
    }
}
