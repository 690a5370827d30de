import Foundation
import XCTest
import Statistics

/// ROC curves, AUC, Youden cut-offs and metrics at cut-offs against pROC 1.18
/// (scripts/fixtures/stats_roc.R → Fixtures/roc_wdbc.json): four wdbc scores (continuous, rounded
/// with heavy ties, a glm linear predictor, two weak ones, one of them with direction ">") and a
/// hand-worked case.
final class ROCTests: XCTestCase {
    func cases() throws -> [(String, EvalFixture)] {
        let f = try EvalFixture.load("roc_wdbc.json").sub("cases")
        return try f.object.keys.sorted().map { ($0, try f.sub($0)) }
    }

    func curve(_ c: EvalFixture) throws -> ROCCurve {
        try ROCCurve(outcomes: c.doubles("response"), scores: c.doubles("score"))
    }

    func testCurvePointsThresholdsAndAUCAreBitIdentical() throws {
        for (name, c) in try cases() {
            let r = try curve(c)
            XCTAssertEqual(r.direction.rawValue, try c.string("direction"), name)
            XCTAssertEqual(r.thresholds, try c.rocDoubles("thresholds"), name)
            XCTAssertEqual(r.sensitivities, try c.doubles("sensitivities"), name)
            XCTAssertEqual(r.specificities, try c.doubles("specificities"), name)
            let auc = try c.double("auc")
            XCTAssertEqual(r.auc.bitPattern, auc.bitPattern, "\(name): \(r.auc) vs pROC \(auc)")
            // The Mann–Whitney form is the same area up to rounding.
            let mw = AUC.mannWhitneyAUC(cases: r.cases, controls: r.controls, direction: r.direction)
            XCTAssertEqual(mw, r.auc, accuracy: 1e-14, name)
        }
    }

    /// Hand-worked: controls {0.1, 0.3, 0.3, 0.5, 0.7}, cases {0.3, 0.6, 0.7, 0.9}; controls below
    /// (ties ½) per case: 2, 4, 4.5, 5 → AUC = 15.5 / 20.
    func testHandWorkedAUCWithTies() throws {
        let r = try ROCCurve(controls: [0.1, 0.3, 0.3, 0.5, 0.7], cases: [0.3, 0.6, 0.7, 0.9])
        XCTAssertEqual(r.direction, .controlsBelowCases)
        XCTAssertEqual(r.auc, 15.5 / 20)
        XCTAssertEqual(r.thresholds, [-.infinity, (0.1 + 0.3) / 2, (0.3 + 0.5) / 2, (0.5 + 0.6) / 2, (0.6 + 0.7) / 2, (0.7 + 0.9) / 2, .infinity])
        XCTAssertEqual(r.sensitivities, [1, 1, 0.75, 0.75, 0.5, 0.25, 0])
        XCTAssertEqual(r.specificities, [0, 0.2, 0.6, 0.8, 0.8, 1, 1])
        // Reversing the scores flips the automatic direction and keeps the AUC.
        let flipped = try ROCCurve(controls: r.controls.map { -$0 }, cases: r.cases.map { -$0 })
        XCTAssertEqual(flipped.direction, .controlsAboveCases)
        XCTAssertEqual(flipped.auc, r.auc)
        XCTAssertEqual(flipped.thresholds.first, .infinity)
    }

    func testYoudenBestCutoffsAsPROCCoordsBest() throws {
        for (name, c) in try cases() {
            let r = try curve(c)
            let y = YoudenCutoff(r)
            let expected = try c.matrix("youden")  // threshold, sensitivity, specificity, youden, accuracy, ppv, npv
            XCTAssertEqual(y.points.count, expected.count, name)
            for (p, e) in zip(y.points, expected) {
                XCTAssertEqual(p.threshold, e[0], name)
                XCTAssertEqual(p.sensitivity, e[1], name)
                XCTAssertEqual(p.specificity, e[2], name)
                XCTAssertEqual(y.youden, e[3], name)
                XCTAssertEqual(p.accuracy, e[4], name)
                XCTAssertEqual(p.ppv, e[5], name)
                XCTAssertEqual(p.npv, e[6], name)
            }
        }
    }

    func testMetricsAtArbitraryThresholdsAsPROCCoords() throws {
        for (name, c) in try cases() {
            let r = try curve(c)
            let probes = try c.doubles("coords_probe")
            let expected = try c.matrix("coords")  // threshold, se, sp, accuracy, ppv, npv, tp, tn, fp, fn
            XCTAssertEqual(probes.count, expected.count)
            for (t, e) in zip(probes, expected) {
                let m = ConfusionMetrics(r, threshold: t)
                let got = [m.threshold, m.sensitivity, m.specificity, m.accuracy, m.ppv, m.npv, m.tp, m.tn, m.fp, m.fn]
                for (g, w) in zip(got, e) {
                    XCTAssertTrue(g == w || (g.isNaN && w.isNaN), "\(name) at \(t): \(got) vs pROC \(e)")
                }
            }
        }
    }

    func testInvalidInputsThrow() {
        XCTAssertThrowsError(try ROCCurve(outcomes: [0, 1, 2], scores: [1, 2, 3]))
        XCTAssertThrowsError(try ROCCurve(outcomes: [0, 0], scores: [1, 2]))
        XCTAssertThrowsError(try ROCCurve(outcomes: [0, 1], scores: [1, .nan]))
        XCTAssertThrowsError(try ROCCurve(outcomes: [0, 1], scores: [1]))
    }
}

extension EvalFixture {
    /// Doubles where R's ±Inf were written as the strings "Inf" / "-Inf" (scripts/fixtures/stats_roc.R).
    func rocDoubles(_ key: String) throws -> [Double] {
        try value(key).array().map { v in
            if case .string(let s) = v {
                guard s == "Inf" || s == "-Inf" else { throw FixtureError.shape("not a number: \(s)") }
                return s == "Inf" ? .infinity : -.infinity
            }
            return try v.double()
        }
    }
}
