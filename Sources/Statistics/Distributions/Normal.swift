import RealModule

/// The standard normal distribution, as R's `pnorm` / `qnorm` / `dnorm` (mean 0, sd 1).
///
/// - `cdf` and `survival` evaluate W. J. Cody's rational Chebyshev approximations of the error
///   function (Cody 1969; ALGORITHM 715, 1993) on the three ranges R's `pnorm_both` uses
///   (|x| ≤ 0.67448975, ≤ √32, beyond), with R's split of exp(−x²/2) into exp(−⌊16x⌋²/512) ·
///   exp(−δ/2) that keeps the tails accurate to the last bits. Each tail is computed directly, so
///   `survival(8)` ≈ 6.2e-16 keeps full relative precision (no 1 − cdf cancellation).
/// - `quantile` is Wichura's AS 241 (PPND16, Applied Statistics 37, 1988), the algorithm of R's
///   `qnorm` since R 2.x, accurate to about 1 part in 1e16.
///
/// Out-of-domain arguments give what R gives: NaN in → NaN out; `quantile(0)` = −∞,
/// `quantile(1)` = +∞, p outside [0, 1] → NaN. Callers in this module validate first, so no NaN
/// reaches a result.
public enum Normal {
    /// P(Z ≤ x), R's `pnorm(x)`.
    public static func cdf(_ x: Double) -> Double { tails(x).lower }

    /// P(Z > x), R's `pnorm(x, lower.tail = FALSE)`.
    public static func survival(_ x: Double) -> Double { tails(x).upper }

    /// The density φ(x) = exp(−x²/2) / √(2π), R's `dnorm(x)`.
    public static func density(_ x: Double) -> Double {
        let inverseSqrt2Pi = 0.398942280401432677939946059934
        return inverseSqrt2Pi * Double.exp(-0.5 * x * x)
    }

    /// Two-sided p-value of a z statistic, 2 · P(Z > |z|), as R's `2 * pnorm(-abs(z))`.
    public static func twoSidedPValue(_ z: Double) -> Double { 2 * cdf(-abs(z)) }

    /// (P(Z ≤ x), P(Z > x)), each evaluated on its own side (R's `pnorm_both`, i_tail = 2).
    public static func tails(_ x: Double) -> (lower: Double, upper: Double) {
        if x.isNaN { return (x, x) }
        let y = abs(x)
        if y <= 0.67448975 {
            // Central range: Φ(x) = ½ + x R₁(x²).
            let a: (Double, Double, Double, Double, Double) = (2.2352520354606839287, 161.02823106855587881,
                                                               1067.6894854603709582, 18154.981253343561249,
                                                               0.065682337918207449113)
            let b: (Double, Double, Double, Double) = (47.20258190468824187, 976.09855173777669322,
                                                       10260.932208618978205, 45507.789335026729956)
            let xsq = y > Double.ulpOfOne * 0.5 ? x * x : 0
            var num = a.4 * xsq, den = xsq
            num = (num + a.0) * xsq; den = (den + b.0) * xsq
            num = (num + a.1) * xsq; den = (den + b.1) * xsq
            num = (num + a.2) * xsq; den = (den + b.2) * xsq
            let t = x * (num + a.3) / (den + b.3)
            return (0.5 + t, 0.5 - t)
        }
        var small: Double  // the tail beyond |x|: P(Z > |x|)
        if y <= 5.656854249492380195206754896838 {  // √32
            let c: [Double] = [0.39894151208813466764, 8.8831497943883759412, 93.506656132177855979,
                               597.27027639480026226, 2494.5375852903726711, 6848.1904505362823326,
                               11602.651437647350124, 9842.7148383839780218, 1.0765576773720192317e-8]
            let d: [Double] = [22.266688044328115691, 235.38790178262499861, 1519.377599407554805,
                               6485.558298266760755, 18615.571640885098091, 34900.952721145977266,
                               38912.003286093271411, 19685.429676859990727]
            var num = c[8] * y, den = y
            for i in 0..<7 {
                num = (num + c[i]) * y
                den = (den + d[i]) * y
            }
            small = gaussianFactor(y) * (num + c[7]) / (den + d[7])
        } else if y < 37.5193 {
            // Asymptotic range: Φ(−y) = φ(y)/y · (1 − R₃(1/y²)) (R extends it to where Φ(−y) underflows).
            let p: [Double] = [0.21589853405795699, 0.1274011611602473639, 0.022235277870649807,
                               0.001421619193227893466, 2.9112874951168792e-5, 0.02307344176494017303]
            let q: [Double] = [1.28426009614491121, 0.468238212480865118, 0.0659881378689285515,
                               0.00378239633202758244, 7.29751555083966205e-5]
            let xsq = 1 / (x * x)
            var num = p[5] * xsq, den = xsq
            for i in 0..<4 {
                num = (num + p[i]) * xsq
                den = (den + q[i]) * xsq
            }
            let r = xsq * (num + p[4]) / (den + q[4])
            small = gaussianFactor(y) * (0.398942280401432677939946059934 - r) / y
        } else {
            small = 0
        }
        if small < Double.leastNormalMagnitude { small = 0 }
        return x > 0 ? (1 - small, small) : (small, 1 - small)
    }

