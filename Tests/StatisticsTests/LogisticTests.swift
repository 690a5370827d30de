import Foundation
import XCTest
import Statistics

/// Binomial-logit parity with R 4.2 `glm(family = binomial)`, `summary.glm`, `confint.default`:
/// fixtures glm_wdbc.json and glm_separation.json written by scripts/fixtures/stats_glm.R.
final class LogisticTests: XCTestCase {
    /// Parity tolerance of the brief: relative 1e-7 on estimates, SEs, z, p, ORs, CIs, deviances.
    static let tolerance = 1e-7

    func testWdbcModelsMatchR() throws {
        let data = try GLMData.load()
        var worst = 0.0, compared = 0
        for c in try EvalFixture.load("glm_wdbc.json").subs("cases") {
            let name = try c.string("name")
            var predictors = try c.glmStrings("numeric").map { Predictor.numeric(name: $0, values: try data.column($0)) }
            let references = try c.glmStrings("reference")
            for (k, f) in try c.glmStrings("categorical").enumerated() {
                XCTAssertEqual(f, "area_group")
                let levels = try data.fixture.glmStrings("area_levels")
                let reference = try XCTUnwrap(levels.firstIndex(of: references[k]))
                predictors.append(.categorical(name: f, levels: levels, codes: try data.areaGroup(), reference: reference))
            }
            // R's formula order: the categorical term sits where the formula put it.
            let order = try c.glmStrings("terms")
            predictors.sort { a, b in
                order.firstIndex { $0.hasPrefix(a.name) }! < order.firstIndex { $0.hasPrefix(b.name) }!
            }
            let fit = try LogisticRegression.fit(DesignMatrix(predictors), outcome: data.malignant)
            let (w, n) = try GLMCompare.fit(fit, c, name)
            worst = max(worst, w); compared += n
        }
        print("glm wdbc parity: \(compared) values, max relative difference \(worst)")
    }

    func testSeparationWarnsLikeRAndStillReturns() throws {
        let fixture = try EvalFixture.load("glm_separation.json")
        var worst = 0.0, compared = 0
        for t in try fixture.subs("toys") {
            let name = try t.string("name")
            let x = try t.matrix("x")
            let names = try t.glmStrings("terms").dropFirst()
            let predictors = names.enumerated().map { j, n in Predictor.numeric(name: n, values: x.map { $0[j] }) }
            let fit = try LogisticRegression.fit(DesignMatrix(predictors), outcome: try t.doubles("y"))
            XCTAssertFalse(fit.coefficients.contains { $0.estimate.isNaN }, name)
            let (w, n) = try GLMCompare.fit(fit, t, name)
            worst = max(worst, w); compared += n
        }
        print("glm separation toys parity: \(compared) values, max relative difference \(worst)")
    }

    /// All 30 wdbc features: quasi-separated; R stops at maxit = 25 with |β| ~ 1e6–1e8.
    func testNonConvergedThirtyFeatureFitMatchesR() throws {
        let all = try EvalFixture.load("glm_zscore.json")
        let features = try all.glmStrings("features")
        let x = try all.matrix("x")
        let data = try GLMData.load()
        let predictors = features.enumerated().map { j, n in Predictor.numeric(name: n, values: x.map { $0[j] }) }
        let fit = try LogisticRegression.fit(DesignMatrix(predictors), outcome: data.malignant)
        let r = try EvalFixture.load("glm_separation.json").sub("all30")
        XCTAssertEqual(fit.iterations, 25)
        XCTAssertFalse(fit.converged)
        XCTAssertEqual(fit.warnings, try r.glmStrings("warnings"))
        let (w, n) = try GLMCompare.fit(fit, r, "wdbc_all30")
        print("glm 30-feature non-converged parity: \(n) values, max relative difference \(w)")
    }

    func testBadOutcomesAreTypedErrors() throws {
        let design = try DesignMatrix([.numeric(name: "x", values: [1, 2, 3, 4])])
        XCTAssertThrowsError(try LogisticRegression.fit(design, outcome: [0, 0, 0, 0])) {
            XCTAssertEqual($0 as? LogisticError, .oneOutcomeClass(value: 0))
        }
        XCTAssertThrowsError(try LogisticRegression.fit(design, outcome: [0, 1, 2, 0])) {
            XCTAssertEqual($0 as? LogisticError, .outcomeNotBinary(row: 2, value: 2))
        }
        XCTAssertThrowsError(try DesignMatrix([.numeric(name: "x", values: [1, .nan])])) {
            XCTAssertEqual($0 as? LogisticError, .nonFinite(row: 1, column: "x"))
        }
        XCTAssertThrowsError(try DesignMatrix([.categorical(name: "g", levels: ["a"], codes: [0, 0], reference: 0)])) {
            XCTAssertEqual($0 as? LogisticError, .singleLevel(column: "g"))
        }
    }

