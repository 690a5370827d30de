import XCTest
import Statistics

/// Redundancy removal parity: fixture filter_redundancy.json. The greedy rule is written out in
/// R in scripts/fixtures/stats_filter_svm.R; the clustering rule uses R's own
/// `cutree(hclust(as.dist(1 - abs(cor(x, method = "spearman"))), method), h = 1 - t)`.
final class RedundancyTests: XCTestCase {
    func testGreedyAndClusterFiltersMatchR() throws {
        let data = try FilterSVMFixture.wdbc()
        let f = try FilterSVMFixture.load("filter_redundancy.json")
        let rows = try f.ints("train_rows").map { data.x[$0] }
        for c in try f.cases() {
            let t = try c.double("threshold")
            let greedy = try greedyRedundancyFilter(rows: rows, threshold: t)
            XCTAssertEqual(greedy.kept, try c.ints("greedy_kept"), "greedy t = \(t)")
            XCTAssertEqual(Set(greedy.kept).union(greedy.dropped), Set(0..<30))
            for linkage in Linkage.allCases {
                let expected = try c.sub(linkage.rawValue)
                let (result, cluster) = try clusterRedundancyFilter(rows: rows, threshold: t, linkage: linkage)
                XCTAssertEqual(cluster, try expected.ints("cluster"), "\(linkage) t = \(t)")
                XCTAssertEqual(result.kept, try expected.ints("kept"), "\(linkage) t = \(t)")
                XCTAssertEqual(result.kept.count, Int(try expected.double("k")))
            }
        }
    }

    /// Hand case: |rho| of A–B 0.95, A–C 0.92, B–C 0.5, D independent; t = 0.9.
    /// Partners: A 2, B 1, C 1, D 0 → drop A; then no pair above 0.9 → keep B, C, D.
    func testGreedyRuleByHand() {
        let rho: [Double] = [1, 0.95, -0.92, 0.1,
                             0.95, 1, 0.5, 0.0,
                             -0.92, 0.5, 1, 0.2,
                             0.1, 0.0, 0.2, 1]
        XCTAssertEqual(greedyRedundancyFilter(correlation: rho, count: 4, threshold: 0.9),
                       RedundancyResult(kept: [1, 2, 3], dropped: [0]))
        // Tie on partners (A–B only): the larger mean |rho| goes (B: (0.95 + 0.5 + 0)/3 > A's).
        let tie: [Double] = [1, 0.95, 0.1, 0.1,
                             0.95, 1, 0.5, 0.0,
                             0.1, 0.5, 1, 0.2,
                             0.1, 0.0, 0.2, 1]
        XCTAssertEqual(greedyRedundancyFilter(correlation: tie, count: 4, threshold: 0.9).dropped, [1])
    }

    func testClusterCutByHand() {
        // Distances: {0, 1} at 0.05, {2, 3} at 0.1, between groups ≥ 0.6.
        let d: [Double] = [0, 0.05, 0.7, 0.6,
                           0.05, 0, 0.8, 0.65,
                           0.7, 0.8, 0, 0.1,
                           0.6, 0.65, 0.1, 0]
        XCTAssertEqual(cutHierarchicalClustering(distance: d, count: 4, linkage: .complete, height: 0.2), [0, 0, 1, 1])
        XCTAssertEqual(cutHierarchicalClustering(distance: d, count: 4, linkage: .complete, height: 0.79), [0, 0, 1, 1])
        XCTAssertEqual(cutHierarchicalClustering(distance: d, count: 4, linkage: .complete, height: 0.8), [0, 0, 0, 0])
        XCTAssertEqual(cutHierarchicalClustering(distance: d, count: 4, linkage: .single, height: 0.6), [0, 0, 0, 0])
        XCTAssertEqual(cutHierarchicalClustering(distance: d, count: 4, linkage: .single, height: 0.01), [0, 1, 2, 3])
    }

    func testBadThreshold() {
        XCTAssertThrowsError(try greedyRedundancyFilter(rows: [[1, 2], [2, 1], [3, 3]], threshold: 1)) {
            XCTAssertEqual($0 as? FeatureFilterError, .invalidThreshold(1, validRange: "[0, 1)"))
        }
        XCTAssertThrowsError(try clusterRedundancyFilter(rows: [[1, 2], [2, 2], [3, 2]], threshold: 0.5)) {
            XCTAssertEqual($0 as? FeatureFilterError, .constantColumn(table: "features", column: 1))
        }
    }
}
