import Report
import Statistics
import Study

/// The report's clinical evidence, as tables (tables/<name>.csv) and figures: DeLong comparisons, NRI / IDI,
/// Hosmer–Lemeshow per model and cohort, the nomogram's points, and per-cohort calibration, decision and clinical
/// impact curves of every risk model. Each printed number is a `ReportNumber` of a value in results.json.
extension ModelEvaluation {
    /// pROC roc.test (DeLong, paired) between every two models scored on a cohort's cases.
    var delongTable: ReportTable {
        var rows: [[String]] = []
        for c in comparison.cohorts {
            for d in c.delong {
                let n = "\(d.cases) (\(d.events))"
                switch d.test {
                case let .success(t):
                    rows.append([c.name, "\(d.model1) vs \(d.model2)", n, ReportNumber.fixed(t.auc1), ReportNumber.fixed(t.auc2),
                                 ReportNumber.interval(t.difference, t.lower, t.upper), ReportNumber.fixed(t.z), ReportNumber.pValue(t.pValue)])
                case let .failure(e):
                    rows.append([c.name, "\(d.model1) vs \(d.model2)", n, "", "", e.description, "", ""])
                }
            }
        }
        return ReportTable(name: "delong", table: HTMLReport.Table(
            caption: "Model comparison per cohort: DeLong's test for two correlated ROC curves (pROC roc.test, paired) on the cases both "
                + "models score; difference = AUC 1 − AUC 2 with its 95% CI",
            header: ["Cohort", "Models", "N (events)", "AUC 1", "AUC 2", "Difference (95% CI)", "Z", "p"], rows: rows, textColumns: 2))
    }

    /// NRI and IDI of a new model over an old one per cohort (Hmisc::improveProb on the predicted risks).
    var nriIdiTable: ReportTable {
        var rows: [[String]] = []
        var categorical: [Double]?
        for c in comparison.cohorts {
            for i in c.improvements {
                categorical = i.categories
                var row = [c.name, "\(i.newModel) vs \(i.oldModel)", "\(i.cases) (\(i.events))"]
                switch i.nri {
                case let .success(s):
                    let ci = s.nriInterval
                    row += [ReportNumber.interval(s.nri, ci.lower, ci.upper), ReportNumber.pValue(s.pNri)]
                case let .failure(e): row += [e.description, ""]
                }
                switch i.idi {
                case let .success(s):
                    let ci = s.idiInterval
                    row += [ReportNumber.interval(s.idi, ci.lower, ci.upper), ReportNumber.pValue(s.pIdi)]
                case let .failure(e): row += [e.description, ""]
                }
                rows.append(row)
            }
        }
        let kind = categorical.map { "categorical NRI with risk categories at " + $0.map { ReportNumber.significant($0) }.joined(separator: ", ") }
            ?? "continuous (category-free) NRI"
        return ReportTable(name: "nri_idi", table: HTMLReport.Table(
            caption: "Net reclassification improvement (\(kind)) and integrated discrimination improvement of the first model over the "
                + "second, per cohort (Hmisc::improveProb; 95% CI = estimate ± 1.96 SE)",
            header: ["Cohort", "Models", "N (events)", "NRI (95% CI)", "p (NRI)", "IDI (95% CI)", "p (IDI)"], rows: rows, textColumns: 2))
    }

    /// Hosmer–Lemeshow test of every risk model on every cohort.
    var hosmerLemeshowTable: ReportTable {
        var rows: [[String]] = []
        for c in riskCurves.cohorts {
            for m in c.models {
                switch m.hosmerLemeshow {
                case let .success(hl):
                    rows.append([c.name, m.model, "\(m.cases) (\(m.events))", ReportNumber.fixed(hl.statistic), String(hl.df), ReportNumber.pValue(hl.pValue)])
                case let .failure(e):
                    rows.append([c.name, m.model, "\(m.cases) (\(m.events))", e.description, "", ""])
                }
            }
        }
        return ReportTable(name: "hosmer-lemeshow", table: HTMLReport.Table(
            caption: "Hosmer–Lemeshow goodness of fit of each model's predicted risk per cohort (\(riskCurves.groups) groups; "
                + "ResourceSelection::hoslem.test); p > 0.05: no evidence of miscalibration",
            header: ["Cohort", "Model", "N (events)", "χ²", "df", "p"], rows: rows, textColumns: 2))
    }
}

