/// The seed papers' clinical model: a univariable screen of every candidate (`glm(y ~ x)`, Wald p < threshold),
/// then a multivariable model of the screened terms reduced by stepwise AIC — backward from all screened terms,
/// forward from none up to them, or both ways from all — or, without stepwise, all screened terms as they are.
/// With the p-value criterion the stepwise step is Wald-p elimination instead (`Stepwise.backwardByPValue` from all
/// screened terms at `stay`; `forwardByPValue` over them at `enter`; both: forward at `enter` with removal at `stay`).
/// Nothing screened leaves the intercept-only model.
public struct ClinicalModelSelection: Sendable {
    /// What the stepwise step minimises: R's `step()` AIC, or Wald p-values with entry and stay thresholds.
    public enum Criterion: Sendable, Equatable, Codable {
        case aic
        case pValue(enter: Double, stay: Double)
    }

    public struct Spec: Sendable, Equatable, Codable {
        /// Wald p below which a term passes the screen (0.05, or 0.1 in some papers).
        public var screenThreshold: Double = 0.05
        /// The stepwise direction, or nil for no stepwise step.
        public var direction: StepDirection? = .backward
        /// AIC's penalty (2; log n gives BIC).
        public var k: Double = 2
        /// AIC (R's `step`, the default) or Wald p-values.
        public var criterion: Criterion = .aic

        public init(screenThreshold: Double = 0.05, direction: StepDirection? = .backward, k: Double = 2, criterion: Criterion = .aic) {
            self.screenThreshold = screenThreshold
            self.direction = direction
            self.k = k
            self.criterion = criterion
        }
    }

    /// Every candidate's univariable model, in term order.
    public let univariable: [ScreenedTerm]
    /// The terms that passed the screen (indices into the design's terms).
    public let screened: [Int]
    /// The stepwise path, when a direction was given and some term passed.
    public let stepwise: StepwiseResult?
    /// The final model's terms (indices into the design's terms) and fit.
    public let terms: [Int]
    public let fit: LogisticFit

    public static func run(_ design: DesignMatrix, outcome: [Double], spec: Spec = Spec()) throws(LogisticError) -> ClinicalModelSelection {
        let univariable = try UnivariableScreen.run(design, outcome: outcome, threshold: spec.screenThreshold)
        let screened = univariable.indices.filter { univariable[$0].selected }
        guard let direction = spec.direction, !screened.isEmpty else {
            let fit = try LogisticRegression.fit(design, outcome: outcome, terms: screened)
            return ClinicalModelSelection(univariable: univariable, screened: screened, stepwise: nil, terms: screened, fit: fit)
        }
        let step: StepwiseResult
        switch (spec.criterion, direction) {
        case (.aic, _):
            step = try Stepwise.byAIC(design, outcome: outcome, start: direction == .forward ? [] : screened, upper: screened,
                                      direction: direction, k: spec.k)
        case let (.pValue(_, stay), .backward):
            step = try Stepwise.backwardByPValue(design, outcome: outcome, start: screened, threshold: stay)
        case let (.pValue(enter, _), .forward):
            step = try Stepwise.forwardByPValue(design, outcome: outcome, candidates: screened, threshold: enter)
        case let (.pValue(enter, stay), .both):
            step = try Stepwise.forwardByPValue(design, outcome: outcome, candidates: screened, threshold: enter, removal: stay)
        }
        return ClinicalModelSelection(univariable: univariable, screened: screened, stepwise: step, terms: step.terms, fit: step.fit)
    }
}
