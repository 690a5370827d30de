import XCTest
import Statistics

/// Parity with R's pnorm / qnorm / dnorm / pchisq / pt / qt on a grid (fixture eval_distributions.json,
/// written by scripts/fixtures/stats_eval.R).
final class DistributionsTests: XCTestCase {
    func testNormalMatchesPnormDnormOnGrid() throws {
        let f = try EvalFixture.load("eval_distributions.json")
        var worst = 0.0, n = 0
        for row in try f.matrix("normal_cdf") {
            let (x, lower, upper, density) = (row[0], row[1], row[2], row[3])
            for (a, b) in [(Normal.cdf(x), lower), (Normal.survival(x), upper), (Normal.density(x), density)] {
                if b != 0 { worst = max(worst, abs(a - b) / abs(b)) }
                assertClose(a, b, 1e-12, relative: true, "x = \(x)")
                n += 1
            }
        }
        print("pnorm/dnorm parity: \(n) values, max rel err \(worst)")
    }

    func testNormalQuantileMatchesQnorm() throws {
        let f = try EvalFixture.load("eval_distributions.json")
        for row in try f.matrix("normal_quantile") {
            assertClose(Normal.quantile(row[0]), row[1], 1e-12, relative: true, "p = \(row[0])")
            assertClose(Normal.upperQuantile(row[0]), row[2], 1e-12, relative: true, "upper p = \(row[0])")
        }
        XCTAssertEqual(Normal.quantile(0), -.infinity)
        XCTAssertEqual(Normal.quantile(1), .infinity)
        XCTAssertTrue(Normal.quantile(1.5).isNaN)
        XCTAssertEqual(Normal.quantile(0.5), 0)
    }

    func testChiSquaredMatchesPchisq() throws {
        let f = try EvalFixture.load("eval_distributions.json")
        var worst = 0.0, n = 0
        for row in try f.matrix("chisq") {
            let (x, df) = (row[0], row[1])
            for (a, b) in [(ChiSquared.cdf(x, df: df), row[2]), (ChiSquared.survival(x, df: df), row[3])] where b > 1e-300 {
                worst = max(worst, abs(a - b) / b)
                assertClose(a, b, 1e-12, relative: true, "x = \(x), df = \(df)")
                n += 1
            }
        }
        print("pchisq parity: \(n) values, max rel err \(worst)")
    }

    func testStudentTMatchesPtAndQt() throws {
        let f = try EvalFixture.load("eval_distributions.json")
        var worst = 0.0
        for row in try f.matrix("t_cdf") {
            let (t, df) = (row[0], row[1])
            for (a, b) in [(StudentT.cdf(t, df: df), row[2]), (StudentT.survival(t, df: df), row[3])] {
                worst = max(worst, abs(a - b) / b)
                assertClose(a, b, 1e-12, relative: true, "t = \(t), df = \(df)")
            }
        }
        for row in try f.matrix("t_quantile") {
            assertClose(StudentT.quantile(row[0], df: row[1]), row[2], 1e-10, relative: true, "p = \(row[0]), df = \(row[1])")
        }
        print("pt parity: max rel err \(worst)")
    }

    /// Closed forms: χ²(2) has P(X > x) = e^(−x/2) (to ~x/2 ulps: the conditioning of exp at −x/2); t(1) is Cauchy, P(T ≤ t) = ½ + atan(t)/π.
    func testClosedForms() {
        for x in [0.01, 0.7, 3, 25, 400] {
            assertClose(ChiSquared.survival(x, df: 2), Foundation.exp(-x / 2), 2e-16 * max(8, x), relative: true)
        }
        for t in [-30.0, -2, -0.1, 0.5, 4] {
            assertClose(StudentT.cdf(t, df: 1), 0.5 + Foundation.atan(t) / Double.pi, 1e-14, relative: true)
        }
        XCTAssertEqual(Normal.cdf(0), 0.5)
    }
}
