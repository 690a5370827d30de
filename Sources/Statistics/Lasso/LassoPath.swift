import RealModule

/// A fitted glmnet binomial path: what `glmnet(x, y, family = "binomial", …)` returns, on the original scale.
public struct LogisticLassoPath: Sendable, Equatable, Codable {
    public let predictorCount: Int
    /// `fit$lambda`: decreasing; λ₁ is glmnet's extrapolation exp(2 log λ₂ − log λ₃) (fix.lam), the λ_max at
    /// which the first predictor enters up to rounding (the solver itself runs λ₁ = ∞).
    public let lambda: [Double]
    /// `fit$a0`.
    public let intercept: [Double]
    /// `t(fit$beta)`: one row of `predictorCount` coefficients per λ.
    public let beta: [[Double]]
    /// `fit$dev.ratio`.
    public let devianceRatio: [Double]
    /// `fit$nulldev`.
    public let nullDeviance: Double
    /// `fit$npasses`.
    public let passes: Int
    /// The λ index (0-based) that did not converge within maxPasses, where glmnet warns and returns the
    /// solutions before it; nil when the path ended normally.
    public let unconvergedLambdaIndex: Int?
    /// Predictors that are not constant (glmnet keeps β = 0 for the others).
    public let included: [Bool]

    /// `fit$df`: non-zero coefficients per λ.
    public var nonZeroCount: [Int] { beta.map { row in row.reduce(0) { $1 != 0 ? $0 + 1 : $0 } } }
}

/// `glmnet(x, y, family = "binomial", alpha, nlambda, lambda.min.ratio, thresh, standardize, maxit)`.
/// - Parameters:
///   - x: n × p predictors.
///   - positive: y_i = 1 (the second level of R's factor for 0/1 outcomes: the modelled class).
public func fitLogisticLasso(_ x: LassoMatrix, positive: [Bool], options: LassoOptions = LassoOptions())
    throws(LassoError) -> LogisticLassoPath {
    try fitLogisticLasso(x, positive: positive, options: options.validated(), fold: nil)
}

/// As `fitLogisticLasso(_:positive:options:)` on a row-major table.
public func fitLogisticLasso(rows: [[Double]], positive: [Bool], options: LassoOptions = LassoOptions())
    throws(LassoError) -> LogisticLassoPath {
    try fitLogisticLasso(LassoMatrix(rows: rows), positive: positive, options: options)
}

/// The path driver (glmnetpp `ElnetPathCRTPBase::fit` with the binomial two-class hooks, then lognet's
/// back-transformation). λ sequence: λ₁ = ∞ (null model), λ₂ = λ_max · r, λ_m = λ_{m−1} · r with
/// λ_max = max_j |Σ r_i x̃_ij| / max(α, 10⁻³) from the null-model residual and r = max(eps, ratio)^(1/(nlambda − 1)).
/// From the 5th λ on (mnlam) the path stops after λ_m when dev.ratio_m − dev.ratio_{m−1} < fdev, when
/// dev.ratio_m > devmax, or when Σv fell to vmin (perfect separation).
func fitLogisticLasso(_ x: LassoMatrix, positive: [Bool], options: LassoOptions, fold: Int?) throws(LassoError) -> LogisticLassoPath {
    let n = x.rowCount, p = x.columnCount
    guard positive.count == n else { throw .outcomeCountMismatch(rows: n, outcomes: positive.count) }
    let ones = positive.reduce(0) { $1 ? $0 + 1 : $0 }
    guard min(ones, n - ones) > 1 else { throw .tooFewInClass(positives: ones, negatives: n - ones, fold: fold) }

    let solver = LogisticCoordinateDescent(x: x, positive: positive, standardize: options.standardize,
                                           maxPasses: options.maxPasses)
    let std = solver.standardization
    guard std.included.contains(true) else { throw .allPredictorsConstant(fold: fold) }
    solver.start(threshold: options.threshold)

    let nlam = options.lambdaCount
    let ratio = options.lambdaMinRatio ?? (n < p ? 1e-2 : 1e-4)
    let shrink = Double.pow(max(GlmnetControl.eps, ratio), 1 / (Double(nlam) - 1))
    let alpha = options.alpha
    let minLambdas = min(GlmnetControl.mnlam, nlam)

    var lambdas: [Double] = [], a0: [Double] = [], betas: [[Double]] = [], entered: [Int] = [], devRatio: [Double] = []
    var unconverged: Int? = nil
    var current = 0.0
    for m in 0..<nlam {
        var previous = current
        if m > 1 {
            current *= shrink
        } else if m == 0 {
            current = LogisticCoordinateDescent.big
        } else {
            previous = solver.maxAbsGradient() / max(alpha, 1e-3)
            current = previous * shrink
        }
        let separated: Bool
        do {
            separated = try !solver.fitPoint(l1: current * alpha, l2: current * (1 - alpha),
                                             tlam: alpha * (2 * current - previous))
        } catch {
            unconverged = m
            break
        }
        lambdas.append(current)
        a0.append(solver.b0)
        betas.append(Array(UnsafeBufferPointer(start: solver.b, count: p)))
        entered.append(solver.activeCount)
        let ratioM = (solver.nullDevianceTerm - solver.deviance()) / solver.dev0
        devRatio.append(ratioM)
        if m + 1 < minLambdas { continue }
        let gain = ratioM - (m == 0 ? 0 : devRatio[m - 1])
        if gain < GlmnetControl.fdev || ratioM > GlmnetControl.devmax || separated { break }
    }
    guard !lambdas.isEmpty else { throw .emptyPath(fold: fold) }

    // lognet's back-transformation: β_j / scale_j, a₀ − Σ β_j mean_j over the active set in entry order.
    let order = Array(UnsafeBufferPointer(start: solver.active, count: solver.activeCount))
    for m in lambdas.indices {
        var intercept = a0[m]
        for k in order.prefix(entered[m]) {
            if options.standardize { betas[m][k] /= std.scale[k] }
            intercept -= betas[m][k] * std.mean[k]
        }
        a0[m] = intercept
    }
    if lambdas.count > 2 {  // fix.lam
        lambdas[0] = Double.exp(2 * Double.log(lambdas[1]) - Double.log(lambdas[2]))
    }
    return LogisticLassoPath(predictorCount: p, lambda: lambdas, intercept: a0, beta: betas, devianceRatio: devRatio,
                             nullDeviance: solver.dev0 * 2 * Double(n), passes: solver.passes,
                             unconvergedLambdaIndex: unconverged, included: std.included)
}
