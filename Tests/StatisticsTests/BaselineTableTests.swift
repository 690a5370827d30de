import Foundation
import XCTest
import Statistics

/// The baseline table against R (group_tests.json from scripts/fixtures/stats_group_tests.R): cells
/// are R's sprintf of mean/sd/quantile(type 7)/n (%), p-values from t.test, wilcox.test, chisq.test and
/// fisher.test on wdbc.csv split by `malignant` ("ALNM yes" / "ALNM no"), with 3-level variables made by cut().
final class BaselineTableTests: XCTestCase {
    private func strings(_ v: JSONValue) throws -> [String] {
        try v.array().map {
            guard case .string(let s) = $0 else { throw FixtureError.shape("not a string: \($0)") }
            return s
        }
    }
    private func bool(_ f: EvalFixture, _ key: String) throws -> Bool {
        guard case .bool(let b) = try f.value(key) else { throw FixtureError.shape("\(key) is not a boolean") }
        return b
    }

    private struct Case {
        let labels: [String]
        let groups: [String]
        let numeric: [EvalFixture]
        let categorical: [EvalFixture]
    }
    private func load(_ key: String) throws -> Case {
        let f = try EvalFixture.load("group_tests.json").sub(key)
        return Case(labels: try strings(f.value("labels")), groups: try strings(f.value("groups")),
                    numeric: try f.subs("numeric"), categorical: try f.subs("categorical"))
    }

    func testNumericRowsMatchR() throws {
        for key in ["baseline_full", "baseline_small"] {
            let c = try load(key)
            let variables = try c.numeric.map { BaselineVariable.numeric(name: try $0.string("name"), values: try $0.doubles("values")) }
            for (test, pKey) in [(BaselineOptions.NumericTest.welch, "p_welch"), (.student, "p_student"), (.mannWhitney, "p_wilcox")] {
                var o = BaselineOptions()
                o.numericTest = test
                let table = try BaselineTable(groupLabels: c.labels, groupOrder: c.groups, variables: variables, options: o)
                XCTAssertEqual(table.groupSizes, [c.labels.filter { $0 == c.groups[0] }.count, c.labels.filter { $0 == c.groups[1] }.count])
                XCTAssertEqual(table.rows.count, c.numeric.count)
                for (row, r) in zip(table.rows, c.numeric) {
                    let name = "\(key) \(try r.string("name")) \(test)"
                    assertClose(try XCTUnwrap(row.pValue), try r.double(pKey), 1e-12, relative: true, name)
                    let summaryKey = test == .mannWhitney ? "median_iqr" : "mean_sd"
                    XCTAssertEqual(row.cells, try r.subs("groups").map { try $0.string(summaryKey) }, name)
                    XCTAssertEqual(row.overall, try r.string("overall_" + summaryKey), name)
                    if test == .mannWhitney {
                        XCTAssertEqual(row.formattedP, try r.string("p_formatted_wilcox"), name)
                        XCTAssertEqual(row.test, .mannWhitney)
                    }
                }
            }
        }
    }

    /// The Shapiro–Wilk rule picks Welch when both groups pass shapiro.test at 0.05 (R's `normal`
    /// flag), Mann–Whitney otherwise, and the summary follows the test.
    func testShapiroWilkRuleMatchesR() throws {
        var picked: Set<BaselineTest> = []
        for key in ["baseline_full", "baseline_small"] {
            let c = try load(key)
            var o = BaselineOptions()
            o.numericTest = .shapiroWilk(alpha: 0.05)
            let variables = try c.numeric.map { BaselineVariable.numeric(name: try $0.string("name"), values: try $0.doubles("values")) }
            let table = try BaselineTable(groupLabels: c.labels, groupOrder: c.groups, variables: variables, options: o)
            for (row, r) in zip(table.rows, c.numeric) {
                let normal = try bool(r, "normal"), name = try r.string("name")
                XCTAssertEqual(row.test, normal ? .welchT : .mannWhitney, name)
                assertClose(try XCTUnwrap(row.pValue), try r.double(normal ? "p_welch" : "p_wilcox"), 1e-12, relative: true)
                XCTAssertEqual(row.cells, try r.subs("groups").map { try $0.string(normal ? "mean_sd" : "median_iqr") })
                picked.insert(try XCTUnwrap(row.test))
            }
        }
        XCTAssertEqual(picked, [.welchT, .mannWhitney])
    }

