import XCTest
import Statistics

/// Decision-curve parity with rmda 1.6 (calculate.nb, risk > pt) and dcurves (dca(), risk ≥ pt), written out in
/// plain R by scripts/fixtures/stats_clinical.R (fixture clinical_dca.json): three scores from glm fits on
/// wdbc (one rounded to 2 decimals so risks sit on thresholds), treat all, treat none.
final class DecisionCurveTests: XCTestCase {
    let scoreNames = ["p_old", "p_new", "p_round", "all", "none"]

    func risks(_ f: EvalFixture, _ name: String, n: Int) throws -> [Double] {
        switch name {
        case "all": return Array(repeating: 1, count: n)
        case "none": return Array(repeating: 0, count: n)
        default: return try f.doubles(name)
        }
    }

    func testRmdaNetBenefitTprFprAndClinicalImpact() throws {
        let f = try EvalFixture.load("clinical_dca.json")
        let y = try f.doubles("outcome"), thr = try f.doubles("rmda_thresholds")
        XCTAssertEqual(thr, DecisionCurveRule.rmda.defaultThresholds, "rmda's seq(0, 1, by = 0.01)")
        var compared = 0, worst = 0.0
        for name in scoreNames {
            let r = try f.sub("rmda").sub(name)
            let curve = try DecisionCurve(risk: risks(f, name, n: y.count), outcome: y, thresholds: thr, rule: .rmda)
            let impact = ClinicalImpact(curve)
            assertClose(curve.prevalence, try r.double("rho"), 1e-15, relative: true)
            for (mine, key) in [(curve.tpr, "TPR"), (curve.fpr, "FPR"), (curve.netBenefit, "NB"), (curve.standardizedNetBenefit, "sNB"),
                                (curve.probHighRisk, "prob_high_risk"), (curve.detectionProbability, "DP"),
                                (impact.numberHighRisk.map { $0 / 1000 }, "prob_high_risk"),
                                (impact.numberHighRiskWithEvent.map { $0 / 1000 }, "DP")] {
                let (c, w) = compareSeries(mine, try r.doubles(key), tolerance: 1e-12, "\(name) \(key)")
                compared += c; worst = max(worst, w)
            }
        }
        print("rmda decision curve parity: \(compared) values, max rel diff \(worst)")
        XCTAssertEqual(compared, 5 * 8 * 101)
    }

    func testDcurvesNetBenefitWithGreaterOrEqualRule() throws {
        let f = try EvalFixture.load("clinical_dca.json")
        let y = try f.doubles("outcome"), thr = try f.doubles("dcurves_thresholds")
        XCTAssertEqual(thr, DecisionCurveRule.dcurves.defaultThresholds)
        var compared = 0, worst = 0.0
        for name in scoreNames {
            let r = try f.sub("dcurves").sub(name)
            let curve = try DecisionCurve(risk: risks(f, name, n: y.count), outcome: y, thresholds: thr, rule: .dcurves)
            for (mine, key) in [(curve.netBenefit, "net_benefit"), (curve.probHighRisk, "test_pos_rate"),
                                (curve.detectionProbability, "tp_rate"), (curve.falsePositiveFraction, "fp_rate")] {
                let (c, w) = compareSeries(mine, try r.doubles(key), tolerance: 1e-12, "\(name) \(key)")
                compared += c; worst = max(worst, w)
            }
        }
        print("dcurves decision curve parity: \(compared) values, max rel diff \(worst)")
    }

    /// The two rules differ exactly where a risk equals a threshold: the rounded score shows it.
    func testRulesDifferOnlyOnTies() throws {
        let f = try EvalFixture.load("clinical_dca.json")
        let y = try f.doubles("outcome"), p = try f.doubles("p_round")
        let thr = [0.2, 0.5]
        let a = try DecisionCurve(risk: p, outcome: y, thresholds: thr, rule: .rmda)
        let b = try DecisionCurve(risk: p, outcome: y, thresholds: thr, rule: .dcurves)
        for (k, t) in thr.enumerated() {
            let atT = Double(p.filter { $0 == t }.count) / Double(p.count)
            XCTAssertGreaterThan(atT, 0)
            XCTAssertEqual(b.probHighRisk[k] - a.probHighRisk[k], atT, accuracy: 1e-15)
        }
    }

    /// Hand-worked: risks (0.1, 0.4, 0.6, 0.8), outcomes (0, 1, 0, 1), pt = 0.5: high risk are 0.6 (FP) and
    /// 0.8 (TP): NB = 1/4 − 1/4 · 1 = 0; at pt = 0.25: TP 2, FP 1: NB = 2/4 − 1/4 · 1/3 = 5/12.
    func testHandWorked() throws {
        let c = try DecisionCurve(risk: [0.1, 0.4, 0.6, 0.8], outcome: [0, 1, 0, 1], thresholds: [0.5, 0.25])
        XCTAssertEqual(c.netBenefit[0], 0, accuracy: 1e-15)
        XCTAssertEqual(c.netBenefit[1], 5.0 / 12, accuracy: 1e-15)
        XCTAssertEqual(c.standardizedNetBenefit[1], 5.0 / 6, accuracy: 1e-15)
        XCTAssertEqual(ClinicalImpact(c).numberHighRisk, [500, 750])
        XCTAssertEqual(ClinicalImpact(c).numberHighRiskWithEvent, [250, 500])
        let all = try DecisionCurve.treatAll(outcome: [0, 1, 0, 1], thresholds: [0.25])
        XCTAssertEqual(all.netBenefit[0], 0.5 - 0.5 / 3, accuracy: 1e-15)
        XCTAssertEqual(try DecisionCurve.treatNone(outcome: [0, 1, 0, 1], thresholds: [0.25]).netBenefit, [0])
        XCTAssertThrowsError(try DecisionCurve(risk: [0.1, 1.2], outcome: [0, 1], thresholds: [0.5]))
        XCTAssertThrowsError(try DecisionCurve(risk: [0.1, 0.2], outcome: [0, 2], thresholds: [0.5]))
    }
}

/// Compares two series value by value (NaN matches NaN), |a − b| ≤ tolerance · |b| (or ≤ tolerance · 1e-12
/// below |b| = 1e-12); returns the count compared and the worst relative difference.
@discardableResult
func compareSeries(_ a: [Double], _ b: [Double], tolerance: Double, _ label: String,
                   file: StaticString = #filePath, line: UInt = #line) -> (Int, Double) {
    XCTAssertEqual(a.count, b.count, "\(label): length", file: file, line: line)
    var worst = 0.0
    for (x, y) in zip(a, b) {
        if x.isNaN || y.isNaN {
            XCTAssertTrue(x.isNaN && y.isNaN, "\(label): \(x) vs R \(y)", file: file, line: line)
            continue
        }
        let scale = max(abs(y), 1e-12)
        let rel = abs(x - y) / scale
        worst = max(worst, rel)
        XCTAssertTrue(x == y || rel <= tolerance, "\(label): \(x) vs R \(y) (rel \(rel))", file: file, line: line)
    }
    return (min(a.count, b.count), worst)
}
