import Foundation
import XCTest
import Statistics

/// Parity of the two-group and k-group tests with R 4.2 (t.test, wilcox.test, pwilcox, chisq.test,
/// fisher.test, kruskal.test, oneway.test) on wdbc.csv: fixture group_tests.json, written by
/// scripts/fixtures/stats_group_tests.R. Statistics and p-values within 1e-12 relative.
final class GroupTestsTests: XCTestCase {
    private func fixture() throws -> EvalFixture { try EvalFixture.load("group_tests.json") }
    private func table(_ f: EvalFixture, _ key: String) throws -> [[Int]] { try f.matrix(key).map { $0.map { Int($0) } } }
    private func bool(_ f: EvalFixture, _ key: String) throws -> Bool? {
        switch try f.value(key) {
        case .bool(let b): return b
        case .null: return nil
        default: throw FixtureError.shape("\(key) is not a boolean")
        }
    }

    func testTTestWelchAndPooledMatchR() throws {
        var compared = 0, worst = 0.0
        for c in try fixture().subs("ttest") {
            let name = try c.string("name")
            let t = try TTest(c.doubles("x"), c.doubles("y"), varianceEqual: XCTUnwrap(bool(c, "var_equal")), level: c.double("level"))
            let ci = try c.doubles("ci"), est = try c.doubles("estimate")
            let pairs: [(Double, Double, String)] = [
                (t.statistic, try c.double("statistic"), "t"), (t.df, try c.double("df"), "df"), (t.pValue, try c.double("p"), "p"),
                (t.lower, ci[0], "lower"), (t.upper, ci[1], "upper"), (t.meanX, est[0], "mean x"), (t.meanY, est[1], "mean y"),
                (t.standardError, try c.double("stderr"), "se"),
            ]
            for (a, b, what) in pairs {
                assertClose(a, b, 1e-12, relative: true, "\(name) \(what)")
                worst = max(worst, abs(a - b) / abs(b))
                compared += 1
            }
        }
        XCTAssertEqual(compared, 18 * 8)
        print("t.test parity: \(compared) values, max relative difference \(worst)")
    }

    func testTTestRefusesConstantAndTooSmallSamples() {
        XCTAssertThrowsError(try TTest([1, 1, 1], [1, 1, 1])) { XCTAssertEqual($0 as? GroupTestError, .essentiallyConstant) }
        XCTAssertThrowsError(try TTest([1], [2, 3])) { XCTAssertEqual($0 as? GroupTestError, .notEnoughObservations(group: 0, count: 1, needed: 2)) }
        XCTAssertNoThrow(try TTest([1], [2, 3], varianceEqual: true))
    }

    func testMannWhitneyMatchesRExactAndNormalPaths() throws {
        var exactCases = 0, normalCases = 0, worst = 0.0
        for c in try fixture().subs("wilcox") {
            let name = try c.string("name")
            let w = try MannWhitneyTest(c.doubles("x"), c.doubles("y"), exact: bool(c, "exact"), correct: XCTUnwrap(bool(c, "correct")))
            let method = try c.string("method")
            XCTAssertEqual(w.exact, method.contains("exact"), name)
            XCTAssertEqual(w.statistic, try c.double("statistic"), name)
            assertClose(w.pValue, try c.double("p"), 1e-12, relative: true, name)
            worst = max(worst, abs(w.pValue - (try c.double("p"))) / (try c.double("p")))
            if w.exact { exactCases += 1 } else { normalCases += 1 }
        }
        XCTAssertEqual(exactCases, 15)
        XCTAssertEqual(normalCases, 12)
        print("wilcox.test parity: \(exactCases) exact + \(normalCases) normal, max relative difference of p \(worst)")
    }

