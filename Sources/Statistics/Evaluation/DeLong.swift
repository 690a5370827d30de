/// DeLong, DeLong & Clarke-Pearson (1988) structural components ("placements") of an empirical AUC
/// and the variance and confidence interval built from them, as pROC computes them (src/delong.cpp
/// `delongPlacementsCpp`, R/delong.R `ci_auc_delong`):
///
/// - for case i, Xᵢ = (#controls below + ½ #controls tied) / n; for control j,
///   Yⱼ = 1 − (#cases below + ½ #cases tied) / m ("below" on the side the direction calls negative:
///   pROC negates all scores for ">");
/// - θ = Σᵢ (n Xᵢ) / m / n (the Mann–Whitney AUC, accumulated in double in case order);
/// - S_X = Σ (Xᵢ − θ)² / (m − 1), S_Y = Σ (Yⱼ − θ)² / (n − 1), Var(θ) = S_X / m + S_Y / n (R sums);
/// - CI: R's `qnorm(c(α/2, ½, 1 − α/2), mean = θ, sd = √Var)` with α/2 = (1 − level)/2, bounds
///   clamped to [0, 1] as ci.auc does. The middle value is θ itself.
public struct DeLongPlacements: Sendable {
    /// θ, the Mann–Whitney AUC.
    public let theta: Double
    /// Xᵢ, one per case (input order).
    public let cases: [Double]
    /// Yⱼ, one per control (input order).
    public let controls: [Double]

    public init(_ curve: ROCCurve) {
        let g = curve.groups
        let m = curve.cases.count, n = curve.controls.count
        let count = g.values.count
        // Unnormalised placements per group, visiting groups from the negative side upwards.
        var caseXY = [Double](repeating: 0, count: count), controlXY = [Double](repeating: 0, count: count)
        var casesBelow = 0, controlsBelow = 0
        let order: [Int] = curve.direction == .controlsBelowCases ? Array(0..<count) : Array((0..<count).reversed())
        for k in order {
            let mk = g.caseCounts[k], nk = g.controlCounts[k]
            caseXY[k] = Double(controlsBelow) + Double(nk) / 2.0
            controlXY[k] = Double(casesBelow) + Double(mk) / 2.0
            casesBelow += mk
            controlsBelow += nk
        }
        var sum = 0.0
        var x = [Double](repeating: 0, count: m), y = [Double](repeating: 0, count: n)
        for i in 0..<m {
            let v = caseXY[Int(g.caseGroup[i])]
            sum += v
            x[i] = v / Double(n)
        }
        for j in 0..<n { y[j] = 1.0 - controlXY[Int(g.controlGroup[j])] / Double(m) }
        theta = sum / Double(m) / Double(n)
        cases = x
        controls = y
    }

    /// Σ (aᵢ − θa)(bᵢ − θb) as R's `sum(...)`.
    static func crossSum(_ a: [Double], _ ta: Double, _ b: [Double], _ tb: Double) -> Double {
        var s = RSum()
        for i in a.indices { s.add((a[i] - ta) * (b[i] - tb)) }
        return s.value
    }

    /// S_X = Σ (Xᵢ − θ)² / (m − 1) and S_Y = Σ (Yⱼ − θ)² / (n − 1).
    var components: (sx: Double, sy: Double) {
        (Self.crossSum(cases, theta, cases, theta) / Double(cases.count - 1),
         Self.crossSum(controls, theta, controls, theta) / Double(controls.count - 1))
    }

    /// DeLong's Var(θ) = S_X / m + S_Y / n (pROC `var(roc, method = "delong")`); NaN with fewer
    /// than two cases or two controls.
    public var variance: Double {
        guard cases.count > 1 && controls.count > 1 else { return .nan }
        let (sx, sy) = components
        return sx / Double(cases.count) + sy / Double(controls.count)
    }
}

/// pROC's `ci.auc(roc, method = "delong", conf.level = level)`: lower, θ, upper.
public struct DeLongInterval: Sendable, Equatable {
    public let lower: Double
    public let estimate: Double
    public let upper: Double
    public let variance: Double
    public let level: Double

    /// NaN bounds (pROC: NA) with fewer than two cases or two controls.
    public init(_ curve: ROCCurve, level: Double = 0.95) {
        let p = DeLongPlacements(curve)
        let v = p.variance
        self.level = level
        variance = v
        guard !v.isNaN else {
            lower = .nan; estimate = .nan; upper = .nan
            return
        }
        let sd = v.squareRoot()
        let alpha = 0 + (1 - level) / 2
        func clamp(_ q: Double) -> Double { q > 1 ? 1 : (q < 0 ? 0 : q) }
        lower = clamp(p.theta + sd * Normal.quantile(alpha))
        estimate = clamp(p.theta + sd * Normal.quantile(0.5))
        upper = clamp(p.theta + sd * Normal.quantile(1 - alpha))
    }
}
