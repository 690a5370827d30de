/// The arguments of `glmnet(x, y, family = "binomial", …)` that RadFleet exposes; every default is glmnet's.
/// Not exposed (glmnet defaults assumed): weights, offset, penalty.factor, lower/upper limits, intercept = TRUE,
/// dfmax/pmax (never binding at their defaults), type.logistic = "Newton".
public struct LassoOptions: Sendable, Equatable, Codable {
    /// Elastic-net mixing: 1 = LASSO, 0 = ridge (penalty λ[(1 − α)/2 ‖β‖² + α‖β‖₁]).
    public var alpha: Double
    /// nlambda.
    public var lambdaCount: Int
    /// lambda.min.ratio; nil = glmnet's default, 0.01 if n < p else 1e-4 (n, p of the data being fitted, so a
    /// cross-validation fold uses its own training size, as glmnet evaluates the default inside each call).
    public var lambdaMinRatio: Double?
    /// thresh: convergence threshold on max_j xv_j Δβ_j², relative to the null deviance.
    public var threshold: Double
    /// standardize.
    public var standardize: Bool
    /// maxit: total coordinate-descent passes over all lambdas.
    public var maxPasses: Int

    public init(alpha: Double = 1, lambdaCount: Int = 100, lambdaMinRatio: Double? = nil, threshold: Double = 1e-7,
                standardize: Bool = true, maxPasses: Int = 100_000) {
        self.alpha = alpha; self.lambdaCount = lambdaCount; self.lambdaMinRatio = lambdaMinRatio
        self.threshold = threshold; self.standardize = standardize; self.maxPasses = maxPasses
    }

    func validated() throws(LassoError) -> LassoOptions {
        guard alpha.isFinite, (0...1).contains(alpha) else { throw .invalidParameter(name: "alpha", value: alpha) }
        guard lambdaCount >= 1 else { throw .invalidParameter(name: "lambdaCount", value: Double(lambdaCount)) }
        if let r = lambdaMinRatio, !(r > 0 && r < 1) { throw .invalidParameter(name: "lambdaMinRatio", value: r) }
        guard threshold > 0 else { throw .invalidParameter(name: "threshold", value: threshold) }
        guard maxPasses > 0 else { throw .invalidParameter(name: "maxPasses", value: Double(maxPasses)) }
        return self
    }
}

/// Internal constants of glmnet.control() at their factory values.
enum GlmnetControl {
    /// fdev: stop when the dev.ratio gain from one lambda to the next is below this.
    static let fdev = 1e-5
    /// devmax: stop when dev.ratio exceeds this.
    static let devmax = 0.999
    /// eps: smallest lambda.min.ratio.
    static let eps = 1e-6
    /// mnlam: the stopping rules apply from the mnlam-th lambda on.
    static let mnlam = 5
}
