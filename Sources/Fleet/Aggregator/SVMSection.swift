import CaseIO
import Foundation
import Statistics
import Study

/// The `svm` section of results.json: the grid (each setting's cost, γ, CV AUC of the pooled held-out decision
/// values and per-fold AUCs, from the `gridpoint` jobs), the chosen setting, and the final fit on every case
/// (`fit:svm`): its apparent AUC with DeLong's 95% CI and ROC points. Only values from job results or pure
/// functions of them, in grid order, so the section is the same bytes on any number of workers.
enum SVMSection {
    static func assemble(study: StudyFile, results: [String: String]) -> OrderedJSON? {
        guard let model = study.model, let spec = model.svm else { return nil }
        func status(_ text: String) -> OrderedJSON { .object([("status", .string("not fitted: \(text)"))]) }
        do {
            let plan = try StudyPlan(study: study)
            let data = try plan.modelData(results: results)
            if let why = StudyPlan.modelIneligibility(data) { return status(why) }
            guard let fitText = results[StudyPlan.lassoFitId] else { return status("the fit:lasso job has no result") }
            let full = try JSONDecoder().decode(LogisticLassoPath.self, from: Data(fitText.utf8))
            let lasso = try plan.lassoModel(data: data, full: full, results: results)
            guard let svmData = StudyPlan.svmData(data, lasso) else { return status("the LASSO selected no feature") }
            let settings = SVMSetting.grid(spec)
            guard let grid = try plan.gridPointOutputs(settings.count, results: results) else {
                return status("a gridpoint job has no result (see failures)")
            }
            return try render(spec: spec, data: svmData, grid: grid, results: results)
        } catch {
            return status("\(error)")
        }
    }

    static func render(spec: SVMSpec, data: ModelData, grid: [SVMGridPointJobOutput], results: [String: String]) throws -> OrderedJSON {
        func number(_ x: Double?) -> OrderedJSON { x.map { $0.isFinite ? .number($0) : .null } ?? .null }
        func numbers(_ xs: [Double]) -> OrderedJSON { .array(xs.map { number($0) }) }
        let table: [OrderedJSON] = grid.map { g in
            .object([("cost", .number(g.cost)), ("gamma", number(g.gamma)), ("cvAUC", .number(g.auc)),
                     ("foldAUC", .array(g.foldAUC.map(number)))])
        }
        var section: [(String, OrderedJSON)] = [
            ("kernel", .string(spec.kernel.rawValue)),
            ("measure", .string(spec.measure)),
            ("features", .array(data.features.map(OrderedJSON.string))),
            ("folds", .array((grid.first?.folds ?? []).map(OrderedJSON.integer))),
            ("grid", .array(table)),
        ]
        guard let best = SVMGrid.best(grid.map(\.auc)) else {
            return .object(section + [("status", .string("not fitted: no setting has a CV AUC"))])
        }
        section.append(("chosen", .object([("index", .integer(best)), ("cost", .number(grid[best].cost)),
                                           ("gamma", number(grid[best].gamma)), ("cvAUC", .number(grid[best].auc))])))
        guard let fitText = results[StudyPlan.svmFitId] else {
            return .object(section + [("status", .string("not fitted: the fit:svm job has no result"))])
        }
        let fit = try JSONDecoder().decode(SVMFitJobOutput.self, from: Data(fitText.utf8))
        let curve = try ROCCurve(outcomes: data.outcomes.map(Double.init), scores: fit.decisionValues, direction: .controlsBelowCases)
        let delong = DeLongInterval(curve)
        section += [
            ("fit", .object([
                ("supportVectors", .integer(fit.supportVectors)),
                ("decisionValues", .object(zip(data.caseIds, fit.decisionValues).map { ($0, OrderedJSON.number($1)) })),
                ("auc", .number(curve.auc)),
                ("aucKind", .string("apparent: the fitted cases themselves; cvAUC above is the cross-validated estimate")),
                ("ci", .object([("method", .string("delong")), ("lower", .number(delong.lower)), ("upper", .number(delong.upper))])),
                ("roc", .object([("thresholds", numbers(curve.thresholds)), ("sensitivities", numbers(curve.sensitivities)),
                                 ("specificities", numbers(curve.specificities))])),
            ])),
        ]
        return .object(section)
    }
}
