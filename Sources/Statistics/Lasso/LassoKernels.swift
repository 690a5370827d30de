/// The vector kernels of the coordinate descent, on raw pointers.
///
/// The reductions add in exactly the order of glmnet's Eigen kernels (Eigen 3.4 `redux_impl`,
/// LinearVectorizedTraversal, as built by R with SSE2: two 2-double packets): lanes 0…3 accumulate
/// elements 4k…4k+3; then lanes (0+2, 1+3); then the next pair if n mod 4 ≥ 2; then lane 0 + lane 1; then the
/// last element if n is odd (n < 2: plain sum). Identical rounding keeps every convergence test of the
/// coordinate descent on the same side as glmnet's, so ill-conditioned problems (n < p) follow the same
/// iterates instead of drifting apart by the convergence threshold.
enum LassoKernels {
    /// Σ f(i) in Eigen's order (see above).
    @inline(__always)
    private static func eigenSum(_ n: Int, _ f: (Int) -> Double, _ f4: (Int) -> SIMD4<Double>) -> Double {
        guard n >= 2 else { return n == 1 ? f(0) : 0 }
        let end4 = n & ~3, end2 = n & ~1
        var pair: SIMD2<Double>
        if end2 > 2 {
            var acc = f4(0)
            var i = 4
            while i < end4 { acc += f4(i); i &+= 4 }
            pair = SIMD2(acc[0] + acc[2], acc[1] + acc[3])
            if end2 > end4 { pair += SIMD2(f(end4), f(end4 + 1)) }
        } else {
            pair = SIMD2(f(0), f(1))
        }
        var s = pair[0] + pair[1]
        if end2 < n { s += f(end2) }
        return s
    }

    /// Σ a[i]·b[i], i < n (Eigen's `a.dot(b)`).
    @inline(__always)
    static func dot(_ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, _ n: Int) -> Double {
        let ra = UnsafeRawPointer(a), rb = UnsafeRawPointer(b)
        return eigenSum(n, { a[$0] * b[$0] }, {
            ra.loadUnaligned(fromByteOffset: $0 &* 8, as: SIMD4<Double>.self)
                * rb.loadUnaligned(fromByteOffset: $0 &* 8, as: SIMD4<Double>.self)
        })
    }

    /// (Σ a[i]·b[i], Σ a[i]·c[i]) in one sweep: two independent reductions, each in Eigen's order, so the
    /// additions of one hide the latency of the other (the KKT check and the Hessian diagonal run over many
    /// columns at once).
    @inline(__always)
    static func dot2(_ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, _ c: UnsafePointer<Double>, _ n: Int)
        -> (Double, Double) {
        guard n >= 4 else { return (dot(a, b, n), dot(a, c, n)) }
        let ra = UnsafeRawPointer(a), rb = UnsafeRawPointer(b), rc = UnsafeRawPointer(c)
        let end4 = n & ~3, end2 = n & ~1
        var a4 = ra.loadUnaligned(as: SIMD4<Double>.self)
        var accB = a4 * rb.loadUnaligned(as: SIMD4<Double>.self)
        var accC = a4 * rc.loadUnaligned(as: SIMD4<Double>.self)
        var i = 4
        while i < end4 {
            a4 = ra.loadUnaligned(fromByteOffset: i &* 8, as: SIMD4<Double>.self)
            accB += a4 * rb.loadUnaligned(fromByteOffset: i &* 8, as: SIMD4<Double>.self)
            accC += a4 * rc.loadUnaligned(fromByteOffset: i &* 8, as: SIMD4<Double>.self)
            i &+= 4
        }
        var pb = SIMD2(accB[0] + accB[2], accB[1] + accB[3]), pc = SIMD2(accC[0] + accC[2], accC[1] + accC[3])
        if end2 > end4 {
            pb += SIMD2(a[end4] * b[end4], a[end4 + 1] * b[end4 + 1])
            pc += SIMD2(a[end4] * c[end4], a[end4 + 1] * c[end4 + 1])
        }
        var sb = pb[0] + pb[1], sc = pc[0] + pc[1]
        if end2 < n { sb += a[end2] * b[end2]; sc += a[end2] * c[end2] }
        return (sb, sc)
    }

    /// Σ w[i]·x[i]², i < n (Eigen's `w.dot(x.array().square().matrix())`).
    @inline(__always)
    static func weightedSquares(_ w: UnsafePointer<Double>, _ x: UnsafePointer<Double>, _ n: Int) -> Double {
        let rw = UnsafeRawPointer(w), rx = UnsafeRawPointer(x)
        return eigenSum(n, { w[$0] * (x[$0] * x[$0]) }, {
            let x4 = rx.loadUnaligned(fromByteOffset: $0 &* 8, as: SIMD4<Double>.self)
            return rw.loadUnaligned(fromByteOffset: $0 &* 8, as: SIMD4<Double>.self) * (x4 * x4)
        })
    }

    /// Σ a[i], i < n (Eigen's `a.sum()`).
    @inline(__always)
    static func sum(_ a: UnsafePointer<Double>, _ n: Int) -> Double {
        let ra = UnsafeRawPointer(a)
        return eigenSum(n, { a[$0] }, { ra.loadUnaligned(fromByteOffset: $0 &* 8, as: SIMD4<Double>.self) })
    }

    /// r[i] −= d·(v[i]·x[i]): the weighted residual after coefficient k moved by d (glmnet's update_resid).
    @inline(__always)
    static func subtractScaledProduct(_ r: UnsafeMutablePointer<Double>, _ d: Double, _ v: UnsafePointer<Double>,
                                      _ x: UnsafePointer<Double>, _ n: Int) {
        var i = 0
        while i < n { r[i] -= d * (v[i] * x[i]); i &+= 1 }
    }

    /// r[i] −= d·v[i].
    @inline(__always)
    static func subtractScaled(_ r: UnsafeMutablePointer<Double>, _ d: Double, _ v: UnsafePointer<Double>, _ n: Int) {
        var i = 0
        while i < n { r[i] -= d * v[i]; i &+= 1 }
    }

    /// e[i] += b·x[i].
    @inline(__always)
    static func addScaled(_ e: UnsafeMutablePointer<Double>, _ b: Double, _ x: UnsafePointer<Double>, _ n: Int) {
        var i = 0
        while i < n { e[i] += b * x[i]; i &+= 1 }
    }
}
