import XCTest
import Statistics

/// Spearman parity with R's `cor(x, method = "spearman")`: fixture filter_spearman.json.
final class SpearmanTests: XCTestCase {
    func testMatrixMatchesROnWdbcTraining() throws {
        let data = try FilterSVMFixture.wdbc()
        let f = try FilterSVMFixture.load("filter_spearman.json")
        let rows = try f.ints("train_rows").map { data.x[$0] }
        var worst = 0.0, compared = 0
        for (x, key) in [(rows, "rho"), (try f.matrix("ties_x"), "rho_ties")] {
            let expected = try f.matrix(key)
            let p = expected.count
            let rho = try spearmanMatrix(x)
            for a in 0..<p {
                for b in 0..<p {
                    worst = max(worst, abs(rho[a * p + b] - expected[a][b]))
                    XCTAssertEqual(rho[a * p + b], expected[a][b], accuracy: 1e-12, "\(key)[\(a), \(b)]")
                    compared += 1
                }
            }
        }
        print("Spearman parity: \(compared) values, max abs diff \(worst)")
    }

    func testAverageRanksAndPairwiseRho() throws {
        let s = try FilterSVMFixture.load("filter_spearman.json").sub("small")
        let x = try s.doubles("x"), y = try s.doubles("y")
        XCTAssertEqual(averageRanks(x), try s.doubles("rank_x"))
        XCTAssertEqual(averageRanks(y), try s.doubles("rank_y"))
        XCTAssertEqual(try spearmanCorrelation(x, y), try s.double("rho"), accuracy: 1e-12)
        // By hand: ranks of (10, 20, 20, 30) are (1, 2.5, 2.5, 4).
        XCTAssertEqual(averageRanks([10, 20, 20, 30]), [1, 2.5, 2.5, 4])
        XCTAssertEqual(try spearmanCorrelation([1, 2, 3], [30, 20, 10]), -1, accuracy: 1e-15)
    }

    func testBadInput() {
        XCTAssertThrowsError(try spearmanCorrelation([1, 1, 1], [1, 2, 3])) {
            XCTAssertEqual($0 as? FeatureFilterError, .constantColumn(table: "spearman", column: 0))
        }
        XCTAssertThrowsError(try spearmanMatrix([[1, 2], [1, 3]])) {
            XCTAssertEqual($0 as? FeatureFilterError, .constantColumn(table: "features", column: 0))
        }
        XCTAssertThrowsError(try spearmanMatrix([[1, 2], [.infinity, 3]])) {
            XCTAssertEqual($0 as? FeatureFilterError, .nonFinite(table: "features", row: 1, column: 0))
        }
        XCTAssertThrowsError(try spearmanMatrix([[1, 2], [3]])) {
            XCTAssertEqual($0 as? FeatureFilterError, .raggedRow(table: "features", row: 1, expected: 2, found: 1))
        }
    }
}
