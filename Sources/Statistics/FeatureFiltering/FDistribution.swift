import RealModule

/// The F distribution's upper quantile, as R's `qf(p, df1, df2)` (df may be non-integer, as the
/// Satterthwaite df of ICC(A,·)). Built on the regularized incomplete beta function
/// I_x(a, b) evaluated by its continued fraction (modified Lentz), inverted by Newton steps kept
/// inside a shrinking bisection bracket.
///
/// With X = df1 F / (df1 F + df2) ~ Beta(df1/2, df2/2) and Y = 1 − X ~ Beta(df2/2, df1/2),
/// F = (df2/df1) X / Y. Whichever of x and y is below ½ is solved for (a double near 1 has too
/// few digits in 1 − x), so small and large quantiles keep full relative precision.
///
/// Internal: the ICC intervals are its only user. If `Distributions/` (stats-eval) grows an F
/// quantile, this file should defer to it.
package enum FisherF {
    /// The p-quantile (lower tail) of F(df1, df2). Requires 0 < p < 1, df1, df2 > 0.
    package static func quantile(_ p: Double, df1: Double, df2: Double) -> Double {
        precondition(p > 0 && p < 1 && df1 > 0 && df2 > 0, "qf domain")
        // P(F ≤ f) = p  ⇔  I_x(df1/2, df2/2) = p  ⇔  I_y(df2/2, df1/2) = 1 − p.
        let x = IncompleteBeta.inverse(p, a: df1 / 2, b: df2 / 2, complement: 1 - p)
        if x <= 0.5 { return (df2 / df1) * x / (1 - x) }
        let y = IncompleteBeta.inverse(1 - p, a: df2 / 2, b: df1 / 2, complement: p)
        return (df2 / df1) * (1 - y) / y
    }

    /// P(F ≤ f) for F(df1, df2).
    package static func cdf(_ f: Double, df1: Double, df2: Double) -> Double {
        if f <= 0 { return 0 }
        if f == .infinity { return 1 }
        // Evaluate through whichever of x = df1 f / (df1 f + df2) and y = 1 − x is small.
        let x = df1 * f / (df1 * f + df2)
        if x <= 0.5 { return IncompleteBeta.regularized(x, a: df1 / 2, b: df2 / 2) }
        let y = df2 / (df2 + df1 * f)
        return IncompleteBeta.tails(y, a: df2 / 2, b: df1 / 2).upper
    }
}

/// The regularized incomplete beta function I_x(a, b) = B(x; a, b) / B(a, b).
enum IncompleteBeta {
    /// I_x(a, b) for 0 ≤ x ≤ 1, a, b > 0; relative accuracy ~1e-14 for a, b up to ~1e5.
    static func regularized(_ x: Double, a: Double, b: Double) -> Double {
        tails(x, a: a, b: b).lower
    }

    /// (I_x(a, b), 1 − I_x(a, b)), each computed without cancellation on its small side.
    static func tails(_ x: Double, a: Double, b: Double) -> (lower: Double, upper: Double) {
        if x <= 0 { return (0, 1) }
        if x >= 1 { return (1, 0) }
        // The continued fraction converges fast for x < (a + 1) / (a + b + 2); use the symmetry
        // I_x(a, b) = 1 − I_{1−x}(b, a) on the other side.
        if x > (a + 1) / (a + b + 2) {
            let upper = front(1 - x, a: b, b: a) * continuedFraction(1 - x, a: b, b: a)
            return (1 - upper, upper)
        }
        let lower = front(x, a: a, b: b) * continuedFraction(x, a: a, b: b)
        return (lower, 1 - lower)
    }

