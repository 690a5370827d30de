import XCTest
import Statistics

/// Stepwise selection against R's `step()` (AIC, k = 2 and k = log n) and the R-scripted p-value
/// rules and univariable screen: fixture glm_step.json (scripts/fixtures/stats_glm.R).
final class StepwiseTests: XCTestCase {
    private func design() throws -> (DesignMatrix, [Double], [String]) {
        let data = try GLMData.load()
        let f = try EvalFixture.load("glm_step.json")
        let terms = try f.glmStrings("terms")
        let predictors = try terms.map { name -> Predictor in
            if name == "area_group" {
                return .categorical(name: name, levels: try data.fixture.glmStrings("area_levels"), codes: try data.areaGroup(), reference: 0)
            }
            return .numeric(name: name, values: try data.column(name))
        }
        return (try DesignMatrix(predictors), data.malignant, terms)
    }

    func testStepByAICMatchesR() throws {
        let (design, y, terms) = try design()
        let all = Array(terms.indices)
        var worstAIC = 0.0, worstFit = 0.0, fitValues = 0
        for c in try EvalFixture.load("glm_step.json").subs("steps") {
            let name = try c.string("name")
            let result: StepwiseResult
            switch name {
            case "backward": result = try Stepwise.byAIC(design, outcome: y, start: all, direction: .backward)
            case "both_from_full": result = try Stepwise.byAIC(design, outcome: y, start: all, direction: .both)
            case "forward": result = try Stepwise.byAIC(design, outcome: y, start: [], upper: all, direction: .forward)
            case "both_from_null": result = try Stepwise.byAIC(design, outcome: y, start: [], upper: all, direction: .both)
            case "backward_k_log_n":
                result = try Stepwise.byAIC(design, outcome: y, start: all, direction: .backward, k: Double.log(Double(y.count)))
            default: XCTFail("unknown case \(name)"); continue
            }
            XCTAssertEqual(result.path.map(\.change), try c.glmStrings("path"), name)
            XCTAssertEqual(result.terms.map { terms[$0] }, try c.glmStrings("final_terms"), name)
            for (a, b) in zip(result.path.map(\.aic), try c.doubles("aic_path")) {
                worstAIC = max(worstAIC, abs(a - b) / abs(b))
                assertClose(a, b, LogisticTests.tolerance, relative: true, name)
            }
            for (a, b) in zip(result.path.map(\.deviance), try c.doubles("deviance_path")) {
                assertClose(a, b, LogisticTests.tolerance, relative: true, name)
            }
            let (w, n) = try GLMCompare.fit(result.fit, c.sub("final"), name)
            worstFit = max(worstFit, w); fitValues += n
        }
        print("step() parity: AIC path max relative difference \(worstAIC); final fits \(fitValues) values, max relative difference \(worstFit)")
    }

    func testPValueStepwiseMatchesRScript() throws {
        let (design, y, terms) = try design()
        let f = try EvalFixture.load("glm_step.json")
        let all = Array(terms.indices)
        for (key, threshold) in [("backward_p05", 0.05), ("backward_p10", 0.10)] {
            let r = try Stepwise.backwardByPValue(design, outcome: y, start: all, threshold: threshold)
            XCTAssertEqual(Array(r.path.map(\.change).dropFirst()), try f.sub(key).glmStrings("path"), key)
            XCTAssertEqual(r.terms.map { terms[$0] }, try f.sub(key).glmStrings("final_terms"), key)
        }
        for (key, threshold) in [("forward_p05", 0.05), ("forward_p10", 0.10)] {
            let r = try Stepwise.forwardByPValue(design, outcome: y, candidates: all, threshold: threshold)
            XCTAssertEqual(Array(r.path.map(\.change).dropFirst()), try f.sub(key).glmStrings("path"), key)
            XCTAssertEqual(r.terms.map { terms[$0] }, try f.sub(key).glmStrings("final_terms"), key)
        }
    }

    func testUnivariableScreenMatchesRScript() throws {
        let (design, y, _) = try design()
        let expected = try EvalFixture.load("glm_step.json").doubles("screen_p")
        let screened = try UnivariableScreen.run(design, outcome: y, threshold: 0.05)
        var worst = 0.0
        for (s, p) in zip(screened, expected) {
            worst = max(worst, abs(s.pValue - p) / p)
            assertClose(s.pValue, p, LogisticTests.tolerance, relative: true, s.term)
            XCTAssertEqual(s.selected, p < 0.05, s.term)
        }
        print("univariable screen parity: \(expected.count) p-values, max relative difference \(worst)")
    }

    /// Forward with a removal threshold of 1 can never remove: it must equal plain forward selection;
    /// with removal = entry threshold, every term of the final model has p ≤ that threshold.
    func testForwardWithRemovalIsConsistent() throws {
        let (design, y, terms) = try design()
        let all = Array(terms.indices)
        let plain = try Stepwise.forwardByPValue(design, outcome: y, candidates: all, threshold: 0.1)
        let never = try Stepwise.forwardByPValue(design, outcome: y, candidates: all, threshold: 0.1, removal: 1)
        XCTAssertEqual(plain.path.map(\.change), never.path.map(\.change))
        let both = try Stepwise.forwardByPValue(design, outcome: y, candidates: all, threshold: 0.05, removal: 0.05)
        for k in both.terms.indices { XCTAssertLessThanOrEqual(both.fit.termPValue(k), 0.05) }
    }

    func testInterceptOnlyModel() throws {
        let y: [Double] = [0, 1, 1, 0, 1]
        let fit = try LogisticRegression.fit(DesignMatrix([], rows: 5), outcome: y)
        XCTAssertEqual(fit.coefficients.map(\.term), ["(Intercept)"])
        XCTAssertEqual(fit.coefficients[0].estimate, Double.log(1.5), accuracy: 1e-12)
        XCTAssertEqual(fit.deviance, fit.nullDeviance, accuracy: 1e-12)
    }
}
