import CaseIO
import Foundation
import ImageIO
import XCTest

/// The demo cohort's seed-design columns and files: the original cohort is untouched (byte for byte, against the
/// files the code wrote before they were added), and the new columns and files are well formed.
final class DemoCohortSeedDesignTests: XCTestCase {
    private var dir: URL!

    override func setUpWithError() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("radfleet-demo-designs-\(UUID().uuidString)")
    }

    override func tearDown() {
        try? FileManager.default.removeItem(at: dir)
    }

    private struct Baseline: Decodable {
        let cases: Int
        let seed: UInt64
        let cohortColumns: [String]
        let files: [String: String]
    }

    private static let originalColumns = ["id", "image", "mask", "spacing", "cohort", "alnm", "age", "tumour_size_mm",
                                          "us_reported_aln", "grade"]

    /// FNV-1a (64-bit), as scripts/fixtures/demo_cohort_baseline.py fingerprints the files.
    private static func fnv1a64(_ data: Data) -> String {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for b in data { h = (h ^ UInt64(b)) &* 0x100_0000_01B3 }
        let hex = String(h, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    private func rows(_ file: String) throws -> [[String]] {
        try String(contentsOf: dir.appendingPathComponent(file), encoding: .utf8)
            .split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    }

    func testOriginalColumnsImagesAndMasksAreByteIdentical() throws {
        let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/demo_cohort_baseline.json")
        let baseline = try JSONDecoder().decode(Baseline.self, from: Data(contentsOf: fixture))
        try DemoCohortWriter.write(DemoCohort(count: baseline.cases, seed: baseline.seed), to: dir)
        let lines = try rows("cohort.csv")
        XCTAssertEqual(lines.map { $0.prefix(10).joined(separator: ",") }, baseline.cohortColumns)
        XCTAssertEqual(baseline.files.count, 2 * baseline.cases)
        for (name, digest) in baseline.files.sorted(by: { $0.key < $1.key }) {
            XCTAssertEqual(Self.fnv1a64(try Data(contentsOf: dir.appendingPathComponent(name))), digest, name)
        }
    }

    func testSeedDesignColumnsAndFilesAreWellFormed() throws {
        let count = 60, size = 96
        try DemoCohortWriter.write(DemoCohort(count: count, seed: 11, size: size), to: dir)
        let lines = try rows("cohort.csv")
        let header = lines[0]
        XCTAssertEqual(header, Self.originalColumns + DemoCohortWriter.seedDesignColumns)
        func column(_ name: String) -> [String] {
            let j = header.firstIndex(of: name)!
            return lines.dropFirst().map { $0[j] }
        }
        XCTAssertEqual(lines.count, count + 1)
        XCTAssertTrue(lines.allSatisfy { $0.count == header.count })
        let ids = column("id"), alnm = column("alnm")

        // The node ROI: an image and a non-empty 0/255 mask of the case's size, per case.
        for (image, mask) in zip(column("node_image"), column("node_mask")) {
            let img = try PNGReader.decode(path: dir.appendingPathComponent(image).path)
            XCTAssertEqual([img.width, img.height], [size, size], image)
            try assertMask(mask, size: size)
        }
        // Second readers: the same cases for tumour and node, about 40 %, each a perturbed copy of reader 1.
        let readers = column("mask_reader2"), nodeReaders = column("node_mask_reader2")
        XCTAssertEqual(readers.map(\.isEmpty), nodeReaders.map(\.isEmpty))
        let withReader = readers.filter { !$0.isEmpty }.count
        XCTAssertTrue((12...36).contains(withReader), "\(withReader) of \(count) cases have a second reader")
        for (pairs, label) in [(zip(column("mask"), readers), "tumour"), (zip(column("node_mask"), nodeReaders), "node")] {
            for (first, second) in pairs where !second.isEmpty {
                let a = try assertMask(first, size: size), b = try assertMask(second, size: size)
                let both = zip(a, b).filter { $0 && $1 }.count
                let dice = 2 * Double(both) / Double(a.filter { $0 }.count + b.filter { $0 }.count)
                XCTAssertNotEqual(a, b, "\(label) \(second) is reader 1's mask")
                XCTAssertGreaterThan(dice, 0.75, "\(label) \(second)")
            }
        }
        // Sites: the four cohorts of seed 001, each with both outcomes; `cohort` stays training / validation.
        let sites = column("site")
        XCTAssertEqual(Set(sites), Set(DemoCohort.SeedDesign.sites))
        for site in DemoCohort.SeedDesign.sites {
            XCTAssertEqual(Set(zip(sites, alnm).filter { $0.0 == site }.map(\.1)), ["0", "1"], site)
        }
        XCTAssertEqual(Set(column("cohort")), ["training", "validation"])
        // N stage: N0 exactly when alnm = 0; high burden exactly when N3+.
        for (stage, (y, burden)) in zip(column("n_stage"), zip(alnm, column("high_burden"))) {
            XCTAssertEqual(stage == "N0", y == "0")
            XCTAssertTrue(["N0", "N1-2", "N3+"].contains(stage), stage)
            XCTAssertEqual(burden, stage == "N3+" ? "1" : "0")
        }
        XCTAssertTrue(column("n_stage").contains("N3+") && column("n_stage").contains("N1-2"))
        XCTAssertTrue(Set(column("location")).isSubset(of: ["outer", "inner", "central"]))
        XCTAssertTrue(Set(column("tumour_type")).isSubset(of: ["IDC", "ILC", "other"]))
        XCTAssertEqual(Set(column("multifocal")), ["0", "1"])
        XCTAssertEqual(Set(column("mri_reported_ln")), ["0", "1"])

        // Deep features: id + cnn_0 … cnn_255, one row per case in cohort order, finite, no constant column.
        let deep = try rows("deep_features.csv")
        XCTAssertEqual(deep[0], ["id"] + (0..<256).map { "cnn_\($0)" })
        XCTAssertEqual(deep.dropFirst().map { $0[0] }, ids)
        let values = deep.dropFirst().map { $0.dropFirst().map { Double($0) } }
        XCTAssertTrue(values.allSatisfy { $0.count == 256 && $0.allSatisfy { $0?.isFinite == true } })
        for j in 0..<256 {
            let column = values.map { $0[j]! }
            XCTAssertGreaterThan(column.max()! - column.min()!, 0.1, "cnn_\(j)")
        }
    }

    func testTheSameSeedGivesTheSameSeedDesignData() {
        let a = DemoCohort(count: 6, seed: 5, size: 64), b = DemoCohort(count: 6, seed: 5, size: 64)
        XCTAssertEqual(a.cases.map(\.design.nodeImage), b.cases.map(\.design.nodeImage))
        XCTAssertEqual(a.cases.map(\.design.readerMask), b.cases.map(\.design.readerMask))
        XCTAssertEqual(a.cases.map(\.design.deepFeatures), b.cases.map(\.design.deepFeatures))
        XCTAssertEqual(a.cases.map(\.design.site), b.cases.map(\.design.site))
        let c = DemoCohort(count: 6, seed: 6, size: 64)
        XCTAssertNotEqual(a.cases.map(\.design.deepFeatures), c.cases.map(\.design.deepFeatures))
    }

    /// Decodes a mask PNG: the case's size, only 0 and 255, some pixels inside. Returns inside / outside.
    @discardableResult
    private func assertMask(_ path: String, size: Int, file: StaticString = #filePath, line: UInt = #line) throws -> [Bool] {
        let png = try PNGReader.decode(path: dir.appendingPathComponent(path).path)
        XCTAssertEqual([png.width, png.height], [size, size], path, file: file, line: line)
        let samples = (0..<(png.width * png.height)).map { png.sample($0) }
        XCTAssertTrue(Set(samples).isSubset(of: [0, 255]), path, file: file, line: line)
        XCTAssertTrue(samples.contains(255), "\(path) is empty", file: file, line: line)
        return samples.map { $0 != 0 }
    }
}
