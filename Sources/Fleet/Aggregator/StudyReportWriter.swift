import CaseIO
import Foundation
import Report
import Statistics
import Study

/// Writes the study's report into its output folder, from the values results.json is rendered from:
///
///     figures/<name>.svg, figures/<name>.png   every figure (`ModelEvaluation.figures`), PNG at 2 px per SVG unit
///     tables/<name>.csv                          selected features, model performance, SVM grid, exclusions; with
///                                                clinical models: delong, nri_idi, hosmer-lemeshow, nomogram
///     report.html                                self-contained (inline CSS and SVG, no scripts, no external files)
///
/// The study's `outputs:` section (`OutputSpec`) chooses the figures and tables (written and shown) and whether
/// report.html is written; results.json is not affected.
///
/// figures/ and tables/ are the writer's: they are emptied first, so a rerun leaves no stale figure behind. Nothing
/// here depends on timing or worker count, so the report is the same bytes on any number of workers.
public struct StudyReportWriter {
    public let study: StudyFile
    public let version: String
    /// Device pixels per SVG unit of the PNG figures.
    public var pngScale = 2.0
    /// The baseline tables as results.json has them; nil computes them here (`BaselineSection.evaluate`).
    public var baseline: Result<BaselineSection, EvaluationError>? = nil
    /// The run's provenance (checksums are the aggregator's, collected once); nil shows the study's own rows only.
    public var provenance: Provenance? = nil

    public init(study: StudyFile, version: String) {
        self.study = study
        self.version = version
    }

    public func write(featureTable: FeatureTable, failures: [JobFailure], model: ModelOutcome?) throws {
        let fm = FileManager.default
        let figures = study.output.appendingPathComponent("figures"), tables = study.output.appendingPathComponent("tables")
        for dir in [figures, tables] {
            try? fm.removeItem(at: dir)
            try fm.createDirectory(at: dir, withIntermediateDirectories: true)
        }
        let evaluation: ModelEvaluation? = if case let .evaluated(e)? = model { e } else { nil }
        // Each chart is laid out once; the same drawing becomes the SVG file, the PNG file and the inline figure.
        let drawn = (evaluation?.figures ?? []).filter { study.outputs.includesFigure(file: $0.name) }
            .map { (figure: $0, drawing: $0.chart.drawing()) }
        for (figure, drawing) in drawn {
            try Data(drawing.svg().utf8).write(to: figures.appendingPathComponent("\(figure.name).svg"), options: .atomic)
            try Data(drawing.png(scale: pngScale)).write(to: figures.appendingPathComponent("\(figure.name).png"), options: .atomic)
        }
        // Cases left out of the models for want of an input the study adds (a deep-feature row) are exclusions too.
        var written = [ReportTables.exclusions(failures: failures, droppedFeatures: evaluation?.droppedFeatures ?? [],
                                               cases: evaluation?.deepFeatures?.excluded ?? [])]
        if let evaluation { written += [evaluation.selectedFeaturesTable] + evaluation.regionTables + [evaluation.performanceTable] }
        if case let .success(svm)? = evaluation?.svm { written.append(svm.gridTable) }
        if case let .success(clinical)? = evaluation?.clinical { written.append(clinical.oddsRatioTable) }
        if let evaluation { written += evaluation.clinicalEvidenceTables }
        if case let .success(multiclass)? = evaluation?.multiclass { written += multiclass.tables }
        if let evaluation { written += evaluation.nomogramCalibrationTables }
        let baseline = self.baseline ?? BaselineSection.evaluate(study: study)
        if case let .success(b)? = baseline { written += [b.byCohortTable, b.byOutcomeTable].compactMap { $0 } }
        // `outputs:` — tables not asked for are neither written nor shown.
        let hidden = Set(written.filter { !study.outputs.includesTable($0.name) }.map(\.table.caption))
        written.removeAll { !study.outputs.includesTable($0.name) }
        for t in written {
            try Data(t.table.csv().utf8).write(to: tables.appendingPathComponent("\(t.name).csv"), options: .atomic)
        }
        let document = ReportDocument(study: study, version: version, featureTable: featureTable, failures: failures,
                                      model: model, figures: drawn, baseline: baseline, provenanceRecord: provenance,
                                      hiddenTableCaptions: hidden)
        let reportFile = study.output.appendingPathComponent("report.html")
        guard study.outputs.report else { try? fm.removeItem(at: reportFile); return }
        try Data(document.html().html().utf8).write(to: reportFile, options: .atomic)
    }
}