    func testCategoricalRowsMatchR() throws {
        var fisherUsed = 0
        for key in ["baseline_full", "baseline_small"] {
            let c = try load(key)
            let variables = try c.categorical.map {
                BaselineVariable.categorical(name: try $0.string("name"), values: try strings($0.value("values")), levels: ["low", "mid", "high"])
            }
            for rule in [nil, 5.0] {
                var o = BaselineOptions()
                o.fisherBelowExpected = rule
                let table = try BaselineTable(groupLabels: c.labels, groupOrder: c.groups, variables: variables, options: o)
                for r in c.categorical {
                    let name = "\(key) \(try r.string("name"))"
                    let rows = table.rows.filter { $0.variable == (try? r.string("name")) }
                    XCTAssertEqual(rows.count, 4, name)
                    let head = rows[0]
                    let useFisher = try rule != nil && bool(r, "small_expected")
                    XCTAssertEqual(head.test, useFisher ? .fisher : .chiSquare, name)
                    // r × c Fisher at N = 569: R's FEXACT is itself off the exact rational p by up to 1.8e-11
                    // (its log-factorials are running sums of logs; see FisherExactTest and
                    // GroupTestsTests.testFisherRByCAgainstExactRationals), so only there the bound is 5e-11.
                    let tolerance = useFisher && c.labels.count > 200 ? 5e-11 : 1e-12
                    assertClose(try XCTUnwrap(head.pValue), try r.double(useFisher ? "p_fisher" : "p_chisq"), tolerance, relative: true, name)
                    if !useFisher { XCTAssertEqual(head.formattedP, try r.string("p_formatted_chisq"), name) }
                    if useFisher { fisherUsed += 1 }
                    let levels = try strings(r.value("levels"))
                    let cells = try r.value("cells").array().map { try strings($0) }
                    for (level, expected) in zip(levels, cells) {
                        let row = try XCTUnwrap(rows.first { $0.level == level }, name)
                        XCTAssertEqual(row.cells, expected, "\(name) \(level)")
                        XCTAssertEqual(row.formattedP, "")
                    }
                }
            }
        }
        XCTAssertGreaterThan(fisherUsed, 0)
    }

    func testLayoutHeaderMissingValuesAndThreeGroups() throws {
        let labels = ["a", "b", "a", "b", "c", "c", "a", "b", "c", "a"]
        let x: [Double] = [1, 2, 3, .nan, 5, 6, 7, 8, 9, 10]
        let cat: [String?] = ["u", "v", nil, "u", "v", "u", "v", "v", "u", "u"]
        var o = BaselineOptions()
        o.numericTest = .mannWhitney
        let t = try BaselineTable(groupLabels: labels, variables: [.numeric(name: "x", values: x), .categorical(name: "k", values: cat)], options: o)
        XCTAssertEqual(t.groups, ["a", "b", "c"])
        XCTAssertEqual(t.header, ["Variable", "Level", "Overall (n = 10)", "a (n = 4)", "b (n = 3)", "c (n = 3)", "p", "Test"])
        XCTAssertEqual(t.rows[0].test, .kruskalWallis)
        XCTAssertEqual(t.rows[0].pValue, try KruskalWallisTest([1, 3, 7, 10, 2, 8, 5, 6, 9], groups: [0, 0, 0, 0, 1, 1, 2, 2, 2]).pValue)
        // group b: values 2 and 8 (the NaN dropped): median 5, Q1 3.5, Q3 6.5.
        XCTAssertEqual(t.rows[0].cells[1], "5.00 (3.50, 6.50)")
        // k: a has u, nil, v, u (the missing one not counted) → u 2 of 3, v 1 of 3.
        XCTAssertEqual(t.rows[2].fields, ["k", "u", "5 (55.6%)", "2 (66.7%)", "1 (33.3%)", "2 (66.7%)", "", ""])
        XCTAssertEqual(t.rows[3].cells, ["1 (33.3%)", "2 (66.7%)", "1 (33.3%)"])
        XCTAssertEqual(t.rows[1].test, .fisher)
        XCTAssertThrowsError(try BaselineTable(groupLabels: labels, variables: [.numeric(name: "short", values: [1, 2])])) {
            XCTAssertEqual($0 as? GroupTestError, .lengthMismatch(variable: "short", values: 2, labels: 10))
        }
    }

