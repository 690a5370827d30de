import Foundation
import XCTest
import Statistics

/// ICC parity with irr::icc's formulas (scripts/fixtures/stats_filter_svm.R writes them out from
/// the ANOVA mean squares, as irr does): fixture filter_icc.json.
final class ICCTests: XCTestCase {
    func testAllSixFormsMatchIrrOnThirtyFeatures() throws {
        let f = try FilterSVMFixture.load("filter_icc.json")
        let r1 = try f.matrix("reader1"), r2 = try f.matrix("reader2")
        let icc = try XCTUnwrap(f.object["icc"] as? [String: Any])
        var compared = 0, worst = 0.0
        for form in ICCForm.allCases {
            let expected = try FilterSVMFixture.matrix(icc[form.rawValue])
            XCTAssertEqual(expected.count, 30)
            for j in 0..<30 {
                let e = try intraclassCorrelation(ratings: r1.indices.map { [r1[$0][j], r2[$0][j]] }, form: form)
                for (a, b) in zip([e.value, e.lower, e.upper], expected[j]) {
                    worst = max(worst, abs(a - b))
                    XCTAssertEqual(a, b, accuracy: 1e-9, "\(form.rawValue) feature \(j)")
                    compared += 1
                }
            }
        }
        XCTAssertEqual(compared, 540)
        print("ICC parity: \(compared) values, max abs diff \(worst)")
    }

    func testThreeRatersAndShroutFleissTable() throws {
        let f = try FilterSVMFixture.load("filter_icc.json")
        for (table, key) in [("three_raters", "three_raters_icc"), ("shrout_fleiss", "shrout_fleiss_icc")] {
            let x = try f.matrix(table), expected = try f.matrix(key)  // 3 rows (value, lower, upper) × 6 forms
            for (c, form) in ICCForm.allCases.enumerated() {
                let e = try intraclassCorrelation(ratings: x, form: form)
                XCTAssertEqual(e.value, expected[0][c], accuracy: 1e-9, "\(table) \(form.rawValue)")
                XCTAssertEqual(e.lower, expected[1][c], accuracy: 1e-9, "\(table) \(form.rawValue)")
                XCTAssertEqual(e.upper, expected[2][c], accuracy: 1e-9, "\(table) \(form.rawValue)")
            }
        }
        // Shrout & Fleiss (1979), Table 4, as published (two decimals).
        let sf = try f.matrix("shrout_fleiss")
        let published: [ICCForm: Double] = [.icc1_1: 0.17, .icc2_1: 0.29, .icc3_1: 0.71, .icc1_k: 0.44, .icc2_k: 0.62, .icc3_k: 0.91]
        for (form, v) in published {
            XCTAssertEqual(try intraclassCorrelation(ratings: sf, form: form).value, v, accuracy: 0.005, form.rawValue)
        }
    }

    /// Worked by hand: ratings (1,2), (3,3), (5,4). Row means 1.5, 3, 4.5; column means 3, 3;
    /// grand mean 3. SSR = 2·(2.25 + 0 + 2.25) = 9, MSR = 4.5; MSC = 0; SSW = 1, MSW = 1/3;
    /// SSE = 10 − 9 − 0 = 1, MSE = 0.5.
    func testHandWorkedMeanSquaresAndICCs() throws {
        let x: [[Double]] = [[1, 2], [3, 3], [5, 4]]
        let ms = try ICCMeanSquares(ratings: x)
        XCTAssertEqual(ms.msr, 4.5, accuracy: 1e-15)
        XCTAssertEqual(ms.msc, 0, accuracy: 1e-15)
        XCTAssertEqual(ms.msw, 1.0 / 3, accuracy: 1e-15)
        XCTAssertEqual(ms.mse, 0.5, accuracy: 1e-15)
        let expected: [ICCForm: Double] = [.icc1_1: 25.0 / 29, .icc2_1: 6.0 / 7, .icc3_1: 0.8,
                                           .icc1_k: 25.0 / 27, .icc2_k: 12.0 / 13, .icc3_k: 8.0 / 9]
        for (form, v) in expected {
            let e = try intraclassCorrelation(ratings: x, form: form)
            XCTAssertEqual(e.value, v, accuracy: 1e-14, form.rawValue)
            if form != .icc2_k {
                XCTAssertLessThan(e.lower, e.value)
                XCTAssertGreaterThan(e.upper, e.value)
            }
        }
        // ICC(2,k) with MSC < MSE: McGraw & Wong's bound (as irr) leaves [−1, 1]. By hand:
        // r = 12/13, a = 8, b = 17, ν = 2, FL = qf(.975, 2, 2) = 39,
        // lower = 3(4.5 − 39·0.5) / (39(0 − 0.5) + 3·4.5) = 7.5.
        XCTAssertEqual(try intraclassCorrelation(ratings: x, form: .icc2_k).lower, 7.5, accuracy: 1e-9)
    }

