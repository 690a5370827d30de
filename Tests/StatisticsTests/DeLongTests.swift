import Foundation
import XCTest
import Statistics

/// DeLong variance and CI (pROC ci.auc / var method "delong") and DeLong's paired and unpaired
/// tests (roc.test method "delong") against pROC 1.18 (Fixtures/roc_wdbc.json).
final class DeLongTests: XCTestCase {
    func fixture() throws -> EvalFixture { try EvalFixture.load("roc_wdbc.json") }

    func curves() throws -> [String: ROCCurve] {
        let f = try fixture().sub("cases")
        var out: [String: ROCCurve] = [:]
        for k in f.object.keys { let c = try f.sub(k); out[k] = try ROCCurve(outcomes: c.doubles("response"), scores: c.doubles("score")) }
        return out
    }

    func testConfidenceIntervalAndVariance() throws {
        let f = try fixture().sub("cases")
        for (name, r) in try curves() {
            let c = try f.sub(name)
            let ci = DeLongInterval(r)
            let e = try c.doubles("ci_delong")
            assertClose(ci.lower, e[0], 1e-9, name)
            assertClose(ci.estimate, e[1], 1e-9, name)
            assertClose(ci.upper, e[2], 1e-9, name)
            assertClose(ci.variance, try c.double("var_delong"), 1e-9, relative: true, name)
            XCTAssertLessThanOrEqual(ci.upper, 1)
        }
    }

    /// Hand-worked placements: controls {0.1, 0.3, 0.3, 0.5, 0.7}, cases {0.3, 0.6, 0.7, 0.9}:
    /// X = (2, 4, 4.5, 5)/5, Y = 1 − (0, ½, ½, 1, 2.5)/4, both averaging to θ = 0.775.
    func testHandWorkedPlacements() throws {
        let r = try ROCCurve(controls: [0.1, 0.3, 0.3, 0.5, 0.7], cases: [0.3, 0.6, 0.7, 0.9])
        let p = DeLongPlacements(r)
        XCTAssertEqual(p.cases, [0.4, 0.8, 0.9, 1.0])
        XCTAssertEqual(p.controls, [1, 0.875, 0.875, 0.75, 0.375])
        XCTAssertEqual(p.theta, 0.775)
        let xs: [Double] = [0.4, 0.8, 0.9, 1.0], ys: [Double] = [1, 0.875, 0.875, 0.75, 0.375]
        let sx: Double = xs.map { (x: Double) -> Double in (x - 0.775) * (x - 0.775) }.reduce(0, +) / 3
        let sy: Double = ys.map { (y: Double) -> Double in (y - 0.775) * (y - 0.775) }.reduce(0, +) / 4
        XCTAssertEqual(p.variance, sx / 4 + sy / 5, accuracy: 1e-15)
    }

    func testPairedTests() throws {
        let rocs = try curves()
        for t in try fixture().subs("paired") {
            let a = try t.string("a"), b = try t.string("b")
            let test = try DeLongPairedTest(rocs[a]!, rocs[b]!)
            assertClose(test.z, try t.double("z"), 1e-9, "\(a) vs \(b)")
            assertClose(test.pValue, try t.double("p"), 1e-9, relative: true, "\(a) vs \(b)")
            let ci = try t.doubles("ci")
            assertClose(test.lower, ci[0], 1e-9)
            assertClose(test.upper, ci[1], 1e-9)
            XCTAssertEqual(test.auc1, try t.doubles("estimate")[0])
            XCTAssertEqual(test.auc2, try t.doubles("estimate")[1])
        }
    }

    func testUnpairedTests() throws {
        let f = try fixture()
        let cases = try f.sub("cases")
        let folds = try f.doubles("fold")
        for t in try f.subs("unpaired") {
            func part(_ name: String, first: Bool) throws -> ROCCurve {
                let c = try cases.sub(name)
                let y = try c.doubles("response"), s = try c.doubles("score")
                let keep = folds.indices.filter { (folds[$0] <= 5) == first }
                return try ROCCurve(outcomes: keep.map { y[$0] }, scores: keep.map { s[$0] })
            }
            let a = try t.string("a"), b = try t.string("b")
            let test = DeLongUnpairedTest(try part(a, first: true), try part(b, first: false))
            assertClose(test.statistic, try t.double("t"), 1e-9, "\(a) vs \(b)")
            assertClose(test.df, try t.double("df"), 1e-9, relative: true)
            assertClose(test.pValue, try t.double("p"), 1e-9, relative: true)
            XCTAssertEqual(test.auc1, try t.doubles("estimate")[0])
            XCTAssertEqual(test.auc2, try t.doubles("estimate")[1])
        }
    }

    func testPairedTestOfACurveWithItselfIsZero() throws {
        let r = try ROCCurve(controls: [0.1, 0.3, 0.3, 0.5, 0.7], cases: [0.3, 0.6, 0.7, 0.9])
        let t = try DeLongPairedTest(r, r)
        XCTAssertEqual(t.z, 0)
        XCTAssertEqual(t.pValue, 1)
        XCTAssertThrowsError(try DeLongPairedTest(r, try ROCCurve(controls: [1, 2], cases: [3])))
    }
}
