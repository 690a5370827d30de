import RealModule

/// The regularized incomplete gamma functions P(a, x) = γ(a, x) / Γ(a) and Q(a, x) = 1 − P(a, x)
/// (R's `pgamma(x, a)` and `pgamma(x, a, lower.tail = FALSE)`).
///
/// Both share the factor D(a, x) = x^a e^(−x) / Γ(a + 1). For a ≥ 10 it is evaluated as R's
/// `dpois_raw(a, x)` = exp(−stirlerr(a) − bd0(a, x)) / √(2πa) (Loader 2000), which avoids the
/// cancellation of a·log x − x − lgamma(a + 1) when a and x are large.
/// - x < a + 1: P = D · Σₙ xⁿ / ((a+1)⋯(a+n)) (series), Q = 1 − P.
/// - otherwise: Q = a D / x · continued fraction (Legendre's, modified Lentz), P = 1 − Q.
/// The tail that is computed directly keeps full relative precision.
package enum IncompleteGamma {
    /// (P(a, x), Q(a, x)) for a > 0, x ≥ 0.
    package static func tails(a: Double, x: Double) -> (lower: Double, upper: Double) {
        if x.isNaN || a.isNaN || !(a > 0) { return (.nan, .nan) }
        if x <= 0 { return (0, 1) }
        if x == .infinity { return (1, 0) }
        let d = poissonFactor(a, x)
        if x < a + 1 {
            var term = 1.0, sum = 1.0, n = 1.0
            while n < 100_000 {
                term *= x / (a + n)
                sum += term
                if term < sum * 1e-17 { break }
                n += 1
            }
            let lower = d * sum
            return (lower, 1 - lower)
        }
        // Q = (D a / x) · 1 / (1 + (1 − a)/x · … ) written as Lentz on b₀ = x + 1 − a.
        let tiny = 1e-300
        var b = x + 1 - a
        var c = 1 / tiny
        var dd = 1 / b
        var h = dd
        var i = 1.0
        while i < 100_000 {
            let an = -i * (i - a)
            b += 2
            dd = an * dd + b
            if abs(dd) < tiny { dd = tiny }
            c = b + an / c
            if abs(c) < tiny { c = tiny }
            dd = 1 / dd
            let delta = dd * c
            h *= delta
            if abs(delta - 1) < 1e-16 { break }
            i += 1
        }
        let upper = d * a * h
        return (1 - upper, upper)
    }

    /// D(a, x) = x^a e^(−x) / Γ(a + 1).
    static func poissonFactor(_ a: Double, _ x: Double) -> Double {
        if a >= 10 {
            let twoPi = 6.283185307179586476925286766559
            return Double.exp(-IncompleteBeta.stirlingRemainder(a) - deviance(a, x)) / (twoPi * a).squareRoot()
        }
        return Double.exp(a * Double.log(x) - x - Double.logGamma(a + 1))
    }

    /// bd0(x, m) = x log(x/m) + m − x, by its series in v = (x − m)/(x + m) when x ≈ m
    /// (Loader's saddle-point deviance term, R's `bd0`).
    static func deviance(_ x: Double, _ m: Double) -> Double {
        if abs(x - m) < 0.1 * (x + m) {
            var v = (x - m) / (x + m)
            var s = (x - m) * v
            var ej = 2 * x * v
            v *= v
            var j = 1.0
            while j < 1000 {
                ej *= v
                let next = s + ej / (2 * j + 1)
                if next == s { return next }
                s = next
                j += 1
            }
            return s
        }
        return x * Double.log(x / m) + m - x
    }
}
