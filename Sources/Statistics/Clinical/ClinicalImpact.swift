/// The clinical impact curve of rmda's `plot_clinical_impact` (opt-in policy): out of a hypothetical population
/// of `populationSize` (default 1000), the number called high risk at each threshold and the number of those
/// with the event,
///
///     numberHighRisk = prob.high.risk · size,   numberHighRiskWithEvent = DP · size = TPR · ρ · size.
public struct ClinicalImpact: Sendable {
    public let thresholds: [Double]
    public let populationSize: Double
    public let numberHighRisk: [Double]
    public let numberHighRiskWithEvent: [Double]

    public init(_ curve: DecisionCurve, populationSize: Double = 1000) {
        thresholds = curve.thresholds
        self.populationSize = populationSize
        numberHighRisk = curve.probHighRisk.map { $0 * populationSize }
        numberHighRiskWithEvent = curve.detectionProbability.map { $0 * populationSize }
    }
}
