import CaseIO
import Report
import Statistics
import Study

/// The sections of report.html: study and provenance, cohort and extraction (what was excluded and why), feature
/// selection, model performance, ROC, calibration, decision curve and clinical impact.
struct ReportDocument {
    let study: StudyFile
    let version: String
    let featureTable: FeatureTable
    let failures: [JobFailure]
    let model: ModelOutcome?
    /// The figures as laid out for figures/ (inlined as they are, so the files and the report agree).
    let figures: [(figure: ReportFigure, drawing: Drawing)]
    /// The baseline tables (section "Baseline characteristics" when the study has clinical variables).
    var baseline: Result<BaselineSection, EvaluationError>? = nil
    /// Seeds and input checksums for the provenance table.
    var provenanceRecord: Provenance? = nil
    /// Captions of the tables the study's `outputs:` leaves out: their blocks are dropped from the report.
    var hiddenTableCaptions: Set<String> = []

    func html() -> HTMLReport {
        var report = HTMLReport(title: "RadFleet study report: \(study.name)",
                                subtitle: "RadFleet \(version) · seed \(study.seed) · cohort \(study.cohort.lastPathComponent)")
        report.sections = [provenance(), cohort()]
        if let b = baselineSection() { report.sections.append(b) }
        switch model {
        case nil:
            report.sections.append(.init(id: "model", title: "Model", blocks: [.paragraph("The study file asks for no model.")]))
        case let .notFitted(reason, _)?:
            report.sections.append(.init(id: "model", title: "Model", blocks: [.note("Model not fitted: \(reason).")]))
        case let .evaluated(e)?:
            report.sections += modelSections(e)
        }
        return shownOnly(report)
    }

    /// The report without the tables `outputs:` leaves out, and without the figure sections (compact ones) left with
    /// no figure because `outputs:` asked for none of theirs.
    func shownOnly(_ report: HTMLReport) -> HTMLReport {
        var out = report
        out.sections = report.sections.map { s in
            var s = s
            s.blocks = s.blocks.filter { if case let .table(t) = $0 { return !hiddenTableCaptions.contains(t.caption) } else { return true } }
            return s
        }.filter { s in
            !s.blocks.isEmpty && (!s.compact || s.blocks.contains { if case .figure = $0 { return true } else { return false } })
        }
        return out
    }

    func provenance() -> HTMLReport.Section {
        var rows = [["Study", study.name], ["RadFleet version", version], ["Seed", String(study.seed)],
                    ["Study file", study.url.lastPathComponent], ["Cohort file", study.cohort.lastPathComponent],
                    ["PyRadiomics parameter file", study.parameterFile?.lastPathComponent ?? "(defaults)"],
                    ["Outcome column", study.outcome ?? "(none)"]]
        if let m = study.model {
            let folds: String
            switch m.folds {
            case let .seeded(k): folds = "\(k) folds drawn from the study seed"
            case let .column(name): folds = "folds from cohort column '\(name)'"
            }
            rows += [["LASSO", "alpha \(ReportNumber.significant(m.alpha)), \(folds), measure \(m.measure.rawValue), rule \(m.rule)"],
                     ["AUC bootstrap", m.bootstrap > 0 ? "\(m.bootstrap) stratified replicates" : "none"]]
        }
        rows += provenanceRecord?.reportRows ?? []
        var blocks: [HTMLReport.Block] = [
            .paragraph("Every number below is in results.json next to this file; figures are in figures/ (SVG and PNG), tables in tables/ (CSV)."),
            .table(.init(caption: "Study", header: ["Item", "Value"], rows: rows, textColumns: 2)),
        ]
        if let p = provenanceRecord, !p.cases.isEmpty {
            blocks.append(.details(summary: "SHA-256 of each case's image and mask (also in results.json, provenance.checksums)", items: p.caseLines))
        }
        return .init(id: "study", title: "Study and provenance", blocks: blocks)
    }

    /// "Baseline characteristics": the by-cohort and by-outcome tables, or why they are missing; nil without clinical variables.
    func baselineSection() -> HTMLReport.Section? {
        switch baseline {
        case nil: return nil
        case let .failure(e)?: return .init(id: "baseline", title: "Baseline characteristics", blocks: [.note("Baseline tables not made: \(e.description).")])
        case let .success(b)?: return .init(id: "baseline", title: "Baseline characteristics", blocks: b.reportBlocks(hidden: hiddenTableCaptions))
        }
    }

    func cohort() -> HTMLReport.Section {
        let listed = (try? StudyPlan(study: study).manifest.cases.count).map(String.init) ?? "unknown"
        let failedCases = failures.filter { $0.jobId.hasPrefix("extract:") }.count
        var rows = [["Cases in the cohort file", listed], ["Cases extracted", String(featureTable.rows.count)],
                    ["Cases excluded (extraction failed)", String(failedCases)],
                    ["Feature columns extracted", String(featureTable.columns.count)]]
        var dropped: [String] = []
        if case let .evaluated(e)? = model {
            dropped = e.droppedFeatures
            rows += [["Cases modelled (with the outcome)", "\(e.caseIds.count) (\(e.events))"],
                     ["Features offered to the LASSO", String(e.features.count)],
                     [e.reduction == nil ? "Features left out (constant or missing)"
                        : "Features left out (constant, missing, or removed by the feature reduction)", String(dropped.count)]]
        }
        var blocks: [HTMLReport.Block] = [.table(.init(caption: "Cohort and extraction", header: ["Item", "Value"], rows: rows))]
        if failures.isEmpty {
            blocks.append(.paragraph("No case or job was excluded."))
        } else {
            let exclusions = ReportTables.exclusions(failures: failures, droppedFeatures: [])
            blocks.append(.note("\(failures.count) job(s) failed and their cases or results are left out of everything below."))
            blocks.append(.table(.init(caption: "Excluded cases and jobs, with the reason", header: exclusions.table.header,
                                       rows: exclusions.table.rows, textColumns: 3)))
        }
        if !dropped.isEmpty {
            let why = model.flatMap { if case let .evaluated(e) = $0, e.reduction != nil { e } else { nil } } == nil
                ? "constant, or missing in some case" : "constant, missing in some case, or removed by the feature reduction"
            blocks.append(.details(summary: "\(dropped.count) feature column(s) left out of the model (\(why))",
                                   items: dropped))
        }
        return .init(id: "cohort", title: "Cohort and extraction", blocks: blocks)
    }

