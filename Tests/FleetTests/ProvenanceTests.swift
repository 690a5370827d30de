import CaseIO
import Fleet
import Foundation
import Study
import XCTest

/// results.json's provenance: SHA-256 checksums equal `sha256sum`'s, a missing or unreadable input gets an entry with
/// the reason (not a crash), and the settings, seeds and checksums are all there.
final class ProvenanceTests: XCTestCase {
    var dir: URL!

    override func setUpWithError() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("radfleet-provenance-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: dir) }

    /// The coreutils tool's answer for a file.
    func sha256sum(_ url: URL) throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["sha256sum", url.path]
        let pipe = Pipe()
        p.standardOutput = pipe
        try p.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        XCTAssertEqual(p.terminationStatus, 0)
        return String(String(decoding: data, as: UTF8.self).prefix(64))
    }

    func testChecksumEqualsSha256sumAndTheFIPSVector() throws {
        let abc = dir.appendingPathComponent("abc.txt")
        try Data("abc".utf8).write(to: abc)
        // FIPS 180-2, appendix B.1.
        XCTAssertEqual(try Provenance.sha256(of: abc).get(), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        // A file over the 1 MiB read block, with every byte value.
        var bytes = [UInt8](repeating: 0, count: 3 * (1 << 20) + 12345)
        var x: UInt32 = 12345
        for i in bytes.indices { x = x &* 1_103_515_245 &+ 12345; bytes[i] = UInt8(truncatingIfNeeded: x >> 16) }
        let big = dir.appendingPathComponent("big.bin")
        try Data(bytes).write(to: big)
        XCTAssertEqual(try Provenance.sha256(of: big).get(), try sha256sum(big))
        let empty = dir.appendingPathComponent("empty")
        try Data().write(to: empty)
        XCTAssertEqual(try Provenance.sha256(of: empty).get(), try sha256sum(empty))
    }

    func testMissingOrUnreadableFilesGiveAnEntryWithTheReason() throws {
        guard case let .failure(e) = Provenance.sha256(of: dir.appendingPathComponent("nope.png")) else { return XCTFail("a missing file hashed") }
        XCTAssertEqual(e.description, "no such file")
        guard case let .failure(f) = Provenance.sha256(of: dir) else { return XCTFail("a folder hashed") }
        XCTAssertTrue(f.description.contains("folder"), f.description)
    }

    func testResultsJSONCarriesSettingsSeedsAndEveryInputChecksum() throws {
        try DemoCohortWriter.write(DemoCohort(count: 6, seed: 3, size: 48), to: dir)
        let missing = "demo-004"
        try FileManager.default.removeItem(at: dir.appendingPathComponent("images/\(missing)_mask.png"))
        let studyURL = dir.appendingPathComponent("study.yaml")
        let study = try StudyFile(contentsOf: studyURL)
        let store = try JobStore(path: dir.appendingPathComponent("run.sqlite").path)
        let aggregator = Aggregator(study: study, version: "test-1")
        let outputs = try aggregator.assemble(from: store)
        let json = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(outputs.resultsJSON.rendered().utf8)) as? [String: Any])
        let p = try XCTUnwrap(json["provenance"] as? [String: Any])
        XCTAssertEqual(p["radfleetVersion"] as? String, "test-1")
        let settings = try XCTUnwrap(p["settings"] as? [String: Any])
        XCTAssertEqual(settings["studyFileText"] as? String, try String(contentsOf: studyURL, encoding: .utf8))
        let params = try XCTUnwrap(settings["parameterFiles"] as? [[String: Any]])
        XCTAssertEqual(params.map { $0["file"] as? String }, ["params.yaml"])
        XCTAssertEqual(params.first?["text"] as? String, try String(contentsOf: dir.appendingPathComponent("params.yaml"), encoding: .utf8))

        let seeds = try XCTUnwrap(p["seeds"] as? [[String: Any]])
        XCTAssertEqual(seeds.map { $0["name"] as? String }, ["study", "folds", "bootstrap"], "the demo study draws folds and bootstraps")
        XCTAssertEqual(seeds[0]["value"] as? String, String(study.seed))
        XCTAssertEqual(seeds[1]["value"] as? String, String(JobSeed.derive(studySeed: study.seed, jobId: "folds:lasso")))
        XCTAssertEqual(seeds[2]["value"] as? String, String(JobSeed.derive(studySeed: study.seed, jobId: "bootstrap:radscore")))

        let sums = try XCTUnwrap(p["checksums"] as? [String: Any])
        XCTAssertEqual(sums["algorithm"] as? String, "SHA-256")
        func entry(_ any: Any?) throws -> (file: String, sha: String?, error: String?) {
            let o = try XCTUnwrap(any as? [String: Any])
            return (try XCTUnwrap(o["file"] as? String), o["sha256"] as? String, o["error"] as? String)
        }
        for (key, name) in [("studyFile", "study.yaml"), ("cohort", "cohort.csv")] {
            let e = try entry(sums[key])
            XCTAssertEqual(e.file, name)
            XCTAssertEqual(e.sha, try sha256sum(dir.appendingPathComponent(name)), key)
        }
        XCTAssertEqual(try entry((sums["parameterFiles"] as? [Any])?.first).sha, try sha256sum(dir.appendingPathComponent("params.yaml")))
        let cases = try XCTUnwrap(sums["cases"] as? [[String: Any]])
        XCTAssertEqual(cases.map { $0["id"] as? String }, (1...6).map { String(format: "demo-%03d", $0) }, "every case, cohort order")
        for c in cases {
            let id = try XCTUnwrap(c["id"] as? String)
            let image = try entry(c["image"]), mask = try entry(c["mask"])
            XCTAssertEqual(image.file, "images/\(id).png")
            XCTAssertEqual(image.sha, try sha256sum(dir.appendingPathComponent(image.file)), id)
            if id == missing {
                XCTAssertNil(mask.sha)
                XCTAssertEqual(mask.error, "no such file")
            } else {
                XCTAssertEqual(mask.sha, try sha256sum(dir.appendingPathComponent(mask.file)), id)
            }
        }

        // The report's provenance table shows the checksums, the missing file with its reason.
        try aggregator.write(outputs)
        let html = try String(contentsOf: study.output.appendingPathComponent("report.html"), encoding: .utf8)
        let doc = XMLDocumentScan(html)
        XCTAssertTrue(doc.wellFormed, doc.error)
        let cells = doc.cells(inSection: "study")
        XCTAssertTrue(cells.contains(try sha256sum(dir.appendingPathComponent("cohort.csv"))))
        XCTAssertTrue(html.contains("\(missing) images/\(missing)_mask.png unavailable: no such file"))
    }
}
