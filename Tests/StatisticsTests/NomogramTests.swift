import XCTest
import Statistics

/// Nomogram parity with rms::nomogram(lrm fit, fun = plogis) (fixture clinical_nomogram.json from
/// scripts/fixtures/stats_clinical.R): three wdbc models, one with negative coefficients, one single-predictor.
final class NomogramTests: XCTestCase {
    func testMatchesRmsNomogram() throws {
        let f = try EvalFixture.load("clinical_nomogram.json")
        var compared = 0, worst = 0.0
        for key in ["three", "negative", "single"] {
            let r = try f.sub(key)
            guard case .array(let nameValues) = try r.value("predictors") else { throw FixtureError.shape("predictors") }
            let names = try nameValues.map { v -> String in guard case .string(let s) = v else { throw FixtureError.shape("name") }; return s }
            let nom = try Nomogram(names: names, coefficients: try r.doubles("coefficients"), columns: try r.matrix("columns"),
                                   linearPredictors: try r.doubles("linear_predictors"))
            let axes = try r.subs("axes")
            for (a, e) in zip(nom.axes, axes) {
                XCTAssertEqual(a.values, try e.doubles("values"), "\(key) \(a.name) tick values")
                for (mine, k) in [(a.xBeta, "xbeta"), (a.points, "points")] {
                    let (c, w) = compareSeries(mine, try e.doubles(k), tolerance: 1e-12, "\(key) \(a.name) \(k)")
                    compared += c; worst = max(worst, w)
                }
            }
            XCTAssertEqual(nom.totalPoints, try r.doubles("total_points"), key)
            XCTAssertEqual(nom.linearPredictorValues, try r.doubles("lp_at"), key)
            XCTAssertEqual(nom.riskValues, try r.doubles("risk_values"), key)
            for (mine, k) in [([nom.scale], "sc"), ([nom.intercept], "intercept"), (nom.linearPredictorPoints, "lp_points"), (nom.riskPoints, "risk_points")] {
                let (c, w) = compareSeries(mine, try r.doubles(k), tolerance: 1e-12, "\(key) \(k)")
                compared += c; worst = max(worst, w)
            }
            XCTAssertEqual(nom.axes.map { $0.points.max()! - $0.points.min()! }.max()!, 100, accuracy: 1e-12)
        }
        print("nomogram parity: \(compared) values, max rel diff \(worst)")
    }
}
