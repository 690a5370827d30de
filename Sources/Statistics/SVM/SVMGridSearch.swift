/// A C-SVC hyperparameter grid: every cost with every γ, in that order (cost outer, γ inner). A linear kernel
/// ignores γ, so its grid has one setting per cost.
public struct SVMGrid: Sendable, Equatable {
    public let linear: Bool
    public let costs: [Double]
    /// nil: e1071's default γ = 1 / (number of columns).
    public let gammas: [Double?]

    public init(linear: Bool, costs: [Double], gammas: [Double?] = [nil]) {
        self.linear = linear
        self.costs = costs
        self.gammas = linear ? [nil] : (gammas.isEmpty ? [nil] : gammas)
    }

    /// The settings in grid order: setting i = costs[i / gammas.count], gammas[i % gammas.count].
    public var settings: [SVMParameters] {
        costs.flatMap { c in
            gammas.map { g in SVMParameters(kernel: linear ? .linear : .radial(gamma: g), cost: c) }
        }
    }

    /// The index of the best score: the highest, the first in grid order on ties; NaN never wins.
    /// nil when no score is a number.
    public static func best(_ scores: [Double]) -> Int? {
        var best: Int?
        for (i, s) in scores.enumerated() where !s.isNaN {
            if best == nil || s > scores[best!] { best = i }
        }
        return best
    }
}

/// The cross-validated score of one C-SVC setting, as this R code computes it with e1071 and pROC
/// (scripts/fixtures/stats_svm_grid.R):
///
/// ```r
/// for (k in sort(unique(fold))) {
///   m <- svm(x[fold != k, ], factor(y[fold != k]), type = "C-classification",
///            kernel = kernel, cost = cost, gamma = gamma)          # scale = TRUE
///   d <- attr(predict(m, x[fold == k, ], decision.values = TRUE), "decision.values")
///   f[fold == k] <- if (m$levels[m$labels[1]] == "1") d else -d    # larger = class 1
/// }
/// auc <- auc(roc(y, f, levels = c(0, 1), direction = "<"))        # pooled held-out values
/// ```
///
/// Each fold's model is trained on the other folds' rows in their table order (libsvm's class order, and so
/// the sign of its decision values, follows the first training row), scaled with its own training mean and
/// SD. `foldAUC[k]` is the same AUC over fold k's rows alone (NaN when the fold lacks a class).
public struct SVMCrossValidation: Sendable, Equatable {
    public let cost: Double
    /// γ used (e1071's default 1/p when none was given); nil for the linear kernel.
    public let gamma: Double?
    /// The distinct fold numbers, ascending.
    public let folds: [Int]
    /// Held-out decision value of every row, oriented so that larger means outcome 1.
    public let heldOut: [Double]
    /// AUC of each fold's held-out rows, in `folds` order.
    public let foldAUC: [Double]
    /// AUC of the pooled held-out decision values (pROC, direction "<").
    public let auc: Double
}

/// Cross-validates one setting over the given folds (see `SVMCrossValidation`).
///
/// - Parameters:
///   - rows: cases × features (finite).
///   - outcomes: 0/1 per row, both present.
///   - foldIDs: the fold number of each row.
///   - parameters: the setting; `probability` is ignored (decision values only).
/// - Throws: `SVMError` when a fold's model cannot be trained (one class, a constant training column),
///   `ROCError` when the outcomes lack a class.
/// - Complexity: one `trainSVM` per fold.
public func crossValidateSVM(rows: [[Double]], outcomes: [Int], foldIDs: [Int], parameters: SVMParameters) throws -> SVMCrossValidation {
    guard rows.count == outcomes.count else { throw SVMError.labelCountMismatch(rows: rows.count, labels: outcomes.count) }
    guard foldIDs.count == rows.count else { throw SVMError.labelCountMismatch(rows: rows.count, labels: foldIDs.count) }
    var settings = parameters
    settings.probability = nil
    let folds = Array(Set(foldIDs)).sorted()
    var heldOut = [Double](repeating: .nan, count: rows.count)
    var gamma: Double?
    var foldAUC: [Double] = []
    for k in folds {
        let train = rows.indices.filter { foldIDs[$0] != k }, test = rows.indices.filter { foldIDs[$0] == k }
        let model = try trainSVM(rows: train.map { rows[$0] }, labels: train.map { outcomes[$0] }, parameters: settings)
        if case .radial = settings.kernel { gamma = model.gamma }
        let scores = try model.scores(test.map { rows[$0] }, forClass: 1)
        for (i, s) in zip(test, scores) { heldOut[i] = s }
        let curve = try? ROCCurve(outcomes: test.map { Double(outcomes[$0]) }, scores: scores, direction: .controlsBelowCases)
        foldAUC.append(curve?.auc ?? .nan)
    }
    let pooled = try ROCCurve(outcomes: outcomes.map(Double.init), scores: heldOut, direction: .controlsBelowCases)
    return SVMCrossValidation(cost: settings.cost, gamma: gamma, folds: folds, heldOut: heldOut, foldAUC: foldAUC, auc: pooled.auc)
}

/// Cross-validates every setting of `grid` (in grid order) and picks the best by pooled CV AUC (`SVMGrid.best`).
/// The fleet runs each setting as its own `gridpoint` job; this is the same computation in one process.
public func svmGridSearch(rows: [[Double]], outcomes: [Int], foldIDs: [Int], grid: SVMGrid) throws
    -> (settings: [SVMCrossValidation], best: Int?) {
    let results = try grid.settings.map { try crossValidateSVM(rows: rows, outcomes: outcomes, foldIDs: foldIDs, parameters: $0) }
    return (results, SVMGrid.best(results.map(\.auc)))
}
