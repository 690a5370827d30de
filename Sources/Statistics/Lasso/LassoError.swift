/// Why a LASSO / elastic-net logistic fit or its cross-validation could not be computed. Rows, columns and
/// lambda indices are 0-based; folds are named by their fold id (1-based, as R's `foldid`).
public enum LassoError: Error, Equatable, CustomStringConvertible, Sendable {
    case emptyTable
    case raggedRow(row: Int, expected: Int, found: Int)
    case nonFinite(row: Int, column: Int)
    case outcomeCountMismatch(rows: Int, outcomes: Int)
    /// glmnet's lognet: "one multinomial or binomial class has 1 or 0 observations; not allowed".
    /// `fold` is the held-out fold whose training rows fail (nil: the whole table).
    case tooFewInClass(positives: Int, negatives: Int, fold: Int?)
    /// Every predictor is constant (glmnet jerr 7777), in the whole table or in a fold's training rows.
    case allPredictorsConstant(fold: Int?)
    case invalidParameter(name: String, value: Double)
    case foldIDCountMismatch(rows: Int, foldIDs: Int)
    /// Fold ids must be 1...K with every fold present, K ≥ 3 (cv.glmnet stops below 3 folds).
    case invalidFoldIDs(reason: String)
    /// New data with a different number of columns than the fitted model.
    case dimensionMismatch(expected: Int, found: Int)
    /// glmnet returned no solution at all (the first lambda did not converge within maxit passes).
    case emptyPath(fold: Int?)

    public var description: String {
        func place(_ fold: Int?) -> String { fold.map { " in the training rows of fold \($0)" } ?? "" }
        switch self {
        case .emptyTable: return "LASSO: the table has no rows or no columns"
        case .raggedRow(let r, let e, let f): return "LASSO: row \(r) has \(f) values, expected \(e)"
        case .nonFinite(let r, let c): return "LASSO: missing or non-finite value at row \(r), column \(c)"
        case .outcomeCountMismatch(let r, let o): return "LASSO: \(r) rows but \(o) outcomes"
        case .tooFewInClass(let p, let n, let f):
            return "LASSO: \(p) positive and \(n) negative outcomes\(place(f)); each class needs at least 2 (glmnet)"
        case .allPredictorsConstant(let f): return "LASSO: every predictor is constant\(place(f))"
        case .invalidParameter(let n, let v): return "LASSO: invalid \(n) = \(v)"
        case .foldIDCountMismatch(let r, let f): return "LASSO: \(r) rows but \(f) fold ids"
        case .invalidFoldIDs(let reason): return "LASSO: invalid fold ids: \(reason)"
        case .dimensionMismatch(let e, let f): return "LASSO: model has \(e) predictors, data has \(f)"
        case .emptyPath(let f): return "LASSO: no solution converged on the lambda path\(place(f))"
        }
    }
}