extension LRMNomogram {
    /// The nomogram's scales: each predictor's values (or levels) and their points, then the total points, linear
    /// predictor and risk axes placed on the total-points scale.
    var pointsTable: ReportTable {
        var rows: [[String]] = []
        for a in nomogram.axes {
            for (k, p) in a.points.enumerated() {
                rows.append([a.name, a.levels?[k] ?? ReportNumber.significant(a.values[k], 6), ReportNumber.fixed(p, 2)])
            }
        }
        rows += nomogram.totalPoints.map { ["Total Points", ReportNumber.significant($0, 6), ReportNumber.fixed($0, 2)] }
        rows += zip(nomogram.linearPredictorValues, nomogram.linearPredictorPoints).map { ["Linear Predictor", ReportNumber.significant($0, 6), ReportNumber.fixed($1, 2)] }
        rows += zip(nomogram.riskValues, nomogram.riskPoints).map { ["Risk", ReportNumber.significant($0, 6), ReportNumber.fixed($1, 2)] }
        return ReportTable(name: "nomogram", table: HTMLReport.Table(
            caption: "Nomogram of the combined model (rms::lrm on the training cohort, nomogram(fun = plogis)): the points of each "
                + "predictor value; a patient's total points read off the Linear Predictor and Risk rows (their points are total points)",
            header: ["Axis", "Value", "Points"], rows: rows, textColumns: 2))
    }

    var chart: NomogramChart {
        let predictors = nomogram.axes.map { a in
            NomogramChart.Axis(name: a.name, ticks: a.points.indices.map { k in
                (label: a.levels?[k] ?? ReportNumber.significant(a.values[k], 4), points: a.points[k])
            })
        }
        return NomogramChart(title: "Nomogram — combined model", predictors: predictors, totalPoints: nomogram.totalPoints,
                             linearPredictor: .init(name: "Linear Predictor", ticks: zip(nomogram.linearPredictorValues, nomogram.linearPredictorPoints).map {
                                 (label: ReportNumber.significant($0, 3), points: $1) }),
                             risk: .init(name: "Risk", ticks: zip(nomogram.riskValues, nomogram.riskPoints).map {
                                 (label: ReportNumber.significant($0, 3), points: $1) }))
    }
}

