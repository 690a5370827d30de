/// Redundancy removal by hierarchical clustering (the rule of seed paper 000).
///
/// Features are clustered by R's `hclust(as.dist(1 − |rho|), method = linkage)` on Spearman rho
/// and the tree is cut at height 1 − t (`cutree(h = 1 − t)`); with complete linkage (the
/// default, R's default) every pair inside a cluster then has |rho| ≥ t. Each cluster keeps its
/// feature with the widest range (max − min) on the training rows; equal ranges go to the lower
/// column index.
///
/// - Parameters:
///   - rows: training samples × features.
///   - threshold: t in [0, 1).
///   - linkage: hclust method.
/// - Returns: kept and dropped columns, and each column's cluster (numbered by first appearance).
/// - Throws: `FeatureFilterError` for bad tables (see `spearmanMatrix`) or t outside [0, 1).
public func clusterRedundancyFilter(
    rows: [[Double]], threshold: Double, linkage: Linkage = .complete
) throws(FeatureFilterError) -> (result: RedundancyResult, cluster: [Int]) {
    guard threshold >= 0, threshold < 1 else { throw .invalidThreshold(threshold, validRange: "[0, 1)") }
    let rho = try spearmanMatrix(rows)
    let p = rows[0].count
    let cluster = cutHierarchicalClustering(distance: rho.map { 1 - abs($0) }, count: p,
                                            linkage: linkage, height: 1 - threshold)
    var best = [Int](repeating: -1, count: (cluster.max() ?? -1) + 1)
    var bestRange = [Double](repeating: -1, count: best.count)
    for j in 0..<p {
        var lo = Double.infinity, hi = -Double.infinity
        for row in rows { lo = min(lo, row[j]); hi = max(hi, row[j]) }
        let c = cluster[j]
        if hi - lo > bestRange[c] { bestRange[c] = hi - lo; best[c] = j }
    }
    let keep = Set(best)
    return (RedundancyResult(kept: (0..<p).filter { keep.contains($0) },
                             dropped: (0..<p).filter { !keep.contains($0) }), cluster)
}