    func testTreatmentContrastNamesFollowR() throws {
        let d = try DesignMatrix([.categorical(name: "g", levels: ["low", "mid", "high"], codes: [0, 1, 2, 1], reference: 2),
                                  .numeric(name: "x", values: [1, 2, 3, 4])])
        XCTAssertEqual(d.termColumnNames, [["glow", "gmid"], ["x"]])
    }
}

/// Shared comparison of a `LogisticFit` with a `glm_summary()` block of the R script.
enum GLMCompare {
    /// Asserts every number of the fit against R; returns (max relative difference, values compared).
    static func fit(_ fit: LogisticFit, _ r: EvalFixture, _ name: String,
                    file: StaticString = #filePath, line: UInt = #line) throws -> (Double, Int) {
        var worst = 0.0, n = 0
        func check(_ a: Double, _ b: Double, _ what: String) {
            if b.isNaN { XCTAssertTrue(a.isNaN, "\(name) \(what): \(a) vs R NA", file: file, line: line); return }
            if b.isInfinite || b == 0 { XCTAssertEqual(a, b, "\(name) \(what)", file: file, line: line); n += 1; return }
            let rel = a == b ? 0 : abs(a - b) / max(abs(b), Double.leastNormalMagnitude)
            worst = max(worst, rel); n += 1
            XCTAssertTrue(rel <= LogisticTests.tolerance, "\(name) \(what): \(a) vs R \(b) (relative \(rel))", file: file, line: line)
        }
        XCTAssertEqual(fit.coefficients.map(\.term), try r.glmStrings("terms"), name, file: file, line: line)
        let fields: [(String, KeyPath<LogisticCoefficient, Double>)] = [
            ("estimate", \.estimate), ("stdError", \.stdError), ("zValue", \.zValue), ("pValue", \.pValue),
            ("oddsRatio", \.oddsRatio), ("ciLower", \.ciLower), ("ciUpper", \.ciUpper),
        ]
        for (key, path) in fields {
            let theirs = try r.rDoubles(key)
            XCTAssertEqual(theirs.count, fit.coefficients.count, name, file: file, line: line)
            for (c, b) in zip(fit.coefficients, theirs) { check(c[keyPath: path], b, "\(key) \(c.term)") }
        }
        check(fit.deviance, try r.double("deviance"), "deviance")
        check(fit.nullDeviance, try r.double("nullDeviance"), "nullDeviance")
        check(fit.aic, try r.double("aic"), "aic")
        for (a, b) in zip(fit.fitted, try r.doubles("fitted")) { check(a, b, "fitted") }
        XCTAssertEqual(fit.dfResidual, Int(try r.double("dfResidual")), name, file: file, line: line)
        XCTAssertEqual(fit.dfNull, Int(try r.double("dfNull")), name, file: file, line: line)
        XCTAssertEqual(fit.rank, Int(try r.double("rank")), name, file: file, line: line)
        XCTAssertEqual(fit.iterations, Int(try r.double("iterations")), name, file: file, line: line)
        XCTAssertEqual(fit.converged, try r.glmBool("converged"), name, file: file, line: line)
        XCTAssertEqual(fit.warnings, try r.glmStrings("warnings"), name, file: file, line: line)
        return (worst, n)
    }
}

/// glm_data.json: the wdbc columns the glm fixtures use, the outcome, and the derived factors.
struct GLMData {
    let fixture: EvalFixture
    let malignant: [Double]
    private let columns: [String]
    private let x: [[Double]]

    static func load() throws -> GLMData {
        let f = try EvalFixture.load("glm_data.json")
        return GLMData(fixture: f, malignant: try f.doubles("malignant"), columns: try f.glmStrings("columns"), x: try f.matrix("x"))
    }

    func column(_ name: String) throws -> [Double] {
        if name == "radius_texture" { return try fixture.doubles("radius_texture") }
        guard let j = columns.firstIndex(of: name) else { throw FixtureError.shape("no column \(name)") }
        return x.map { $0[j] }
    }
    func areaGroup() throws -> [Int] { try fixture.doubles("area_group").map { Int($0) } }
    func sizeClass() throws -> [Int] { try fixture.doubles("size_class").map { Int($0) } }
}

extension EvalFixture {
    func glmStrings(_ key: String) throws -> [String] {
        let v = try value(key)
        if case .string(let s) = v { return [s] }
        return try v.array().map {
            guard case .string(let s) = $0 else { throw FixtureError.shape("\(key) holds a non-string") }
            return s
        }
    }
    /// Doubles with R's NA (null) as NaN and ±Inf (written as "Inf" / "-Inf") as ±infinity.
    func rDoubles(_ key: String) throws -> [Double] {
        try value(key).array().map {
            switch $0 {
            case .string("Inf"): return .infinity
            case .string("-Inf"): return -.infinity
            default: return try $0.double()
            }
        }
    }
    func glmBool(_ key: String) throws -> Bool {
        guard case .bool(let b) = try value(key) else { throw FixtureError.shape("\(key) is not a bool") }
        return b
    }
}
