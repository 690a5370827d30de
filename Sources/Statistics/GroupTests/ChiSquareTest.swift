/// Pearson's χ² test of independence on an r × c table of counts, as R's `chisq.test(x, correct =)`
/// (no simulated p-value).
///
/// E_ij = r_i c_j / N; X² = Σ (|x_ij − E_ij| − Y)² / E_ij summed column by column in long double (R's
/// `sum`), df = (r − 1)(c − 1), p = P(χ²_df > X²). Yates' correction applies only to 2 × 2 tables
/// (`correct`, R's default) and is R's Y = min(0.5, min_ij |x_ij − E_ij|), so a table already at
/// its expected counts is not over-corrected; otherwise Y = 0.
public struct ChiSquareTest: Sendable, Equatable {
    public let statistic: Double
    public let df: Double
    public let pValue: Double
    /// Expected counts, rows × columns.
    public let expected: [[Double]]
    /// The continuity correction Y that was subtracted (0 when none).
    public let yates: Double
    /// True when some expected count is below 5: R warns "Chi-squared approximation may be incorrect".
    public var smallExpected: Bool { expected.contains { $0.contains { $0 < 5 } } }

    /// - Parameter table: counts, one array per row (at least 2 × 2 — R's `x` and `y` factors with ≥ 2 levels each).
    /// - Throws: `GroupTestError.invalidTable` when rows differ in length, the table is smaller than
    ///   2 × 2, a count is negative or all are zero.
    public init(_ table: [[Int]], correct: Bool = true) throws {
        let (rows, cols) = try ContingencyMargins.shape(table)
        let m = ContingencyMargins(table)
        let n = Double(m.total)
        var e = [[Double]](repeating: [Double](repeating: 0, count: cols), count: rows)
        for i in 0..<rows { for j in 0..<cols { e[i][j] = Double(m.rowSums[i]) * Double(m.colSums[j]) / n } }
        var y = 0.0
        if correct && rows == 2 && cols == 2 {
            y = 0.5
            for i in 0..<2 { for j in 0..<2 { y = min(y, abs(Double(table[i][j]) - e[i][j])) } }
        }
        var sum = RSum()
        for j in 0..<cols {
            for i in 0..<rows {
                let d = abs(Double(table[i][j]) - e[i][j]) - y
                sum.add(d * d / e[i][j])
            }
        }
        statistic = sum.value
        df = Double((rows - 1) * (cols - 1))
        pValue = ChiSquared.survival(statistic, df: df)
        expected = e
        yates = y
    }
}

/// Row and column totals of a contingency table.
package struct ContingencyMargins: Sendable {
    package let rowSums: [Int]
    package let colSums: [Int]
    package let total: Int

    package init(_ table: [[Int]]) {
        rowSums = table.map { $0.reduce(0, +) }
        colSums = table.isEmpty ? [] : table[0].indices.map { j in table.reduce(0) { $0 + $1[j] } }
        total = rowSums.reduce(0, +)
    }

    /// Checks the table (rectangular, ≥ 2 × 2, counts ≥ 0, total > 0) and returns (rows, columns).
    package static func shape(_ table: [[Int]]) throws -> (Int, Int) {
        guard table.count >= 2, let cols = table.first?.count, cols >= 2 else {
            throw GroupTestError.invalidTable("need at least 2 rows and 2 columns")
        }
        guard table.allSatisfy({ $0.count == cols }) else { throw GroupTestError.invalidTable("rows differ in length") }
        guard table.allSatisfy({ $0.allSatisfy { $0 >= 0 } }) else { throw GroupTestError.invalidTable("negative count") }
        guard table.contains(where: { $0.contains { $0 > 0 } }) else { throw GroupTestError.invalidTable("all counts are zero") }
        return (table.count, cols)
    }
}