extension ModelEvaluation {
    /// The clinical evidence figures (a study with clinical models): the nomogram, then per cohort the calibration and
    /// decision curves of every risk model and the combined model's clinical impact curve.
    var clinicalEvidenceFigures: [ReportFigure] {
        guard case let .success(c)? = clinical else { return [] }
        var out: [ReportFigure] = []
        if case let .success(nom) = c.nomogram {
            out.append(ReportFigure(
                name: "nomogram", section: .nomogram,
                caption: "Nomogram of the combined model (\(nom.nomogram.axes.map(\.name).joined(separator: ", "))), refitted by rms::lrm on "
                    + "the training cohort: each predictor's value gives points; their sum (Total Points) gives the predicted risk.",
                chart: nom.chart))
        }
        for cohort in riskCurves.cohorts where !cohort.models.isEmpty {
            let slug = ReportFigure.slug(cohort.name)
            var chart = CalibrationChart(title: "Calibration — \(cohort.name) cohort", apparent: [], predictedRisks: nil)
            chart.models = cohort.models.compactMap { m in
                guard case let .success(cal) = m.calibration else { return nil }
                return (name: m.model, points: zip(cal.predicted, cal.observed).map { (x: $0, y: $1) })
            }
            chart.modelColourOffset = 0
            chart.note = "Hosmer–Lemeshow p: " + cohort.models.compactMap { m in
                guard case let .success(hl) = m.hosmerLemeshow else { return nil }
                return "\(m.model) \(ReportNumber.pValue(hl.pValue))"
            }.joined(separator: ", ")
            out.append(ReportFigure(
                name: "calibration-\(slug)", section: .calibration,
                caption: "Calibration of every model on the \(cohort.name) cohort: observed event rate against mean predicted risk in "
                    + "\(riskCurves.groups) quantile groups of each model's predicted risk; Hosmer–Lemeshow p per model.",
                chart: chart))
            var curves: [DecisionCurveChart.Curve] = []
            for m in cohort.models { if case let .success(dc) = m.decisionCurve { curves.append(.init(name: m.model, netBenefit: dc.netBenefit)) } }
            out.append(ReportFigure(
                name: "decision-curve-\(slug)", section: .decisionCurve,
                caption: "Decision curves of every model on the \(cohort.name) cohort, against treating all and treating none.",
                chart: DecisionCurveChart(title: "Decision curve — \(cohort.name) cohort", thresholds: riskCurves.thresholds, models: curves,
                                          treatAll: cohort.treatAll)))
            if let impact = cohort.clinicalImpact {
                out.append(ReportFigure(
                    name: "clinical-impact-\(slug)", section: .clinicalImpact,
                    caption: "Clinical impact of the \(impact.model.lowercased()) model on the \(cohort.name) cohort: of "
                        + "\(Int(impact.curve.populationSize)) people, how many it calls high risk at each threshold and how many of them have the outcome.",
                    chart: ClinicalImpactChart(title: "Clinical impact (\(impact.model)) — \(cohort.name) cohort", thresholds: impact.curve.thresholds,
                                               numberHighRisk: impact.curve.numberHighRisk,
                                               numberHighRiskWithEvent: impact.curve.numberHighRiskWithEvent)))
            }
        }
        return out
    }
}

extension ModelEvaluation {
    /// The clinical evidence tables written to tables/ (none without clinical models).
    var clinicalEvidenceTables: [ReportTable] {
        guard case let .success(c)? = clinical else { return [] }
        var tables = [delongTable, nriIdiTable, hosmerLemeshowTable]
        if case let .success(nom) = c.nomogram { tables.append(nom.pointsTable) }
        return tables
    }
}

extension ReportDocument {
    /// "Model comparison" (DeLong, NRI / IDI) and "Nomogram", for a study with clinical models.
    func clinicalEvidenceSections(_ e: ModelEvaluation, figures: [HTMLReport.Block]) -> [HTMLReport.Section] {
        guard case let .success(c)? = e.clinical else { return [] }
        var nomogram: [HTMLReport.Block] = figures
        switch c.nomogram {
        case let .success(nom): nomogram.append(.table(nom.pointsTable.table))
        case let .failure(why): nomogram.append(.note(why.description))
        }
        return [
            .init(id: "model-comparison", title: "Model comparison", blocks: [
                .paragraph("Each pair of models is compared on the cases both score in a cohort. The clinical and combined models are "
                    + "fitted on the training cohort and applied unchanged to the others; predicted risks are plogis(linear predictor)."),
                .table(e.delongTable.table),
                .table(e.nriIdiTable.table),
            ]),
            .init(id: "nomogram", title: "Nomogram", blocks: nomogram),
        ]
    }

    /// The per-model, per-cohort Hosmer–Lemeshow table, for a study with clinical models.
    func hosmerLemeshowBlocks(_ e: ModelEvaluation) -> [HTMLReport.Block] {
        guard case .success? = e.clinical else { return [] }
        return [.table(e.hosmerLemeshowTable.table)]
    }
}
