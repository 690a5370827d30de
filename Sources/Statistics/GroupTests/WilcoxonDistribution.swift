/// The null distribution of the Wilcoxon rank sum statistic W (the Mann–Whitney U) for samples of
/// m and n distinct values, as R's `pwilcox` (src/nmath/wilcox.c).
///
/// c(k; m, n), the number of the C(m + n, n) arrangements with W = k, obeys
/// c(k; m, n) = c(k − n; m − 1, n) + c(k; m, n − 1) (the largest value is in the first sample, adding n
/// to W, or in the second), with c(k; m, 0) = [k = 0], the symmetry c(k) = c(mn − k), the order
/// m ≤ n, and c(k; m, n) = c(k; m, k) when k < n (R's `cwilcox`, reproduced step for step so the
/// counts above 2⁵³ round as R's). P(W ≤ q) = Σ_{i ≤ q} c(i)/C(m + n, n), summed over the shorter
/// tail as R does.
/// - Complexity: O(m n · min(m, n)) time and O(m n · min(m, n)) memory at worst; callers use it for
///   m, n < 50 as R's `wilcox.test` does.
package struct WilcoxonDistribution {
    package let m: Int
    package let n: Int
    private var memo: [[Double]?]
    private let width: Int

    package init(m: Int, n: Int) {
        precondition(m > 0 && n > 0)
        self.m = m
        self.n = n
        width = max(m, n) + 1
        memo = Array(repeating: nil, count: width * width)
    }

    /// c(k; m, n) as R's `cwilcox(k, m, n)`.
    package mutating func count(_ k0: Int, _ m: Int, _ n: Int) -> Double {
        let u = m * n
        if k0 < 0 || k0 > u { return 0 }
        let c = u / 2
        let k = k0 > c ? u - k0 : k0
        let (i, j) = m < n ? (m, n) : (n, m)
        if j == 0 { return k == 0 ? 1 : 0 }
        if j > 0 && k < j { return count(k, i, k) }
        let slot = i * width + j
        if memo[slot] == nil { memo[slot] = Array(repeating: -1, count: c + 1) }
        if memo[slot]![k] < 0 {
            let value = count(k - j, i - 1, j) + count(k, i, j - 1)
            memo[slot]![k] = value
        }
        return memo[slot]![k]
    }

    /// (P(W ≤ q), P(W > q)) as R's `pwilcox(q, m, n)` and `pwilcox(q, m, n, lower.tail = FALSE)`:
    /// the tail that is summed directly keeps full precision, the other is 0.5 − p + 0.5.
    package mutating func tails(_ q0: Double) -> (lower: Double, upper: Double) {
        var q = (q0 + 1e-7).rounded(.down)
        let mn = Double(m) * Double(n)
        if q < 0 { return (0, 1) }
        if q >= mn { return (1, 0) }
        let c = RChoose.choose(Double(m + n), Double(n))
        var p = 0.0
        if q <= mn / 2 {
            var i = 0
            while Double(i) <= q { p += count(i, m, n) / c; i += 1 }
            return (p, 0.5 - p + 0.5)
        }
        q = mn - q
        var i = 0
        while Double(i) < q { p += count(i, m, n) / c; i += 1 }
        return (0.5 - p + 0.5, p)
    }
}
