import CaseIO
import Foundation
import ParameterFiles
import Study
import XCTest
import Yams

/// The study files of examples/: each parses (an unknown or misspelt key fails, naming the file and key), its
/// parameter files parse, and each seed-design example names only columns that `radfleet demo`'s cohort has.
final class ExampleStudiesTests: XCTestCase {
    static let examples = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("examples")

    /// examples/*/study*.yaml, sorted.
    static func studyFiles() throws -> [URL] {
        let fm = FileManager.default
        return try fm.contentsOfDirectory(atPath: examples.path).sorted().flatMap { folder -> [URL] in
            let dir = examples.appendingPathComponent(folder)
            var isDirectory: ObjCBool = false
            guard fm.fileExists(atPath: dir.path, isDirectory: &isDirectory), isDirectory.boolValue else { return [] }
            return try fm.contentsOfDirectory(atPath: dir.path).sorted()
                .filter { $0.hasPrefix("study") && $0.hasSuffix(".yaml") }
                .map { dir.appendingPathComponent($0) }
        }
    }

    private var dir: URL!

    override func tearDown() {
        if let dir { try? FileManager.default.removeItem(at: dir) }
    }

    func testEveryExampleStudyFileParses() throws {
        let files = try Self.studyFiles()
        let seeds = Set(files.map { $0.deletingLastPathComponent().lastPathComponent }.filter { $0.hasPrefix("seed-") })
        XCTAssertEqual(seeds, ["seed-000-lee-2021", "seed-001-zhang-2025", "seed-002-hong", "seed-003-dce-mri-nomogram",
                               "seed-004-wei-2023"])
        XCTAssertTrue(files.contains { $0.lastPathComponent == "study-burden.yaml" }, "seed 002's burden task")
        for file in files {
            let name = "\(file.deletingLastPathComponent().lastPathComponent)/\(file.lastPathComponent)"
            do {
                _ = try StudyFile(contentsOf: file)
            } catch {
                XCTFail("\(name): \(error)")
            }
        }
    }

    func testEveryExampleParameterFileParses() throws {
        for folder in Set(try Self.studyFiles().map { $0.deletingLastPathComponent() }) {
            let params = try FileManager.default.contentsOfDirectory(atPath: folder.path)
                .filter { $0.hasSuffix(".yaml") && !$0.hasPrefix("study") }
            XCTAssertFalse(params.isEmpty, folder.lastPathComponent)
            for p in params {
                XCTAssertNoThrow(try ParameterFile.load(path: folder.appendingPathComponent(p).path), "\(folder.lastPathComponent)/\(p)")
            }
        }
    }

    /// The columns a seed example names (outcome, cohort column, clinical variables, ROI and reader-mask columns,
    /// the multiclass column) are columns of the demo cohort, the levels it declares are the values the demo writes,
    /// and the files it names are files the demo writes. Read from the YAML itself, so that it holds for sections
    /// `StudyFile` does not know yet too.
    func testSeedExamplesNameOnlyDemoCohortColumnsAndFiles() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("radfleet-examples-\(UUID().uuidString)")
        try DemoCohortWriter.write(DemoCohort(count: 40, seed: 3, size: 64), to: dir)
        let cohort = dir.appendingPathComponent("cohort.csv")
        let header = Set(try DataTable.header(of: cohort))
        for file in try Self.studyFiles() where file.deletingLastPathComponent().lastPathComponent.hasPrefix("seed-") {
            let name = "\(file.deletingLastPathComponent().lastPathComponent)/\(file.lastPathComponent)"
            let root = try XCTUnwrap(try Yams.compose(yaml: String(contentsOf: file, encoding: .utf8))?.mapping, name)
            func text(_ node: Node?) -> String? { node?.scalar?.string }
            func list(_ node: Node?) -> [String]? { node?.sequence?.compactMap { $0.scalar?.string } }
            XCTAssertEqual(text(root["cohort"]), "cohort.csv", name)
            // column → the values the study expects in it (nil: any).
            var columns: [(String, [String]?)] = [(try XCTUnwrap(text(root["outcome"]), name), ["0", "1"])]
            if let c = root["cohorts"]?.mapping, let column = text(c["column"]) {
                columns.append((column, nil))
                XCTAssertTrue(try DataTable.textColumn(column, of: cohort).contains(text(c["training"]) ?? "training"), name)
            }
            for (key, value) in root["clinical"]?.mapping ?? [:] {
                columns.append((try XCTUnwrap(key.string), list(value.mapping?["levels"])))
            }
            for (_, roi) in root["rois"]?.mapping ?? [:] {
                for key in ["image", "mask", "readerMask"] { if let c = text(roi.mapping?[key]) { columns.append((c, nil)) } }
            }
            if let c = text(root["features"]?.mapping?["icc"]?.mapping?["readerMask"]) { columns.append((c, nil)) }
            if let m = root["multiclass"]?.mapping { columns.append((try XCTUnwrap(text(m["column"])), list(m["levels"]))) }
            for (column, levels) in columns {
                guard header.contains(column) else { XCTFail("\(name): no demo column '\(column)'"); continue }
                guard let levels else { continue }
                let values = Set(try DataTable.textColumn(column, of: cohort))
                XCTAssertTrue(values.isSubset(of: Set(levels)), "\(name): \(column) values \(values.sorted()) outside \(levels)")
            }
            if let table = text(root["deepFeatures"]?.mapping?["table"]) {
                XCTAssertTrue(FileManager.default.fileExists(atPath: dir.appendingPathComponent(table).path), "\(name): \(table)")
            }
        }
    }

    func testTheExamplesTableListsEveryExample() throws {
        let readme = try String(contentsOf: Self.examples.appendingPathComponent("README.md"), encoding: .utf8)
        for file in try Self.studyFiles() {
            let path = "examples/\(file.deletingLastPathComponent().lastPathComponent)/\(file.lastPathComponent)"
            XCTAssertTrue(readme.contains(path) || file.deletingLastPathComponent().lastPathComponent == "busi-benign-malignant",
                          "examples/README.md does not list \(path)")
        }
    }
}
