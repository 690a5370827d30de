import CaseIO
import Statistics
import Study

/// results.json renderings of the clinical evidence: the nomogram (`model.clinical.nomogram`), the model comparisons
/// per cohort (`model.comparisons`) and the calibration / Hosmer–Lemeshow / decision / clinical impact curves of every
/// risk model per cohort (`model.riskCurves`).
extension ModelSection {
    static func nomogram(_ outcome: Result<LRMNomogram, EvaluationError>, caseIds: [String]) -> OrderedJSON {
        switch outcome {
        case let .failure(e): return .object([("status", .string(e.description))])
        case let .success(m):
            let n = m.nomogram
            let axes: [OrderedJSON] = n.axes.map { a in
                var fields: [(String, OrderedJSON)] = [("name", .string(a.name))]
                if let levels = a.levels { fields.append(("levels", .array(levels.map(OrderedJSON.string)))) } else { fields.append(("values", numbers(a.values))) }
                return .object(fields + [("xBeta", numbers(a.xBeta)), ("points", numbers(a.points))])
            }
            return .object([
                ("fit", .string("rms::lrm of the combined model's terms on the training cases; nomogram(fit, fun = plogis)")),
                ("coefficients", .object(zip(["(Intercept)"] + m.columnNames, m.fit.coefficients).map { ($0, finite($1)) })),
                ("pointsPerUnitLinearPredictor", finite(n.scale)),
                ("intercept", finite(n.intercept)),
                ("axes", .array(axes)),
                ("totalPoints", numbers(n.totalPoints)),
                ("linearPredictor", .object([("values", numbers(n.linearPredictorValues)), ("points", numbers(n.linearPredictorPoints))])),
                ("risk", .object([("values", numbers(n.riskValues)), ("points", numbers(n.riskPoints))])),
                ("casePoints", .object(zip(caseIds, m.totalPoints).map { ($0, finite($1)) })),
            ])
        }
    }

    static func comparisons(_ c: ModelComparison) -> OrderedJSON {
        .array(c.cohorts.map { cohort in
            let delong: [OrderedJSON] = cohort.delong.map { d in
                var fields: [(String, OrderedJSON)] = [("model1", .string(d.model1)), ("model2", .string(d.model2)),
                                                       ("cases", .integer(d.cases)), ("events", .integer(d.events))]
                switch d.test {
                case let .failure(e): fields.append(("status", .string(e.description)))
                case let .success(t):
                    fields += [("auc1", finite(t.auc1)), ("auc2", finite(t.auc2)), ("difference", finite(t.difference)),
                               ("standardError", finite(t.standardError)), ("z", finite(t.z)), ("pValue", finite(t.pValue)),
                               ("ciLower", finite(t.lower)), ("ciUpper", finite(t.upper))]
                }
                return .object(fields)
            }
            let improvements: [OrderedJSON] = cohort.improvements.map { i in
                var fields: [(String, OrderedJSON)] = [("newModel", .string(i.newModel)), ("oldModel", .string(i.oldModel)),
                                                       ("cases", .integer(i.cases)), ("events", .integer(i.events)),
                                                       ("nriType", .string(i.categories == nil ? "continuous" : "categorical"))]
                if let categories = i.categories { fields.append(("categories", numbers(categories))) }
                switch i.nri {
                case let .failure(e): fields.append(("nri", .object([("status", .string(e.description))])))
                case let .success(s):
                    let ci = s.nriInterval
                    fields.append(("nri", .object([("estimate", finite(s.nri)), ("standardError", finite(s.seNri)), ("z", finite(s.zNri)),
                                                   ("pValue", finite(s.pNri)), ("ciLower", finite(ci.lower)), ("ciUpper", finite(ci.upper)),
                                                   ("events", finite(s.nriEv)), ("nonEvents", finite(s.nriNe))])))
                }
                switch i.idi {
                case let .failure(e): fields.append(("idi", .object([("status", .string(e.description))])))
                case let .success(s):
                    let ci = s.idiInterval
                    fields.append(("idi", .object([("estimate", finite(s.idi)), ("standardError", finite(s.seIdi)), ("z", finite(s.zIdi)),
                                                   ("pValue", finite(s.pIdi)), ("ciLower", finite(ci.lower)), ("ciUpper", finite(ci.upper))])))
                }
                return .object(fields)
            }
            return .object([("cohort", .string(cohort.name)), ("models", .array(cohort.models.map(OrderedJSON.string))),
                            ("delong", .array(delong)), ("nriIdi", .array(improvements))])
        })
    }

    static func riskCurves(_ r: CohortRiskCurves) -> OrderedJSON {
        .object([
            ("thresholds", numbers(r.thresholds)),
            ("groups", .integer(r.groups)),
            ("cohorts", .array(r.cohorts.map { c in
                let models: [OrderedJSON] = c.models.map { m in
                    var fields: [(String, OrderedJSON)] = [("model", .string(m.model)), ("cases", .integer(m.cases)), ("events", .integer(m.events))]
                    switch m.hosmerLemeshow {
                    case let .success(hl):
                        fields.append(("hosmerLemeshow", .object([("statistic", finite(hl.statistic)), ("df", .integer(hl.df)), ("pValue", finite(hl.pValue))])))
                    case let .failure(e): fields.append(("hosmerLemeshow", .object([("status", .string(e.description))])))
                    }
                    switch m.calibration {
                    case let .success(cal):
                        fields.append(("calibration", .object([("predicted", numbers(cal.predicted)), ("observed", numbers(cal.observed)),
                                                               ("count", .array(cal.count.map(OrderedJSON.integer)))])))
                    case let .failure(e): fields.append(("calibration", .object([("status", .string(e.description))])))
                    }
                    switch m.decisionCurve {
                    case let .success(dc): fields.append(("netBenefit", numbers(dc.netBenefit)))
                    case let .failure(e): fields.append(("netBenefit", .object([("status", .string(e.description))])))
                    }
                    return .object(fields)
                }
                var fields: [(String, OrderedJSON)] = [("cohort", .string(c.name)), ("models", .array(models)),
                                                       ("treatAll", c.treatAll.map(numbers) ?? .null)]
                if let impact = c.clinicalImpact {
                    fields.append(("clinicalImpact", .object([
                        ("model", .string(impact.model)), ("populationSize", finite(impact.curve.populationSize)),
                        ("numberHighRisk", numbers(impact.curve.numberHighRisk)),
                        ("numberHighRiskWithEvent", numbers(impact.curve.numberHighRiskWithEvent)),
                    ])))
                }
                return .object(fields)
            })),
        ])
    }
}
