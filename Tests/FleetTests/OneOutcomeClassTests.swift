import CaseIO
import Fleet
import Foundation
import Study
import XCTest

/// Bad input: a cohort holding one outcome class. The study goes on where it can: a validation cohort with one
/// class is reported by name as not evaluated (the other numbers stand); a training cohort with one class leaves the
/// model out with the reason, and the extraction outputs are still written.
final class OneOutcomeClassTests: XCTestCase {
    private var dir: URL!

    override func setUpWithError() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("radfleet-oneclass-\(UUID().uuidString)")
        try DemoCohortWriter.write(DemoCohort(count: 60, seed: 11, size: 96), to: dir)
    }

    override func tearDown() {
        try? FileManager.default.removeItem(at: dir)
    }

    /// Rewrites the outcome of every case of `cohort` to `value`, and the study as the rad-score alone.
    func setOutcome(of cohort: String, to value: String) throws {
        let url = dir.appendingPathComponent("cohort.csv")
        var lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n").map(String.init)
        let header = lines[0].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        let c = try XCTUnwrap(header.firstIndex(of: "cohort")), y = try XCTUnwrap(header.firstIndex(of: "alnm"))
        for i in 1..<lines.count {
            var cells = lines[i].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            if cells[c] == cohort { cells[y] = value }
            lines[i] = cells.joined(separator: ",")
        }
        try (lines.joined(separator: "\n") + "\n").write(to: url, atomically: true, encoding: .utf8)
        try """
        name: one-class
        seed: 2026
        cohort: cohort.csv
        outcome: alnm
        extraction: {params: params.yaml}
        output: results
        cohorts: {column: cohort, training: training}
        model:
          lasso: {folds: 5}
          bootstrap: 20
          bootstrapBlock: 10

        """.write(to: dir.appendingPathComponent("study.yaml"), atomically: true, encoding: .utf8)
    }

    func runAndWrite() throws -> (outputs: Aggregator.Outputs, report: String) {
        let (plan, results, _) = try InProcessStudy.run(studyFile: dir.appendingPathComponent("study.yaml"), dataRoot: dir)
        let store = try InProcessStudy.store(results, at: dir.appendingPathComponent("oneclass.sqlite").path)
        let aggregator = Aggregator(study: plan.study, version: "test")
        let outputs = try aggregator.assemble(from: store)
        try aggregator.write(outputs)
        return (outputs, try String(contentsOf: plan.study.output.appendingPathComponent("report.html"), encoding: .utf8))
    }

    func testAValidationCohortWithOneClassIsNamedAndTheRestStands() throws {
        try setOutcome(of: "validation", to: "0")
        let (outputs, report) = try runAndWrite()
        guard case let .evaluated(e)? = outputs.model else { return XCTFail("the model is fitted on training: \(String(describing: outputs.model))") }
        let validation = try XCTUnwrap(e.cohorts.first { $0.name == "validation" })
        guard case let .failure(why) = validation.discrimination else { return XCTFail("a one-class cohort has no ROC") }
        XCTAssertTrue(why.description.contains("one outcome class"), why.description)
        XCTAssertFalse(e.performance.contains { $0.cohort == "validation" })
        XCTAssertTrue(e.performance.contains { $0.cohort == "training" })
        XCTAssertTrue(report.contains("validation") && report.contains("the rad-score is not evaluated there"), "the report names the cohort")
        XCTAssertTrue(outputs.resultsJSON.rendered().contains("not evaluated: the cohort"))
    }

    func testATrainingCohortWithOneClassLeavesTheModelOutWithTheReason() throws {
        try setOutcome(of: "training", to: "1")
        let (outputs, report) = try runAndWrite()
        guard case let .notFitted(reason, _)? = outputs.model else { return XCTFail("no model can be fitted on one class") }
        XCTAssertTrue(reason.contains("alnm") && reason.contains("one outcome class"), reason)
        XCTAssertEqual(outputs.featureTable.rows.count, 60, "every case is still extracted and written")
        XCTAssertTrue(report.contains("Model not fitted"), "the report says why")
        XCTAssertTrue(FileManager.default.fileExists(atPath: dir.appendingPathComponent("results/features.csv").path))
    }
}