    /// The skewness rule: a symmetric sample keeps the t test, a long right tail switches to Mann–Whitney.
    func testSkewnessRule() throws {
        let symmetric: [Double] = [1, 2, 3, 4, 5, 6, 7, 8, 9]
        let skewed: [Double] = [1, 1, 1, 1, 2, 2, 3, 8, 30]
        var o = BaselineOptions()
        o.numericTest = .bySkewness(maxAbsSkewness: 1)
        let labels = Array(repeating: "a", count: 9) + Array(repeating: "b", count: 9)
        let sym = try BaselineTable(groupLabels: labels, variables: [.numeric(name: "x", values: symmetric + symmetric.map { $0 + 1 })], options: o)
        XCTAssertEqual(sym.rows[0].test, .welchT)
        XCTAssertEqual(sym.rows[0].cells[0], "5.00 ± 2.74")
        let skew = try BaselineTable(groupLabels: labels, variables: [.numeric(name: "x", values: symmetric + skewed)], options: o)
        XCTAssertEqual(skew.rows[0].test, .mannWhitney)
        XCTAssertEqual(skew.rows[0].cells[1], "2.00 (1.00, 3.00)")
    }

    /// FixedFormat against C's printf (Foundation's String(format:)) on 20,000 doubles of all sizes,
    /// and hand cases where decimal text and binary value round differently.
    func testFixedFormatMatchesPrintf() {
        XCTAssertEqual(FixedFormat.string(0.345, decimals: 2), "0.34")   // 0.34499999999999997…
        XCTAssertEqual(FixedFormat.string(0.125, decimals: 2), "0.12")   // exact tie → even
        XCTAssertEqual(FixedFormat.string(0.375, decimals: 2), "0.38")
        XCTAssertEqual(FixedFormat.string(2.675, decimals: 2), "2.67")
        XCTAssertEqual(FixedFormat.string(-0.001, decimals: 2), "-0.00")
        XCTAssertEqual(FixedFormat.string(1e-320, decimals: 3), "0.000")
        XCTAssertEqual(FixedFormat.string(1234.5, decimals: 0), "1234")
        XCTAssertEqual(FixedFormat.pValue(0.00099999), "<0.001")
        XCTAssertEqual(FixedFormat.pValue(0.001), "0.001")
        XCTAssertEqual(FixedFormat.pValue(0.0495), "0.050")  // stored as 0.04950000000000000233
        XCTAssertEqual(FixedFormat.pValue(.nan), "NA")
        var g = SystemRandomNumberGenerator()
        for i in 0..<20_000 {
            let magnitude = Double.random(in: -8...12, using: &g)
            var v = Double.random(in: 0.5...1, using: &g) * Foundation.pow(10, magnitude.rounded(.down))
            if i % 3 == 0 { v = (v * 1000).rounded() / 1000 + 0.0005 }  // near decimal ties
            if i % 2 == 1 { v = -v }
            let d = i % 7
            XCTAssertEqual(FixedFormat.string(v, decimals: d), String(format: "%.*f", d, v), "\(v)")
        }
    }
}
