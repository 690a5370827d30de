#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The shared values of one angle's normalised GLCM p(i, j) (PyRadiomics `glcm.py` `_calculateCoefficients`), over
/// the n grey levels present, i and j being grey level values (bin indices), Ng the largest one:
///
/// - p_x(i) = Σ_j p(i, j), p_y(j) = Σ_i p(i, j); μ_x = Σ p(i, j) i, μ_y = Σ p(i, j) j;
/// - p_{x+y}(k) = Σ_{i+j=k} p(i, j), k = 2...2Ng; p_{x−y}(k) = Σ_{|i−j|=k} p(i, j), k = 0...Ng−1;
/// - HXY = −Σ p(i, j) log₂(p(i, j) + ε), ε = `numpy.spacing(1)`.
struct GLCMCoefficients {
    static let eps = Double.ulpOfOne

    let n: Int
    /// Grey level of each row/column.
    let g: [Double]
    /// Ng, the largest grey level in the ROI (PyRadiomics `coefficients['Ng']`).
    let ng: Double
    /// Row-major n × n.
    let p: [Double]
    let px: [Double]
    let py: [Double]
    let ux: Double
    let uy: Double
    /// `pxAddy[k − 2]`, k = 2...2Ng.
    let pxAddy: [Double]
    /// `pxSuby[k]`, k = 0...Ng−1.
    let pxSuby: [Double]
    let hxy: Double

    init(p: [Double], levels: [Double], maxLevel: Int) {
        let n = levels.count
        self.n = n
        self.p = p
        g = levels
        ng = Double(maxLevel)
        var px = [Double](repeating: 0, count: n)
        var py = [Double](repeating: 0, count: n)
        var ux = 0.0, uy = 0.0, hxy = 0.0
        var add = [Double](repeating: 0, count: max(2 * maxLevel - 1, 0))
        var sub = [Double](repeating: 0, count: maxLevel)
        for r in 0..<n {
            let i = levels[r]
            for c in 0..<n {
                let v = p[r * n + c]
                let j = levels[c]
                px[r] += v
                py[c] += v
                ux += i * v
                uy += j * v
                hxy += v * log2(v + Self.eps)
                let gi = Int(i), gj = Int(j)
                add[gi + gj - 2] += v
                sub[abs(gi - gj)] += v
            }
        }
        self.px = px
        self.py = py
        self.ux = ux
        self.uy = uy
        pxAddy = add
        pxSuby = sub
        self.hxy = -hxy
    }

    /// Σ_ij p(i, j) · term(i, j), i and j grey levels.
    @inline(__always)
    func jointSum(_ term: (Double, Double) -> Double) -> Double {
        var s = 0.0
        for r in 0..<n {
            for c in 0..<n { s += p[r * n + c] * term(g[r], g[c]) }
        }
        return s
    }

    /// Σ_k p_{x−y}(k) · term(k).
    @inline(__always)
    func differenceSum(_ term: (Double) -> Double) -> Double {
        var s = 0.0
        for (k, v) in pxSuby.enumerated() { s += v * term(Double(k)) }
        return s
    }

    /// −Σ v log₂(v + ε).
    static func entropy(_ values: [Double]) -> Double {
        var s = 0.0
        for v in values { s += v * log2(v + eps) }
        return -s
    }

    /// HX = −Σ p_x log₂(p_x + ε), HY likewise, HXY1 = −Σ p(i, j) log₂(p_x(i) p_y(j) + ε),
    /// HXY2 = −Σ p_x(i) p_y(j) log₂(p_x(i) p_y(j) + ε).
    func informationEntropies() -> (hx: Double, hy: Double, hxy1: Double, hxy2: Double) {
        var hxy1 = 0.0, hxy2 = 0.0
        for r in 0..<n {
            for c in 0..<n {
                let q = px[r] * py[c]
                let l = log2(q + Self.eps)
                hxy1 += p[r * n + c] * l
                hxy2 += q * l
            }
        }
        return (Self.entropy(px), Self.entropy(py), -hxy1, -hxy2)
    }

    /// Q(i, j) = Σ_k p(i, k) p(j, k) / (p_x(i) p_y(k) + ε), the matrix of the maximal correlation coefficient.
    func mccMatrix() -> [Double] {
        var q = [Double](repeating: 0, count: n * n)
        for k in 0..<n {
            for i in 0..<n {
                let pik = p[i * n + k]
                let d = px[i] * py[k] + Self.eps
                for j in 0..<n { q[i * n + j] += pik * p[j * n + k] / d }
            }
        }
        return q
    }
}
