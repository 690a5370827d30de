import Foundation
import Statistics
import XCTest

/// The clinical model (univariable screen → stepwise AIC) against the same composition in R on a synthetic
/// clinical table with factors: fixture clinical_model.json (scripts/fixtures/stats_clinical_model.R).
final class ClinicalModelSelectionTests: XCTestCase {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    func design() throws -> (DesignMatrix, [Double]) {
        let text = try String(contentsOf: Self.fixtures.appendingPathComponent("clinical_model_data.csv"), encoding: .utf8)
        let lines = text.split(whereSeparator: \.isNewline).map { $0.split(separator: ",").map(String.init) }
        let header = lines[0], rows = lines.dropFirst()
        func column(_ name: String) -> [String] { let j = header.firstIndex(of: name)!; return rows.map { $0[j] } }
        func factor(_ name: String, _ levels: [String]) -> Predictor {
            .categorical(name: name, levels: levels, codes: column(name).map { levels.firstIndex(of: $0)! }, reference: 0)
        }
        let predictors: [Predictor] = [
            .numeric(name: "age", values: column("age").map { Double($0)! }),
            .numeric(name: "size", values: column("size").map { Double($0)! }),
            factor("us_aln", ["0", "1"]), factor("grade", ["1", "2", "3"]), factor("er", ["neg", "pos"]),
            .numeric(name: "bmi", values: column("bmi").map { Double($0)! }),
        ]
        return (try DesignMatrix(predictors), column("y").map { Double($0)! })
    }

    func testScreenThenStepwiseMatchesR() throws {
        let (design, y) = try design()
        let fixture = try EvalFixture.load("clinical_model.json")
        XCTAssertEqual(design.termNames, try fixture.glmStrings("candidates"))
        var worst = 0.0, compared = 0
        for selection in try fixture.subs("selections") {
            let threshold = try selection.double("threshold")
            for direction in ["none", "backward", "forward", "both"] {
                let spec = ClinicalModelSelection.Spec(screenThreshold: threshold, direction: StepDirection(rawValue: direction))
                let model = try ClinicalModelSelection.run(design, outcome: y, spec: spec)
                let label = "p < \(threshold), \(direction)"
                for (a, b) in zip(model.univariable.map(\.pValue), try fixture.doubles("univariable_p")) {
                    assertClose(a, b, 1e-12, relative: true, label)
                }
                XCTAssertEqual(model.screened.map { design.termNames[$0] }, try selection.glmStrings("screened"), label)
                let r = try selection.sub(direction)
                XCTAssertEqual(Set(model.terms.map { design.termNames[$0] }), Set(try r.glmStrings("terms")), label)
                // Coefficients by name (R lists a forward model's terms in the order they entered).
                try compareFit(model.fit, with: r, label, worst: &worst, compared: &compared)
            }
        }
        XCTAssertGreaterThan(compared, 20)
        print("clinical model parity: \(compared) coefficients, max relative difference \(worst)")
    }

    /// The p-value criterion (Wald-p stepwise with entry / stay thresholds) against the same rules written out in R
    /// on the same table: fixture clinical_model_pvalue.json (scripts/fixtures/stats_clinical_model_pvalue.R).
    func testScreenThenPValueStepwiseMatchesR() throws {
        let (design, y) = try design()
        let fixture = try EvalFixture.load("clinical_model_pvalue.json")
        XCTAssertEqual(design.termNames, try fixture.glmStrings("candidates"))
        var worst = 0.0, compared = 0
        for selection in try fixture.subs("selections") {
            let threshold = try selection.double("threshold"), enter = try selection.double("enter"), stay = try selection.double("stay")
            for direction in StepDirection.allCases {
                let spec = ClinicalModelSelection.Spec(screenThreshold: threshold, direction: direction,
                                                       criterion: .pValue(enter: enter, stay: stay))
                let model = try ClinicalModelSelection.run(design, outcome: y, spec: spec)
                let label = "p < \(threshold), \(direction), enter \(enter), stay \(stay)"
                XCTAssertEqual(model.screened.map { design.termNames[$0] }, try selection.glmStrings("screened"), label)
                let r = try selection.sub(direction.rawValue)
                XCTAssertEqual(model.terms.map { design.termNames[$0] }, try r.glmStrings("terms"), label)
                XCTAssertEqual(model.stepwise?.path.dropFirst().map(\.change) ?? [], try r.glmStrings("path"), label)
                try compareFit(model.fit, with: r, label, worst: &worst, compared: &compared)
            }
        }
        XCTAssertGreaterThan(compared, 40)
        print("clinical model (p-value criterion) parity: \(compared) coefficients, max relative difference \(worst)")
    }

    /// The fit's coefficients (by name) and AIC against R's `names`, `coefficients` and `aic`, to 1e-12 relative.
    func compareFit(_ fit: LogisticFit, with r: EvalFixture, _ label: String, worst: inout Double, compared: inout Int) throws {
        let ours = Dictionary(uniqueKeysWithValues: fit.coefficients.map { ($0.term, $0.estimate) })
        let names = try r.glmStrings("names"), values = try r.doubles("coefficients")
        XCTAssertEqual(Set(ours.keys), Set(names), label)
        for (name, b) in zip(names, values) {
            let a = try XCTUnwrap(ours[name], "\(label): \(name)")
            worst = max(worst, abs(a - b) / abs(b))
            assertClose(a, b, 1e-12, relative: true, "\(label): \(name)")
            compared += 1
        }
        assertClose(fit.aic, try r.double("aic"), 1e-12, relative: true, label)
    }

    func testBackwardDropsATermThatOnlyTracksAnother() throws {
        let (design, y) = try design()
        let lax = try ClinicalModelSelection.run(design, outcome: y, spec: .init(screenThreshold: 0.2, direction: .backward))
        XCTAssertTrue(lax.screened.contains(0), "age passes a lax screen")
        XCTAssertFalse(lax.terms.contains(0), "and stepwise AIC drops it")
        XCTAssertEqual(lax.stepwise?.terms, lax.terms)
        let none = try ClinicalModelSelection.run(design, outcome: y, spec: .init(screenThreshold: 1e-9, direction: .backward))
        XCTAssertEqual(none.terms, [], "nothing screened: the intercept-only model")
        XCTAssertNil(none.stepwise)
        XCTAssertEqual(none.fit.coefficients.map(\.term), ["(Intercept)"])
    }
}
