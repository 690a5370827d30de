/// Why a logistic model could not be built or fitted. Rows and columns are 0-based.
public enum LogisticError: Error, Equatable, CustomStringConvertible, Sendable {
    case emptyTable
    case lengthMismatch(name: String, expected: Int, found: Int)
    case nonFinite(row: Int, column: String)
    /// The outcome holds something other than 0 and 1.
    case outcomeNotBinary(row: Int, value: Double)
    /// Every outcome is the same: there is nothing to model.
    case oneOutcomeClass(value: Double)
    /// A categorical code outside its level list.
    case invalidLevel(column: String, row: Int, code: Int)
    case invalidReference(column: String, reference: Int, levels: Int)
    /// A factor with fewer than two levels (R: "contrasts can be applied only to factors with 2 or more levels").
    case singleLevel(column: String)
    case duplicateName(String)
    case unknownTerm(String)
    /// More columns of full rank than rows (R's "X matrix has rank r, but only n observations").
    case rankExceedsRows(rank: Int, rows: Int)
    case invalidParameter(name: String, value: Double)
    /// The multinomial Newton iteration met a singular information matrix.
    case singularInformation
    /// Fewer than the needed number of outcome classes for a multinomial or one-vs-rest model.
    case tooFewClasses(found: Int)

    public var description: String {
        switch self {
        case .emptyTable: return "logistic: the table has no rows"
        case .lengthMismatch(let n, let e, let f): return "logistic: column '\(n)' has \(f) values, expected \(e)"
        case .nonFinite(let r, let c): return "logistic: missing or non-finite value at row \(r + 1), column '\(c)'"
        case .outcomeNotBinary(let r, let v): return "logistic: outcome must be 0 or 1, found \(v) at row \(r + 1)"
        case .oneOutcomeClass(let v): return "logistic: every outcome is \(v); both classes 0 and 1 are needed"
        case .invalidLevel(let c, let r, let code): return "logistic: column '\(c)' row \(r + 1) has level code \(code) outside its levels"
        case .invalidReference(let c, let r, let l): return "logistic: reference level \(r) of '\(c)' is outside its \(l) levels"
        case .singleLevel(let c): return "logistic: categorical column '\(c)' has a single level; drop it"
        case .duplicateName(let n): return "logistic: predictor name '\(n)' is used twice"
        case .unknownTerm(let n): return "logistic: no predictor named '\(n)'"
        case .rankExceedsRows(let r, let n): return "logistic: X matrix has rank \(r), but only \(n) observations"
        case .invalidParameter(let n, let v): return "logistic: invalid \(n) = \(v)"
        case .singularInformation: return "multinomial: the information matrix is singular (aliased predictors?)"
        case .tooFewClasses(let f): return "logistic: \(f) outcome classes found, at least 2 are needed"
        }
    }
}
