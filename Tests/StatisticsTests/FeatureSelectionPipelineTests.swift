import Statistics
import XCTest

/// The reduction pipeline composes the filters in the papers' order and maps every step back to the caller's
/// columns; each filter's own R parity is tested in its own file.
final class FeatureSelectionPipelineTests: XCTestCase {
    /// 60 training rows × 8 features: 0 signal, 1 ≈ 0 (rho > 0.95), 2 constant, 3 noise, 4 = 3 scaled (rho = 1),
    /// 5 weak signal, 6 unreproducible between readers, 7 noise.
    func table() -> (rows: [[Double]], outcome: [Double], reader1: [[Double]], reader2: [[Double]]) {
        var g = SeededGenerator(seed: 42)
        func u() -> Double { Double.random(in: 0..<1, using: &g) }
        var rows: [[Double]] = [], outcome: [Double] = []
        for i in 0..<60 {
            let y = Double(i % 2)
            let s = y + u(), n3 = u()
            rows.append([s, s + 0.01 * u(), 5, n3, 3 * n3 + 1, 0.3 * y + u(), u(), u()])
            outcome.append(y)
        }
        let reader1 = Array(rows.prefix(20))
        let reader2 = reader1.map { r in r.enumerated().map { j, v in j == 6 ? Double.random(in: 0..<1, using: &g) : v + 1e-3 * u() } }
        return (rows, outcome, reader1, reader2)
    }

    func testStepsInThePapersOrderMatchTheFiltersRunByHand() throws {
        let t = table()
        let spec = FeatureSelectionSpec(icc: .init(threshold: 0.75), redundancy: .init(threshold: 0.95, method: .hierarchical),
                                        mutualInformation: .init(top: 3))
        let s = try spec.select(training: t.rows, outcome: t.outcome, readers: (t.reader1, t.reader2))
        XCTAssertEqual(s.steps.map(\.name), ["icc", "constant", "redundancy", "mutualInformation"])

        // By hand: ICC on the reader tables …
        let icc = try iccFilter(reader1: t.reader1, reader2: t.reader2, threshold: 0.75).kept
        XCTAssertFalse(icc.contains(6), "feature 6 is not reproducible")
        XCTAssertEqual(s.steps[0].kept, icc)
        // … then the constant column goes …
        let varying = icc.filter { $0 != 2 }
        XCTAssertEqual(s.steps[1].kept, varying)
        // … z-scores on the training rows, hierarchical clusters at |rho| > 0.95 …
        let z = try ZScore.fit(varying.map { j in t.rows.map { $0[j] } })
        let zColumns = try z.apply(varying.map { j in t.rows.map { $0[j] } })
        let zRows = t.rows.indices.map { i in zColumns.map { $0[i] } }
        let clustered = try clusterRedundancyFilter(rows: zRows, threshold: 0.95).result.kept.map { varying[$0] }
        XCTAssertEqual(s.steps[2].kept, clustered)
        XCTAssertLessThan(clustered.count, varying.count, "0/1 and 3/4 collapse")
        // … and the top 3 by mutual information.
        let zKept = zRows.map { row in clustered.map { row[varying.firstIndex(of: $0)!] } }
        let top = try mutualInformationRanking(rows: zKept, outcome: t.outcome).prefix(3).map { clustered[$0.column] }.sorted()
        XCTAssertEqual(s.kept, top)
        XCTAssertEqual(s.steps.last?.kept, top)
        XCTAssertTrue(s.kept.contains { $0 == 0 || $0 == 1 }, "the signal survives")
        // The z-scores of the kept columns are the training centres and scales (R's mean and sd).
        for (k, j) in s.kept.enumerated() {
            let column = t.rows.map { $0[j] }
            XCTAssertEqual(s.zScore.mean[k], RSum.mean(column))
            XCTAssertEqual(s.zScore.sd[k], RSum.variance(column).squareRoot())
        }
    }

    func testGreedyRedundancyWithoutICCKeepsOneOfEachPair() throws {
        let t = table()
        let s = try FeatureSelectionSpec(redundancy: .init(threshold: 0.9, method: .greedy)).select(training: t.rows, outcome: t.outcome)
        XCTAssertEqual(s.steps.map(\.name), ["constant", "redundancy"])
        XCTAssertEqual(s.kept.filter { $0 == 0 || $0 == 1 }.count, 1)
        XCTAssertEqual(s.kept.filter { $0 == 3 || $0 == 4 }.count, 1)
        XCTAssertFalse(s.kept.contains(2))
        XCTAssertEqual(s.kept, try greedyRedundancyFilter(rows: t.rows.map { r in [0, 1, 3, 4, 5, 6, 7].map { r[$0] } }, threshold: 0.9)
            .kept.map { [0, 1, 3, 4, 5, 6, 7][$0] })
    }

    func testRefusalsNameTheStep() {
        let t = table()
        XCTAssertThrowsError(try FeatureSelectionSpec(icc: .init(threshold: 0.8)).select(training: t.rows, outcome: t.outcome)) {
            XCTAssertEqual($0 as? FeatureSelectionError, .missingReaders)
        }
        XCTAssertThrowsError(try FeatureSelectionSpec().select(training: t.rows.map { _ in [1, 2] }, outcome: t.outcome)) {
            XCTAssertEqual($0 as? FeatureSelectionError, .noFeatureLeft(afterStep: "constant"))
        }
        XCTAssertThrowsError(try FeatureSelectionSpec(redundancy: .init(threshold: 0.9, method: .hierarchical, linkage: "ward"))
            .select(training: t.rows, outcome: t.outcome)) {
            XCTAssertTrue("\($0)".contains("unknown linkage 'ward'"), "\($0)")
        }
        XCTAssertThrowsError(try FeatureSelectionSpec(redundancy: .init(threshold: 1.5, method: .greedy))
            .select(training: t.rows, outcome: t.outcome)) {
            XCTAssertTrue("\($0)".contains("step redundancy"), "\($0)")
        }
    }
}
