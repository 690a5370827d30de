import XCTest
import Statistics

/// lowess parity with R's stats::lowess (clowess) and pretty() with base::pretty, fixture
/// clinical_lowess_pretty.json from scripts/fixtures/stats_clinical.R.
final class LowessTests: XCTestCase {
    func testLowessMatchesR() throws {
        let f = try EvalFixture.load("clinical_lowess_pretty.json")
        var compared = 0, worst = 0.0
        for (k, c) in try f.subs("lowess").enumerated() {
            let fit = Lowess(x: try c.doubles("x"), y: try c.doubles("y"), f: try c.double("f"),
                             iterations: Int(try c.double("iter")), delta: try c.double("delta"))
            XCTAssertEqual(fit.x, try c.doubles("fit_x"), "case \(k) sorted x")
            let (n, w) = compareSeries(fit.y, try c.doubles("fit_y"), tolerance: 1e-12, "lowess case \(k)")
            compared += n; worst = max(worst, w)
        }
        print("lowess parity: \(compared) values, max rel diff \(worst)")
        XCTAssertGreaterThan(compared, 1300)
    }

    func testApproxInterpolationAndRule1() {
        let s = Lowess(x: [0, 1, 2, 3], y: [0, 1, 0, 1], f: 2.0 / 3, iterations: 0)
        let v = s.evaluate(at: [-0.5, 0, 3, 3.5])
        XCTAssertNil(v[0]); XCTAssertNil(v[3])
        XCTAssertEqual(v[1], s.y[0]); XCTAssertEqual(v[2], s.y[3])
    }

    func testPrettyMatchesR() throws {
        let f = try EvalFixture.load("clinical_lowess_pretty.json")
        var compared = 0
        for c in try f.subs("pretty") {
            let lo = try c.double("lo"), hi = try c.double("hi"), n = Int(try c.double("n"))
            let expected = try c.doubles("out")
            XCTAssertEqual(pretty([lo, hi], n: n), expected, "pretty(c(\(lo), \(hi)), n = \(n))")
            compared += expected.count
        }
        print("pretty parity: \(compared) values compared bit for bit")
        XCTAssertEqual(pretty([6.981, 28.11], n: 10), Array(stride(from: 6.0, through: 30, by: 2)))
        XCTAssertEqual(pretty([0, 1]), [0, 0.2, 0.4, 0.6000000000000001, 0.8, 1])
    }
}
