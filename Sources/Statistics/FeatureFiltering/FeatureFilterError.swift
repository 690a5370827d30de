/// Why a feature-filtering function refused its input. Rows and columns are 0-based indices into
/// the table the caller passed (samples × features); the CLI maps them to names.
public enum FeatureFilterError: Error, Equatable, CustomStringConvertible, Sendable {
    /// The table has no rows or no columns.
    case emptyTable(table: String)
    /// Row `row` has `found` cells where the first row has `expected`.
    case raggedRow(table: String, row: Int, expected: Int, found: Int)
    /// A NaN or infinite cell.
    case nonFinite(table: String, row: Int, column: Int)
    /// The two readers' tables do not have the same shape (rows = subjects, columns = features).
    case readerShapeMismatch(reader1Rows: Int, reader1Columns: Int, reader2Rows: Int, reader2Columns: Int)
    /// Fewer rows than the method needs.
    case tooFewRows(table: String, rows: Int, minimum: Int)
    /// A column with a single value, for which the statistic is undefined (0/0).
    case constantColumn(table: String, column: Int)
    /// The ICC of this feature is 0/0: every rating of every subject is the same value.
    case undefinedICC(column: Int)
    /// A threshold outside the range the method accepts.
    case invalidThreshold(Double, validRange: String)
    /// The outcome vector does not have one value per row.
    case outcomeLengthMismatch(rows: Int, outcomes: Int)
    /// An outcome value other than 0 or 1.
    case outcomeNotBinary(row: Int, value: Double)
    /// All outcomes are the same class.
    case oneOutcomeClass(value: Int)
    /// A bin count below 2.
    case invalidBinCount(Int)
    /// A confidence level outside (0, 1).
    case invalidConfidenceLevel(Double)

    public var description: String {
        switch self {
        case .emptyTable(let t): return "\(t): the table has no rows or no columns"
        case .raggedRow(let t, let r, let e, let f): return "\(t): row \(r) has \(f) values, expected \(e)"
        case .nonFinite(let t, let r, let c): return "\(t): missing or non-finite value at row \(r), column \(c)"
        case .readerShapeMismatch(let r1, let c1, let r2, let c2):
            return "reader tables differ in shape: reader 1 is \(r1) × \(c1), reader 2 is \(r2) × \(c2) (subjects × features)"
        case .tooFewRows(let t, let r, let m): return "\(t): \(r) rows, at least \(m) needed"
        case .constantColumn(let t, let c): return "\(t): column \(c) is constant"
        case .undefinedICC(let c): return "column \(c): ICC undefined, all ratings of all subjects are equal"
        case .invalidThreshold(let v, let range): return "threshold \(v) outside \(range)"
        case .outcomeLengthMismatch(let r, let o): return "\(r) rows but \(o) outcome values"
        case .outcomeNotBinary(let r, let v): return "outcome at row \(r) is \(v); expected 0 or 1"
        case .oneOutcomeClass(let v): return "every outcome is \(v); two classes are needed"
        case .invalidBinCount(let k): return "bin count \(k) < 2"
        case .invalidConfidenceLevel(let c): return "confidence level \(c) outside (0, 1)"
        }
    }
}

/// Checks that `rows` is a non-empty rectangular table of finite numbers and returns its
/// (rows, columns).
func validatedFeatureTable(_ rows: [[Double]], table: String) throws(FeatureFilterError) -> (rows: Int, columns: Int) {
    guard let first = rows.first, !first.isEmpty else { throw .emptyTable(table: table) }
    let p = first.count
    for (i, row) in rows.enumerated() {
        guard row.count == p else { throw .raggedRow(table: table, row: i, expected: p, found: row.count) }
        for (j, v) in row.enumerated() where !v.isFinite { throw .nonFinite(table: table, row: i, column: j) }
    }
    return (rows.count, p)
}

/// Column `j` of a row-major table.
@inline(__always)
func featureColumn(_ rows: [[Double]], _ j: Int) -> [Double] { rows.map { $0[j] } }
