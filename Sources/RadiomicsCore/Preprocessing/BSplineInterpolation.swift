#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// `sitkBSpline` (ITK `BSplineInterpolateImageFunction`, spline order 3, double coefficients), bit for bit.
///
/// Coefficients come from ITK's `BSplineDecompositionImageFilter` on the whole input image: one recursive
/// prefilter per line, x first then y, with the single cubic pole z = √3 − 2, gain (1 − z)(1 − 1/z), mirror
/// boundaries, the causal start truncated after ⌈ln(1e-10) / ln|z|⌉ terms (or summed exactly for short lines)
/// and the anticausal start z / (z² − 1) · (z·c[n−2] + c[n−1]). Lines of length 1 are left as they are.
///
/// Evaluation (`EvaluateAtContinuousIndexInternal`): the support starts at ⌊float(x)⌋ − 1 (ITK rounds the
/// coordinate to `float` first), the four cubic weights are ITK's polynomials in w = x − (start + 1), indices are
/// mirrored at the edges (i < 0 → −i, i ≥ n − 1 → 2(n − 1) − i) and the 16 products are summed x-fastest.
struct CubicBSplineInterpolator: ContinuousIndexInterpolator {
    let width: Int
    let height: Int
    let coefficients: [Double]

    static let pole = (3.0).squareRoot() - 2.0
    /// ITK's `m_Tolerance` for the truncated causal initialisation.
    static let tolerance = 1e-10

    /// - Complexity: O(width · height) for the coefficients; each line is prefiltered as ITK does, all columns
    ///   of the image (or of a transposed band of rows, see `alongRows`) at once.
    init(width: Int, height: Int, pixels: [Double]) {
        self.width = width
        self.height = height
        var c = pixels
        c.withUnsafeMutableBufferPointer { cb in
            let p = cb.baseAddress!
            if width > 1 {
                LinePasses.alongRows(p, rows: height, cols: width, into: p) { i, o, _, r, k in
                    Self.prefilterColumns(i, rows: r, cols: k)
                    o.update(from: i, count: r * k)
                }
            }
            if height > 1 { Self.prefilterColumns(p, rows: height, cols: width) }
        }
        coefficients = c
    }

    /// `DataToCoefficients1D` for the cubic pole on every column of a row-major `rows × cols` buffer (rows ≥ 2),
    /// in place; per column the operations and their order are ITK's.
    static func prefilterColumns(_ s: UnsafeMutablePointer<Double>, rows n: Int, cols: Int) {
        let z = pole
        let gain = 1.0 * (1.0 - z) * (1.0 - 1.0 / z)
        for k in 0..<(n * cols) { s[k] *= gain }

        // SetInitialCausalCoefficient, into row 0.
        let horizon = Int((log(tolerance) / log(abs(z))).rounded(.up))
        if horizon < n {
            var zn = z
            for k in 1..<max(horizon, 1) {
                let row = s + k * cols
                for c in 0..<cols { s[c] += zn * row[c] }
                zn *= z
            }
        } else {
            let iz = 1.0 / z
            let z2n0 = pow(z, Double(n - 1))
            let last = s + (n - 1) * cols
            for c in 0..<cols { s[c] = s[c] + z2n0 * last[c] }
            var zn = z
            var z2n = z2n0 * (z2n0 * iz)
            var k = 1
            while k <= n - 2 {
                let row = s + k * cols
                let f = zn + z2n
                for c in 0..<cols { s[c] += f * row[c] }
                zn *= z
                z2n *= iz
                k += 1
            }
            let d = 1.0 - zn * zn
            for c in 0..<cols { s[c] = s[c] / d }
        }
        for k in 1..<n {
            let row = s + k * cols, prev = s + (k - 1) * cols
            for c in 0..<cols { row[c] += z * prev[c] }
        }

        // SetInitialAntiCausalCoefficient, then the anticausal recursion.
        let f = z / (z * z - 1.0)
        let last = s + (n - 1) * cols, before = s + (n - 2) * cols
        for c in 0..<cols { last[c] = f * (z * before[c] + last[c]) }
        var k = n - 2
        while k >= 0 {
            let row = s + k * cols, next = s + (k + 1) * cols
            for c in 0..<cols { row[c] = z * (next[c] - row[c]) }
            k -= 1
        }
    }

    /// ITK's cubic weights at offset w from the second support point.
    @inline(__always)
    static func weights(_ w: Double) -> (Double, Double, Double, Double) {
        let w3 = (1.0 / 6.0) * w * w * w
        let w0 = (1.0 / 6.0) + 0.5 * w * (w - 1.0) - w3
        let w2 = w + w0 - 2.0 * w3
        let w1 = 1.0 - w0 - w2 - w3
        return (w0, w1, w2, w3)
    }

    /// The four support indices starting at `start`, mirrored as `ApplyMirrorBoundaryConditions` does. ITK mirrors
    /// once (and reads outside the buffer for lines of 2 or 3 pixels); here the index is also folded back into range.
    @inline(__always)
    static func mirrored(_ start: Int, count n: Int) -> (Int, Int, Int, Int) {
        if n == 1 { return (0, 0, 0, 0) }
        func m(_ i: Int) -> Int {
            var i = i
            if i < 0 { i = -i }
            if i >= n - 1 { i = (n - 1) - (i - (n - 1)) }
            return min(max(i, 0), n - 1)
        }
        return (m(start), m(start + 1), m(start + 2), m(start + 3))
    }

    func value(x: Double, y: Double) -> Double {
        let sx = Int(Float(x).rounded(.down)) - 1
        let sy = Int(Float(y).rounded(.down)) - 1
        let wx = Self.weights(x - Double(sx + 1))
        let wy = Self.weights(y - Double(sy + 1))
        let ix = Self.mirrored(sx, count: width)
        let iy = Self.mirrored(sy, count: height)
        var sum = 0.0
        coefficients.withUnsafeBufferPointer { c in
            @inline(__always) func row(_ r: Int, _ wyj: Double) {
                sum += (wx.0 * wyj) * c[r + ix.0]
                sum += (wx.1 * wyj) * c[r + ix.1]
                sum += (wx.2 * wyj) * c[r + ix.2]
                sum += (wx.3 * wyj) * c[r + ix.3]
            }
            row(iy.0 * width, wy.0)
            row(iy.1 * width, wy.1)
            row(iy.2 * width, wy.2)
            row(iy.3 * width, wy.3)
        }
        return sum
    }
}
