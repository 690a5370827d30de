/// z-scores fitted on one subset (the training rows) and applied to any other: z = (x − mean) / sd
/// with R's `mean(x)` and `sd(x)` (n − 1 denominator) of the training column, as
/// `sweep(sweep(x, 2, mean), 2, sd, "/")`.
///
/// R's `mean` sums in long double, divides by n, then adds the mean of the residuals (a second pass,
/// also in long double); `sd` is √var with var = Σ (x − m)² / (n − 1), where m is that same
/// two-pass mean rounded to double and the sum runs in long double (R's cov.c). So do we, with
/// `Float80` on x86-64, so the centres and scales equal R's to the last bit.
///
/// A constant training column (sd = 0) cannot be scaled: it is reported in `constantColumns`, and
/// `apply` leaves it centred but unscaled (all zeros on the training rows) instead of dividing by 0.
public struct ZScore: Sendable, Equatable, Codable {
    public let mean: [Double]
    public let sd: [Double]
    /// Indices of the columns whose training sd is 0 (or that have fewer than 2 training values).
    public let constantColumns: [Int]

    public init(mean: [Double], sd: [Double], constantColumns: [Int]) {
        self.mean = mean
        self.sd = sd
        self.constantColumns = constantColumns
    }

    /// Fits one centre and scale per column.
    /// - Parameter columns: the training values, one array per column.
    public static func fit(_ columns: [[Double]]) throws(LogisticError) -> ZScore {
        var mean: [Double] = [], sd: [Double] = [], constant: [Int] = []
        for (j, x) in columns.enumerated() {
            guard !x.isEmpty else { throw .emptyTable }
            if let i = x.firstIndex(where: { !$0.isFinite }) { throw .nonFinite(row: i, column: "column \(j + 1)") }
            let m = RSum.mean(x)
            let s = x.count < 2 ? 0 : RSum.variance(x).squareRoot()
            mean.append(m); sd.append(s)
            if !(s > 0) { constant.append(j) }
        }
        return ZScore(mean: mean, sd: sd, constantColumns: constant)
    }

    /// (x − mean) / sd per column (constant columns: x − mean).
    public func apply(_ columns: [[Double]]) throws(LogisticError) -> [[Double]] {
        guard columns.count == mean.count else {
            throw .lengthMismatch(name: "columns", expected: mean.count, found: columns.count)
        }
        return columns.enumerated().map { j, x in
            constantColumns.contains(j) ? x.map { $0 - mean[j] } : x.map { ($0 - mean[j]) / sd[j] }
        }
    }
}
