/// The area under an empirical ROC curve, in the two forms RadFleet needs:
///
/// - `trapezoidAUC`, pROC's `auc.roc` for a full curve: with the points sorted by increasing
///   specificity, Σₖ (seₖ₊₁ + seₖ)/2 · (spₖ₊₁ − spₖ), each term a double and the sum accumulated as R's
///   `sum` does (`RSum`), so the value is pROC's to the last bit. With ties between cases and
///   controls the ROC curve has diagonal segments and this area equals the Mann–Whitney form below
///   (up to rounding).
/// - `mannWhitneyAUC`: P(case > control) + ½ P(case = control) counted exactly in integers,
///   (Σ over cases of [#controls below + ½ #controls tied]) / (m · n), for direction "<"; for ">"
///   cases and controls swap roles (1 minus it). One sort, O(n log n).
public enum AUC {
    /// pROC's trapezoid over points already sorted by increasing specificity.
    public static func trapezoidAUC(sensitivities se: [Double], specificities sp: [Double]) -> Double {
        precondition(se.count == sp.count, "one sensitivity per specificity")
        var s = RSum()
        if se.count >= 2 {
            for k in 0..<(se.count - 1) {
                s.add((se[k + 1] + se[k]) / 2 * (sp[k + 1] - sp[k]))
            }
        }
        return s.value
    }

    /// Mann–Whitney AUC of `cases` against `controls` (both non-empty, finite) for a direction.
    public static func mannWhitneyAUC(cases: [Double], controls: [Double], direction: ROCDirection = .controlsBelowCases) -> Double {
        precondition(!cases.isEmpty && !controls.isEmpty, "mannWhitneyAUC needs cases and controls")
        let groups = ROCGroups(cases: cases, controls: controls)
        let twiceU = groups.twiceMannWhitneyU(caseCounts: groups.caseCounts, controlCounts: groups.controlCounts)
        let total = 2 * cases.count * controls.count
        let u = direction == .controlsBelowCases ? twiceU : total - twiceU
        return Double(u) / Double(total)
    }
}
