/// Agglomerative clustering linkage, with R `hclust(method =)` names.
public enum Linkage: String, Sendable, CaseIterable {
    /// Distance between clusters = largest pairwise distance (R's default).
    case complete
    /// Smallest pairwise distance.
    case single
    /// Mean pairwise distance (UPGMA).
    case average
}

/// Agglomerative hierarchical clustering of p objects cut at height `h`, as R's
/// `cutree(hclust(d, method = linkage), h = h)`: merges at heights ≤ h are made.
///
/// The merge order follows hclust's Fortran (F. Murtagh's nearest-neighbour list, Lance–Williams
/// updates): at each step the pair with the smallest dissimilarity merges, ties going to the
/// lowest first index, then the lowest second index; the merged cluster takes the lower index.
/// For complete, single and average linkage the heights are monotone, so the cut is the partition
/// after every merge at height ≤ h.
///
/// - Parameters:
///   - distance: p × p symmetric row-major dissimilarities.
/// - Returns: for each object, a cluster id 0…(m − 1), numbered in order of first appearance
///   (R numbers `cutree` groups the same way, from 1).
/// - Complexity: O(p²) memory, O(p²) to O(p³) time (nearest-neighbour rescans).
public func cutHierarchicalClustering(distance: [Double], count p: Int, linkage: Linkage, height h: Double) -> [Int] {
    guard p > 1 else { return [Int](repeating: 0, count: p) }
    var d = distance
    var size = [Double](repeating: 1, count: p)
    var active = [Bool](repeating: true, count: p)
    var parent = Array(0..<p)  // union–find of merged objects
    func root(_ i: Int) -> Int { var i = i; while parent[i] != i { i = parent[i] }; return i }
    var nn = [Int](repeating: -1, count: p)
    var nnDist = [Double](repeating: .infinity, count: p)
    func rescan(_ i: Int) {
        var best = Double.infinity, arg = -1
        for j in (i + 1)..<p where active[j] && d[i * p + j] < best { best = d[i * p + j]; arg = j }
        nn[i] = arg; nnDist[i] = best
    }
    for i in 0..<(p - 1) { rescan(i) }
    for _ in 0..<(p - 1) {
        var dmin = Double.infinity, im = -1
        for i in 0..<(p - 1) where active[i] && nn[i] >= 0 && nnDist[i] < dmin { dmin = nnDist[i]; im = i }
        guard im >= 0, dmin <= h else { break }
        let i2 = im, j2 = nn[im]
        // Lance–Williams update of the merged cluster (kept at i2) against every other cluster.
        for k in 0..<p where active[k] && k != i2 && k != j2 {
            let dik = d[i2 * p + k], djk = d[j2 * p + k]
            let v: Double
            switch linkage {
            case .complete: v = max(dik, djk)
            case .single: v = min(dik, djk)
            case .average: v = (size[i2] * dik + size[j2] * djk) / (size[i2] + size[j2])
            }
            d[i2 * p + k] = v
            d[k * p + i2] = v
        }
        size[i2] += size[j2]
        active[j2] = false
        parent[j2] = i2
        for i in 0..<(p - 1) where active[i] && (i == i2 || nn[i] == i2 || nn[i] == j2 || (i < i2 && d[i * p + i2] <= nnDist[i])) {
            rescan(i)
        }
    }
    var id = [Int: Int]()
    return (0..<p).map { i in
        let r = root(i)
        if let c = id[r] { return c }
        id[r] = id.count
        return id[r]!
    }
}
