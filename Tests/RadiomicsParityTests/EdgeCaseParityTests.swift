import CaseIO
import Foundation
import ParameterFiles
import RadiomicsCore
import TestSupport
import XCTest

/// Whole-pipeline parity (PNG → features) on synthetic edge cases against PyRadiomics 3.1.4: odd sizes (wavelet
/// padding), a 16-bit image, ROIs of one row or one column, touching the border, flat, with a hole and two
/// blobs, 2×2, and a single pixel (which PyRadiomics refuses, and so must RadFleet).
/// Fixtures: Tests/RadiomicsParityTests/Fixtures/edge/, made by scripts/fixtures/edge_cases.py.
final class EdgeCaseParityTests: XCTestCase {
    static let folder = Fixtures.url("edge")

    func testDefaultParametersWithWavelet() throws { try check("edge_default") }
    func testFiltersNormalisationAndBinCount() throws { try check("edge_filters") }

    func check(_ name: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let parameters = try ParameterFile.load(path: Self.folder.appendingPathComponent("\(name).yaml").path)
        let manifest = try Manifest(contentsOf: Self.folder.appendingPathComponent("cohort.csv"))
        let reference = try ReferenceTable(contentsOf: Self.folder.appendingPathComponent("reference_\(name).csv"))
        let rejected = try ReferenceTable(contentsOf: Self.folder.appendingPathComponent("errors_\(name).csv")).ids
        XCTAssertEqual(manifest.cases.count, reference.ids.count + rejected.count)
        let extractor = FeatureExtractor(parameters: parameters)
        var compared = 0
        for c in manifest.cases {
            let result = CaseExtraction.run(CaseInput(id: c.id, image: c.image, mask: c.mask, spacing: c.spacing), extractor: extractor)
            if rejected.contains(c.id) {
                guard case .failure = result else {
                    XCTFail("\(name) \(c.id): PyRadiomics refuses this case; RadFleet must too", file: file, line: line)
                    continue
                }
                continue
            }
            let row: CaseRow
            switch result {
            case let .success(r): row = r
            case let .failure(f): XCTFail("\(name): \(f)", file: file, line: line); continue
            }
            XCTAssertEqual(row.result.featureNames, reference.columns, "\(name) \(c.id): names/order", file: file, line: line)
            let expected = try XCTUnwrap(reference.row(id: c.id))
            for (feature, value) in row.result.features {
                guard let b = expected[feature] else { continue }
                compared += 1
                XCTAssertTrue(isClose(value, b), "\(name) \(c.id) \(feature): RadFleet \(value), PyRadiomics \(b)", file: file, line: line)
            }
        }
        XCTAssertGreaterThan(compared, 1000)
    }
}
