/// The χ² distribution with `df` degrees of freedom (df > 0, not necessarily an integer), as R's
/// `pchisq`: P(X ≤ x) = P(df/2, x/2), the regularized lower incomplete gamma function
/// (`IncompleteGamma`). Invalid parameters give NaN, as in R.
public enum ChiSquared {
    /// P(X ≤ x), R's `pchisq(x, df)`.
    public static func cdf(_ x: Double, df: Double) -> Double {
        IncompleteGamma.tails(a: df / 2, x: x / 2).lower
    }

    /// P(X > x), R's `pchisq(x, df, lower.tail = FALSE)`: the p-value of a χ² statistic, computed
    /// on its own side (full relative precision for tiny p-values).
    public static func survival(_ x: Double, df: Double) -> Double {
        IncompleteGamma.tails(a: df / 2, x: x / 2).upper
    }
}
