import CaseIO
import Foundation
import ImageIO
import RadiomicsCore
import XCTest

/// One broken case fails alone, with its id, file and reason; the others are extracted.
final class CaseExtractionTests: XCTestCase {
    var dir: URL!

    override func setUpWithError() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("radfleet-caseio-\(UUID().uuidString)")
        try DemoCohortWriter.write(DemoCohort(count: 4, seed: 7, size: 96), to: dir)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: dir)
    }

    func firstOrderOnly() -> FeatureExtractor {
        FeatureExtractor(parameters: ExtractionParameters(featureClasses: [(.firstorder, .named(["Mean", "Maximum"]))]))
    }

    func testDemoCohortExtractsEveryCase() throws {
        let manifest = try Manifest(contentsOf: dir.appendingPathComponent("cohort.csv"))
        XCTAssertEqual(manifest.cases.count, 4)
        for c in manifest.cases {
            let result = CaseExtraction.run(CaseInput(id: c.id, image: c.image, mask: c.mask, spacing: c.spacing), extractor: firstOrderOnly())
            let row = try result.get()
            XCTAssertEqual(row.result.featureNames, ["original_firstorder_Mean", "original_firstorder_Maximum"])
            XCTAssertGreaterThan(row.result.features[1].value, row.result.features[0].value)
        }
    }

    func testMissingTruncatedAndMismatchedFilesFailTheirCaseOnly() throws {
        let manifest = try Manifest(contentsOf: dir.appendingPathComponent("cohort.csv"))
        let c = manifest.cases
        // case 0: missing image; case 1: truncated image; case 2: mask of another size; case 3 untouched.
        try FileManager.default.removeItem(at: c[0].image)
        let bytes = try Data(contentsOf: c[1].image)
        try bytes.prefix(bytes.count / 2).write(to: c[1].image)
        let small = LabelMap(width: 10, height: 10, labels: Array(repeating: 255, count: 100))
        try PNGWriter.write(PNGWriter.encode(small), to: c[2].mask.path)

        let results = c.map { CaseExtraction.run(CaseInput(id: $0.id, image: $0.image, mask: $0.mask, spacing: $0.spacing), extractor: firstOrderOnly()) }
        for (i, r) in results.prefix(3).enumerated() {
            guard case let .failure(f) = r else { return XCTFail("case \(i) should fail") }
            XCTAssertEqual(f.id, c[i].id)
            XCTAssertTrue("\(f)".contains(c[i].id), "\(f)")
        }
        if case let .failure(f) = results[0] { XCTAssertTrue("\(f)".contains(c[0].image.lastPathComponent), "\(f)") }
        if case let .failure(f) = results[1] { XCTAssertTrue("\(f)".contains(c[1].image.lastPathComponent), "\(f)") }
        if case let .failure(f) = results[2] { XCTAssertTrue("\(f)".contains("96 x 96") && "\(f)".contains("10 x 10"), "\(f)") }
        XCTAssertNoThrow(try results[3].get())
    }

    func testEmptyMaskIsAClearError() throws {
        let manifest = try Manifest(contentsOf: dir.appendingPathComponent("cohort.csv"))
        let c = manifest.cases[0]
        try PNGWriter.write(PNGWriter.encode(LabelMap(width: 96, height: 96, labels: Array(repeating: 0, count: 96 * 96))), to: c.mask.path)
        let r = CaseExtraction.run(CaseInput(id: c.id, image: c.image, mask: c.mask, spacing: nil), extractor: firstOrderOnly())
        guard case let .failure(f) = r else { return XCTFail("empty mask must fail") }
        XCTAssertTrue(f.reason.contains("empty") || f.reason.contains("No labels") || f.reason.contains("nothing is segmented"), f.reason)
    }
}
