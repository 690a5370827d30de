/// The 2 × 2 table and its rates at one threshold, with pROC's semantics (roc.utils.perfs /
/// roc.utils.thr.idx and roc.utils.calc.coords):
///
/// - direction "<": a subject is positive when score ≥ threshold; ">": when score ≤ threshold;
/// - se = tp/m, sp = tn/n; then, as `coords(..., ret = …)` derives them from se and sp:
///   tp = se · m, tn = sp · n, fn = m − tp, fp = n − tn (doubles), accuracy = (tp + tn)/(m + n),
///   ppv = tp/(tp + fp), npv = tn/(tn + fn) (NaN when nobody is called positive / negative, R's NaN).
public struct ConfusionMetrics: Sendable, Equatable {
    public let threshold: Double
    public let sensitivity: Double
    public let specificity: Double
    public let accuracy: Double
    public let ppv: Double
    public let npv: Double
    public let tp: Double
    public let tn: Double
    public let fp: Double
    public let fn: Double

    /// The metrics of `curve` at an arbitrary `threshold`.
    public init(_ curve: ROCCurve, threshold: Double) {
        let positive: (Double) -> Bool = curve.direction == .controlsBelowCases ? { $0 >= threshold } : { $0 <= threshold }
        let tpCount = curve.cases.reduce(0) { $0 + (positive($1) ? 1 : 0) }
        let tnCount = curve.controls.reduce(0) { $0 + (positive($1) ? 0 : 1) }
        self.init(threshold: threshold, sensitivity: Double(tpCount) / Double(curve.cases.count),
                  specificity: Double(tnCount) / Double(curve.controls.count), cases: curve.cases.count, controls: curve.controls.count)
    }

    /// pROC's calc.coords from a (threshold, se, sp) point of a curve with `cases` and `controls`.
    public init(threshold: Double, sensitivity se: Double, specificity sp: Double, cases m: Int, controls n: Int) {
        let tp = se * Double(m), tn = sp * Double(n)
        let fn = Double(m) - tp, fp = Double(n) - tn
        self.threshold = threshold
        sensitivity = se
        specificity = sp
        self.tp = tp
        self.tn = tn
        self.fp = fp
        self.fn = fn
        npv = 1 * tn / (tn + fn)
        ppv = 1 * tp / (tp + fp)
        accuracy = 1 * (tp + tn) / Double(m + n)
    }
}
