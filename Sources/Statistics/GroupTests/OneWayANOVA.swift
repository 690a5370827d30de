/// One-way analysis of means with equal variances, as R's `oneway.test(x ~ g, var.equal = TRUE)`
/// (the F test of `anova(lm(x ~ g))`): F = (Σ n_g (m_g − m)² / (k − 1)) / (Σ (n_g − 1) v_g / (n − k)) with
/// group means m_g and variances v_g (R's `mean`, `var`) and the grand mean m; df = (k − 1, n − k);
/// p = P(F_{k−1, n−k} > F) = I_{(n−k)/((n−k) + (k−1)F)}((n − k)/2, (k − 1)/2) when (k − 1)F > n − k,
/// else the complement on the other side (as R's `pf`). Groups as in `KruskalWallisTest`.
public struct OneWayANOVA: Sendable, Equatable {
    public let statistic: Double
    public let df1: Double
    public let df2: Double
    public let pValue: Double

    /// - Throws: `GroupTestError.lengthMismatch`, or `.notEnoughObservations` when a group has fewer
    ///   than 2 values (R's "not enough observations") or there are fewer than 2 groups.
    public init(_ values: [Double], groups: [Int]) throws {
        let grouped = try GroupedValues(values, groups: groups)
        let x = grouped.x, g = grouped.g, levels = grouped.levels
        guard levels.count >= 2 else { throw GroupTestError.notEnoughObservations(group: 0, count: levels.count, needed: 2) }
        let samples = levels.map { level in x.indices.filter { g[$0] == level }.map { x[$0] } }
        for (i, s) in samples.enumerated() where s.count < 2 {
            throw GroupTestError.notEnoughObservations(group: i, count: s.count, needed: 2)
        }
        let grand = RSum.mean(x)
        var between = RSum(), within = RSum()
        for s in samples {
            let ni = Double(s.count), d = RSum.mean(s) - grand
            between.add(ni * (d * d))
            within.add((ni - 1) * RSum.variance(s))
        }
        let k = Double(levels.count), n = Double(x.count)
        let f = (between.value / (k - 1)) / (within.value / (n - k))
        statistic = f
        df1 = k - 1
        df2 = n - k
        if df1 * f > df2 {
            pValue = IncompleteBeta.tails(df2 / (df2 + df1 * f), a: df2 / 2, b: df1 / 2).lower
        } else {
            pValue = IncompleteBeta.tails(df1 * f / (df2 + df1 * f), a: df1 / 2, b: df2 / 2).upper
        }
    }
}
