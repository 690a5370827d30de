import RealModule

/// The two-sample t test as R's `t.test(x, y, var.equal =, conf.level =)` (stats:::t.test.default),
/// two-sided, μ = 0.
///
/// - Welch (`varianceEqual = false`, R's default): se = √(se_x² + se_y²) with se_x = √(var x / n_x),
///   df = se⁴ / (se_x⁴ / (n_x − 1) + se_y⁴ / (n_y − 1)) (Welch–Satterthwaite).
/// - Student (`varianceEqual = true`): df = n_x + n_y − 2, pooled v = ((n_x − 1) var x + (n_y − 1) var y) / df,
///   se = √(v (1/n_x + 1/n_y)).
///
/// t = (mean x − mean y) / se, p = 2 P(T_df ≤ −|t|), CI = (t ∓ qt(1 − α/2, df)) · se with α = 1 − level.
/// Means and variances are R's (`RSum`: long-double accumulation), powers as R's `^` (x² = x·x, x⁴ = pow(x, 4)).
public struct TTest: Sendable, Equatable {
    public let statistic: Double
    public let df: Double
    public let pValue: Double
    public let lower: Double
    public let upper: Double
    public let meanX: Double
    public let meanY: Double
    public let standardError: Double
    public let varianceEqual: Bool

    /// NaN values are dropped first, as R drops NA.
    /// - Throws: `GroupTestError.notEnoughObservations` (Welch needs 2 per group; Student 1 per
    ///   group and 3 in all) or `.essentiallyConstant`.
    public init(_ x0: [Double], _ y0: [Double], varianceEqual: Bool = false, level: Double = 0.95) throws {
        let x = x0.filter { !$0.isNaN }, y = y0.filter { !$0.isNaN }
        let needed = varianceEqual ? 1 : 2
        guard x.count >= needed else { throw GroupTestError.notEnoughObservations(group: 0, count: x.count, needed: needed) }
        guard y.count >= needed else { throw GroupTestError.notEnoughObservations(group: 1, count: y.count, needed: needed) }
        guard x.count + y.count >= 3 else { throw GroupTestError.notEnoughObservations(group: 0, count: x.count, needed: 3 - y.count) }
        let nx = Double(x.count), ny = Double(y.count)
        let mx = RSum.mean(x), my = RSum.mean(y)
        let vx = RSum.variance(x), vy = RSum.variance(y)
        let degrees: Double, se: Double
        if varianceEqual {
            degrees = nx + ny - 2
            var v = 0.0
            if nx > 1 { v += (nx - 1) * vx }
            if ny > 1 { v += (ny - 1) * vy }
            v /= degrees
            se = (v * (1 / nx + 1 / ny)).squareRoot()
        } else {
            let sx = (vx / nx).squareRoot(), sy = (vy / ny).squareRoot()
            se = (sx * sx + sy * sy).squareRoot()
            degrees = Double.pow(se, 4.0) / (Double.pow(sx, 4.0) / (nx - 1) + Double.pow(sy, 4.0) / (ny - 1))
        }
        guard !(se < 10 * Double.ulpOfOne * max(abs(mx), abs(my))) else { throw GroupTestError.essentiallyConstant }
        let t = (mx - my) / se
        let alpha = 1 - level
        let q = StudentT.quantile(1 - alpha / 2, df: degrees)
        statistic = t
        df = degrees
        pValue = 2 * StudentT.cdf(-abs(t), df: degrees)
        lower = (t - q) * se
        upper = (t + q) * se
        meanX = mx
        meanY = my
        standardError = se
        self.varianceEqual = varianceEqual
    }
}
