import Report
import Statistics

/// One figure of the study: its file name (figures/<name>.svg and .png), the report section it belongs to, its
/// caption, and the chart — laid out once, drawn as SVG and as PNG.
struct ReportFigure {
    enum Section {
        case featureSelection, roc, calibration, decisionCurve, clinicalImpact
        case nomogram
    }

    let name: String
    let section: Section
    let caption: String
    let chart: any Chart

    /// A cohort name as a file-name part: letters and digits kept (lower-cased), anything else a hyphen.
    static func slug(_ name: String) -> String {
        let mapped = name.lowercased().map { $0.isASCII && ($0.isLetter || $0.isNumber) ? $0 : "-" }
        return String(mapped).split(separator: "-").joined(separator: "-")
    }
}

extension ModelEvaluation {
    /// "n = 60, 28 with the outcome".
    var cohortText: String { "n = \(caseIds.count), \(events) with the outcome" }

    /// The figures a study with a rad-score model gets (the selected-coefficient chart only when a feature was kept).
    var figures: [ReportFigure] {
        var out: [ReportFigure] = []
        let minText = "λ.min = \(ReportNumber.significant(cv.lambdaMin))", seText = "λ.1se = \(ReportNumber.significant(cv.lambda1SE))"
        out.append(ReportFigure(
            name: "lasso-cv", section: .featureSelection,
            caption: "\(folds)-fold cross-validation of the LASSO (\(cv.measure.name), mean ± 1 SD over folds) against log(λ); "
                + "dashed lines at \(minText) and \(seText); the top axis counts the features kept at each λ.",
            chart: LassoCVChart(title: "LASSO cross-validation", lambda: cv.lambda, cvm: cv.cvm, cvsd: cv.cvsd, nonZero: nonZero,
                                lambdaMin: cv.lambdaMin, lambda1SE: cv.lambda1SE, measureName: cv.measure.name)))
        var pathChart = LassoPathChart(title: "LASSO coefficient paths", lambda: pathLambda, paths: path.map(\.coefficients),
                                       names: path.map(\.name), lambdaMin: cv.lambdaMin, lambda1SE: cv.lambda1SE)
        pathChart.labelCount = 0
        out.append(ReportFigure(
            name: "lasso-path", section: .featureSelection,
            caption: "Coefficient of each feature along the whole-data LASSO path (original feature scale; \(path.count) features "
                + "enter somewhere on the path); dashed lines at λ.min and λ.1se.",
            chart: pathChart))
        if !selected.isEmpty {
            out.append(ReportFigure(
                name: "coefficients", section: .featureSelection,
                caption: "The \(selected.count) features kept at the chosen λ (\(rule) = \(ReportNumber.significant(lambda))) and their "
                    + "coefficients in the rad-score (original feature scale).",
                chart: CoefficientBarChart(title: "Selected features", names: selected.map(\.name), coefficients: selected.map(\.coefficient))))
        }
        var curve = ROCChart.Curve(name: "Rad-score", specificities: roc.specificities, sensitivities: roc.sensitivities,
                                   auc: roc.auc, ci: (delong.lower, delong.upper))
        curve.marker = (1 - youden.specificity, youden.sensitivity)
        var curves = [curve]
        func clinicalCurves(_ cohort: String) -> [ROCChart.Curve] {
            guard case let .success(c)? = clinical else { return [] }
            return [c.clinical, c.combined].compactMap { m in
                guard let s = m.cohorts.first(where: { $0.cohort == cohort }), case let .success(d) = s.discrimination else { return nil }
                return ROCChart.Curve(name: m.name, specificities: d.roc.specificities, sensitivities: d.roc.sensitivities,
                                      auc: d.roc.auc, ci: (d.delong.lower, d.delong.upper))
            }
        }
        /// The SVM on an evaluation cohort, the dot at its training Youden cut-off.
        func svmCurves(_ cohort: String) -> [ROCChart.Curve] {
            guard case let .success(s)? = svm, let c = s.cohorts.first(where: { $0.name == cohort }),
                  case let .success(d) = c.discrimination else { return [] }
            var curve = ROCChart.Curve(name: s.label, specificities: d.roc.specificities, sensitivities: d.roc.sensitivities,
                                       auc: d.roc.auc, ci: (d.delong.lower, d.delong.upper))
            curve.marker = (1 - d.metrics.specificity, d.metrics.sensitivity)
            return [curve]
        }
        /// Each further ROI's score on `cohort` (training: its own fit).
        func regionCurves(_ cohort: String) -> [ROCChart.Curve] {
            regions.compactMap { r -> ROCChart.Curve? in
                guard case let .success(region) = r else { return nil }
                let d: CohortEvaluation.Discrimination?
                if cohort == "training" { d = try? region.training.get() } else {
                    d = region.cohorts.first { $0.name == cohort }.flatMap { try? $0.discrimination.get() }
                }
                guard let d else { return nil }
                return ROCChart.Curve(name: region.label, specificities: d.roc.specificities, sensitivities: d.roc.sensitivities,
                                      auc: d.roc.auc, ci: (d.delong.lower, d.delong.upper))
            }
        }
        curves += regionCurves("training") + clinicalCurves("training")
        var svmText = ""
        if case let .success(s)? = svm, let fit = s.fit {
            var c = ROCChart.Curve(name: s.label, specificities: fit.roc.specificities, sensitivities: fit.roc.sensitivities,
                                   auc: fit.roc.auc, ci: (fit.delong.lower, fit.delong.upper))
            c.marker = (1 - fit.youden.specificity, fit.youden.sensitivity)
            curves.append(c)
            svmText = " The \(s.label) curve is its fit on the same cases (decision values); its cross-validated AUC is in the SVM grid table."
        }
        out.append(ReportFigure(
            name: "roc", section: .roc,
            caption: "ROC curve of the rad-score, training cohort (\(cohortText)); AUC with DeLong 95% CI. The dot marks the "
                + "Youden cut-off (rad-score ≥ \(ReportNumber.fixed(youden.threshold))). Apparent performance: the model was fitted on these cases."
                + svmText,
            chart: ROCChart(title: "ROC — training cohort", curves: curves)))
        for c in cohorts {
            guard case let .success(d) = c.discrimination else { continue }
            var curve = ROCChart.Curve(name: "Rad-score", specificities: d.roc.specificities, sensitivities: d.roc.sensitivities,
                                       auc: d.roc.auc, ci: (d.delong.lower, d.delong.upper))
            curve.marker = (1 - d.metrics.specificity, d.metrics.sensitivity)
            out.append(ReportFigure(
                name: "roc-\(ReportFigure.slug(c.name))", section: .roc,
                caption: "ROC curve of the rad-score, \(c.name) cohort (n = \(c.caseIds.count), \(c.events) with the outcome), scored with "
                    + "the model fitted on the training cohort; AUC with DeLong 95% CI. The dot marks the training cohort's Youden cut-off "
                    + "(rad-score ≥ \(ReportNumber.fixed(youden.threshold)))."
                    + (svmCurves(c.name).isEmpty ? "" : " The SVM is scored with its training fit; its dot marks its own training Youden cut-off."),
                chart: ROCChart(title: "ROC — \(c.name) cohort", curves: [curve] + regionCurves(c.name) + clinicalCurves(c.name) + svmCurves(c.name))))
        }
        var calibrationChart = CalibrationChart(title: "Calibration — training cohort",
                                                apparent: zip(calibration.predicted, calibration.observed).map { (x: $0, y: $1) },
                                                predictedRisks: risk)
        calibrationChart.groups = zip(calibration.predicted, calibration.observed).map { (x: $0, y: $1) }
        calibrationChart.apparentName = "Observed, \(calibrationGroups) risk groups"
        calibrationChart.groupsName = ""
        calibrationChart.note = hosmerLemeshowText
        out.append(ReportFigure(
            name: "calibration", section: .calibration,
            caption: "Observed event rate against mean predicted risk plogis(rad-score) in \(calibrationGroups) quantile groups of "
                + "predicted risk (training cohort); spikes show the distribution of predicted risks.",
            chart: calibrationChart))
        out.append(ReportFigure(
            name: "decision-curve", section: .decisionCurve,
            caption: "Net benefit of treating the patients whose predicted risk exceeds the threshold, against treating all and none "
                + "(training cohort, \(cohortText)).",
            chart: DecisionCurveChart(title: "Decision curve — training cohort", thresholds: decisionThresholds,
                                      models: [.init(name: "Rad-score", netBenefit: decisionCurve.netBenefit)],
                                      treatAll: treatAll.netBenefit)))
        out.append(ReportFigure(
            name: "clinical-impact", section: .clinicalImpact,
            caption: "Of \(Int(clinicalImpact.populationSize)) people, how many the rad-score calls high risk at each threshold and how many "
                + "of them have the outcome (training cohort).",
            chart: ClinicalImpactChart(title: "Clinical impact — training cohort", thresholds: clinicalImpact.thresholds,
                                       numberHighRisk: clinicalImpact.numberHighRisk,
                                       numberHighRiskWithEvent: clinicalImpact.numberHighRiskWithEvent)))
        out += clinicalEvidenceFigures
        out += nomogramCalibrationFigures
        return out
    }

    /// "Hosmer–Lemeshow χ² = 5.213, df = 8, p = 0.735", or why there is none.
    var hosmerLemeshowText: String {
        switch hosmerLemeshow {
        case let .success(hl):
            return "Hosmer–Lemeshow χ² = \(ReportNumber.fixed(hl.statistic)), df = \(hl.df), p = \(ReportNumber.pValue(hl.pValue))"
        case let .failure(why):
            return why.description
        }
    }
}
