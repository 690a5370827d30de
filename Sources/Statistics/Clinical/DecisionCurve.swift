/// Decision curve analysis (Vickers & Elkin 2006): the net benefit of treating the patients a risk score calls
/// high risk, at each threshold probability pt,
///
///     NB(pt) = TP/n − FP/n · pt / (1 − pt),   standardized NB = NB / prevalence,
///
/// next to "treat all" (every risk 1) and "treat none" (every risk 0).
///
/// Two published conventions differ only in the rule for a risk equal to the threshold:
/// - `.rmda` (rmda 1.6 `decision_curve`, calculate.nb in R/subroutines.R): high risk is risk > pt. Default
///   thresholds `seq(0, 1, by = 0.01)`; at pt = 1 the net benefit is NaN (0 · ∞), as in rmda.
/// - `.dcurves` (dcurves `dca()`): high risk is risk ≥ pt, after risks of exactly 0 and 1 are moved to −ε and
///   1 + ε (so a risk of 0 is never, a risk of 1 always, positive). Default thresholds 0, 0.01, …, 0.99.
public enum DecisionCurveRule: String, Sendable, CaseIterable {
    case rmda, dcurves

    /// The package's default thresholds: rmda `seq(0, 1, by = 0.01)` = i · 0.01, dcurves `i / 100` for i < 100.
    public var defaultThresholds: [Double] {
        switch self {
        case .rmda: return (0...100).map { Double($0) * 0.01 }
        case .dcurves: return (0..<100).map { Double($0) / 100 }
        }
    }

    func isHighRisk(_ risk: Double, threshold: Double) -> Bool {
        switch self {
        case .rmda: return risk > threshold
        case .dcurves:
            let r = risk == 0 ? -Double.ulpOfOne : (risk == 1 ? 1 + Double.ulpOfOne : risk)
            return r >= threshold
        }
    }
}

/// One score's decision curve: per threshold, the rates rmda reports (field names as rmda's derived.data).
public struct DecisionCurve: Sendable {
    public let thresholds: [Double]
    /// Pr(high risk | event) and Pr(high risk | no event).
    public let tpr: [Double], fpr: [Double]
    /// Net benefit and standardized net benefit (NB / ρ).
    public let netBenefit: [Double], standardizedNetBenefit: [Double]
    /// Fraction of everyone called high risk (rmda `prob.high.risk`, dcurves `test_pos_rate`).
    public let probHighRisk: [Double]
    /// Detection probability TPR · ρ (rmda `DP`, dcurves `tp_rate`): fraction high risk with the event.
    public let detectionProbability: [Double]
    /// Outcome prevalence ρ.
    public let prevalence: Double

    /// dcurves' `fp_rate`: FPR · (1 − ρ).
    public var falsePositiveFraction: [Double] { fpr.map { $0 * (1 - prevalence) } }

    /// - Parameters:
    ///   - risk: predicted risks in [0, 1], one per patient.
    ///   - outcome: 0/1 outcomes.
    ///   - thresholds: threshold probabilities in [0, 1].
    ///   - rule: the >/≥ convention (`.rmda` or `.dcurves`).
    public init(risk: [Double], outcome: [Double], thresholds: [Double], rule: DecisionCurveRule = .rmda) throws {
        guard risk.count == outcome.count, !risk.isEmpty else { throw ClinicalStatisticsError.lengthMismatch(risk.count, outcome.count) }
        for (i, o) in outcome.enumerated() where o != 0 && o != 1 { throw ClinicalStatisticsError.outcomeNotBinary(row: i, value: o) }
        for (i, r) in risk.enumerated() where !(r >= 0 && r <= 1) { throw ClinicalStatisticsError.riskOutOfRange(row: i, value: r) }
        let n = risk.count
        let events = outcome.reduce(0, +)
        guard events > 0, events < Double(n) else { throw ClinicalStatisticsError.singleClass }
        let rho = events / Double(n)
        // Sorting once and counting by binary search would be O((n + k) log n); n · k is fine for tables of
        // clinical size and keeps the comparison rule in one place.
        var tpr: [Double] = [], fpr: [Double] = [], nb: [Double] = [], snb: [Double] = [], phr: [Double] = [], dp: [Double] = []
        for pt in thresholds {
            var tp = 0, fp = 0
            for (r, o) in zip(risk, outcome) where rule.isHighRisk(r, threshold: pt) {
                if o == 1 { tp += 1 } else { fp += 1 }
            }
            let tpf = Double(tp) / events, fpf = Double(fp) / (Double(n) - events)
            let value: Double
            switch rule {
            case .rmda: value = tpf * rho - (pt / (1 - pt)) * (1 - rho) * fpf
            case .dcurves: value = tpf * rho - pt / (1 - pt) * (fpf * (1 - rho))
            }
            tpr.append(tpf); fpr.append(fpf); nb.append(value); snb.append(value / rho)
            phr.append(Double(tp + fp) / Double(n)); dp.append(tpf * rho)
        }
        self.thresholds = thresholds
        self.tpr = tpr; self.fpr = fpr; self.netBenefit = nb; self.standardizedNetBenefit = snb
        self.probHighRisk = phr; self.detectionProbability = dp; self.prevalence = rho
    }

    /// The "treat all" curve (every risk 1).
    public static func treatAll(outcome: [Double], thresholds: [Double], rule: DecisionCurveRule = .rmda) throws -> DecisionCurve {
        try DecisionCurve(risk: Array(repeating: 1, count: outcome.count), outcome: outcome, thresholds: thresholds, rule: rule)
    }

    /// The "treat none" curve (every risk 0).
    public static func treatNone(outcome: [Double], thresholds: [Double], rule: DecisionCurveRule = .rmda) throws -> DecisionCurve {
        try DecisionCurve(risk: Array(repeating: 0, count: outcome.count), outcome: outcome, thresholds: thresholds, rule: rule)
    }
}

/// Errors of the clinical-usefulness statistics, naming the row or argument at fault.
public enum ClinicalStatisticsError: Error, Equatable, Sendable {
    case lengthMismatch(Int, Int)
    case outcomeNotBinary(row: Int, value: Double)
    case riskOutOfRange(row: Int, value: Double)
    case singleClass
    case invalidArgument(String)
    case fitFailed(String)
}