    /// pwilcox over both tails for m × n from 3 × 4 to 49 × 49, and R's choose(m + n, n) (its product
    /// form below k = 30, exp(lfastchoose) above) bit for bit.
    func testWilcoxonDistributionMatchesPwilcox() throws {
        var worst = 0.0
        for row in try fixture().matrix("pwilcox") {
            let (q, m, n) = (row[0], Int(row[1]), Int(row[2]))
            var dist = WilcoxonDistribution(m: m, n: n)
            let t = dist.tails(q)
            XCTAssertEqual(RChoose.choose(Double(m + n), Double(n)), row[5], "choose(\(m + n), \(n))")
            for (a, b) in [(t.lower, row[3]), (t.upper, row[4])] {
                assertClose(a, b, 1e-12, relative: true, "pwilcox(\(q), \(m), \(n))")
                if b != 0 { worst = max(worst, abs(a - b) / b) }
            }
        }
        print("pwilcox parity: max relative difference \(worst)")
    }

    /// Hand count: m = 2, n = 2 gives W ∈ {0, 1, 2, 2, 3, 4} over the C(4, 2) = 6 arrangements.
    func testWilcoxonCountsByHand() {
        var dist = WilcoxonDistribution(m: 2, n: 2)
        XCTAssertEqual((0...4).map { dist.count($0, 2, 2) }, [1, 1, 2, 1, 1])
        XCTAssertEqual(dist.tails(1).lower, 2.0 / 6)
    }

    func testChiSquareMatchesR() throws {
        var compared = 0, worst = 0.0
        for c in try fixture().subs("chisq") {
            let name = try c.string("name")
            let x = try ChiSquareTest(table(c, "table"), correct: XCTUnwrap(bool(c, "correct")))
            assertClose(x.statistic, try c.double("statistic"), 1e-12, relative: true, name)
            XCTAssertEqual(x.df, try c.double("df"), name)
            assertClose(x.pValue, try c.double("p"), 1e-12, relative: true, name)
            for (e, r) in zip(x.expected.joined(), try c.matrix("expected").joined()) { XCTAssertEqual(e, r, name) }
            XCTAssertEqual(x.smallExpected, try bool(c, "small_expected"), name)
            for (a, b) in [(x.statistic, try c.double("statistic")), (x.pValue, try c.double("p"))] where b != 0 {
                worst = max(worst, abs(a - b) / b)
            }
            compared += 1
        }
        XCTAssertEqual(compared, 15)
        print("chisq.test parity: \(compared) tables, max relative difference \(worst)")
    }

    func testFisherTwoByTwoMatchesR() throws {
        var worst = 0.0
        for c in try fixture().subs("fisher") {
            let name = try c.string("name"), p = try c.double("p")
            let f = try FisherExactTest(table(c, "table"))
            assertClose(f.pValue, p, 1e-12, relative: true, name)
            worst = max(worst, abs(f.pValue - p) / p)
        }
        print("fisher 2x2 parity: max relative difference \(worst)")
    }

    /// r × c: R's FEXACT against full enumeration.
    func testFisherRByCMatchesR() throws {
        var worst = 0.0
        for c in try fixture().subs("fisher_rc") {
            let name = try c.string("name"), p = try c.double("p")
            let mine = try FisherExactTest(table(c, "table")).pValue
            assertClose(mine, p, 1e-12, relative: true, name)
            worst = max(worst, abs(mine - p) / p)
        }
        print("fisher r x c parity: max relative difference \(worst)")
        XCTAssertThrowsError(try FisherExactTest([[40, 40, 40], [40, 40, 40], [40, 40, 40]], tableLimit: 1000)) {
            XCTAssertEqual($0 as? GroupTestError, .tooManyTables(limit: 1000))
        }
    }

