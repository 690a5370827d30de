import RealModule

/// Fisher's exact test of independence, two-sided, as R's `fisher.test(x)`.
///
/// - 2 × 2 (R's own code in `fisher.test`): with the first column total m, the second n, the first
///   row total k and x = x₁₁, the support lo = max(0, k − n) … hi = min(k, m) carries
///   d_i = exp(log dhyper(i; m, n, k) − max) / Σ (R's `dnhyper(1)`), and
///   p = Σ { d_i : d_i ≤ d_x · (1 + 10⁻⁷) } — the tables no more probable than the observed one,
///   with R's relative slack so equal probabilities computed with different rounding are counted.
/// - r × c: R calls the FEXACT network algorithm (Mehta & Patel); here every table with the observed
///   margins is enumerated and p = Σ { P(T) : log P(T) ≤ log P(obs) + 3.45254e-7 } (FEXACT's
///   tolerance `tol`), with P(T) = Π r_i! Π c_j! / (N! Π t_ij!). Exact, but the work grows like
///   N^((r−1)(c−1)); `tableLimit` bounds it. FEXACT itself is less exact at large N (its log-factorial
///   table is a running sum of logs): on the 3 × 2 wdbc tables with N = 569 R's p-values are off the
///   exact rational values by up to 1.8e-11 relative, these by under 1e-15.
public struct FisherExactTest: Sendable, Equatable {
    public let pValue: Double
    /// The number of tables that were enumerated (the 2 × 2 support size for 2 × 2).
    public let tablesVisited: Int

    /// - Throws: `GroupTestError.invalidTable` for a malformed table, `.tooManyTables` when an r × c
    ///   enumeration would exceed `tableLimit`.
    public init(_ table: [[Int]], tableLimit: Int = 20_000_000) throws {
        let (rows, cols) = try ContingencyMargins.shape(table)
        if rows == 2 && cols == 2 {
            (pValue, tablesVisited) = Self.twoByTwo(table)
        } else {
            (pValue, tablesVisited) = try Self.enumerate(table, limit: tableLimit)
        }
    }

    private static func twoByTwo(_ t: [[Int]]) -> (Double, Int) {
        let m = t[0][0] + t[1][0], n = t[0][1] + t[1][1], k = t[0][0] + t[0][1], x = t[0][0]
        let lo = max(0, k - n), hi = min(k, m)
        var d = (lo...hi).map { Hypergeometric.logDensity($0, white: m, black: n, drawn: k) }
        let top = d.max()!
        for i in d.indices { d[i] = Double.exp(d[i] - top) }
        let total = RSum.of(d)
        for i in d.indices { d[i] /= total }
        let threshold = d[x - lo] * (1 + 1e-7)
        var p = RSum()
        for v in d where v <= threshold { p.add(v) }
        return (p.value, d.count)
    }

    private static func enumerate(_ t: [[Int]], limit: Int) throws -> (Double, Int) {
        let margins = ContingencyMargins(t)
        let rows = t.count, cols = t[0].count
        // log t! reaches thousands, where a double's ulp (2e-13 at 2000) would already cost ~1e-12
        // of relative accuracy in each P(T); the extended format (where C has it) keeps ~1e-15.
        typealias Wide = RSum.Wide
        let logFactorial = (0...margins.total).map { Wide.logGamma(Wide($0) + 1) }
        var constant = -logFactorial[margins.total]
        for r in margins.rowSums { constant += logFactorial[r] }
        for c in margins.colSums { constant += logFactorial[c] }
        var observed = constant
        for row in t { for v in row { observed -= logFactorial[v] } }
        let cutoff = observed + 3.45254e-7

        var rowLeft = margins.rowSums
        var visited = 0
        var sum: Wide = 0
        // Fills column j from row i with `colLeft` still to place; `logP` accumulates −Σ log t_ij!.
        func fill(_ j: Int, _ i: Int, _ colLeft: Int, _ logP: Wide) throws {
            if j == cols - 1 {
                var lp = logP
                for r in 0..<rows { lp -= logFactorial[rowLeft[r]] }
                visited += 1
                if visited > limit { throw GroupTestError.tooManyTables(limit: limit) }
                if lp <= cutoff { sum += Wide.exp(lp) }
                return
            }
            if i == rows - 1 {
                guard colLeft <= rowLeft[i] else { return }
                rowLeft[i] -= colLeft
                try fill(j + 1, 0, j + 1 < cols - 1 ? margins.colSums[j + 1] : 0, logP - logFactorial[colLeft])
                rowLeft[i] += colLeft
                return
            }
            var below = 0
            for r in (i + 1)..<rows { below += rowLeft[r] }
            let lo = max(0, colLeft - below), hi = min(rowLeft[i], colLeft)
            guard lo <= hi else { return }
            for v in lo...hi {
                rowLeft[i] -= v
                try fill(j, i + 1, colLeft - v, logP - logFactorial[v])
                rowLeft[i] += v
            }
        }
        try fill(0, 0, margins.colSums[0], constant)
        return (min(1, max(0, Double(sum))), visited)
    }
}
