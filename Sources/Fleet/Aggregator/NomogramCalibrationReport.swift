import CaseIO
import Report
import Statistics

/// Renderings of the combined model's bootstrap calibration (`NomogramCalibration`): results.json's
/// `model.clinical.calibration`, tables/calibration-bootstrap.csv, the `calibration-bootstrap` figure (apparent and
/// bias-corrected curves with the ideal line, as rms plot.calibrate) and the report's words on it.
extension ModelSection {
    static func nomogramCalibration(_ outcome: Result<NomogramCalibration, EvaluationError>) -> OrderedJSON {
        switch outcome {
        case let .failure(e): return .object([("status", .string(e.description))])
        case let .success(c):
            let k = c.curve
            return .object([
                ("method", .string("set.seed(seed); rms::calibrate(lrm fit of the combined model on the training cases, method = \"boot\", B)")),
                ("B", .integer(c.replicates)),
                ("seed", .integer(Int(c.rSeed))),
                ("jobSeed", .string(String(c.jobSeed))),
                ("cases", .integer(c.cases)),
                ("predy", numbers(k.predy)),
                ("apparent", numbers(k.calibratedOriginal)),
                ("corrected", numbers(k.calibratedCorrected)),
                ("training", numbers(k.training)),
                ("test", numbers(k.test)),
                ("optimism", numbers(k.optimism)),
                ("n", .array(k.n.map(OrderedJSON.integer))),
                ("failedFits", .integer(k.failedFits)),
                ("meanAbsoluteError", finite(c.meanAbsoluteError)),
            ])
        }
    }
}

extension NomogramCalibration {
    /// rms's calibrate matrix, one row per grid point.
    var table: ReportTable {
        let k = curve
        let rows = k.predy.indices.map { i in
            [ReportNumber.fixed(k.predy[i], 4), ReportNumber.fixed(k.calibratedOriginal[i], 4), ReportNumber.fixed(k.training[i], 4),
             ReportNumber.fixed(k.test[i], 4), ReportNumber.fixed(k.optimism[i], 4), ReportNumber.fixed(k.calibratedCorrected[i], 4), String(k.n[i])]
        }
        return ReportTable(name: "calibration-bootstrap", table: HTMLReport.Table(
            caption: "Bootstrap calibration of the combined model on the training cohort (rms::calibrate, method = \"boot\", B = "
                + "\(replicates), set.seed(\(rSeed))): at each predicted risk, the apparent calibrated risk, the mean calibration error on "
                + "the bootstrap samples (training) and on the original cases (test), their difference (optimism), the bias-corrected "
                + "risk and the replicates used",
            header: ["Predicted", "Apparent", "Training", "Test", "Optimism", "Bias-corrected", "n"], rows: rows))
    }

    /// "B = 1000 repetitions, boot; mean absolute error = 0.021; n = 70".
    var summaryText: String {
        "B = \(replicates) repetitions, boot; mean absolute error = \(ReportNumber.fixed(meanAbsoluteError)); n = \(cases)"
            + (curve.failedFits > 0 ? "; \(curve.failedFits) refits failed" : "")
    }

    var figure: ReportFigure {
        let k = curve
        let apparent = zip(k.predy, k.calibratedOriginal).filter { $0.1.isFinite }.map { (x: $0.0, y: $0.1) }
        let corrected = zip(k.predy, k.calibratedCorrected).filter { $0.1.isFinite }.map { (x: $0.0, y: $0.1) }
        var chart = CalibrationChart(title: "Bootstrap calibration — combined model", apparent: apparent,
                                     biasCorrected: corrected, predictedRisks: risks)
        chart.note = "B = \(replicates), boot; mean |error| = \(ReportNumber.fixed(meanAbsoluteError)); n = \(cases)"
            + (curve.failedFits > 0 ? "; \(curve.failedFits) refits failed" : "")
        return ReportFigure(
            name: "calibration-bootstrap", section: .calibration,
            caption: "Calibration of the combined model (the nomogram's lrm fit) on the training cohort: apparent (dotted) and "
                + "bootstrap bias-corrected (solid) calibrated risk, lowess of the outcome on the predicted risk, against the ideal "
                + "line; the \(replicates) bootstrap samples are those R's set.seed(\(rSeed)); calibrate(fit, B = \(replicates)) draws; "
                + "spikes show the distribution of predicted risks.",
            chart: chart)
    }
}

extension ModelEvaluation {
    var nomogramCalibration: NomogramCalibration? {
        guard case let .success(c)? = clinical, case let .success(cal)? = c.calibration else { return nil }
        return cal
    }

    var nomogramCalibrationFigures: [ReportFigure] { nomogramCalibration.map { [$0.figure] } ?? [] }
    var nomogramCalibrationTables: [ReportTable] { nomogramCalibration.map { [$0.table] } ?? [] }
}

extension ReportDocument {
    /// The calibration section's words on the bootstrap curve (its figure is among the section's figures), its table,
    /// or why it is missing; nothing when the study asks for none.
    func nomogramCalibrationBlocks(_ e: ModelEvaluation) -> [HTMLReport.Block] {
        guard case let .success(c)? = e.clinical, let outcome = c.calibration else { return [] }
        switch outcome {
        case let .failure(why): return [.note(why.description)]
        case let .success(cal):
            return [.paragraph("Bootstrap calibration of the combined model (training cohort): \(cal.summaryText). The bias-corrected "
                + "curve is the apparent one minus the bootstrap optimism, as rms::calibrate(fit, method = \"boot\", B = \(cal.replicates)) "
                + "after set.seed(\(cal.rSeed)) computes it (seed: the low 31 bits of the study's calibration:combined job seed)."),
                    .table(cal.table.table)]
        }
    }
}
