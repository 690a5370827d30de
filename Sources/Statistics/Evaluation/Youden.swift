/// pROC's optimal cut-off by Youden's index: `coords(roc, "best", best.method = "youden")` with the
/// default best.weights c(1, 0.5), so the criterion is se + r · sp with r = (1 − 0.5)/(1 · 0.5) = 1,
/// i.e. J + 1 = se + sp. Every point of the curve reaching the maximum is returned (pROC returns them
/// all, as rows, in the curve's order: increasing specificity); `best` is the first of them.
/// The reported `youden` is se + sp as pROC's column (not se + sp − 1).
public struct YoudenCutoff: Sendable, Equatable {
    /// All tied optimal points, in pROC's order.
    public let points: [ConfusionMetrics]
    /// max(se + sp) over the curve.
    public let youden: Double

    public init(_ curve: ROCCurve) {
        let r = (1 - 0.5) / (1 * 0.5)
        let crit = zip(curve.sensitivities, curve.specificities).map { $0 + r * $1 }
        let best = crit.max() ?? .nan
        youden = best
        points = crit.indices.filter { crit[$0] == best }.map {
            ConfusionMetrics(threshold: curve.thresholds[$0], sensitivity: curve.sensitivities[$0],
                             specificity: curve.specificities[$0], cases: curve.cases.count, controls: curve.controls.count)
        }
    }

    /// The first optimal point (pROC's first row).
    public var best: ConfusionMetrics { points[0] }
}
