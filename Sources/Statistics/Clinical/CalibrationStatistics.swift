import RealModule

/// Apparent calibration statistics of predicted risks against 0/1 outcomes, as rms::val.prob (rms 6.5) names them:
/// - `brier`: mean (p − y)².
/// - `intercept`, `slope`: the logistic recalibration fit y ~ a + b · logit(p) (val.prob's lrm.fit(logit, y);
///   risks of exactly 0 or 1 are left out of it, as val.prob does). Ideal: 0 and 1.
/// - `interceptInTheLarge`: a of y ~ a + offset(logit(p)) (calibration-in-the-large; not printed by val.prob).
/// - `eavg`, `emax`, `e90`: mean, max and 0.9 quantile of |p − s(p)|, s = lowess(p, y, iter = 0) evaluated at p
///   (approx with ties = mean).
/// - `spiegelhalterZ`, `spiegelhalterP`: Σ(y − p)(1 − 2p) / √Σ(1 − 2p)² p(1 − p) and its two-sided normal p.
public struct CalibrationStatistics: Sendable {
    public let brier: Double
    public let intercept: Double
    public let slope: Double
    public let interceptInTheLarge: Double
    public let eavg: Double, emax: Double, e90: Double
    public let spiegelhalterZ: Double, spiegelhalterP: Double

    public init(risk p: [Double], outcome y: [Double]) throws {
        guard p.count == y.count, p.count > 1 else { throw ClinicalStatisticsError.lengthMismatch(p.count, y.count) }
        for (i, o) in y.enumerated() where o != 0 && o != 1 { throw ClinicalStatisticsError.outcomeNotBinary(row: i, value: o) }
        for (i, r) in p.enumerated() where !(r >= 0 && r <= 1) { throw ClinicalStatisticsError.riskOutOfRange(row: i, value: r) }
        guard y.contains(0), y.contains(1) else { throw ClinicalStatisticsError.singleClass }
        brier = RSum.mean(zip(p, y).map { ($0 - $1) * ($0 - $1) })
        let logit = p.map { Double.log($0 / (1 - $0)) }
        let keep = logit.indices.filter { logit[$0].isFinite }
        let lx = keep.map { logit[$0] }, ly = keep.map { y[$0] }
        let recal = try logisticFit(x: lx, y: ly)
        intercept = recal.a
        slope = recal.b
        interceptInTheLarge = try offsetInterceptFit(offset: lx, y: ly)
        let smooth = Lowess(x: p, y: y, iterations: 0)
        let s = smooth.evaluate(at: p, ties: .mean)
        let er = zip(p, s).map { abs($0 - ($1 ?? .nan)) }
        eavg = RSum.mean(er)
        emax = er.max() ?? .nan
        e90 = Quantile.type7(sorted: er.sorted(), 0.9)
        var num = 0.0, den = 0.0
        for (pi, yi) in zip(p, y) {
            num += (yi - pi) * (1 - 2 * pi)
            den += (1 - 2 * pi) * (1 - 2 * pi) * pi * (1 - pi)
        }
        spiegelhalterZ = num / den.squareRoot()
        spiegelhalterP = 2 * Normal.cdf(-abs(spiegelhalterZ))
    }
}

/// R's plogis: 1 / (1 + exp(−x)).
@inline(__always) package func rPlogis(_ x: Double) -> Double { 1 / (1 + Double.exp(-x)) }

/// Maximum-likelihood y ~ a + b·x by Newton–Raphson, iterated until the step no longer changes the estimates
/// (the MLE lrm.fit converges to).
private func logisticFit(x: [Double], y: [Double]) throws -> (a: Double, b: Double) {
    var a = 0.0, b = 1.0
    for _ in 0..<100 {
        var g0 = 0.0, g1 = 0.0, h00 = 0.0, h01 = 0.0, h11 = 0.0
        for (xi, yi) in zip(x, y) {
            let m = rPlogis(a + b * xi)
            let w = m * (1 - m)
            g0 += yi - m; g1 += (yi - m) * xi
            h00 += w; h01 += w * xi; h11 += w * xi * xi
        }
        let det = h00 * h11 - h01 * h01
        guard det > 0 else { throw ClinicalStatisticsError.fitFailed("singular recalibration fit") }
        let da = (h11 * g0 - h01 * g1) / det, db = (h00 * g1 - h01 * g0) / det
        a += da; b += db
        if abs(da) <= 1e-15 * max(1, abs(a)) && abs(db) <= 1e-15 * max(1, abs(b)) { return (a, b) }
    }
    return (a, b)
}

/// Maximum-likelihood a of y ~ a + offset(o) by Newton–Raphson.
private func offsetInterceptFit(offset: [Double], y: [Double]) throws -> Double {
    var a = 0.0
    for _ in 0..<100 {
        var g = 0.0, h = 0.0
        for (oi, yi) in zip(offset, y) {
            let m = rPlogis(a + oi)
            g += yi - m; h += m * (1 - m)
        }
        guard h > 0 else { throw ClinicalStatisticsError.fitFailed("degenerate calibration-in-the-large fit") }
        let step = g / h
        a += step
        if abs(step) <= 1e-15 * max(1, abs(a)) { return a }
    }
    return a
}
