/// A dense predictor matrix stored column by column, the layout glmnet's solver works in
/// (`values[j * rowCount + i]` is row i, column j), so a coordinate update reads one contiguous column.
public struct LassoMatrix: Sendable {
    public let rowCount: Int
    public let columnCount: Int
    public let values: [Double]

    /// Validates a row-major table (rectangular, every value finite) and stores it column by column.
    public init(rows: [[Double]]) throws(LassoError) {
        guard let first = rows.first, !first.isEmpty else { throw .emptyTable }
        let n = rows.count, p = first.count
        var v = [Double](repeating: 0, count: n * p)
        for (i, row) in rows.enumerated() {
            guard row.count == p else { throw .raggedRow(row: i, expected: p, found: row.count) }
            for (j, x) in row.enumerated() {
                guard x.isFinite else { throw .nonFinite(row: i, column: j) }
                v[j * n + i] = x
            }
        }
        self.init(unchecked: v, rowCount: n, columnCount: p)
    }

    /// Wraps column-major values, checking the size and that every value is finite.
    public init(columnMajor values: [Double], rowCount: Int, columnCount: Int) throws(LassoError) {
        guard rowCount > 0, columnCount > 0 else { throw .emptyTable }
        guard values.count == rowCount * columnCount else {
            throw .raggedRow(row: 0, expected: rowCount * columnCount, found: values.count)
        }
        if let bad = values.firstIndex(where: { !$0.isFinite }) {
            throw .nonFinite(row: bad % rowCount, column: bad / rowCount)
        }
        self.init(unchecked: values, rowCount: rowCount, columnCount: columnCount)
    }

    init(unchecked values: [Double], rowCount: Int, columnCount: Int) {
        self.values = values; self.rowCount = rowCount; self.columnCount = columnCount
    }

    /// The rows `keep` (in that order), as `x[keep, , drop = FALSE]`.
    func selectingRows(_ keep: [Int]) -> LassoMatrix {
        let m = keep.count
        var v = [Double](repeating: 0, count: m * columnCount)
        for j in 0..<columnCount {
            let src = j * rowCount, dst = j * m
            for (r, i) in keep.enumerated() { v[dst + r] = values[src + i] }
        }
        return LassoMatrix(unchecked: v, rowCount: m, columnCount: columnCount)
    }
}
