#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// ITK's `RecursiveGaussianImageFilter` along one axis (Deriche's 4th-order IIR approximation of a Gaussian or
/// its derivatives; `itkRecursiveGaussianImageFilter.hxx` `SetUp`, `itkRecursiveSeparableImageFilter.hxx`
/// `FilterDataArray`), reproduced operation by operation.
///
/// Coefficients depend on σ/spacing only; every line is filtered in `Double` with a causal and an anticausal
/// pass whose borders assume the edge value repeats, and is then stored in the filter's output pixel type
/// (`Float` inside `LaplacianRecursiveGaussianImageFilter`).
struct RecursiveGaussian {
    enum Order { case zero, second }

    private(set) var n0 = 0.0, n1 = 0.0, n2 = 0.0, n3 = 0.0
    private(set) var d1 = 0.0, d2 = 0.0, d3 = 0.0, d4 = 0.0
    private(set) var m1 = 0.0, m2 = 0.0, m3 = 0.0, m4 = 0.0
    private(set) var bn1 = 0.0, bn2 = 0.0, bn3 = 0.0, bn4 = 0.0
    private(set) var bm1 = 0.0, bm2 = 0.0, bm3 = 0.0, bm4 = 0.0

    // Deriche's fitted constants, as ITK lists them (index: derivative order 0, 1, 2).
    private static let a1 = [1.3530, -0.6724, -1.3563], b1 = [1.8151, -3.4327, 5.2318]
    private static let a2 = [-0.3531, 0.6724, 0.3446], b2 = [0.0902, 0.6100, -2.2355]
    private static let w1 = 0.6681, l1 = -1.3932, w2 = 2.0787, l2 = -1.3732

    /// `SetUp(spacing)` for `order`; `normalizeAcrossScale` multiplies the second-order kernel by σ² (the zero
    /// order is never rescaled).
    init(sigma: Double, spacing: Double, order: Order, normalizeAcrossScale: Bool) {
        let sigmad = sigma / abs(spacing)
        let (sd, dd, ed) = computeD(sigmad)
        switch order {
        case .zero:
            let n = Self.computeN(sigmad, 0)
            let alpha0 = 2 * n.sn / sd - n.n0
            let f = 1.0 / alpha0
            (n0, n1, n2, n3) = (n.n0 * f, n.n1 * f, n.n2 * f, n.n3 * f)
        case .second:
            let across = normalizeAcrossScale ? sigma * sigma : 1.0
            let z = Self.computeN(sigmad, 0)
            let s = Self.computeN(sigmad, 2)
            let beta = -(2 * s.sn - sd * s.n0) / (2 * z.sn - sd * z.n0)
            let sn = s.sn + beta * z.sn
            let dn = s.dn + beta * z.dn
            let en = s.en + beta * z.en
            var alpha2 = en * sd * sd - ed * sn * sd - 2 * dn * dd * sd + 2 * dd * dd * sn
            alpha2 /= sd * sd * sd
            let f = across / alpha2
            n0 = (s.n0 + beta * z.n0) * f
            n1 = (s.n1 + beta * z.n1) * f
            n2 = (s.n2 + beta * z.n2) * f
            n3 = (s.n3 + beta * z.n3) * f
        }
        computeRemaining()
    }

    private static func computeN(_ sigmad: Double, _ k: Int)
        -> (n0: Double, n1: Double, n2: Double, n3: Double, sn: Double, dn: Double, en: Double) {
        let a1 = Self.a1[k], b1 = Self.b1[k], a2 = Self.a2[k], b2 = Self.b2[k]
        let sin1 = sin(w1 / sigmad), sin2 = sin(w2 / sigmad)
        let cos1 = cos(w1 / sigmad), cos2 = cos(w2 / sigmad)
        let exp1 = exp(l1 / sigmad), exp2 = exp(l2 / sigmad)
        let n0 = a1 + a2
        var n1 = exp2 * (b2 * sin2 - (a2 + 2 * a1) * cos2)
        n1 += exp1 * (b1 * sin1 - (a1 + 2 * a2) * cos1)
        var n2 = (a1 + a2) * cos2 * cos1
        n2 -= b1 * cos2 * sin1 + b2 * cos1 * sin2
        n2 *= 2 * exp1 * exp2
        n2 += a2 * exp1 * exp1 + a1 * exp2 * exp2
        var n3 = exp2 * exp1 * exp1 * (b2 * sin2 - a2 * cos2)
        n3 += exp1 * exp2 * exp2 * (b1 * sin1 - a1 * cos1)
        return (n0, n1, n2, n3, n0 + n1 + n2 + n3, n1 + 2 * n2 + 3 * n3, n1 + 4 * n2 + 9 * n3)
    }

