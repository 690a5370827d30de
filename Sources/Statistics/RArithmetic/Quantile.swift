/// Sample quantiles as R's `quantile(x, probs, type = 7)` (R's default, stats:::quantile.default):
/// with the sorted sample x₍₁₎ ≤ … ≤ x₍ₙ₎, index = 1 + (n − 1) · p, lo = ⌊index⌋, hi = ⌈index⌉,
/// h = index − lo and Q(p) = (1 − h) · x₍lo₎ + h · x₍hi₎ — computed in that form (not as
/// x₍lo₎ + h · (x₍hi₎ − x₍lo₎)), and only when index > lo and x₍hi₎ ≠ x₍lo₎, so the values agree
/// with R bit for bit. Probabilities are clamped to [0, 1] as R does; an empty sample gives NaN.
public enum Quantile {
    /// Type-7 quantiles of `x` at each of `probs`.
    public static func type7(_ x: [Double], _ probs: [Double]) -> [Double] {
        type7(sorted: x.sorted(), probs)
    }

    /// Type-7 quantiles of an already ascending sample.
    public static func type7(sorted x: [Double], _ probs: [Double]) -> [Double] {
        probs.map { type7(sorted: x, $0) }
    }

    /// The type-7 quantile of an already ascending sample at one probability.
    public static func type7(sorted x: [Double], _ p0: Double) -> Double {
        let n = x.count
        guard n > 0 else { return .nan }
        let p = max(0, min(1, p0))
        let index = 1 + Double(n - 1) * p
        let lo = index.rounded(.down), hi = index.rounded(.up)
        let qlo = x[Int(lo) - 1], qhi = x[Int(hi) - 1]
        guard index > lo && qhi != qlo else { return qlo }
        let h = index - lo
        return (1 - h) * qlo + h * qhi
    }
}