    /// The r × c enumeration against exact rational arithmetic (UInt128): for a 3 × 2 table
    /// P(a) = Π C(r_i, a_i) / C(N, c₁), and p sums the numerators not above the observed one.
    func testFisherRByCAgainstExactRationals() throws {
        func choose(_ n: Int, _ k: Int) -> UInt128 {
            var r: UInt128 = 1
            for j in 0..<k { r = r * UInt128(n - j) / UInt128(j + 1) }
            return r
        }
        for t in [[[20, 15], [18, 22], [10, 25]], [[2, 30], [40, 8], [5, 5]], [[1, 0], [0, 50], [60, 1]]] {
            let rows = t.map { $0[0] + $0[1] }, c1 = t.reduce(0) { $0 + $1[0] }, n = rows.reduce(0, +)
            func numerator(_ a: [Int]) -> UInt128 { zip(rows, a).reduce(UInt128(1)) { $0 * choose($1.0, $1.1) } }
            let observed = numerator(t.map { $0[0] })
            var sum: UInt128 = 0
            for a0 in 0...min(rows[0], c1) {
                for a1 in 0...min(rows[1], c1 - a0) where c1 - a0 - a1 <= rows[2] {
                    let p = numerator([a0, a1, c1 - a0 - a1])
                    if p <= observed { sum += p }
                }
            }
            let exact = Double(sum) / Double(choose(n, c1))
            assertClose(try FisherExactTest(t).pValue, exact, 1e-14, relative: true, "\(t)")
        }
    }

    func testKruskalWallisAndOneWayANOVAMatchR() throws {
        let f = try fixture()
        var worst = 0.0
        func track(_ a: Double, _ b: Double) { worst = max(worst, abs(a - b) / abs(b)) }
        for c in try f.subs("kruskal") {
            let name = try c.string("name")
            let k = try KruskalWallisTest(c.doubles("x"), groups: c.doubles("g").map { Int($0) })
            assertClose(k.statistic, try c.double("statistic"), 1e-12, relative: true, name)
            XCTAssertEqual(k.df, try c.double("df"))
            assertClose(k.pValue, try c.double("p"), 1e-12, relative: true, name)
            track(k.statistic, try c.double("statistic")); track(k.pValue, try c.double("p"))
        }
        for c in try f.subs("anova") {
            let name = try c.string("name")
            let a = try OneWayANOVA(c.doubles("x"), groups: c.doubles("g").map { Int($0) })
            assertClose(a.statistic, try c.double("statistic"), 1e-12, relative: true, name)
            XCTAssertEqual([a.df1, a.df2], try c.doubles("df"))
            assertClose(a.pValue, try c.double("p"), 1e-12, relative: true, name)
            track(a.statistic, try c.double("statistic")); track(a.pValue, try c.double("p"))
        }
        print("kruskal.test / oneway.test parity: max relative difference \(worst)")
    }

    func testShapiroWilkMatchesR() throws {
        var worst = 0.0, compared = 0
        for c in try fixture().subs("shapiro") {
            let name = try c.string("name")
            let s = try ShapiroWilkTest(c.doubles("x"))
            for (a, b) in [(s.statistic, try c.double("statistic")), (s.pValue, try c.double("p"))] {
                assertClose(a, b, 1e-12, relative: true, name)
                worst = max(worst, abs(a - b) / b)
            }
            compared += 1
        }
        XCTAssertEqual(compared, 20)
        print("shapiro.test parity: \(compared) samples, max relative difference \(worst)")
        XCTAssertThrowsError(try ShapiroWilkTest([1, 2]))
        XCTAssertThrowsError(try ShapiroWilkTest([3, 3, 3, 3])) { XCTAssertEqual($0 as? GroupTestError, .essentiallyConstant) }
    }

    func testContingencyTableValidation() {
        XCTAssertThrowsError(try ChiSquareTest([[1, 2]]))
        XCTAssertThrowsError(try ChiSquareTest([[1, -1], [2, 3]]))
        XCTAssertThrowsError(try FisherExactTest([[0, 0], [0, 0]]))
        XCTAssertThrowsError(try FisherExactTest([[1, 2], [3]]))
    }
}