    private mutating func computeD(_ sigmad: Double) -> (sd: Double, dd: Double, ed: Double) {
        let w1 = Self.w1, l1 = Self.l1, w2 = Self.w2, l2 = Self.l2
        let cos1 = cos(w1 / sigmad), cos2 = cos(w2 / sigmad)
        let exp1 = exp(l1 / sigmad), exp2 = exp(l2 / sigmad)
        d4 = exp1 * exp1 * exp2 * exp2
        d3 = -2 * cos1 * exp1 * exp2 * exp2
        d3 += -2 * cos2 * exp2 * exp1 * exp1
        d2 = 4 * cos2 * cos1 * exp1 * exp2
        d2 += exp1 * exp1 + exp2 * exp2
        d1 = -2 * (exp2 * cos2 + exp1 * cos1)
        let sd = 1.0 + d1 + d2 + d3 + d4
        let dd = d1 + 2 * d2 + 3 * d3 + 4 * d4
        let ed = d1 + 4 * d2 + 9 * d3 + 16 * d4
        return (sd, dd, ed)
    }

    /// `ComputeRemainingCoefficients(symmetric: true)`: anticausal and border coefficients.
    private mutating func computeRemaining() {
        m1 = n1 - d1 * n0
        m2 = n2 - d2 * n0
        m3 = n3 - d3 * n0
        m4 = -d4 * n0
        let sn = n0 + n1 + n2 + n3
        let sm = m1 + m2 + m3 + m4
        let sd = 1.0 + d1 + d2 + d3 + d4
        bn1 = d1 * sn / sd; bn2 = d2 * sn / sd; bn3 = d3 * sn / sd; bn4 = d4 * sn / sd
        bm1 = d1 * sm / sd; bm2 = d2 * sm / sd; bm3 = d3 * sm / sd; bm4 = d4 * sm / sd
    }

