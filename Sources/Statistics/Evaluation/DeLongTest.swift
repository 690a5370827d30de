/// DeLong's tests comparing two AUCs, as pROC's `roc.test(roc1, roc2, method = "delong")`
/// (R/delong.R, R/roc.test.R), two-sided:
///
/// Paired (both curves on the same subjects, `paired = TRUE`): with the placements of each curve,
/// S_X = cov of the case placements (2 × 2, divisor m − 1), S_Y the same over controls (n − 1),
/// S = S_X / m + S_Y / n, d = θ₁ − θ₂, σ = √(Lᵀ S L) with L = (1, −1); Z = d / σ (0 when d = σ = 0),
/// p = 2 Φ(−|Z|), and the CI of the difference d ± z₁₋α/₂ σ.
///
/// Unpaired (different subjects, `paired = FALSE`): S_k = S_X,k / m_k + S_Y,k / n_k for each curve,
/// D = (θ₁ − θ₂) / √(S₁ + S₂), a t statistic with Welch–Satterthwaite-like df
/// (S₁ + S₂)² / (S₁² / (N₁ − 1) + S₂² / (N₂ − 1)) where N_k = m_k + n_k is the curve's total size;
/// p = 2 P(T_df ≤ −|D|).
///
/// Each curve keeps its own direction (pROC warns when they differ but still tests).
public struct DeLongPairedTest: Sendable, Equatable {
    public let auc1: Double
    public let auc2: Double
    public let difference: Double
    public let standardError: Double
    public let z: Double
    public let pValue: Double
    public let lower: Double
    public let upper: Double

    public enum Failure: Error, Equatable { case notPaired }

    /// The two curves must come from the same subjects (same outcomes in the same order).
    public init(_ a: ROCCurve, _ b: ROCCurve, level: Double = 0.95) throws {
        guard a.cases.count == b.cases.count, a.controls.count == b.controls.count else { throw Failure.notPaired }
        let pa = DeLongPlacements(a), pb = DeLongPlacements(b)
        let m = Double(a.cases.count), n = Double(a.controls.count)
        func cov(_ x: [Double], _ tx: Double, _ y: [Double], _ ty: Double, _ d: Double) -> Double {
            DeLongPlacements.crossSum(x, tx, y, ty) / (d - 1)
        }
        let sx11 = cov(pa.cases, pa.theta, pa.cases, pa.theta, m), sx12 = cov(pa.cases, pa.theta, pb.cases, pb.theta, m)
        let sx22 = cov(pb.cases, pb.theta, pb.cases, pb.theta, m)
        let sy11 = cov(pa.controls, pa.theta, pa.controls, pa.theta, n), sy12 = cov(pa.controls, pa.theta, pb.controls, pb.theta, n)
        let sy22 = cov(pb.controls, pb.theta, pb.controls, pb.theta, n)
        let s11 = sx11 / m + sy11 / n, s12 = sx12 / m + sy12 / n, s22 = sx22 / m + sy22 / n
        // Lᵀ S L as R's L %*% S %*% L: (S11 − S21) − (S12 − S22).
        let sig = ((s11 - s12) - (s12 - s22)).squareRoot()
        let d = pa.theta - pb.theta
        var zscore = d / sig
        if zscore.isNaN && d == 0 && sig == 0 { zscore = 0 }
        auc1 = a.auc
        auc2 = b.auc
        difference = d
        standardError = sig
        z = zscore
        pValue = 2 * Normal.cdf(-abs(zscore))
        let crit = Normal.quantile(1 - ((1 - level) / 2))
        upper = d + crit * sig
        lower = d - crit * sig
    }
}

/// pROC's unpaired DeLong test (see `DeLongPairedTest` for the formulas).
public struct DeLongUnpairedTest: Sendable, Equatable {
    public let auc1: Double
    public let auc2: Double
    public let statistic: Double
    public let df: Double
    public let pValue: Double

    public init(_ a: ROCCurve, _ b: ROCCurve) {
        let pa = DeLongPlacements(a), pb = DeLongPlacements(b)
        let (ax, ay) = pa.components, (bx, by) = pb.components
        let sr = ax / Double(a.cases.count) + ay / Double(a.controls.count)
        let ss = bx / Double(b.cases.count) + by / Double(b.controls.count)
        let ntotR = Double(a.cases.count + a.controls.count), ntotS = Double(b.cases.count + b.controls.count)
        let t = (pa.theta - pb.theta) / (sr + ss).squareRoot()
        let dfs = (sr + ss) * (sr + ss) / ((sr * sr / (ntotR - 1)) + (ss * ss / (ntotS - 1)))
        auc1 = a.auc
        auc2 = b.auc
        statistic = t
        df = dfs
        pValue = 2 * StudentT.cdf(-abs(t), df: dfs)
    }
}
