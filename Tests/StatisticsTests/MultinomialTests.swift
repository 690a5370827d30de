import XCTest
import Statistics

/// Baseline-category multinomial logit against a hand Newton–Raphson maximisation of the same
/// likelihood in R (cross-checked there with optim BFGS), and one-vs-rest glm fits against R's
/// glm: fixture glm_multinomial.json (scripts/fixtures/stats_glm.R).
final class MultinomialTests: XCTestCase {
    private func inputs() throws -> (DesignMatrix, [Int], [String], EvalFixture) {
        let f = try EvalFixture.load("glm_multinomial.json")
        let x = try f.matrix("x"), names = try f.glmStrings("predictors")
        let design = try DesignMatrix(names.enumerated().map { j, n in .numeric(name: n, values: x.map { $0[j] }) })
        return (design, try GLMData.load().sizeClass(), try f.glmStrings("levels"), f)
    }

    func testMultinomialMatchesRNewton() throws {
        let (design, codes, levels, f) = try inputs()
        let fit = try MultinomialLogit.fit(design, classes: codes, levels: levels)
        XCTAssertTrue(fit.converged)
        XCTAssertEqual(fit.classes, [1, 2])
        var worst = 0.0, n = 0
        for (key, ours) in [("coefficients", fit.coefficients), ("stdError", fit.stdError)] {
            for (a, b) in zip(ours.joined(), try f.matrix(key).joined()) {
                worst = max(worst, abs(a - b) / abs(b)); n += 1
                assertClose(a, b, LogisticTests.tolerance, relative: true, key)
            }
        }
        assertClose(fit.deviance, try f.double("deviance"), 1e-12, relative: true, "deviance")
        assertClose(fit.aic, try f.double("aic"), 1e-12, relative: true, "aic")
        for row in fit.fitted { XCTAssertEqual(row.reduce(0, +), 1, accuracy: 1e-14) }
        print("multinomial parity: \(n) values, max relative difference \(worst) (\(fit.iterations) Newton iterations)")
    }

    func testOneVsRestMatchesRGlm() throws {
        let (design, codes, levels, f) = try inputs()
        let fits = try OneVsRest.fit(design, classes: codes, levels: levels)
        var worst = 0.0, total = 0
        for ((level, fit), r) in zip(fits, try f.subs("one_vs_rest")) {
            XCTAssertEqual(level, try r.string("class"))
            let (w, n) = try GLMCompare.fit(fit, r, level)
            worst = max(worst, w); total += n
        }
        print("one-vs-rest parity: \(total) values, max relative difference \(worst)")
    }

    func testOneClassIsAnError() throws {
        let design = try DesignMatrix([.numeric(name: "x", values: [1, 2, 3])])
        XCTAssertThrowsError(try MultinomialLogit.fit(design, classes: [1, 1, 1], levels: ["a", "b", "c"])) {
            XCTAssertEqual($0 as? LogisticError, .tooFewClasses(found: 1))
        }
    }
}