    func testFQuantileMatchesR() throws {
        let f = try FilterSVMFixture.load("filter_icc.json")
        for row in try f.matrix("qf") {
            let q = FisherF.quantile(row[0], df1: row[1], df2: row[2])
            // 107 cases, df from 1 to 1e5 and p from 0.025 to 0.999. With df2 = 1e5 and a small
            // quantile R's qbeta itself is off by up to ~1e-8 relative (its own pf of its qf is
            // 0.02499999987 for qf(0.025, 1, 1e5)); our inversion is checked through the cdf.
            let tolerance = row[2] >= 1e5 ? 1e-7 : 1e-10
            XCTAssertEqual(q, row[3], accuracy: tolerance * row[3], "qf(\(row[0]), \(row[1]), \(row[2]))")
            XCTAssertEqual(FisherF.cdf(q, df1: row[1], df2: row[2]), row[0], accuracy: 1e-12, "pf(qf(\(row[0]), \(row[1]), \(row[2])))")
        }
    }

    func testThresholdFilterKeepsWhatRKeeps() throws {
        let f = try FilterSVMFixture.load("filter_icc.json")
        let r1 = try f.matrix("reader1"), r2 = try f.matrix("reader2")
        let byValue = try iccFilter(reader1: r1, reader2: r2, form: .icc2_1, threshold: 0.75)
        XCTAssertEqual(byValue.kept, try f.ints("kept_icc21"))
        XCTAssertEqual(byValue.kept.count + byValue.dropped.count, 30)
        XCTAssertTrue(byValue.undefined.isEmpty)
        let byLower = try iccFilter(reader1: r1, reader2: r2, form: .icc2_1, threshold: 0.75, basis: .lowerBound)
        XCTAssertEqual(byLower.kept, try f.ints("kept_icc21_lower"))
    }

    func testBadInputGivesTypedErrors() {
        let a: [[Double]] = [[1, 2], [2, 3], [4, 4]]
        XCTAssertThrowsError(try iccFilter(reader1: a, reader2: [[1, 2], [2, 3]], threshold: 0.5)) {
            XCTAssertEqual($0 as? FeatureFilterError, .readerShapeMismatch(reader1Rows: 3, reader1Columns: 2, reader2Rows: 2, reader2Columns: 2))
        }
        XCTAssertThrowsError(try iccFilter(reader1: a, reader2: [[1, 2], [2, .nan], [4, 4]], threshold: 0.5)) {
            XCTAssertEqual($0 as? FeatureFilterError, .nonFinite(table: "reader 2", row: 1, column: 1))
        }
        XCTAssertThrowsError(try iccFilter(reader1: a, reader2: a, threshold: 2)) {
            XCTAssertEqual($0 as? FeatureFilterError, .invalidThreshold(2, validRange: "[-1, 1]"))
        }
        XCTAssertThrowsError(try intraclassCorrelation(ratings: [[5, 5], [5, 5]], form: .icc2_1)) {
            XCTAssertEqual($0 as? FeatureFilterError, .undefinedICC(column: 0))
        }
    }

