/// Ranks 1…n with tied values given the mean of the ranks they span, as R's
/// `rank(x, ties.method = "average")`.
/// - Complexity: O(n log n).
public func averageRanks(_ x: [Double]) -> [Double] {
    let order = x.indices.sorted { x[$0] < x[$1] || (x[$0] == x[$1] && $0 < $1) }
    var ranks = [Double](repeating: 0, count: x.count)
    var start = 0
    while start < order.count {
        var end = start + 1
        while end < order.count && x[order[end]] == x[order[start]] { end += 1 }
        // Positions start..<end (0-based) share ranks start+1 … end.
        let mean = Double(start + 1 + end) / 2
        for t in start..<end { ranks[order[t]] = mean }
        start = end
    }
    return ranks
}

/// Pearson correlation by two passes (centred cross products), as R's `cor(x, y)`; nil when
/// either vector is constant.
private func pearsonCorrelation(_ x: [Double], _ y: [Double]) -> Double? {
    let n = Double(x.count)
    var mx = 0.0, my = 0.0
    for i in x.indices { mx += x[i]; my += y[i] }
    mx /= n; my /= n
    var sxy = 0.0, sxx = 0.0, syy = 0.0
    for i in x.indices {
        let dx = x[i] - mx, dy = y[i] - my
        sxy += dx * dy; sxx += dx * dx; syy += dy * dy
    }
    guard sxx > 0, syy > 0 else { return nil }
    return min(1, max(-1, sxy / (sxx.squareRoot() * syy.squareRoot())))
}

/// Spearman's rho of two equally long vectors: Pearson correlation of their average ranks, as R's
/// `cor(x, y, method = "spearman")`.
/// - Throws: `FeatureFilterError` for fewer than 2 values, unequal lengths, non-finite values or a
///   constant vector (R returns NA there).
public func spearmanCorrelation(_ x: [Double], _ y: [Double]) throws(FeatureFilterError) -> Double {
    guard x.count == y.count else { throw .outcomeLengthMismatch(rows: x.count, outcomes: y.count) }
    guard x.count >= 2 else { throw .tooFewRows(table: "spearman", rows: x.count, minimum: 2) }
    for i in x.indices {
        if !x[i].isFinite { throw .nonFinite(table: "x", row: i, column: 0) }
        if !y[i].isFinite { throw .nonFinite(table: "y", row: i, column: 0) }
    }
    guard let rho = pearsonCorrelation(averageRanks(x), averageRanks(y)) else {
        throw .constantColumn(table: "spearman", column: x.allSatisfy { $0 == x[0] } ? 0 : 1)
    }
    return rho
}

/// The p × p Spearman correlation matrix of a samples × features table, row-major, as R's
/// `cor(X, method = "spearman")`.
/// - Throws: `FeatureFilterError` for empty, ragged or non-finite tables, fewer than 2 rows, or a
///   constant column (drop constant columns first; R would return NA for them).
/// - Complexity: O(p n log n + p² n).
public func spearmanMatrix(_ rows: [[Double]]) throws(FeatureFilterError) -> [Double] {
    let (n, p) = try validatedFeatureTable(rows, table: "features")
    guard n >= 2 else { throw .tooFewRows(table: "features", rows: n, minimum: 2) }
    // Centred, unit-norm rank columns: rho_ab is then a plain dot product.
    var z = [[Double]]()
    z.reserveCapacity(p)
    for j in 0..<p {
        let r = averageRanks(featureColumn(rows, j))
        let mean = r.reduce(0, +) / Double(n)
        var c = r.map { $0 - mean }
        let ss = c.reduce(0) { $0 + $1 * $1 }
        guard ss > 0 else { throw .constantColumn(table: "features", column: j) }
        let norm = ss.squareRoot()
        for i in 0..<n { c[i] /= norm }
        z.append(c)
    }
    var rho = [Double](repeating: 0, count: p * p)
    for a in 0..<p {
        rho[a * p + a] = 1
        for b in (a + 1)..<max(a + 1, p) {
            var s = 0.0
            z[a].withUnsafeBufferPointer { za in
                z[b].withUnsafeBufferPointer { zb in
                    for i in 0..<n { s += za[i] * zb[i] }
                }
            }
            let v = min(1, max(-1, s))
            rho[a * p + b] = v
            rho[b * p + a] = v
        }
    }
    return rho
}