    /// log B(a, b) without the cancellation of lgamma(a) + lgamma(b) − lgamma(a + b) when an
    /// argument is large (the split R's `lbeta` uses: Stirling's formula with its remainder
    /// `stirlingRemainder` for arguments ≥ 10).
    static func logBeta(_ a: Double, _ b: Double) -> Double {
        let p = min(a, b), q = max(a, b), s = p + q
        let halfLog2Pi = 0.918938533204672741780329736406  // log √(2π)
        if p >= 10 {
            let corr = stirlingRemainder(p) + stirlingRemainder(q) - stirlingRemainder(s)
            return -0.5 * Double.log(q) + halfLog2Pi + corr + (p - 0.5) * Double.log(p / s) + q * Double.log(onePlus: -p / s)
        }
        if q >= 10 {
            let corr = stirlingRemainder(q) - stirlingRemainder(s)
            return Double.logGamma(p) + corr + p - p * Double.log(s) + (q - 0.5) * Double.log(onePlus: -p / s)
        }
        return Double.logGamma(p) + Double.logGamma(q) - Double.logGamma(s)
    }

    /// lgamma(x) − ((x − ½) log x − x + log √(2π)) for x ≥ 10, by the Stirling series
    /// Σ B₂ₖ / (2k (2k − 1) x^(2k−1)) (eight terms: error < 1e-17 at x = 10).
    static func stirlingRemainder(_ x: Double) -> Double {
        let coefficients: [Double] = [1.0 / 12, -1.0 / 360, 1.0 / 1260, -1.0 / 1680, 1.0 / 1188,
                                      -691.0 / 360360, 1.0 / 156, -3617.0 / 122400]
        let r = 1 / (x * x)
        var sum = 0.0
        for c in coefficients.reversed() { sum = sum * r + c }
        return sum / x
    }

    /// x^a (1 − x)^b / (a B(a, b)), in logs.
    private static func front(_ x: Double, a: Double, b: Double) -> Double {
        let logBeta = logBeta(a, b)
        return Double.exp(a * Double.log(x) + b * Double.log(onePlus: -x) - logBeta) / a
    }

    /// Modified Lentz evaluation of the continued fraction
    /// 1 / (1 + d1 / (1 + d2 / (1 + …))), d_{2m+1} = −(a+m)(a+b+m)x / ((a+2m)(a+2m+1)),
    /// d_{2m} = m(b−m)x / ((a+2m−1)(a+2m)).
    private static func continuedFraction(_ x: Double, a: Double, b: Double) -> Double {
        let tiny = 1e-300
        var c = 1.0
        var d = 1 - (a + b) * x / (a + 1)
        if abs(d) < tiny { d = tiny }
        d = 1 / d
        var h = d
        for m in 1...100_000 {
            let fm = Double(m)
            let even = fm * (b - fm) * x / ((a + 2 * fm - 1) * (a + 2 * fm))
            d = 1 + even * d
            if abs(d) < tiny { d = tiny }
            c = 1 + even / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            h *= d * c
            let odd = -(a + fm) * (a + b + fm) * x / ((a + 2 * fm) * (a + 2 * fm + 1))
            d = 1 + odd * d
            if abs(d) < tiny { d = tiny }
            c = 1 + odd / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            let delta = d * c
            h *= delta
            if abs(delta - 1) < 1e-16 { break }
        }
        return h
    }

    /// The x in (0, 1) with I_x(a, b) = q. `complement` is 1 − q as the caller knows it (more
    /// precise than computing 1 − q when q is near 1).
    static func inverse(_ q: Double, a: Double, b: Double, complement: Double) -> Double {
        var lo = 0.0, hi = 1.0
        // Start from the mean; Newton steps that leave the bracket fall back to bisection.
        var x = a / (a + b)
        let logBeta = logBeta(a, b)
        for _ in 0..<500 {
            let (lower, upper) = tails(x, a: a, b: b)
            // Residual measured on the smaller tail, where it is precise.
            let r = q <= 0.5 ? lower - q : complement - upper
            if r == 0 { return x }
            if r > 0 { hi = x } else { lo = x }
            let logDensity = (a - 1) * Double.log(x) + (b - 1) * Double.log(onePlus: -x) - logBeta
            let step = r / Double.exp(logDensity)
            var next = x - step
            if !(next > lo && next < hi) { next = 0.5 * (lo + hi) }
            if abs(next - x) <= 4 * Double.ulpOfOne * x || hi - lo <= 4 * Double.ulpOfOne * hi {
                return next
            }
            x = next
        }
        return x
    }
}
