/// Student's t distribution with `df` > 0 degrees of freedom, as R's `pt` / `qt`, through the
/// regularized incomplete beta function: for t < 0, P(T ≤ t) = ½ I_x(df/2, ½) with
/// x = df / (df + t²), and I_x(df/2, ½) = 1 − I_y(½, df/2) with y = t² / (df + t²) is used when t²
/// is small against df, so neither form loses digits to 1 − x. Invalid parameters give NaN.
public enum StudentT {
    /// P(T ≤ t), R's `pt(t, df)`.
    public static func cdf(_ t: Double, df: Double) -> Double {
        let tail = lowerTailBeyond(-abs(t), df: df)
        return t <= 0 ? tail : 1 - tail
    }

    /// P(T > t), R's `pt(t, df, lower.tail = FALSE)`.
    public static func survival(_ t: Double, df: Double) -> Double { cdf(-t, df: df) }

    /// Two-sided p-value 2 · P(T > |t|), as R's `2 * pt(-abs(t), df)`.
    public static func twoSidedPValue(_ t: Double, df: Double) -> Double { 2 * lowerTailBeyond(-abs(t), df: df) }

    /// The p-quantile, R's `qt(p, df)`.
    public static func quantile(_ p: Double, df: Double) -> Double {
        if p.isNaN || df.isNaN || !(df > 0) || p < 0 || p > 1 { return .nan }
        if p == 0 { return -.infinity }
        if p == 1 { return .infinity }
        if p == 0.5 { return 0 }
        let tail = min(p, 1 - p)  // P(T ≤ −|t|)
        let q = 2 * tail          // I_x(df/2, ½)
        let magnitude: Double
        if q <= 0.5 {
            let x = IncompleteBeta.inverse(q, a: df / 2, b: 0.5, complement: 1 - q)
            magnitude = (df * (1 - x) / x).squareRoot()
        } else {
            let y = IncompleteBeta.inverse(1 - q, a: 0.5, b: df / 2, complement: q)
            magnitude = (df * y / (1 - y)).squareRoot()
        }
        return p < 0.5 ? -magnitude : magnitude
    }

    /// P(T ≤ t) for t ≤ 0.
    private static func lowerTailBeyond(_ t: Double, df: Double) -> Double {
        if t.isNaN || df.isNaN || !(df > 0) { return .nan }
        if t == -.infinity { return 0 }
        let t2 = t * t
        if t2 > df {
            let x = df / (df + t2)
            return 0.5 * IncompleteBeta.tails(x, a: df / 2, b: 0.5).lower
        }
        let y = t2 / (df + t2)
        return 0.5 * IncompleteBeta.tails(y, a: 0.5, b: df / 2).upper
    }
}
