import Fleet
import FleetProtocol
import Foundation
import Study
import XCTest

/// The study file's `outputs:` key: parsing (unknown names are errors that list the known ones), and a study asking
/// for a subset gets exactly those figure and table files and report figures, in a well-formed report.
final class OutputSpecTests: XCTestCase {
    func parse(_ yaml: String) throws(StudyError) -> StudyFile {
        try StudyFile(yaml: "cohort: c.csv\n" + yaml, url: URL(fileURLWithPath: "/tmp/study.yaml"))
    }

    func testDefaultIsEverythingAndNamesAreMatchedLoosely() throws {
        XCTAssertEqual(try parse("").outputs, .all)
        let s = try parse("outputs: {figures: [ROC, decision-curve, nomogram], tables: none, report: false}").outputs
        XCTAssertEqual(s.figures, .only(["roc", "decisioncurve", "nomogram"]))
        XCTAssertTrue(s.includesFigure(file: "roc"))
        XCTAssertTrue(s.includesFigure(file: "roc-validation"))
        XCTAssertTrue(s.includesFigure(file: "decision-curve"))
        XCTAssertFalse(s.includesFigure(file: "calibration"))
        XCTAssertFalse(s.includesFigure(file: "lasso-cv"))
        XCTAssertFalse(s.includesTable("model-performance"))
        XCTAssertFalse(s.report)
        let t = try parse("outputs: {tables: [delong, nri_idi, nomogram, baselineByCohort]}").outputs
        XCTAssertTrue(t.includesTable("baseline_by_cohort"))
        XCTAssertFalse(t.includesTable("baseline_by_outcome"))
        XCTAssertEqual(t.figures, .all)
    }

    func testUnknownNamesAndKeysAreErrorsNamingTheKeyAndTheKnownNames() {
        func problem(_ yaml: String) -> StudyError? {
            do { _ = try parse(yaml); return nil } catch { return error }
        }
        let figure = problem("outputs: {figures: [roc, forest]}")
        XCTAssertEqual(figure?.key, "outputs.figures")
        XCTAssertTrue(figure?.reason.contains("'forest'") == true, figure?.description ?? "")
        for name in OutputSpec.figureKinds.map(\.name) { XCTAssertTrue(figure?.reason.contains(name) == true, name) }
        let table = problem("outputs: {tables: [model-performance, table9]}")
        XCTAssertEqual(table?.key, "outputs.tables")
        for name in ["model-performance", "baseline_by_cohort", "delong", "nri_idi", "nomogram"] {
            XCTAssertTrue(table?.reason.contains(name) == true, name)
        }
        XCTAssertEqual(problem("outputs: {figure: all}")?.key, "outputs.figure")
        XCTAssertEqual(problem("outputs: {report: maybe}")?.key, "outputs.report")
        XCTAssertEqual(problem("outputs: {figures: some}")?.key, "outputs.figures")
    }

    /// The report study of StudyReportTests, aggregated again from the same job store with `outputs:` added.
    func testAStudyAskingForASubsetGetsExactlyThoseFilesAndFigures() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("radfleet-outputs-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let dir = root.appendingPathComponent("study")
        let full = try StudyReportTests.runStudy(in: dir, seed: StudyReportTests.seed)
        XCTAssertTrue(FileManager.default.fileExists(atPath: full.appendingPathComponent("figures/decision-curve.svg").path))

        func aggregate(_ outputs: String) throws -> StudyFile {
            let studyURL = dir.appendingPathComponent("study.yaml")
            var text = try String(contentsOf: studyURL, encoding: .utf8)
            if let r = text.range(of: "\noutputs:") { text = String(text[..<r.lowerBound]) + "\n" }
            try (text + "outputs: \(outputs)\n").write(to: studyURL, atomically: true, encoding: .utf8)
            let study = try StudyFile(contentsOf: studyURL)
            let aggregator = Aggregator(study: study, version: "test")
            try aggregator.write(try aggregator.assemble(from: try JobStore(path: dir.appendingPathComponent("run.sqlite").path)))
            return study
        }
        func files(_ sub: String, _ study: StudyFile) throws -> [String] {
            try FileManager.default.contentsOfDirectory(atPath: study.output.appendingPathComponent(sub).path).sorted()
        }

        let study = try aggregate("{figures: [roc, calibration], tables: [model-performance], report: true}")
        XCTAssertEqual(try files("figures", study), ["calibration.png", "calibration.svg", "roc.png", "roc.svg"])
        XCTAssertEqual(try files("tables", study), ["model-performance.csv"])
        let doc = XMLDocumentScan(try String(contentsOf: study.output.appendingPathComponent("report.html"), encoding: .utf8))
        XCTAssertTrue(doc.wellFormed, doc.error)
        XCTAssertEqual(doc.elements.filter { $0.name == "figure" }.compactMap { $0.attributes["id"] }, ["figure-roc", "figure-calibration"])
        XCTAssertEqual(doc.elements.filter { $0.name == "section" }.compactMap { $0.attributes["id"] },
                       ["study", "cohort", "feature-selection", "performance", "roc", "calibration"])
        let captions = doc.elements.filter { $0.name == "caption" }.map(\.text)
        XCTAssertTrue(captions.contains { $0.hasPrefix("Model performance per cohort") }, "the performance table is shown")
        XCTAssertFalse(captions.contains { $0.hasPrefix("Features kept by the LASSO") }, "the selected-features table is not")
        XCTAssertFalse(captions.contains { $0.hasPrefix("SVM grid") }, "the SVM grid table is not")
        // results.json keeps every number whatever the outputs.
        let json = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(contentsOf: study.output.appendingPathComponent("results.json"))) as? [String: Any])
        XCTAssertNotNil((json["model"] as? [String: Any])?["evaluation"])

        let none = try aggregate("{figures: none, tables: none, report: false}")
        XCTAssertEqual(try files("figures", none), [])
        XCTAssertEqual(try files("tables", none), [])
        XCTAssertFalse(FileManager.default.fileExists(atPath: none.output.appendingPathComponent("report.html").path))
        XCTAssertTrue(FileManager.default.fileExists(atPath: none.output.appendingPathComponent("results.json").path))
    }
}
