import Foundation
import XCTest

/// Issue 5's "byte-identical whatever the worker count" for a study with every model stage: the demo study (a
/// training / validation split, the rad-score's bootstrap on both cohorts, the SVM grid and fit, the clinical
/// models) run by real processes on one worker and on two.
final class WorkerCountModelTests: XCTestCase {
    func testAModelStudyGivesTheSameBytesOnOneOrTwoWorkers() throws {
        let h = try FleetHarness()
        let one = try h.demoStudy("one", cases: 40)
        let two = try h.demoStudy("two", cases: 40)
        let r1 = try h.run(["run", one.path, "--workers", "1", "--quiet"], timeout: 300)
        XCTAssertEqual(r1.status, 0, r1.output)
        let r2 = try h.run(["run", two.path, "--workers", "2", "--quiet"], timeout: 300)
        XCTAssertEqual(r2.status, 0, r2.output)
        func output(_ study: URL, _ name: String) throws -> Data {
            try Data(contentsOf: study.deletingLastPathComponent().appendingPathComponent("results").appendingPathComponent(name))
        }
        let json = try output(one, "results.json")
        XCTAssertEqual(json, try output(two, "results.json"), "results.json differs between 1 and 2 workers")
        XCTAssertEqual(try output(one, "tables/model-performance.csv"), try output(two, "tables/model-performance.csv"))

        // The study really went through every model stage, validation cohort included.
        struct Written: Decodable {
            struct Model: Decodable {
                struct Cohort: Decodable { let name: String; let bootstrap: Interval? }
                struct Interval: Decodable { let replicates: Int }
                let cohorts: [Cohort]?
            }
            struct SVM: Decodable {
                struct Cohort: Decodable { let name: String; let auc: Double? }
                let cohorts: [Cohort]?
            }
            let model: Model
            let svm: SVM
        }
        let written = try JSONDecoder().decode(Written.self, from: json), model = written.model
        let validation = try XCTUnwrap(model.cohorts?.first)
        XCTAssertEqual(validation.name, "validation")
        XCTAssertEqual(validation.bootstrap?.replicates, 500, "the validation cohort's bootstrap interval, from its fleet jobs")
        let svm = try XCTUnwrap(written.svm.cohorts?.first, "the SVM scored on the validation cohort by fit:svm")
        XCTAssertEqual(svm.name, "validation")
        XCTAssertNotNil(svm.auc)
        let text = String(decoding: json, as: UTF8.self)
        XCTAssertTrue(text.contains("\"svm\": {") && text.contains("\"chosen\": {"), "the SVM grid was run and its setting fitted")
    }
}
