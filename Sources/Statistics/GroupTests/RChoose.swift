import RealModule

/// Binomial coefficients as R's `choose(n, k)` (src/nmath/choose.c), bit for bit: for k < 30 the
/// running product r = n · Π (n − j + 1)/j (each factor divided first) rounded to the nearest
/// integer; for k ≥ 30 (and n − k ≥ 30) exp(lfastchoose(n, k)) = exp(−log(n + 1) − lbeta(n − k + 1, k + 1))
/// rounded, with R's `lbeta` and `lgammacor` (Chebyshev series). Above 2⁵³ these are R's doubles,
/// not the exact integers, which is what R's exact Wilcoxon p-values divide by.
package enum RChoose {
    package static func choose(_ n: Double, _ k0: Double) -> Double {
        var k = k0.rounded(.toNearestOrEven)
        let nIsInt = abs(n - n.rounded(.toNearestOrEven)) <= 1e-7 * max(1, abs(n))
        if k < 30 {
            if n - k < k && n >= 0 && nIsInt { k = (n - k).rounded(.toNearestOrEven) }
            if k < 0 { return 0 }
            if k == 0 { return 1 }
            var r = n
            var j = 2.0
            while j <= k {
                r *= (n - j + 1) / j
                j += 1
            }
            return nIsInt ? r.rounded(.toNearestOrEven) : r
        }
        precondition(n >= 0 && nIsInt, "RChoose covers non-negative integer n")
        let nn = n.rounded(.toNearestOrEven)
        if nn < k { return 0 }
        if nn - k < 30 { return choose(nn, nn - k) }
        return Double.exp(-Double.log(nn + 1) - logBeta(nn - k + 1, k + 1)).rounded(.toNearestOrEven)
    }

    /// R's `lbeta(a, b)` for min(a, b) ≥ 10 (the only branch `choose` reaches):
    /// −½ log q + log √(2π) + corr + (p − ½) log(p/(p + q)) + q log1p(−p/(p + q)),
    /// corr = lgammacor(p) + lgammacor(q) − lgammacor(p + q). Smaller arguments use `IncompleteBeta.logBeta`.
    static func logBeta(_ a: Double, _ b: Double) -> Double {
        let p = min(a, b), q = max(a, b)
        guard p >= 10 else { return IncompleteBeta.logBeta(a, b) }
        let lnSqrt2Pi = 0.918938533204672741780329736406
        let corr = logGammaCorrection(p) + logGammaCorrection(q) - logGammaCorrection(p + q)
        return Double.log(q) * -0.5 + lnSqrt2Pi + corr + (p - 0.5) * Double.log(p / (p + q))
            + q * Double.log(onePlus: -p / (p + q))
    }

    /// R's `lgammacor(x)` = lgamma(x) − ((x − ½) log x − x + log √(2π)) for x ≥ 10: the first five
    /// terms of the Chebyshev series `algmcs` in 2(10/x)² − 1, divided by x (1/(12x) beyond 2^26.5).
    static func logGammaCorrection(_ x: Double) -> Double {
        let algmcs: [Double] = [+0.1666389480451863247205729650822e+0, -0.1384948176067563840732986059135e-4,
                                +0.9810825646924729426157171547487e-8, -0.1809129475572494194263306266719e-10,
                                +0.6221098041892605227126015543416e-13]
        let xbig = 94906265.62425156
        guard x < xbig else { return 1 / (x * 12) }
        let t = 10 / x
        return chebyshev(t * t * 2 - 1, algmcs) / x
    }

    /// R's `chebyshev_eval`: Clenshaw's recurrence, (b₀ − b₂)/2.
    static func chebyshev(_ x: Double, _ a: [Double]) -> Double {
        let twox = x * 2
        var b0 = 0.0, b1 = 0.0, b2 = 0.0
        for c in a.reversed() {
            b2 = b1
            b1 = b0
            b0 = twox * b1 - b2 + c
        }
        return (b0 - b2) * 0.5
    }
}
