import XCTest
import RadiomicsCore

/// Bucket selection must give exactly `sorted()[rank]`, whatever the shape of the sample.
final class OrderStatisticsTests: XCTestCase {
    private struct LCG {
        var state: UInt64
        mutating func next() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) / Double(1 << 53)
        }
    }

    func testEveryRankOfAssortedSamplesEqualsTheSortedValue() {
        var g = LCG(state: 42)
        var samples: [[Double]] = [
            [7],
            [3, 1, 2],
            (0..<1000).map { _ in g.next() },                                 // continuous
            (0..<5000).map { _ in (g.next() * 256).rounded(.down) },          // 8-bit image: many repeats
            (0..<3000).map { _ in 5.0 },                                       // flat ROI
            (0..<2000).map { _ in g.next() } + [1e12, -1e12],                 // outliers squash one bucket
            (0..<4000).map { i in pow(2.0, -Double(i % 900)) },               // geometric: buckets keep splitting
            (0..<777).map { _ in -g.next() * 1e-300 },                        // tiny negative values
            (0..<3000).map { i in Double(i) },                                 // already sorted
        ]
        samples.append(samples[2].map { $0 * -3.5 } + samples[3])
        for sample in samples {
            let sorted = sample.sorted()
            let n = sample.count
            let ranks = Array(Set([0, n - 1, n / 2, (n - 1) / 2, n / 10, n / 10 + 1, (9 * n) / 10, n / 3])).filter { $0 < n }
            let stats = OrderStatistics(sample, ranks: ranks)
            for r in ranks {
                XCTAssertEqual(stats.value(rank: r).bitPattern, sorted[r].bitPattern, "n = \(n), rank \(r)")
            }
            // Every rank at once, on a smaller sample.
            if n <= 1000 {
                let all = OrderStatistics(sample, ranks: Array(0..<n))
                XCTAssertEqual((0..<n).map { all.value(rank: $0) }, sorted)
            }
        }
    }
}