    /// exp(−y²/2) computed as exp(−s²/2) · exp(−(y − s)(y + s)/2) with s = ⌊16y⌋/16, so the
    /// rounding error of y² does not enter the exponent (R's `do_del`).
    @inline(__always)
    private static func gaussianFactor(_ y: Double) -> Double {
        let s = (y * 16).rounded(.down) / 16
        let del = (y - s) * (y + s)
        return Double.exp(-s * s * 0.5) * Double.exp(-del * 0.5)
    }

    /// The p-quantile Φ⁻¹(p), R's `qnorm(p)` (AS 241).
    public static func quantile(_ p: Double) -> Double {
        if p.isNaN || p < 0 || p > 1 { return .nan }
        if p == 0 { return -.infinity }
        if p == 1 { return .infinity }
        let q = p - 0.5
        if abs(q) <= 0.425 {
            let r = 0.180625 - q * q
            let num = (((((((r * 2509.0809287301226727 + 33430.575583588128105) * r + 67265.770927008700853) * r
                + 45921.953931549871457) * r + 13731.693765509461125) * r + 1971.5909503065514427) * r
                + 133.14166789178437745) * r + 3.387132872796366608)
            let den = (((((((r * 5226.495278852854561 + 28729.085735721942674) * r + 39307.89580009271061) * r
                + 21213.794301586595867) * r + 5394.1960214247511077) * r + 687.1870074920579083) * r
                + 42.313330701600911252) * r + 1)
            return q * num / den
        }
        // r = √(−log min(p, 1 − p)).
        var r = (-Double.log(q > 0 ? 1 - p : p)).squareRoot()
        var value: Double
        if r <= 5 {
            r -= 1.6
            let num = (((((((r * 7.7454501427834140764e-4 + 0.0227238449892691845833) * r + 0.24178072517745061177) * r
                + 1.27045825245236838258) * r + 3.64784832476320460504) * r + 5.7694972214606914055) * r
                + 4.6303378461565452959) * r + 1.42343711074968357734)
            let den = (((((((r * 1.05075007164441684324e-9 + 5.475938084995344946e-4) * r + 0.0151986665636164571966) * r
                + 0.14810397642748007459) * r + 0.68976733498510000455) * r + 1.6763848301838038494) * r
                + 2.05319162663775882187) * r + 1)
            value = num / den
        } else {
            r -= 5
            let num = (((((((r * 2.01033439929228813265e-7 + 2.71155556874348757815e-5) * r + 0.0012426609473880784386) * r
                + 0.026532189526576123093) * r + 0.29656057182850489123) * r + 1.7848265399172913358) * r
                + 5.4637849111641143699) * r + 6.6579046435011037772)
            let den = (((((((r * 2.04426310338993978564e-15 + 1.4215117583164458887e-7) * r + 1.8463183175100546818e-5) * r
                + 7.868691311456132591e-4) * r + 0.0148753612908506148525) * r + 0.13692988092273580531) * r
                + 0.59983220655588793769) * r + 1)
            value = num / den
        }
        return q < 0 ? -value : value
    }

    /// The upper quantile Φ⁻¹(1 − p) computed without forming 1 − p (R's
    /// `qnorm(p, lower.tail = FALSE)`), e.g. `upperQuantile(0.025)` = 1.959963984540054.
    public static func upperQuantile(_ p: Double) -> Double { -quantile(p) }
}
