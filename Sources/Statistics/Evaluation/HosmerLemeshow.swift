/// The Hosmer–Lemeshow goodness-of-fit test as ResourceSelection::hoslem.test(x = outcome,
/// y = fitted probability, g) (ResourceSelection 0.3-6, R/hoslem.test.R):
///
/// - breaks = unique(quantile(p, probs = seq(0, 1, 1/g))), R's type-7 quantiles at the probabilities
///   i · (1/g), i = 0 … g (R's `seq`, capped at 1); duplicated breaks are dropped, so tied fitted
///   values can give fewer groups than g;
/// - groups = cut(p, breaks, include.lowest = TRUE): (b₀, b₁] … with b₀ itself in the first group;
/// - observed = per group (Σ(1 − y), Σ y), expected = (Σ(1 − p), Σ p);
/// - X² = Σ over groups and both columns of (O − E)² / E (an empty group gives 0/0 = NaN, as R);
/// - df = G − 2 with G the number of non-empty groups; p = 1 − pchisq(X², df) (as written in
///   hoslem.test, so very small p-values lose digits exactly as R's do).
public struct HosmerLemeshow: Sendable, Equatable {
    public let statistic: Double
    public let df: Int
    public let pValue: Double
    /// The unique quantile breaks (ascending).
    public let breaks: [Double]
    /// Per group: (Σ(1 − y), Σ y).
    public let observed: [(y0: Double, y1: Double)]
    /// Per group: (Σ(1 − p), Σ p).
    public let expected: [(y0: Double, y1: Double)]

    public enum Failure: Error, Equatable {
        case tooFewGroupsRequested
        case lengthMismatch
        case empty
        case nonFinite(index: Int)
        /// hoslem.test's "The number of bins led to negative df."
        case tooFewGroups(Int)
    }

    public static func == (a: HosmerLemeshow, b: HosmerLemeshow) -> Bool {
        a.statistic.bitPattern == b.statistic.bitPattern && a.df == b.df && a.breaks == b.breaks
            && a.observed.elementsEqual(b.observed, by: { $0 == $1 }) && a.expected.elementsEqual(b.expected, by: { $0 == $1 })
    }

    /// - Parameters: outcomes y (0/1 as numbers; any numbers are accepted as R does), fitted
    ///   probabilities p, groups g ≥ 2.
    public init(outcomes y: [Double], fitted p: [Double], groups g: Int = 10) throws {
        guard g >= 2 else { throw Failure.tooFewGroupsRequested }
        guard y.count == p.count else { throw Failure.lengthMismatch }
        guard !p.isEmpty else { throw Failure.empty }
        if let i = p.indices.first(where: { !p[$0].isFinite || !y[$0].isFinite }) { throw Failure.nonFinite(index: i) }
        let probs = Self.rSeq(groups: g)
        var qs: [Double] = []
        for q in Quantile.type7(p, probs) where !qs.contains(q) { qs.append(q) }
        let breaks = qs.sorted()
        let levels = breaks.count - 1
        guard levels >= 1 else { throw Failure.tooFewGroups(levels) }
        var o0 = [RSum](repeating: RSum(), count: levels), o1 = o0, e0 = o0, e1 = o0
        var occupied = [Bool](repeating: false, count: levels)
        for i in p.indices {
            let k = Self.binCode(p[i], breaks)
            occupied[k] = true
            o0[k].add(1 - y[i])
            o1[k].add(y[i])
            e0[k].add(1 - p[i])
            e1[k].add(p[i])
        }
        let observed = (0..<levels).map { (y0: o0[$0].value, y1: o1[$0].value) }
        let expected = (0..<levels).map { (y0: e0[$0].value, y1: e1[$0].value) }
        var chisq = RSum()
        for k in 0..<levels { chisq.add((observed[k].y0 - expected[k].y0) * (observed[k].y0 - expected[k].y0) / expected[k].y0) }
        for k in 0..<levels { chisq.add((observed[k].y1 - expected[k].y1) * (observed[k].y1 - expected[k].y1) / expected[k].y1) }
        let groupsUsed = occupied.filter { $0 }.count
        guard groupsUsed >= 2 else { throw Failure.tooFewGroups(groupsUsed) }
        let x2 = chisq.value
        let dfs = groupsUsed - 2
        statistic = x2
        df = dfs
        // pchisq(x, 0) is the point mass at 0 (R: 0 for x ≤ 0, 1 above).
        let cdf = dfs == 0 ? (x2.isNaN ? .nan : (x2 > 0 ? 1 : 0)) : ChiSquared.cdf(x2, df: Double(dfs))
        pValue = 1 - cdf
        self.breaks = breaks
        self.observed = observed
        self.expected = expected
    }

    /// R's `seq(0, 1, 1/g)`: from + (0:n) · by with n = ⌊1/by + 1e-10⌋, capped at 1.
    static func rSeq(groups g: Int) -> [Double] {
        let by = 1 / Double(g)
        let n = Int((1 - 0) / by + 1e-10)
        return (0...n).map { min(0 + Double($0) * by, 1) }
    }

    /// R's .bincode(x, breaks, right = TRUE, include.lowest = TRUE), zero-based: the k with
    /// b_k < x ≤ b_{k+1} (x = b₀ in group 0). x is always within [b₀, b_last] here.
    static func binCode(_ x: Double, _ breaks: [Double]) -> Int {
        var lo = 0, hi = breaks.count - 1
        while hi - lo >= 2 {
            let mid = (hi + lo) / 2
            if x > breaks[mid] { lo = mid } else { hi = mid }
        }
        return lo
    }
}
