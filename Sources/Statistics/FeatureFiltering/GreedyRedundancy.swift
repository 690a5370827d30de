/// The features a redundancy filter keeps and drops (0-based columns, each list ascending).
public struct RedundancyResult: Sendable, Equatable {
    public let kept: [Int]
    public let dropped: [Int]

    package init(kept: [Int], dropped: [Int]) {
        self.kept = kept
        self.dropped = dropped
    }
}

/// Greedy redundancy removal on absolute Spearman correlation (the rule of seed paper 004).
///
/// Among the features still in, a feature's *partners* are the others with |rho| > t (strict).
/// Repeat until no feature has a partner: drop the feature with the most partners; ties go to
/// the larger mean |rho| with all other features still in; remaining ties to the lower column
/// index. (Unlike caret's `findCorrelation`, which walks pairs, this counts partners first.)
///
/// - Parameters:
///   - rows: training samples × features.
///   - threshold: t in [0, 1).
/// - Throws: `FeatureFilterError` for bad tables (see `spearmanMatrix`) or t outside [0, 1).
/// - Complexity: O(p²) per dropped feature after the O(p² n) correlation matrix.
public func greedyRedundancyFilter(rows: [[Double]], threshold: Double) throws(FeatureFilterError) -> RedundancyResult {
    guard threshold >= 0, threshold < 1 else { throw .invalidThreshold(threshold, validRange: "[0, 1)") }
    let rho = try spearmanMatrix(rows)
    return greedyRedundancyFilter(correlation: rho, count: rows[0].count, threshold: threshold)
}

/// The same rule on a given p × p row-major correlation matrix.
public func greedyRedundancyFilter(correlation rho: [Double], count p: Int, threshold t: Double) -> RedundancyResult {
    var alive = [Bool](repeating: true, count: p)
    var aliveCount = p
    var dropped: [Int] = []
    while aliveCount > 1 {
        var best = -1, bestPartners = 0, bestMean = -1.0
        for a in 0..<p where alive[a] {
            var partners = 0, sum = 0.0
            for b in 0..<p where b != a && alive[b] {
                let r = abs(rho[a * p + b])
                sum += r
                if r > t { partners += 1 }
            }
            guard partners > 0 else { continue }
            let mean = sum / Double(aliveCount - 1)
            if partners > bestPartners || (partners == bestPartners && mean > bestMean) {
                best = a; bestPartners = partners; bestMean = mean
            }
        }
        if best < 0 { break }
        alive[best] = false
        aliveCount -= 1
        dropped.append(best)
    }
    return RedundancyResult(kept: (0..<p).filter { alive[$0] }, dropped: dropped.sorted())
}
