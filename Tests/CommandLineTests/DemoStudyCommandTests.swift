import Foundation
import TestSupport
import XCTest

/// `radfleet demo --study FILE` as a user runs it: the demo cohort, the YAML files of FILE's folder and FILE as
/// study.yaml land in the demo folder; other files of that folder do not; a missing FILE is refused up front.
final class DemoStudyCommandTests: XCTestCase {
    private let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("radfleet-demo-study-\(UUID().uuidString)")

    override func tearDown() {
        try? FileManager.default.removeItem(at: scratch)
    }

    func testStudyFileAndItsFoldersYAMLFilesAreCopiedBesideTheDemoCohort() throws {
        let example = scratch.appendingPathComponent("example"), out = scratch.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: example, withIntermediateDirectories: true)
        let study = "name: burden\ncohort: cohort.csv\noutcome: high_burden\nextraction: {params: params.yaml}\n"
        let params = "setting: {binWidth: 10, label: 1}\nimageType: {Original: {}}\nfeatureClass: {firstorder:}\n"
        try study.write(to: example.appendingPathComponent("study-burden.yaml"), atomically: true, encoding: .utf8)
        try "name: other\ncohort: cohort.csv\n".write(to: example.appendingPathComponent("study.yaml"), atomically: true, encoding: .utf8)
        try params.write(to: example.appendingPathComponent("params.yaml"), atomically: true, encoding: .utf8)
        try "id,image,mask\n".write(to: example.appendingPathComponent("cohort.csv"), atomically: true, encoding: .utf8)
        try "notes".write(to: example.appendingPathComponent("README.md"), atomically: true, encoding: .utf8)

        let r = try RadFleetExecutable.run(["demo", out.path, "--cases", "3", "--no-run",
                                            "--study", example.appendingPathComponent("study-burden.yaml").path])
        XCTAssertEqual(r.status, 0, r.stderr)
        func text(_ name: String) throws -> String { try String(contentsOf: out.appendingPathComponent(name), encoding: .utf8) }
        XCTAssertEqual(try text("study.yaml"), study)
        XCTAssertEqual(try text("study-burden.yaml"), study)
        XCTAssertEqual(try text("params.yaml"), params, "the example's parameter file replaces the built-in one")
        XCTAssertTrue(try text("cohort.csv").hasPrefix("id,image,mask,spacing,cohort,alnm"), "the demo's cohort stays")
        XCTAssertEqual(try text("cohort.csv").split(separator: "\n").count, 4)
        XCTAssertTrue(FileManager.default.fileExists(atPath: out.appendingPathComponent("deep_features.csv").path))
        XCTAssertFalse(FileManager.default.fileExists(atPath: out.appendingPathComponent("README.md").path))
    }

    func testAMissingStudyFileIsRefusedBeforeAnythingIsWritten() throws {
        let out = scratch.appendingPathComponent("out")
        let r = try RadFleetExecutable.run(["demo", out.path, "--no-run", "--study", scratch.appendingPathComponent("nope.yaml").path])
        XCTAssertNotEqual(r.status, 0)
        XCTAssertTrue(r.stderr.contains("--study: no such file"), r.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: out.path))
    }
}
