/// pROC's stratified bootstrap, draw for draw: `set.seed(seed); ci.auc(roc, method = "bootstrap",
/// boot.n = B, boot.stratified = TRUE)` (R ≥ 3.6 default RNG kinds: Mersenne-Twister, Rejection
/// sampling). Each replicate (pROC's stratified.ci.auc) resamples the controls with
/// `sample(controls, replace = TRUE)` and then the cases the same way, rebuilds the curve with the
/// original direction and takes its trapezoid AUC; the interval is R's type-7 quantiles of the B
/// AUCs at (α/2, ½, 1 − α/2), α/2 = (1 − level)/2, replicates giving NaN dropped (pROC drops NAs).
///
/// Differences from R kept on purpose: with a single control (or case) R's `sample(x)` would draw
/// from 1:x (R's scalar quirk); here the single element is resampled.
public enum PROCBootstrap {
    /// The B replicate AUCs, each equal to pROC's bit for bit.
    public static func aucReplicates(_ curve: ROCCurve, count: Int, seed: Int32) -> [Double] {
        let g = curve.groups
        let m = curve.cases.count, n = curve.controls.count
        var rng = RMersenneTwister(setSeed: seed)
        var caseCounts = [Int](repeating: 0, count: g.values.count), controlCounts = caseCounts
        var out = [Double](repeating: 0, count: count)
        for b in 0..<count {
            for k in caseCounts.indices { caseCounts[k] = 0; controlCounts[k] = 0 }
            for _ in 0..<n { controlCounts[Int(g.controlGroup[rng.unifIndex(n)])] += 1 }
            for _ in 0..<m { caseCounts[Int(g.caseGroup[rng.unifIndex(m)])] += 1 }
            out[b] = g.pROCAUC(caseCounts: caseCounts, controlCounts: controlCounts, m: m, n: n, direction: curve.direction)
        }
        return out
    }

    /// Any statistic of the resampled (controls, cases), drawn as pROC draws them.
    public static func replicates(controls: [Double], cases: [Double], count: Int, seed: Int32,
                                  statistic: (_ controls: [Double], _ cases: [Double]) -> Double) -> [Double] {
        var rng = RMersenneTwister(setSeed: seed)
        var c = controls, k = cases
        return (0..<count).map { _ in
            for i in c.indices { c[i] = controls[rng.unifIndex(controls.count)] }
            for i in k.indices { k[i] = cases[rng.unifIndex(cases.count)] }
            return statistic(c, k)
        }
    }

    /// pROC's bootstrap CI of the AUC.
    public static func aucInterval(_ curve: ROCCurve, count: Int, seed: Int32, level: Double = 0.95) -> BootstrapInterval {
        BootstrapInterval(replicates: aucReplicates(curve, count: count, seed: seed), level: level)
    }
}

/// A percentile bootstrap interval as pROC reports it: R's `quantile(values, c(α/2, ½, 1 − α/2))`
/// (type 7) with α/2 = 0 + (1 − level)/2, after dropping NaN replicates.
public struct BootstrapInterval: Sendable, Equatable {
    public let lower: Double
    public let median: Double
    public let upper: Double
    public let level: Double
    /// Replicates used (NaNs dropped).
    public let count: Int

    public init(replicates: [Double], level: Double = 0.95) {
        let kept = replicates.filter { !$0.isNaN }
        let half = 0 + (1 - level) / 2
        let q = Quantile.type7(kept, [half, 0.5, 1 - half])
        lower = q[0]
        median = q[1]
        upper = q[2]
        self.level = level
        count = kept.count
    }
}
