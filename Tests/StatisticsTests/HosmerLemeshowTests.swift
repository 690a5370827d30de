import Foundation
import XCTest
import Statistics

/// Hosmer–Lemeshow against ResourceSelection::hoslem.test's formula run in R
/// (Fixtures/roc_hosmer_lemeshow.json) and on a hand-worked case.
final class HosmerLemeshowTests: XCTestCase {
    func testMatchesHoslemTest() throws {
        for c in try EvalFixture.load("roc_hosmer_lemeshow.json").subs("cases") {
            let name = try c.string("name")
            let hl = try HosmerLemeshow(outcomes: c.doubles("y"), fitted: c.doubles("p"), groups: Int(c.double("g")))
            XCTAssertEqual(hl.breaks, try c.doubles("breaks"), name)
            XCTAssertEqual(hl.df, Int(try c.double("df")), name)
            assertClose(hl.statistic, try c.double("statistic"), 1e-9, relative: true, name)
            assertClose(hl.pValue, try c.double("pvalue"), 1e-9, name)
            let o = try c.matrix("observed"), e = try c.matrix("expected")
            XCTAssertEqual(hl.observed.map { [$0.y0, $0.y1] }, o, name)
            for (g, w) in zip(hl.expected, e) {
                assertClose(g.y0, w[0], 1e-12, relative: true, name)
                assertClose(g.y1, w[1], 1e-12, relative: true, name)
            }
        }
    }

    /// Hand-worked, g = 2: p = (0.1, 0.2, 0.3, 0.4, 0.6, 0.7, 0.8, 0.9), y = (0, 0, 1, 0, 1, 0, 1, 1).
    /// Breaks = quantiles at 0, ½, 1 = (0.1, 0.5, 0.9); group 1 = [0.1, 0.5] has O = (3, 1),
    /// E = (3, 1); group 2 = (0.5, 0.9] has O = (1, 3), E = (1, 3): X² = 0, df = 0, p = 1 − pchisq(0, 0) = 1.
    /// Moving one outcome: y = (0, 0, 0, 0, 1, 0, 1, 1) gives group 1 O = (4, 0) against E = (3, 1):
    /// X² = 1/3 + 1/1 = 4/3 (group 2 unchanged).
    func testHandWorked() throws {
        let p = [0.1, 0.2, 0.3, 0.4, 0.6, 0.7, 0.8, 0.9]
        let a = try HosmerLemeshow(outcomes: [0, 0, 1, 0, 1, 0, 1, 1], fitted: p, groups: 2)
        XCTAssertEqual(a.breaks, [0.1, 0.5, 0.9])
        XCTAssertEqual(a.df, 0)
        XCTAssertEqual(a.statistic, 0, accuracy: 1e-15)
        let b = try HosmerLemeshow(outcomes: [0, 0, 0, 0, 1, 0, 1, 1], fitted: p, groups: 2)
        XCTAssertEqual(b.statistic, 4.0 / 3.0, accuracy: 1e-14)
        XCTAssertEqual(b.observed.map { [$0.y0, $0.y1] }, [[4, 0], [1, 3]])
        XCTAssertEqual(b.pValue, 0)
        XCTAssertThrowsError(try HosmerLemeshow(outcomes: [0, 1, 1], fitted: [0.5, 0.5, 0.5]))
    }
}
