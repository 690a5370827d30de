#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A grey level × size count matrix **P**(i, j) as PyRadiomics' GLSZM and GLDM classes hold it after
/// `numpy.delete`: rows only for grey levels present in the ROI, columns only for sizes that occur. Its sums are the
/// shared coefficients of both classes (`glszm.py` `_calculateCoefficients`, `gldm.py` `_calculateMatrix`).
///
/// - `ivector`: the grey levels of the rows; `jvector`: the sizes (zone size, or dependence count + 1) of the columns;
/// - `pg` = Σ_j P(i, j); `ps` = Σ_i P(i, j);
/// - `Nz` = Σ P(i, j), replaced by 1 when 0 (as PyRadiomics).
package struct LevelSizeMatrix: Sendable {
    package let ivector: [Double]
    package let jvector: [Double]
    /// Row-major `ivector.count × jvector.count`.
    package let counts: [Double]
    let pg: [Double]
    let ps: [Double]
    let nz: Double

    /// - Parameters:
    ///   - counts: row-major `levels.count × sizes.count`; every column holds a non-zero count.
    ///   - levels: the grey level of each row.
    ///   - sizes: the size of each column, ascending.
    init(counts: [Double], levels: [Int], sizes: [Int]) {
        let nj = sizes.count
        var rowSums = [Double](repeating: 0, count: levels.count)
        var colSums = [Double](repeating: 0, count: nj)
        for r in 0..<levels.count {
            var s = 0.0
            for k in 0..<nj {
                let v = counts[r * nj + k]
                s += v
                colSums[k] += v
            }
            rowSums[r] = s
        }
        ivector = levels.map(Double.init)
        jvector = sizes.map(Double.init)
        self.counts = counts
        pg = rowSums
        ps = colSums
        let total = colSums.reduce(0, +)
        nz = total == 0 ? 1 : total
    }

    /// From a matrix with a column for every size 1...columns: the columns that hold no count are dropped.
    init(dense: [Double], levels: [Int], columns: Int) {
        var occupied = [Bool](repeating: false, count: columns)
        for r in 0..<levels.count {
            for c in 0..<columns where dense[r * columns + c] != 0 { occupied[c] = true }
        }
        let kept = (0..<columns).filter { occupied[$0] }
        var compact = [Double]()
        compact.reserveCapacity(levels.count * kept.count)
        for r in 0..<levels.count {
            for c in kept { compact.append(dense[r * columns + c]) }
        }
        self.init(counts: compact, levels: levels, sizes: kept.map { $0 + 1 })
    }

    /// Σ_j term(ps(j), j) / Nz.
    func sizeSum(_ term: (Double, Double) -> Double) -> Double {
        var s = 0.0
        for (k, j) in jvector.enumerated() { s += term(ps[k], j) }
        return s / nz
    }

    /// Σ_i term(pg(i), i) / Nz.
    func levelSum(_ term: (Double, Double) -> Double) -> Double {
        var s = 0.0
        for (k, i) in ivector.enumerated() { s += term(pg[k], i) }
        return s / nz
    }

    /// Σ_i Σ_j term(P(i, j), i, j) / Nz.
    func jointSum(_ term: (Double, Double, Double) -> Double) -> Double {
        let nj = jvector.count
        var s = 0.0
        for (r, i) in ivector.enumerated() {
            for (k, j) in jvector.enumerated() { s += term(counts[r * nj + k], i, j) }
        }
        return s / nz
    }

    /// Σ x² / Nz for the row sums (`pg`) or column sums (`ps`).
    func nonUniformity(_ sums: [Double]) -> Double {
        sums.reduce(0) { $0 + $1 * $1 } / nz
    }

    /// Σ x² / Nz² for the row sums (`pg`) or column sums (`ps`).
    func nonUniformityNormalized(_ sums: [Double]) -> Double {
        sums.reduce(0) { $0 + $1 * $1 } / (nz * nz)
    }

    /// Σ p(x) (x − μ)² with p = sums / Nz and μ = Σ p(x) x.
    func variance(_ sums: [Double], _ values: [Double]) -> Double {
        var mu = 0.0
        for (k, x) in values.enumerated() { mu += sums[k] / nz * x }
        var v = 0.0
        for (k, x) in values.enumerated() {
            let d = x - mu
            v += sums[k] / nz * (d * d)
        }
        return v
    }

    /// −Σ p(i, j) log₂(p(i, j) + ε) with p = P / Nz and ε = `numpy.spacing(1)`.
    func entropy() -> Double {
        var s = 0.0
        for c in counts {
            let p = c / nz
            s += p * log2(p + Double.ulpOfOne)
        }
        return -s
    }
}
