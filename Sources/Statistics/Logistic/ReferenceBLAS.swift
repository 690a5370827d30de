/// The level-1 BLAS operations R's LINPACK QR calls, in the evaluation order of the reference BLAS
/// (Netlib 3.11, the `libblas.so.3` R links on Debian), so sums round as R's do.
///
/// - `ddot` is unrolled by five in Fortran, but `dtemp + a₁b₁ + … + a₅b₅` associates left to right,
///   so it equals one sequential sum.
/// - `dnrm2` is Anderson's 2017 version (LAPACK ≥ 3.10): squares of mid-range magnitudes are summed
///   unscaled; only values below 2⁻⁵¹¹ or above 2⁴⁸⁶ go to scaled accumulators.
enum ReferenceBLAS {
    @inline(__always)
    static func dot(_ x: UnsafePointer<Double>, _ y: UnsafePointer<Double>, count n: Int) -> Double {
        var s = 0.0
        for i in 0..<n { s += x[i] * y[i] }
        return s
    }

    /// y ← y + a·x
    @inline(__always)
    static func axpy(_ a: Double, _ x: UnsafePointer<Double>, _ y: UnsafeMutablePointer<Double>, count n: Int) {
        if a == 0 { return }
        for i in 0..<n { y[i] += a * x[i] }
    }

    static func norm2(_ x: UnsafePointer<Double>, count n: Int) -> Double {
        let tsml = 0x1p-511, tbig = 0x1p486, ssml = 0x1p537, sbig = 0x1p-538
        var asml = 0.0, amed = 0.0, abig = 0.0
        var notBig = true
        for i in 0..<n {
            let ax = abs(x[i])
            if ax > tbig {
                abig += (ax * sbig) * (ax * sbig); notBig = false
            } else if ax < tsml {
                if notBig { asml += (ax * ssml) * (ax * ssml) }
            } else {
                amed += ax * ax
            }
        }
        var scale = 1.0, sumsq = amed
        if abig > 0 {
            if amed > 0 || amed.isNaN { abig += (amed * sbig) * sbig }
            scale = 1 / sbig; sumsq = abig
        } else if asml > 0 {
            if amed > 0 || amed.isNaN {
                let m = amed.squareRoot(), s = asml.squareRoot() / ssml
                let (lo, hi) = s > m ? (m, s) : (s, m)
                sumsq = hi * hi * (1 + (lo / hi) * (lo / hi))
            } else {
                scale = 1 / ssml; sumsq = asml
            }
        }
        return scale * sumsq.squareRoot()
    }
}
