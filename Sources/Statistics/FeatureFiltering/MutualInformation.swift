import RealModule

/// Mutual information between each feature and a binary outcome, for ranking (seed paper 001).
///
/// Estimator (plug-in on equal-frequency bins, natural log, in nats):
/// 1. Cut points are R's type-7 quantiles at probabilities 0, 1/k, …, 1 (`quantile(x, (0:k)/k)`),
///    duplicates removed; bins are right-closed with the lowest value included, as
///    `cut(x, unique(breaks), include.lowest = TRUE)`. Tied values therefore share a bin and a
///    feature with many ties gets fewer than k bins.
/// 2. MI = Σ_b Σ_y p(b, y) log(p(b, y) / (p(b) p(y))) with empirical frequencies.
///
/// This is not scikit-learn's `mutual_info_classif`, which uses a k-nearest-neighbour (Kraskov /
/// Ross) estimator on jittered data and so depends on its random state; nor `infotheo`'s
/// `discretize`, which breaks ties differently. The plug-in estimate is biased upwards by about
/// (bins − 1)/(2n) nats, equally for features with equal bin counts.
///
/// - Parameters:
///   - rows: samples × features.
///   - outcome: 0/1 per row.
///   - bins: k ≥ 2 (default 10).
/// - Returns: (column, MI) sorted by decreasing MI, ties by column.
/// - Throws: `FeatureFilterError` for bad tables, outcomes not 0/1, one outcome class, or k < 2.
/// - Complexity: O(p n log n).
public func mutualInformationRanking(
    rows: [[Double]], outcome: [Double], bins: Int = 10
) throws(FeatureFilterError) -> [(column: Int, mutualInformation: Double)] {
    let (n, p) = try validatedFeatureTable(rows, table: "features")
    guard outcome.count == n else { throw .outcomeLengthMismatch(rows: n, outcomes: outcome.count) }
    guard bins >= 2 else { throw .invalidBinCount(bins) }
    var y = [Int](repeating: 0, count: n)
    for (i, v) in outcome.enumerated() {
        guard v == 0 || v == 1 else { throw .outcomeNotBinary(row: i, value: v) }
        y[i] = Int(v)
    }
    let positives = y.reduce(0, +)
    guard positives > 0, positives < n else { throw .oneOutcomeClass(value: y[0]) }
    var result: [(column: Int, mutualInformation: Double)] = []
    for j in 0..<p {
        let bin = equalFrequencyBins(featureColumn(rows, j), bins: bins)
        result.append((j, plugInMutualInformation(bin, y)))
    }
    return result.sorted { $0.mutualInformation > $1.mutualInformation
        || ($0.mutualInformation == $1.mutualInformation && $0.column < $1.column) }
}


/// Bin index per value: breaks = unique type-7 quantiles at (0:k)/k; bin b holds
/// breaks[b] < x ≤ breaks[b+1], the lowest bin also holding breaks[0].
package func equalFrequencyBins(_ x: [Double], bins k: Int) -> [Int] {
    let sorted = x.sorted()
    var breaks: [Double] = []
    for i in 0...k {
        let q = Quantile.type7(sorted: sorted, Double(i) / Double(k))
        if breaks.last != q { breaks.append(q) }
    }
    if breaks.count == 1 { return [Int](repeating: 0, count: x.count) }
    return x.map { v in
        // First break ≥ v, minus one; v == breaks[0] falls in bin 0.
        var lo = 0, hi = breaks.count - 1
        while lo < hi { let mid = (lo + hi) / 2; if breaks[mid] < v { lo = mid + 1 } else { hi = mid } }
        return max(0, lo - 1)
    }
}

/// Σ p(b, y) log(p(b, y) / (p(b) p(y))) in nats, from bin indices and 0/1 classes.
func plugInMutualInformation(_ bin: [Int], _ y: [Int]) -> Double {
    let n = Double(bin.count)
    let nb = (bin.max() ?? 0) + 1
    var joint = [Double](repeating: 0, count: nb * 2)
    for i in bin.indices { joint[bin[i] * 2 + y[i]] += 1 }
    let py1 = Double(y.reduce(0, +)) / n
    let py = [1 - py1, py1]
    var mi = 0.0
    for b in 0..<nb {
        let pb = (joint[b * 2] + joint[b * 2 + 1]) / n
        for c in 0..<2 where joint[b * 2 + c] > 0 {
            let pbc = joint[b * 2 + c] / n
            mi += pbc * Double.log(pbc / (pb * py[c]))
        }
    }
    return max(0, mi)
}
