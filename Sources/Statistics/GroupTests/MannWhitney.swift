/// The Wilcoxon rank sum (Mann–Whitney U) test of two independent samples, as R's
/// `wilcox.test(x, y, exact =, correct =)` (stats:::wilcox.test.default), two-sided, μ = 0.
///
/// W = Σ ranks of x in the pooled sample − n_x(n_x + 1)/2 (= the number of pairs with x > y, ties
/// counting ½).
/// - Exact (R's default when n_x < 50, n_y < 50 and there are no ties; `exact: true` asks for it at any
///   size, but ties still force the normal approximation, as in R): p = min(1, 2 P), with
///   P = P(W ≥ w) = pwilcox(w − 1, upper) when w > n_x n_y / 2, else P(W ≤ w).
/// - Normal approximation: z = (w − n_x n_y/2 − c) / σ with the continuity correction c = sign(·)·½
///   (`correct`, R's default) and σ² = n_x n_y/12 · ((n_x + n_y + 1) − Σ(t³ − t)/((n_x + n_y)(n_x + n_y − 1)))
///   over the tie groups t; p = 2 min(Φ(z), 1 − Φ(z)).
public struct MannWhitneyTest: Sendable, Equatable {
    /// R's W.
    public let statistic: Double
    public let pValue: Double
    /// True when the p-value comes from the exact distribution.
    public let exact: Bool
    /// True when the pooled sample has tied values.
    public let ties: Bool
    /// The z statistic of the normal approximation (NaN on the exact path).
    public let z: Double

    /// NaN values are dropped first, as R drops NA.
    /// - Parameters:
    ///   - exact: nil = R's default (exact when both samples have fewer than 50 values).
    ///   - correct: the continuity correction of the normal approximation.
    /// - Throws: `GroupTestError.notEnoughObservations` when a sample is empty.
    public init(_ x0: [Double], _ y0: [Double], exact: Bool? = nil, correct: Bool = true) throws {
        let x = x0.filter { !$0.isNaN }, y = y0.filter { !$0.isNaN }
        guard !x.isEmpty else { throw GroupTestError.notEnoughObservations(group: 0, count: 0, needed: 1) }
        guard !y.isEmpty else { throw GroupTestError.notEnoughObservations(group: 1, count: 0, needed: 1) }
        let ranks = AverageRanks(x + y)
        let nx = Double(x.count), ny = Double(y.count)
        var rankSum = RSum()
        for i in x.indices { rankSum.add(ranks.ranks[i]) }
        let w = rankSum.value - nx * (nx + 1) / 2
        let useExact = (exact ?? (nx < 50 && ny < 50)) && !ranks.hasTies
        statistic = w
        ties = ranks.hasTies
        self.exact = useExact
        if useExact {
            var dist = WilcoxonDistribution(m: x.count, n: y.count)
            let p = w > nx * ny / 2 ? dist.tails(w - 1).upper : dist.tails(w).lower
            pValue = min(2 * p, 1)
            z = .nan
            return
        }
        var centred = w - nx * ny / 2
        let sigma = ((nx * ny / 12) * ((nx + ny + 1) - ranks.tieCorrectionSum / ((nx + ny) * (nx + ny - 1)))).squareRoot()
        if correct {
            let sign: Double = centred > 0 ? 1 : (centred < 0 ? -1 : 0)
            centred -= sign * 0.5
        }
        let zz = centred / sigma
        let tails = Normal.tails(zz)
        z = zz
        pValue = 2 * min(tails.lower, tails.upper)
    }
}