    /// `FilterDataArray` on every column of a row-major `rows × cols` buffer at once (`rows ≥ 4`): each column is
    /// one ITK line, filtered with exactly ITK's operations in ITK's order, so the result is ITK's bit for bit;
    /// working a row at a time keeps memory access contiguous and lets the compiler vectorise across columns.
    /// `out` receives the causal + anticausal response rounded to `Float` (the filter's output pixel type inside
    /// `LaplacianRecursiveGaussianImageFilter`); `scratch` (same size) holds the anticausal pass.
    func filterColumns(_ data: UnsafePointer<Double>, rows n: Int, cols: Int,
                       out: UnsafeMutablePointer<Double>, scratch: UnsafeMutablePointer<Double>) {
        @inline(__always) func row(_ p: UnsafePointer<Double>, _ r: Int) -> UnsafePointer<Double> { p + r * cols }
        @inline(__always) func row(_ p: UnsafeMutablePointer<Double>, _ r: Int) -> UnsafeMutablePointer<Double> { p + r * cols }
        let (n0, n1, n2, n3) = (self.n0, self.n1, self.n2, self.n3)
        let (d1, d2, d3, d4) = (self.d1, self.d2, self.d3, self.d4)
        let (m1, m2, m3, m4) = (self.m1, self.m2, self.m3, self.m4)
        let (bn1, bn2, bn3, bn4) = (self.bn1, self.bn2, self.bn3, self.bn4)
        let (bm1, bm2, bm3, bm4) = (self.bm1, self.bm2, self.bm3, self.bm4)

        // Causal pass, borders: the value before the line repeats data[0].
        do {
            let x0 = row(data, 0), x1 = row(data, 1), x2 = row(data, 2), x3 = row(data, 3)
            let o0 = row(out, 0), o1 = row(out, 1), o2 = row(out, 2), o3 = row(out, 3)
            for c in 0..<cols {
                let v = x0[c]
                var y0 = v * n0 + v * n1 + v * n2 + v * n3
                var y1 = x1[c] * n0 + v * n1 + v * n2 + v * n3
                var y2 = x2[c] * n0 + x1[c] * n1 + v * n2 + v * n3
                var y3 = x3[c] * n0 + x2[c] * n1 + x1[c] * n2 + v * n3
                y0 -= v * bn1 + v * bn2 + v * bn3 + v * bn4
                y1 -= y0 * d1 + v * bn2 + v * bn3 + v * bn4
                y2 -= y1 * d1 + y0 * d2 + v * bn3 + v * bn4
                y3 -= y2 * d1 + y1 * d2 + y0 * d3 + v * bn4
                (o0[c], o1[c], o2[c], o3[c]) = (y0, y1, y2, y3)
            }
        }
        var i = 4
        while i < n {
            let x0 = row(data, i), x1 = row(data, i - 1), x2 = row(data, i - 2), x3 = row(data, i - 3)
            let o = row(out, i)
            let p1 = UnsafePointer(row(out, i - 1)), p2 = UnsafePointer(row(out, i - 2))
            let p3 = UnsafePointer(row(out, i - 3)), p4 = UnsafePointer(row(out, i - 4))
            for c in 0..<cols {
                let e = x0[c] * n0 + x1[c] * n1 + x2[c] * n2 + x3[c] * n3
                o[c] = e - (p1[c] * d1 + p2[c] * d2 + p3[c] * d3 + p4[c] * d4)
            }
            i += 1
        }

        // Anticausal pass, borders: the value after the line repeats data[n − 1].
        do {
            let xl = row(data, n - 1), x2 = row(data, n - 2), x3 = row(data, n - 3)
            let s1 = row(scratch, n - 1), s2 = row(scratch, n - 2), s3 = row(scratch, n - 3), s4 = row(scratch, n - 4)
            for c in 0..<cols {
                let v = xl[c]
                var y1 = v * m1 + v * m2 + v * m3 + v * m4
                var y2 = xl[c] * m1 + v * m2 + v * m3 + v * m4
                var y3 = x2[c] * m1 + xl[c] * m2 + v * m3 + v * m4
                var y4 = x3[c] * m1 + x2[c] * m2 + xl[c] * m3 + v * m4
                y1 -= v * bm1 + v * bm2 + v * bm3 + v * bm4
                y2 -= y1 * d1 + v * bm2 + v * bm3 + v * bm4
                y3 -= y2 * d1 + y1 * d2 + v * bm3 + v * bm4
                y4 -= y3 * d1 + y2 * d2 + y1 * d3 + v * bm4
                (s1[c], s2[c], s3[c], s4[c]) = (y1, y2, y3, y4)
            }
        }
        i = n - 4
        while i > 0 {
            let x0 = row(data, i), x1 = row(data, i + 1), x2 = row(data, i + 2), x3 = row(data, i + 3)
            let s = row(scratch, i - 1)
            let q1 = UnsafePointer(row(scratch, i)), q2 = UnsafePointer(row(scratch, i + 1))
            let q3 = UnsafePointer(row(scratch, i + 2)), q4 = UnsafePointer(row(scratch, i + 3))
            for c in 0..<cols {
                let e = x0[c] * m1 + x1[c] * m2 + x2[c] * m3 + x3[c] * m4
                s[c] = e - (q1[c] * d1 + q2[c] * d2 + q3[c] * d3 + q4[c] * d4)
            }
            i -= 1
        }
        for k in 0..<(n * cols) { out[k] = Double(Float(out[k] + scratch[k])) }
    }
}
