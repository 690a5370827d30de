import Foundation
import Statistics
import XCTest

/// The nomogram of an lrm fit with factor and discrete predictors against rms::nomogram (fixture
/// nomogram_factors.json from scripts/fixtures/stats_nomogram_factors.R, on the clinical-model table).
final class LRMNomogramTests: XCTestCase {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    func predictors() throws -> (predictors: [String: Predictor], outcome: [Double]) {
        let text = try String(contentsOf: Self.fixtures.appendingPathComponent("clinical_model_data.csv"), encoding: .utf8)
        let lines = text.split(whereSeparator: \.isNewline).map { $0.split(separator: ",").map(String.init) }
        let header = lines[0], rows = lines.dropFirst()
        func column(_ name: String) -> [String] { let j = header.firstIndex(of: name)!; return rows.map { $0[j] } }
        func factor(_ name: String, _ levels: [String], reference: Int = 0, as label: String? = nil) -> Predictor {
            .categorical(name: label ?? name, levels: levels, codes: column(name).map { levels.firstIndex(of: $0)! }, reference: reference)
        }
        func numeric(_ name: String) -> Predictor { .numeric(name: name, values: column(name).map { Double($0)! }) }
        let list: [Predictor] = [
            numeric("age"), numeric("size"), numeric("bmi"), factor("us_aln", ["0", "1"]), factor("grade", ["1", "2", "3"]),
            factor("grade", ["1", "2", "3"], reference: 2, as: "grade_ref3"),
            .numeric(name: "er01", values: column("er").map { $0 == "pos" ? 1 : 0 }),
        ]
        return (Dictionary(uniqueKeysWithValues: list.map { ($0.name, $0) }), column("y").map { Double($0)! })
    }

    func testMatchesRmsNomogramWithFactors() throws {
        let (all, y) = try predictors()
        let f = try EvalFixture.load("nomogram_factors.json")
        var compared = 0, worst = 0.0
        func close(_ mine: [Double], _ theirs: [Double], _ label: String, tolerance: Double = 1e-12) {
            let (c, w) = compareSeries(mine, theirs, tolerance: tolerance, label)
            compared += c; worst = max(worst, w)
        }
        for key in ["combined", "discrete", "relevelled"] {
            let r = try f.sub(key)
            let names = try r.glmStrings("predictors")
            let model = try LRMNomogram(predictors: names.map { all[$0]! }, outcome: y)
            let nom = model.nomogram
            close(model.fit.coefficients, try r.doubles("coefficients"), "\(key) coefficients")
            close(model.linearPredictors, try r.doubles("linear_predictors"), "\(key) linear predictors", tolerance: 1e-11)
            let axes = try r.subs("axes")
            XCTAssertEqual(nom.axes.map(\.name), names, key)
            for (a, e) in zip(nom.axes, axes) {
                let labels = try e.glmStrings("labels")
                if let levels = a.levels {
                    XCTAssertEqual(levels, labels, "\(key) \(a.name) levels")
                } else {
                    XCTAssertEqual(a.values, labels.map { Double($0)! }, "\(key) \(a.name) tick values")
                }
                close(a.xBeta, try e.doubles("xbeta"), "\(key) \(a.name) xbeta")
                close(a.points, try e.doubles("points"), "\(key) \(a.name) points")
            }
            XCTAssertEqual(nom.totalPoints, try r.doubles("total_points"), key)
            XCTAssertEqual(nom.linearPredictorValues, try r.doubles("lp_at"), key)
            XCTAssertEqual(nom.riskValues, try r.doubles("risk_values"), key)
            close([nom.scale, nom.intercept], [try r.double("sc"), try r.double("intercept")], "\(key) sc, intercept")
            close(nom.linearPredictorPoints, try r.doubles("lp_points"), "\(key) lp points")
            close(nom.riskPoints, try r.doubles("risk_points"), "\(key) risk points")
            // A case's total points are the sum of its predictors' points.
            let lp = model.linearPredictors[0]
            XCTAssertEqual(model.totalPoints[0], (lp - nom.intercept) * nom.scale, accuracy: 1e-12)
        }
        XCTAssertGreaterThan(compared, 100)
        print("nomogram with factors parity: \(compared) values, max rel diff \(worst)")
    }
}
