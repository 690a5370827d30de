/// One predictor's univariable model.
public struct ScreenedTerm: Sendable {
    public let term: String
    /// The term's Wald p in `glm(y ~ term)` (`LogisticFit.termPValue`).
    public let pValue: Double
    public let selected: Bool
    public let fit: LogisticFit
}

/// Univariable screening as the seed papers do it: one `glm(y ~ x, binomial)` per predictor; a
/// predictor passes when its Wald p < `threshold` (0.05 or 0.1 in those papers).
public enum UnivariableScreen {
    public static func run(_ design: DesignMatrix, outcome: [Double], terms: [Int]? = nil,
                           threshold: Double = 0.05) throws(LogisticError) -> [ScreenedTerm] {
        try Stepwise.checkThreshold(threshold)
        var out: [ScreenedTerm] = []
        for t in terms ?? Array(design.termNames.indices) {
            let fit = try LogisticRegression.fit(design, outcome: outcome, terms: [t])
            let p = fit.termPValue(0)
            out.append(ScreenedTerm(term: design.termNames[t], pValue: p, selected: p < threshold, fit: fit))
        }
        return out
    }
}
