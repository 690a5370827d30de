/// The Kruskal–Wallis rank sum test of k ≥ 2 groups, as R's `kruskal.test(x, g)`:
/// H = (12 / (n(n + 1)) · Σ_g R_g² / n_g − 3(n + 1)) / (1 − Σ(t³ − t)/(n³ − n)) with R_g the group's
/// rank sum (average ranks) and t the tie group sizes; df = k − 1; p = P(χ²_df > H).
/// Groups are the distinct labels present (R's `factor(g)` drops empty levels), in ascending order.
public struct KruskalWallisTest: Sendable, Equatable {
    public let statistic: Double
    public let df: Double
    public let pValue: Double

    /// - Parameters:
    ///   - values: the observations (NaN dropped with its label, as R's complete cases).
    ///   - groups: one group label per value.
    /// - Throws: `GroupTestError.lengthMismatch`, or `.notEnoughObservations` for fewer than 2
    ///   observations or fewer than 2 groups.
    public init(_ values: [Double], groups: [Int]) throws {
        let grouped = try GroupedValues(values, groups: groups)
        let x = grouped.x, g = grouped.g, levels = grouped.levels
        guard x.count >= 2 else { throw GroupTestError.notEnoughObservations(group: 0, count: x.count, needed: 2) }
        guard levels.count >= 2 else { throw GroupTestError.notEnoughObservations(group: 1, count: 0, needed: 1) }
        let ranks = AverageRanks(x)
        var between = RSum()
        for level in levels {
            var s = RSum(), count = 0
            for i in x.indices where g[i] == level { s.add(ranks.ranks[i]); count += 1 }
            let r = s.value
            between.add(r * r / Double(count))
        }
        let n = Double(x.count)
        let h = (12 * between.value / (n * (n + 1)) - 3 * (n + 1)) / (1 - ranks.tieCorrectionSum / (n * n * n - n))
        statistic = h
        df = Double(levels.count - 1)
        pValue = ChiSquared.survival(h, df: df)
    }
}
