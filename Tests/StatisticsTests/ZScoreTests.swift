import XCTest
import Statistics

/// z-scores fitted on the training folds (fold ≠ 1) and applied to fold 1, against R's
/// `mean`, `sd` and `sweep` (fixture glm_zscore.json, scripts/fixtures/stats_glm.R).
final class ZScoreTests: XCTestCase {
    func testTrainingFitAppliedToTestMatchesR() throws {
        let f = try EvalFixture.load("glm_zscore.json")
        let x = try f.matrix("x")
        let train = Set(try f.doubles("train_rows").map { Int($0) })
        let p = x[0].count
        let trainColumns = (0..<p).map { j in x.indices.filter { train.contains($0) }.map { x[$0][j] } }
        let testColumns = (0..<p).map { j in x.indices.filter { !train.contains($0) }.map { x[$0][j] } }
        let z = try ZScore.fit(trainColumns)
        XCTAssertTrue(z.constantColumns.isEmpty)
        // Same summation as R (long double): centres and scales bit-identical.
        XCTAssertEqual(z.mean, try f.doubles("mean"))
        XCTAssertEqual(z.sd, try f.doubles("sd"))
        let applied = try z.apply(testColumns)
        let expected = try f.matrix("z_test")
        var compared = 0
        for (i, row) in expected.enumerated() {
            for (j, v) in row.enumerated() { XCTAssertEqual(applied[j][i], v, "row \(i) col \(j)"); compared += 1 }
        }
        print("z-score parity: \(2 * p) centres/scales and \(compared) applied values, bit-identical")
    }

    func testGlmOnTrainingZScoresMatchesR() throws {
        let f = try EvalFixture.load("glm_zscore.json")
        let x = try f.matrix("x"), features = try f.glmStrings("features")
        let train = try f.doubles("train_rows").map { Int($0) }
        let data = try GLMData.load()
        let r = try f.sub("glm_z")
        let names = Array(try r.glmStrings("terms").dropFirst())
        let columns = names.map { n in train.map { x[$0][features.firstIndex(of: n)!] } }
        let z = try ZScore.fit(columns).apply(columns)
        let design = try DesignMatrix(zip(names, z).map { Predictor.numeric(name: $0, values: $1) })
        let fit = try LogisticRegression.fit(design, outcome: train.map { data.malignant[$0] })
        let (w, n) = try GLMCompare.fit(fit, r, "glm_z")
        print("glm on z-scores parity: \(n) values, max relative difference \(w)")
    }

    func testConstantColumnIsReportedNotDividedByZero() throws {
        let z = try ZScore.fit([[1, 2, 3], [5, 5, 5]])
        XCTAssertEqual(z.constantColumns, [1])
        let out = try z.apply([[2], [7]])
        XCTAssertEqual(out[0], [0])
        XCTAssertEqual(out[1], [2])
        XCTAssertThrowsError(try z.apply([[1]]))
    }
}