    func testConstantFeatureIsReportedAndPerfectAgreementIsOne() throws {
        // Column 0 constant for both readers; column 1 identical between readers; column 2 offset.
        let r1: [[Double]] = [[7, 1, 1], [7, 2, 2], [7, 4, 3], [7, 3, 5]]
        let r2: [[Double]] = [[7, 1, 2], [7, 2, 3], [7, 4, 4], [7, 3, 6]]
        for form in ICCForm.allCases {
            let result = try iccFilter(reader1: r1, reader2: r2, form: form, threshold: 0.9)
            XCTAssertEqual(result.undefined, [0])
            XCTAssertNil(result.features[0].estimate)
            let perfect = try XCTUnwrap(result.features[1].estimate)
            XCTAssertEqual([perfect.value, perfect.lower, perfect.upper], [1, 1, 1], form.rawValue)
            for feature in result.features { if let e = feature.estimate { XCTAssertFalse(e.value.isNaN || e.lower.isNaN || e.upper.isNaN) } }
        }
        // A constant offset is perfect consistency but not perfect agreement.
        let offset = try iccFilter(reader1: r1, reader2: r2, form: .icc3_1, threshold: 0.9).features[2].estimate
        XCTAssertEqual(offset?.value, 1)
        let agreement = try XCTUnwrap(try iccFilter(reader1: r1, reader2: r2, form: .icc2_1, threshold: 0.9).features[2].estimate)
        XCTAssertLessThan(agreement.value, 1)
        XCTAssertTrue(agreement.lower.isFinite && agreement.upper.isFinite)
    }

    /// Two readers that differ by rounding only (a minimum that both masks reach, as in the seed-000 example): the
    /// ICC(2,1) estimate rounds to 1, ν is not finite, and the bounds are NaN as irr's — not a trap in qf.
    func testRoundingOnlyDisagreementGivesNaNBoundsNotATrap() throws {
        let first = (0..<30).map { Double($0 * $0) * 0.37 + 12 }
        let second = first.enumerated().map { i, v in i % 3 == 0 ? v.nextUp : v }
        let ratings = zip(first, second).map { [$0, $1] }
        let ms = try ICCMeanSquares(ratings: ratings)
        XCTAssertGreaterThan(ms.mse, 0)
        let e = try intraclassCorrelation(ms, form: .icc2_1)
        XCTAssertEqual(e.value, 1, accuracy: 1e-12)
        XCTAssertTrue(e.lower.isNaN && e.upper.isNaN, "\(e)")
        let kept = try iccFilter(reader1: first.map { [$0] }, reader2: second.map { [$0] }, form: .icc2_1, threshold: 0.75, basis: .estimate)
        XCTAssertEqual(kept.kept, [0])
    }
}

/// Loads the JSON fixtures written by scripts/fixtures/stats_filter_svm.R (jsonlite, matrices
/// row-major, length-1 vectors unboxed).
struct FilterSVMFixture {
    let object: [String: Any]

    static func load(_ name: String) throws -> FilterSVMFixture {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/\(name)")
        let data = try Data(contentsOf: url)
        return FilterSVMFixture(object: try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any]))
    }

    static func doubles(_ any: Any?) throws -> [Double] {
        if let n = any as? NSNumber { return [n.doubleValue] }
        return try XCTUnwrap(any as? [Any], "not an array").map { try XCTUnwrap(($0 as? NSNumber)?.doubleValue) }
    }

    static func matrix(_ any: Any?) throws -> [[Double]] {
        try XCTUnwrap(any as? [Any], "not a matrix").map { try doubles($0) }
    }

    func doubles(_ key: String) throws -> [Double] { try FilterSVMFixture.doubles(object[key]) }
    func ints(_ key: String) throws -> [Int] { try doubles(key).map { Int($0) } }
    func matrix(_ key: String) throws -> [[Double]] { try FilterSVMFixture.matrix(object[key]) }
    func double(_ key: String) throws -> Double { try XCTUnwrap(doubles(key).first) }
    func cases(_ key: String = "cases") throws -> [FilterSVMFixture] {
        try XCTUnwrap(object[key] as? [[String: Any]]).map(FilterSVMFixture.init)
    }
    func sub(_ key: String) throws -> FilterSVMFixture { FilterSVMFixture(object: try XCTUnwrap(object[key] as? [String: Any])) }

    /// wdbc (569 × 30), its outcome and fold, from filter_wdbc_data.json.
    static func wdbc() throws -> (x: [[Double]], malignant: [Int], fold: [Int]) {
        let f = try load("filter_wdbc_data.json")
        return (try f.matrix("x"), try f.ints("malignant"), try f.ints("fold"))
    }
}
