/// Why PCA refused its input (rows and columns 0-based).
public enum PCAError: Error, Equatable, CustomStringConvertible, Sendable {
    case emptyTable
    case raggedRow(row: Int, expected: Int, found: Int)
    case nonFinite(row: Int, column: Int)
    case tooFewRows(Int)
    /// Scaling asked for and a training column has zero variance (prcomp: "cannot rescale a
    /// constant/zero column to unit variance").
    case constantColumn(column: Int)
    case dimensionMismatch(expected: Int, found: Int)
    case invalidComponentCount(requested: Int, available: Int)

    public var description: String {
        switch self {
        case .emptyTable: return "PCA: the table has no rows or no columns"
        case .raggedRow(let r, let e, let f): return "PCA: row \(r) has \(f) values, expected \(e)"
        case .nonFinite(let r, let c): return "PCA: missing or non-finite value at row \(r), column \(c)"
        case .tooFewRows(let n): return "PCA: \(n) training rows, at least 2 needed"
        case .constantColumn(let c): return "PCA: training column \(c) is constant and cannot be scaled to unit variance"
        case .dimensionMismatch(let e, let f): return "PCA: model has \(e) features, data has \(f)"
        case .invalidComponentCount(let k, let a): return "PCA: \(k) components requested, 1…\(a) available"
        }
    }
}

/// Principal components fitted on training rows only, as R's `prcomp(x, center = TRUE,
/// scale. = scale)`: columns centred by the training mean and, with `scale`, divided by the
/// training SD (n − 1); components are the eigenvectors of the covariance matrix XᵀX/(n − 1) (or,
/// when p > n, recovered from the n × n Gram matrix XXᵀ/(n − 1)), `standardDeviations` the square
/// roots of its eigenvalues, decreasing.
///
/// Sign convention: R's signs are arbitrary (they come out of LAPACK's SVD); here every component
/// is oriented so that its loading of largest absolute value is positive (ties: first such
/// column). Compare with prcomp up to sign per component.
public struct PCAModel: Sendable {
    public let center: [Double]
    /// Column SDs, nil when fitted without scaling.
    public let scale: [Double]?
    /// prcomp's `sdev`, one per component (min(n − 1, p) components with positive variance).
    public let standardDeviations: [Double]
    /// Component loadings: `rotation[c]` is component c's unit vector over the p columns
    /// (prcomp's `rotation[, c]`).
    public let rotation: [[Double]]

    /// Proportion of the total variance each component explains.
    public var explainedVarianceRatio: [Double] {
        let v = standardDeviations.map { $0 * $0 }
        let total = v.reduce(0, +)
        return v.map { $0 / total }
    }

    /// Scores of new rows on the first `components` components, as
    /// `predict(prcomp_fit, newdata)[, 1:k]`: ((x − center) / scale) · rotation.
    public func transform(_ rows: [[Double]], components k: Int) throws(PCAError) -> [[Double]] {
        guard k >= 1, k <= rotation.count else { throw .invalidComponentCount(requested: k, available: rotation.count) }
        let p = center.count
        var out: [[Double]] = []
        out.reserveCapacity(rows.count)
        for (i, row) in rows.enumerated() {
            guard row.count == p else { throw .dimensionMismatch(expected: p, found: row.count) }
            var z = [Double](repeating: 0, count: p)
            for j in 0..<p {
                guard row[j].isFinite else { throw .nonFinite(row: i, column: j) }
                z[j] = (row[j] - center[j]) / (scale?[j] ?? 1)
            }
            out.append((0..<k).map { c in
                var s = 0.0
                for j in 0..<p { s += z[j] * rotation[c][j] }
                return s
            })
        }
        return out
    }
}

/// Fits PCA on training rows (samples × features). See `PCAModel`.
/// - Throws: `PCAError` for empty, ragged or non-finite tables, fewer than 2 rows, or a constant
///   column when `scale` is true.
/// - Complexity: O(n p min(n, p)) to form the matrix plus O(min(n, p)³) per Jacobi sweep.
public func fitPCA(rows: [[Double]], scale: Bool = false) throws(PCAError) -> PCAModel {
    guard let first = rows.first, !first.isEmpty else { throw .emptyTable }
    let n = rows.count, p = first.count
    guard n >= 2 else { throw .tooFewRows(n) }
    var x = [Double](repeating: 0, count: n * p)
    for (i, row) in rows.enumerated() {
        guard row.count == p else { throw .raggedRow(row: i, expected: p, found: row.count) }
        for j in 0..<p {
            guard row[j].isFinite else { throw .nonFinite(row: i, column: j) }
            x[i * p + j] = row[j]
        }
    }
    var center = [Double](repeating: 0, count: p)
    var sd = [Double](repeating: 1, count: p)
    for j in 0..<p {
        var s = 0.0
        for i in 0..<n { s += x[i * p + j] }
        var m = s / Double(n)
        // Second pass refines the mean (as R's colMeans-then-sweep is accurate to long double).
        var r = 0.0
        for i in 0..<n { r += x[i * p + j] - m }
        m += r / Double(n)
        center[j] = m
        var ss = 0.0
        for i in 0..<n { x[i * p + j] -= m; ss += x[i * p + j] * x[i * p + j] }
        if scale {
            let v = (ss / Double(n - 1)).squareRoot()
            guard v > 0 else { throw .constantColumn(column: j) }
            sd[j] = v
            for i in 0..<n { x[i * p + j] /= v }
        }
    }
    let denominator = Double(n - 1)
    var values: [Double]
    var vectors: [[Double]]
    if p <= n {
        var c = [Double](repeating: 0, count: p * p)
        for a in 0..<p {
            for b in a..<p {
                var s = 0.0
                for i in 0..<n { s += x[i * p + a] * x[i * p + b] }
                c[a * p + b] = s / denominator
                c[b * p + a] = s / denominator
            }
        }
        (values, vectors) = symmetricEigen(c, size: p)
    } else {
        var g = [Double](repeating: 0, count: n * n)
        for a in 0..<n {
            for b in a..<n {
                var s = 0.0
                for j in 0..<p { s += x[a * p + j] * x[b * p + j] }
                g[a * n + b] = s / denominator
                g[b * n + a] = s / denominator
            }
        }
        let (gv, gu) = symmetricEigen(g, size: n)
        values = []; vectors = []
        // v = Xᵀu / ‖Xᵀu‖ for each component with non-negligible variance.
        for (k, lambda) in gv.enumerated() where lambda > 1e-12 * max(gv[0], 0) {
            var w = [Double](repeating: 0, count: p)
            for i in 0..<n where gu[k][i] != 0 { for j in 0..<p { w[j] += x[i * p + j] * gu[k][i] } }
            let norm = w.reduce(0) { $0 + $1 * $1 }.squareRoot()
            values.append(lambda)
            vectors.append(w.map { $0 / norm })
        }
    }
    // Keep components with positive variance; at most min(n − 1, p) of them.
    let keep = min(values.count, min(n - 1, p))
    var sdev: [Double] = [], rotation: [[Double]] = []
    for k in 0..<keep where values[k] > 1e-14 * max(values[0], .leastNormalMagnitude) {
        var vec = vectors[k]
        var big = 0
        for j in 1..<max(1, p) where abs(vec[j]) > abs(vec[big]) { big = j }
        if vec[big] < 0 { vec = vec.map { -$0 } }
        sdev.append(values[k].squareRoot())
        rotation.append(vec)
    }
    return PCAModel(center: center, scale: scale ? sd : nil, standardDeviations: sdev, rotation: rotation)
}
