import XCTest
import Statistics

/// PCA parity with R's `prcomp(x_train, center = TRUE, scale. = s)` and `predict(p, x_test)`,
/// up to the sign of each component: fixture pca_prcomp.json.
final class PCATests: XCTestCase {
    func testMatchesPrcompUpToSign() throws {
        let data = try FilterSVMFixture.wdbc()
        let f = try FilterSVMFixture.load("pca_prcomp.json")
        let train = try f.ints("train_rows").map { data.x[$0] }, test = try f.ints("test_rows").map { data.x[$0] }
        var worst = 0.0
        for c in try f.cases() {
            let scale = try XCTUnwrap(c.object["scale"] as? Bool)
            let model = try fitPCA(rows: train, scale: scale)
            let sdev = try c.doubles("sdev"), rotation = try c.matrix("rotation")  // p × p, column c = component c
            XCTAssertEqual(model.standardDeviations.count, 30)
            for (a, b) in zip(model.center, try c.doubles("center")) { XCTAssertEqual(a, b, accuracy: 1e-12 * abs(b)) }
            for k in 0..<30 {
                // prcomp's trailing components carry tiny variance; compare relative to the first.
                XCTAssertEqual(model.standardDeviations[k], sdev[k], accuracy: 1e-8 * sdev[k] + 1e-12 * sdev[0], "sdev \(k)")
            }
            // Loadings are only defined up to sign, and accurately only where the eigenvalue is separated.
            for k in 0..<10 {
                let sign = (0..<30).map { model.rotation[k][$0] * rotation[$0][k] }.reduce(0, +) > 0 ? 1.0 : -1.0
                for j in 0..<30 {
                    worst = max(worst, abs(model.rotation[k][j] - sign * rotation[j][k]))
                    XCTAssertEqual(model.rotation[k][j], sign * rotation[j][k], accuracy: 1e-8, "rotation[\(j), \(k)] scale \(scale)")
                }
            }
            let scores = try model.transform(test, components: 5)
            let expected = try c.matrix("test_scores_k5")
            for k in 0..<5 {
                let sign = (0..<30).map { model.rotation[k][$0] * rotation[$0][k] }.reduce(0, +) > 0 ? 1.0 : -1.0
                for i in test.indices {
                    XCTAssertEqual(scores[i][k], sign * expected[i][k], accuracy: 1e-8 * max(1, abs(expected[i][k])), "score[\(i), \(k)]")
                }
            }
            // Sign convention: the largest loading of each component is positive.
            for v in model.rotation { XCTAssertGreaterThan(v.max(by: { abs($0) < abs($1) })!, 0) }
        }
        print("PCA parity: max loading diff \(worst)")
    }

    func testWideTableUsesGramMatrix() throws {
        // p > n: 4 samples in 6 dimensions; the covariance has rank 3.
        let rows: [[Double]] = [[1, 0, 2, 3, 1, 0], [0, 1, 1, 4, 2, 1], [2, 2, 0, 1, 0, 3], [1, 3, 2, 0, 5, 1]]
        let wide = try fitPCA(rows: rows)
        XCTAssertEqual(wide.rotation.count, 3)
        // Variances must add up to the total variance.
        var total = 0.0
        for j in 0..<6 {
            let col = rows.map { $0[j] }, m = col.reduce(0, +) / 4
            total += col.reduce(0) { $0 + ($1 - m) * ($1 - m) } / 3
        }
        XCTAssertEqual(wide.standardDeviations.reduce(0) { $0 + $1 * $1 }, total, accuracy: 1e-12)
        // Scores of the training rows reproduce the centred data.
        let scores = try wide.transform(rows, components: 3)
        for i in 0..<4 {
            for j in 0..<6 {
                let back = (0..<3).map { scores[i][$0] * wide.rotation[$0][j] }.reduce(0, +) + wide.center[j]
                XCTAssertEqual(back, rows[i][j], accuracy: 1e-12)
            }
        }
    }

    func testBadInput() {
        XCTAssertThrowsError(try fitPCA(rows: [[1, 2], [1, 3]], scale: true)) { XCTAssertEqual($0 as? PCAError, .constantColumn(column: 0)) }
        XCTAssertThrowsError(try fitPCA(rows: [[1, 2]])) { XCTAssertEqual($0 as? PCAError, .tooFewRows(1)) }
        XCTAssertThrowsError(try fitPCA(rows: [[1, .nan], [1, 3]])) { XCTAssertEqual($0 as? PCAError, .nonFinite(row: 0, column: 1)) }
        let model = try? fitPCA(rows: [[1, 2], [2, 1], [3, 5]])
        XCTAssertThrowsError(try model?.transform([[1, 2]], components: 3)) {
            XCTAssertEqual($0 as? PCAError, .invalidComponentCount(requested: 3, available: 2))
        }
        XCTAssertThrowsError(try model?.transform([[1, 2, 3]], components: 1)) {
            XCTAssertEqual($0 as? PCAError, .dimensionMismatch(expected: 2, found: 3))
        }
    }
}
