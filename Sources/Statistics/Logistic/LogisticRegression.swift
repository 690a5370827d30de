import RealModule

/// One row of the coefficient table: R's `summary(glm)$coefficients` plus `exp(coef)` and
/// `exp(confint.default(fit))`. Aliased columns (R's NA) have NaN everywhere and `aliased = true`.
public struct LogisticCoefficient: Sendable, Equatable {
    public let term: String
    public let estimate: Double
    public let stdError: Double
    public let zValue: Double
    /// 2·Φ(−|z|), R's `2 * pnorm(-abs(z))`.
    public let pValue: Double
    public let oddsRatio: Double
    /// Wald limits exp(b + se·Φ⁻¹(α/2)), exp(b + se·Φ⁻¹(1 − α/2)) (`confint.default`, not profile
    /// likelihood `confint.glm`).
    public let ciLower: Double
    public let ciUpper: Double
    public var aliased: Bool { estimate.isNaN }
}

/// A fitted binomial-logit GLM with R's `glm` / `summary.glm` numbers.
public struct LogisticFit: Sendable {
    /// The model's terms (names from the design), in model order.
    public let terms: [String]
    public let coefficients: [LogisticCoefficient]
    /// R's `assign`: 0 for the intercept, k for the k-th term.
    public let assign: [Int]
    public let deviance: Double
    public let nullDeviance: Double
    public let dfResidual: Int
    public let dfNull: Int
    public let aic: Double
    public let rank: Int
    public let iterations: Int
    public let converged: Bool
    /// R's warning strings, e.g. "glm.fit: fitted probabilities numerically 0 or 1 occurred".
    public let warnings: [String]
    /// Fitted probabilities.
    public let fitted: [Double]
    /// `vcov(fit, complete = TRUE)`: p × p row-major in coefficient order, NaN rows/columns for aliased.
    public let covariance: [Double]

    /// R's `extractAIC(fit, k = k)[2]` = AIC + (k − 2)·edf, edf = rank.
    public func extractAIC(k: Double = 2) -> Double { aic + (k - 2) * Double(rank) }

    /// Wald test of the k-th term (0-based in `terms`): the coefficient's z-test p-value for a
    /// one-column term, P(χ²_df > bᵀV⁻¹b) for a factor's df columns. NaN if a column is aliased.
    public func termPValue(_ k: Int) -> Double {
        let cols = assign.indices.filter { assign[$0] == k + 1 }
        if cols.count == 1 { return coefficients[cols[0]].pValue }
        let b = cols.map { coefficients[$0].estimate }
        if b.contains(where: { $0.isNaN }) { return .nan }
        let p = coefficients.count
        let v = cols.flatMap { i in cols.map { j in covariance[i * p + j] } }
        guard let solved = solveSymmetric(v, b, size: cols.count) else { return .nan }
        var chi = 0.0
        for i in b.indices { chi += b[i] * solved[i] }
        return ChiSquared.survival(chi, df: Double(cols.count))
    }
}

/// Binomial-logit regression as R's `glm(y ~ ., family = binomial)`: IRLS of `glm.fit`, standard
/// errors from `summary.glm` (dispersion 1, `chol2inv` of the last QR's R), Wald z and p, odds
/// ratios with `confint.default` limits.
public enum LogisticRegression {
    /// Fits an intercept plus `terms` (indices into `design.termNames`; default all, in order).
    /// - Parameter outcome: 0/1 values, one per design row.
    /// - Parameter level: confidence level of the Wald intervals (R's default 0.95).
    public static func fit(_ design: DesignMatrix, outcome: [Double], terms: [Int]? = nil,
                           level: Double = 0.95) throws(LogisticError) -> LogisticFit {
        try validateOutcome(outcome, rows: design.rows)
        guard level > 0 && level < 1 else { throw .invalidParameter(name: "level", value: level) }
        let chosen = terms ?? Array(design.termNames.indices)
        let (x, names, assign) = design.modelMatrix(terms: chosen)
        let n = design.rows, p = names.count
        let r = IRLS.fit(columnMajor: x, rows: n, columns: p, y: outcome)
        if r.rank > n { throw .rankExceedsRows(rank: r.rank, rows: n) }
        // summary.glm: cov.unscaled = chol2inv(R[1:rank, 1:rank]) in pivoted order.
        let unscaled = r.qr.unscaledCovariance()
        var covariance = [Double](repeating: .nan, count: p * p)
        for a in 0..<r.rank {
            for b in 0..<r.rank { covariance[r.qr.pivot[a] * p + r.qr.pivot[b]] = unscaled[b * r.rank + a] }
        }
        let alpha = (1 - level) / 2
        let lowerFactor = Normal.quantile(alpha), upperFactor = Normal.quantile(1 - alpha)
        var rows: [LogisticCoefficient] = []
        for j in 0..<p {
            let b = r.coefficients[j]
            let se = covariance[j * p + j].squareRoot()
            let z = b / se
            rows.append(LogisticCoefficient(term: names[j], estimate: b, stdError: se, zValue: z,
                                            pValue: 2 * Normal.cdf(-abs(z)), oddsRatio: Double.exp(b),
                                            ciLower: Double.exp(b + se * lowerFactor), ciUpper: Double.exp(b + se * upperFactor)))
        }
        return LogisticFit(terms: chosen.map { design.termNames[$0] }, coefficients: rows, assign: assign,
                           deviance: r.deviance, nullDeviance: r.nullDeviance, dfResidual: n - r.rank, dfNull: n - 1,
                           aic: r.aic, rank: r.rank, iterations: r.iterations, converged: r.converged,
                           warnings: r.warnings, fitted: r.fitted, covariance: covariance)
    }

    static func validateOutcome(_ y: [Double], rows: Int) throws(LogisticError) {
        guard !y.isEmpty else { throw .emptyTable }
        guard y.count == rows else { throw .lengthMismatch(name: "outcome", expected: rows, found: y.count) }
        for (i, v) in y.enumerated() where v != 0 && v != 1 { throw .outcomeNotBinary(row: i, value: v) }
        if y.allSatisfy({ $0 == y[0] }) { throw .oneOutcomeClass(value: y[0]) }
    }
}

/// Solves V x = b for a small symmetric positive-definite V (row-major) by Cholesky; nil if V is
/// not positive definite.
func solveSymmetric(_ v: [Double], _ b: [Double], size m: Int) -> [Double]? {
    var l = [Double](repeating: 0, count: m * m)
    for j in 0..<m {
        var d = v[j * m + j]
        for k in 0..<j { d -= l[j * m + k] * l[j * m + k] }
        guard d > 0 else { return nil }
        l[j * m + j] = d.squareRoot()
        for i in (j + 1)..<max(j + 1, m) {
            var s = v[i * m + j]
            for k in 0..<j { s -= l[i * m + k] * l[j * m + k] }
            l[i * m + j] = s / l[j * m + j]
        }
    }
    var y = b
    for i in 0..<m {
        for k in 0..<i { y[i] -= l[i * m + k] * y[k] }
        y[i] /= l[i * m + i]
    }
    for i in stride(from: m - 1, through: 0, by: -1) {
        for k in (i + 1)..<max(i + 1, m) { y[i] -= l[k * m + i] * y[k] }
        y[i] /= l[i * m + i]
    }
    return y
}
