import CaseIO
import Statistics

extension ModelSection {
    /// results.json `model.regions[]`: a further ROI's cross-validated LASSO (λs, rule, coefficients), its
    /// rad-score per case, and its discrimination on the training cohort and on each other cohort.
    static func region(_ outcome: Result<RegionEvaluation, EvaluationError>) -> OrderedJSON {
        switch outcome {
        case let .failure(e): return .object([("status", .string("not fitted: \(e.description)"))])
        case let .success(r):
            var fields: [(String, OrderedJSON)] = [
                ("roi", .string(r.name)), ("cases", .integer(r.caseIds.count)), ("events", .integer(r.events)),
                ("features", .integer(r.features.count)),
            ]
            if let steps = r.reduction {
                fields.append(("featureReduction", .array(steps.map { .object([("step", .string($0.step)), ("features", .integer($0.features))]) })))
            }
            fields += [
                ("lasso", .object([
                    ("measure", .string(r.cv.measure.rawValue)), ("lambdaMin", .number(r.cv.lambdaMin)), ("lambda1SE", .number(r.cv.lambda1SE)),
                    ("rule", .string(r.rule)), ("lambda.chosen", .number(r.lambda)),
                    ("coefficients", .object([("(Intercept)", .number(r.intercept))] + r.selected.map { ($0.name, OrderedJSON.number($0.coefficient)) })),
                ])),
                ("radScore", .object(zip(r.caseIds, r.radScores).map { ($0, OrderedJSON.number($1)) })),
            ]
            switch r.training {
            case let .failure(e): fields.append(("status", .string("not evaluated: \(e.description)")))
            case let .success(d):
                fields += [("auc", .number(d.roc.auc)),
                           ("ci", .object([("method", .string("delong")), ("lower", .number(d.delong.lower)), ("upper", .number(d.delong.upper))])),
                           ("youdenCutoff", .number(d.metrics.threshold))]
            }
            if !r.cohorts.isEmpty { fields.append(("cohorts", .array(r.cohorts.map(cohort)))) }
            return .object(fields)
        }
    }
}
