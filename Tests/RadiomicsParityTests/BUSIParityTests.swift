import CaseIO
import Foundation
import ParameterFiles
import RadiomicsCore
import TestSupport
import XCTest

/// Every feature of every shared BUSI case under the three shared parameter files, against PyRadiomics 3.1.4's
/// own output (../shared/data/busi/reference/, made as its README says). Rule: |a − b| ≤ 1e-6 · max(1, |b|).
final class BUSIParityTests: XCTestCase {
    /// Features allowed to differ, each with the reason. Every entry is a defect to fix, not a tolerance.
    static let knownExceptions: [String: String] = [:]

    func testDefaultParameterFile() throws { try checkParity("default") }
    func testFiltersParameterFile() throws { try checkParity("filters") }
    func testResampledParameterFile() throws { try checkParity("resampled") }

    func checkParity(_ name: String, file: StaticString = #filePath, line: UInt = #line) throws {
        try XCTSkipUnless(SharedData.isAvailable, "shared data not found at \(SharedData.root.path)")
        let parameters = try ParameterFile.load(path: SharedData.url("params/\(name).yaml").path)
        let manifest = try Manifest(contentsOf: SharedData.url("busi/cohort.csv"))
        let reference = try ReferenceTable(contentsOf: SharedData.url("busi/reference/pyradiomics_\(name).csv"))
        XCTAssertEqual(manifest.cases.count, 206)
        XCTAssertEqual(reference.ids.count, 206)

        let extractor = FeatureExtractor(parameters: parameters)
        let results = BatchRunner.run(count: manifest.cases.count, jobs: BatchRunner.localCores) { i in
            let c = manifest.cases[i]
            return CaseExtraction.run(CaseInput(id: c.id, image: c.image, mask: c.mask, spacing: c.spacing), extractor: extractor)
        }

        var compared = 0, worst = 0.0, worstAt = ""
        var mismatches: [String] = []
        for (c, result) in zip(manifest.cases, results) {
            let row: CaseRow
            switch result {
            case let .success(r): row = r
            case let .failure(f): XCTFail("\(name): \(f)", file: file, line: line); continue
            }
            XCTAssertEqual(row.result.featureNames, reference.columns, "\(name): case \(c.id) feature names/order differ from PyRadiomics",
                           file: file, line: line)
            guard let refRow = reference.row(id: c.id) else { XCTFail("no reference row for \(c.id)"); continue }
            for (feature, value) in row.result.features {
                guard let expected = refRow[feature] else { continue }
                compared += 1
                let err = relativeError(value, expected)
                if err > worst { worst = err; worstAt = "\(c.id) \(feature)" }
                if !isClose(value, expected) && Self.knownExceptions[feature] == nil {
                    mismatches.append("\(c.id) \(feature): RadFleet \(value), PyRadiomics \(expected)")
                }
            }
        }
        print("parity \(name): \(compared) values compared, max relative error \(worst) (\(worstAt)), \(mismatches.count) mismatches")
        if !mismatches.isEmpty {
            XCTFail("\(name): \(mismatches.count) of \(compared) values differ from PyRadiomics; first ones:\n"
                    + mismatches.prefix(25).joined(separator: "\n"), file: file, line: line)
        }
    }
}
