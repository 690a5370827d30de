import XCTest
import Statistics

/// Mutual-information parity with the estimator written out in R (type-7 quantile breaks at
/// (0:k)/k, `cut(include.lowest = TRUE)`, plug-in MI in nats): fixture filter_mi.json.
final class MutualInformationTests: XCTestCase {
    func testRankingMatchesR() throws {
        let data = try FilterSVMFixture.wdbc()
        let f = try FilterSVMFixture.load("filter_mi.json")
        let train = try f.ints("train_rows")
        let rows = train.map { data.x[$0] }, y = train.map { Double(data.malignant[$0]) }
        var worst = 0.0
        for c in try f.cases() {
            let k = Int(try c.double("bins"))
            let ranking = try mutualInformationRanking(rows: rows, outcome: y, bins: k)
            XCTAssertEqual(ranking.map(\.column), try c.ints("ranking"), "k = \(k)")
            let expected = try c.doubles("mi")
            for r in ranking {
                worst = max(worst, abs(r.mutualInformation - expected[r.column]))
                XCTAssertEqual(r.mutualInformation, expected[r.column], accuracy: 1e-12, "k = \(k) column \(r.column)")
            }
            XCTAssertEqual(equalFrequencyBins(rows.map { $0[0] }, bins: k), try c.ints("bin_of_first_feature"))
        }
        let ties = try f.sub("ties")
        let x = try ties.doubles("x")
        XCTAssertEqual(equalFrequencyBins(x, bins: 10), try ties.ints("bins"))
        XCTAssertEqual(try mutualInformationRanking(rows: x.map { [$0] }, outcome: y)[0].mutualInformation,
                       try ties.double("mi"), accuracy: 1e-12)
        print("MI parity: max abs diff \(worst)")
    }

    /// By hand: x = 1…4, y = 0, 0, 1, 1, two bins split at the median 2.5 → bins {1, 2}, {3, 4}
    /// determine y exactly: MI = H(y) = log 2.
    func testPerfectSplitIsLog2() throws {
        let r = try mutualInformationRanking(rows: [[1], [2], [3], [4]], outcome: [0, 0, 1, 1], bins: 2)
        XCTAssertEqual(r[0].mutualInformation, 0.6931471805599453, accuracy: 1e-15)
    }

    func testBadInput() {
        XCTAssertThrowsError(try mutualInformationRanking(rows: [[1], [2]], outcome: [0, 0])) {
            XCTAssertEqual($0 as? FeatureFilterError, .oneOutcomeClass(value: 0))
        }
        XCTAssertThrowsError(try mutualInformationRanking(rows: [[1], [2]], outcome: [0, 2])) {
            XCTAssertEqual($0 as? FeatureFilterError, .outcomeNotBinary(row: 1, value: 2))
        }
        XCTAssertThrowsError(try mutualInformationRanking(rows: [[1], [2]], outcome: [0])) {
            XCTAssertEqual($0 as? FeatureFilterError, .outcomeLengthMismatch(rows: 2, outcomes: 1))
        }
        XCTAssertThrowsError(try mutualInformationRanking(rows: [[1], [2]], outcome: [0, 1], bins: 1)) {
            XCTAssertEqual($0 as? FeatureFilterError, .invalidBinCount(1))
        }
    }
}
