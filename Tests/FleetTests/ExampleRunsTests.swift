import CaseIO
import Fleet
import Foundation
import Study
import XCTest

/// Every seed example of examples/ run end to end on the cohort `radfleet demo` synthesises, as
/// `radfleet demo --study` does (the example's YAML files beside the demo cohort), job by job through the wire
/// format (`InProcessStudy`), then aggregated and written: each gets its model, the sections its design asks for,
/// and a report holding them.
final class ExampleRunsTests: XCTestCase {
    private var dir: URL!

    override func tearDown() {
        if let dir { try? FileManager.default.removeItem(at: dir) }
    }

    /// Runs `examples/<folder>/<file>` on a fresh demo cohort; the written outputs' folder and the evaluation.
    func run(_ folder: String, _ file: String = "study.yaml", cases: Int = 120) throws -> (output: URL, evaluation: ModelEvaluation, json: [String: Any]) {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("radfleet-example-\(UUID().uuidString)")
        try DemoCohortWriter.write(DemoCohort(count: cases, seed: 2026, size: 128), to: dir)
        let source = ExampleStudiesTests.examples.appendingPathComponent(folder)
        for name in try FileManager.default.contentsOfDirectory(atPath: source.path) where name.hasSuffix(".yaml") {
            let target = dir.appendingPathComponent(name == file ? "study.yaml" : name)
            try? FileManager.default.removeItem(at: target)
            try FileManager.default.copyItem(at: source.appendingPathComponent(name), to: target)
        }
        let (plan, results, _) = try InProcessStudy.run(studyFile: dir.appendingPathComponent("study.yaml"), dataRoot: dir)
        let store = try InProcessStudy.store(results, at: dir.appendingPathComponent("example.sqlite").path)
        let aggregator = Aggregator(study: plan.study, version: "test")
        let outputs = try aggregator.assemble(from: store)
        try aggregator.write(outputs)
        XCTAssertTrue(outputs.failures.isEmpty, "\(outputs.failures.map { "\($0.jobId): \($0.reason)" })")
        guard case let .evaluated(e)? = outputs.model else {
            throw XCTSkip("\(folder): the model was not evaluated: \(String(describing: outputs.model))")
        }
        let data = try Data(contentsOf: plan.study.output.appendingPathComponent("results.json"))
        let json = try XCTUnwrap(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let html = try String(contentsOf: plan.study.output.appendingPathComponent("report.html"), encoding: .utf8)
        XCTAssertTrue(html.hasPrefix("<!DOCTYPE html>") && html.contains("</html>"), folder)
        return (plan.study.output, e, json)
    }

    func report(_ output: URL) throws -> String {
        try String(contentsOf: output.appendingPathComponent("report.html"), encoding: .utf8)
    }

    func testSeed000Lee2021() throws {
        let (output, e, _) = try run("seed-000-lee-2021")
        XCTAssertEqual(e.reduction?.map(\.step), ["usable", "icc", "constant", "redundancy"])
        XCTAssertEqual(e.cohorts.map(\.name), ["validation"])
        guard case .success? = e.clinical else { return XCTFail("clinical models: \(String(describing: e.clinical))") }
        XCTAssertTrue(try report(output).contains("id=\"figure-lasso-cv\""))
    }

    func testSeed001Zhang2025() throws {
        let (output, e, _) = try run("seed-001-zhang-2025")
        XCTAssertEqual(e.regions.count, 1)
        let node = try e.regions[0].get()
        XCTAssertEqual(node.name, "node")
        XCTAssertEqual(Set(e.cohorts.map(\.name)), ["internal", "external", "prospective"])
        XCTAssertTrue(e.reduction?.map(\.step).contains("icc") ?? false)
        XCTAssertTrue(node.reduction?.map(\.step).contains("icc") ?? false)
        guard case let .success(c)? = e.clinical else { return XCTFail("clinical models: \(String(describing: e.clinical))") }
        XCTAssertTrue(c.combined.fit.terms.contains("rad_score"), "\(c.combined.fit.terms)")
        XCTAssertTrue(try report(output).contains("id=\"regions\""))
    }

    func testSeed002HongBothTasks() throws {
        let alnm = try run("seed-002-hong")
        XCTAssertEqual(alnm.evaluation.cohorts.map(\.name), ["test"])
        let burden = try run("seed-002-hong", "study-burden.yaml")
        XCTAssertEqual(burden.evaluation.cohorts.map(\.name), ["test"])
    }

    func testSeed003DCEMRINomogram() throws {
        let (_, e, _) = try run("seed-003-dce-mri-nomogram")
        XCTAssertEqual(e.folds, 10)
        XCTAssertEqual(e.bootstrap?.count, 1000)
        guard case .success? = e.clinical else { return XCTFail("clinical models: \(String(describing: e.clinical))") }
        if case let .success(c)? = e.clinical {
            XCTAssertEqual(try c.calibration?.get().replicates, 1000, "the nomogram's bootstrap calibration, B = 1000")
        }
        XCTAssertEqual(e.performance.first?.ci.method, "Bootstrap (percentile)")
    }

    func testSeed004Wei2023() throws {
        let (_, e, _) = try run("seed-004-wei-2023")
        XCTAssertTrue(e.features.contains { $0.hasPrefix("deep_PC") } || e.droppedFeatures.contains { $0.hasPrefix("deep_PC") }
                      || (e.reduction != nil), "deep PCs offered to the reduction")
        XCTAssertEqual(e.deepFeatures?.names.count, 16, "deepFeatures: pca 16 applied")
        guard case let .success(m)? = e.multiclass else { return XCTFail("multiclass: \(String(describing: e.multiclass))") }
        XCTAssertEqual(m.cohorts.map(\.name).first, "training")
        XCTAssertEqual(m.cohorts.count, 1 + e.cohorts.count, "the three-class model on every cohort")
        guard case .success? = e.svm else { return XCTFail("svm: \(String(describing: e.svm))") }
    }

    func testSeed004WeiBurdenTask() throws {
        let (_, e, _) = try run("seed-004-wei-2023", "study-burden.yaml")
        XCTAssertEqual(e.cohorts.map(\.name), ["validation"])
        XCTAssertTrue(e.features.contains { $0.hasPrefix("deep_PC") } || e.droppedFeatures.contains { $0.hasPrefix("deep_PC") })
    }
}