    func modelSections(_ e: ModelEvaluation) -> [HTMLReport.Section] {
        func figureBlocks(_ section: ReportFigure.Section) -> [HTMLReport.Block] {
            figures.filter { $0.figure.section == section }.map { f, drawing in
                .figure(svg: drawing.svg(), caption: f.caption, id: "figure-\(f.name)")
            }
        }
        var selection: [HTMLReport.Block] = [
            .paragraph("LASSO logistic regression (alpha \(ReportNumber.significant(e.alpha))) on \(e.features.count) features of "
                + "\(e.caseIds.count) cases, \(e.folds)-fold cross-validation by \(e.cv.measure.name.lowercased()). λ.min = "
                + "\(ReportNumber.significant(e.cv.lambdaMin)), λ.1se = \(ReportNumber.significant(e.cv.lambda1SE)); the study uses "
                + "\(e.rule), which keeps \(e.selected.count) feature(s)."),
        ]
        if let steps = e.reduction {
            let names = ["usable": "usable (complete, not constant)", "icc": "reproducible between readers (ICC)", "constant": "not constant in training",
                         "redundancy": "after Spearman redundancy", "mutualInformation": "top by mutual information"]
            selection.insert(.paragraph("Feature reduction on the training cohort, before the LASSO (z-scores fitted on training): "
                + steps.map { "\($0.features) \(names[$0.step] ?? $0.step)" }.joined(separator: " → ") + "."), at: 0)
        }
        selection += e.cv.notes.map { .note($0) }
        selection += deepFeatureBlocks(e)
        selection += figureBlocks(.featureSelection)
        selection.append(.table(e.selectedFeaturesTable.table))
        if e.selected.isEmpty { selection.append(.note("No feature has a non-zero coefficient at \(e.rule): the rad-score is the intercept alone.")) }
        let hl: HTMLReport.Block
        switch e.hosmerLemeshow {
        case .success: hl = .paragraph(e.hosmerLemeshowText + " (\(e.calibrationGroups) groups; ResourceSelection::hoslem.test).")
        case .failure: hl = .note(e.hosmerLemeshowText)
        }
        return [
            .init(id: "feature-selection", title: "Feature selection", blocks: selection),
        ] + [regionSection(e)].compactMap { $0 } + [
            .init(id: "performance", title: "Model performance", blocks: [
                .table(e.performanceTable.table),
                .paragraph(e.aucIntervalText + ". Cut-off: the Youden-optimal score (pROC coords \"best\"). Training-cohort figures are apparent performance."),
            ] + cohortNotes(e) + svmBlocks(e.svm) + clinicalBlocks(e.clinical)),
        ] + clinicalEvidenceSections(e, figures: figureBlocks(.nomogram)) + [
            .init(id: "roc", title: "ROC curve", blocks: figureBlocks(.roc), compact: true),
            .init(id: "calibration", title: "Calibration", blocks: figureBlocks(.calibration) + [hl] + hosmerLemeshowBlocks(e)
                + nomogramCalibrationBlocks(e), compact: true),
            .init(id: "decision-curve", title: "Decision curve", blocks: figureBlocks(.decisionCurve), compact: true),
            .init(id: "clinical-impact", title: "Clinical impact", blocks: figureBlocks(.clinicalImpact), compact: true),
        ] + multiclassSections(e)
    }

    /// The SVM grid table, or why the SVM is missing; nothing when the study asks for no SVM.
    func svmBlocks(_ svm: Result<SVMEvaluation, EvaluationError>?) -> [HTMLReport.Block] {
        switch svm {
        case nil: return []
        case let .failure(e)?: return [.note("SVM not fitted: \(e.description).")]
        case let .success(s)?:
            var blocks: [HTMLReport.Block] = [.table(s.gridTable.table)]
            if let why = s.incomplete { blocks.append(.note("SVM not fitted: \(why).")) }
            return blocks
        }
    }

    /// The clinical models' odds-ratio table and exclusions, or why they are missing.
    func clinicalBlocks(_ clinical: Result<ClinicalEvaluation, EvaluationError>?) -> [HTMLReport.Block] {
        switch clinical {
        case nil: return []
        case let .failure(e)?: return [.note("Clinical models not fitted: \(e.description).")]
        case let .success(c)?:
            var blocks: [HTMLReport.Block] = [.table(c.oddsRatioTable.table)]
            if !c.excluded.isEmpty {
                blocks.append(.details(summary: "\(c.excluded.count) case(s) left out of the clinical models (a clinical value missing or invalid)",
                                       items: c.excluded.map { $0.reason }))
            }
            return blocks
        }
    }
}
