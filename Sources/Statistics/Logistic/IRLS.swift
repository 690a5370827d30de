import RealModule

/// What `glm.fit` returns for a binomial-logit model, before `summary.glm`.
package struct IRLSResult: Sendable {
    /// In the design's column order; NaN for aliased columns (R's NA).
    package var coefficients: [Double]
    package var fitted: [Double]
    package var linearPredictor: [Double]
    package var deviance: Double
    package var nullDeviance: Double
    package var aic: Double
    package var rank: Int
    package var iterations: Int
    package var converged: Bool
    package var boundary: Bool
    package var warnings: [String]
    /// The QR of the last weighted least-squares step (what `summary.glm` inverts).
    package var qr: HouseholderQR
}

/// Iteratively reweighted least squares exactly as R's `glm.fit` (R 4.2, stats/R/glm.R) for
/// `family = binomial()` with unit prior weights and no offset:
/// - start: mustart = (y + 0.5) / 2, η = logit(mustart); devold = deviance(mustart);
/// - each iteration: z = η + (y − μ)/μ′(η), w = √(μ′² / V(μ)), a pivoted Householder least-squares
///   fit of z·w on X·w (`C_Cdqrls`, tolerance min(1e-7, ε/1000) = 1e-11), η = Xβ (aliased β = 0);
/// - stop when |dev − devold| / (|dev| + 0.1) < ε = 1e-8, or after maxit = 25 iterations with the
///   warning "glm.fit: algorithm did not converge";
/// - warn "glm.fit: fitted probabilities numerically 0 or 1 occurred" if any μ is within 10·ε of 0 or 1.
/// A logit fit cannot produce an infinite deviance or an invalid μ (the inverse link is clamped), so
/// `glm.fit`'s step-halving branches never run; they are not reproduced.
package enum IRLS {
    package static let epsilon = 1e-8
    package static let maxIterations = 25

    /// - Parameters:
    ///   - x: column-major n × p design (intercept column included by the caller).
    ///   - y: 0/1 responses.
    package static func fit(columnMajor x: [Double], rows n: Int, columns p: Int, y: [Double],
                            epsilon: Double = IRLS.epsilon, maxIterations: Int = IRLS.maxIterations) -> IRLSResult {
        precondition(x.count == n * p && y.count == n && p > 0 && n > 0)
        var eta = y.map { BinomialLogit.link((1 * $0 + 0.5) / (1 + 1)) }
        var mu = eta.map(BinomialLogit.inverseLink)
        var devold = BinomialLogit.deviance(y, mu)
        var dev = devold
        var converged = false
        var start = [Double](repeating: 0, count: p)
        var coef = start
        var qr = HouseholderQR(columnMajor: [], rows: 0, columns: 0, tolerance: 0)
        var wx = [Double](repeating: 0, count: n * p)
        var wz = [Double](repeating: 0, count: n)
        var iterations = 0
        let tolerance = min(1e-7, epsilon / 1000)
        for iter in 1...maxIterations {
            iterations = iter
            for i in 0..<n {
                let m = BinomialLogit.muEta(eta[i])
                let z = eta[i] + (y[i] - mu[i]) / m
                let w = ((1 * (m * m)) / BinomialLogit.variance(mu[i])).squareRoot()
                wz[i] = z * w
                for j in 0..<p { wx[j * n + i] = x[j * n + i] * w }
            }
            qr = HouseholderQR(columnMajor: wx, rows: n, columns: p, tolerance: tolerance)
            let solved = qr.solve(wz).coefficients
            for j in 0..<p { start[qr.pivot[j]] = solved[j] }
            // η = X β as the reference dgemv accumulates it: column by column.
            for i in 0..<n { eta[i] = 0 }
            for j in 0..<p {
                let b = start[j]
                for i in 0..<n { eta[i] += b * x[j * n + i] }
            }
            for i in 0..<n { mu[i] = BinomialLogit.inverseLink(eta[i]) }
            dev = BinomialLogit.deviance(y, mu)
            if abs(dev - devold) / (0.1 + abs(dev)) < epsilon {
                converged = true
                coef = start
                break
            }
            devold = dev
            coef = start
        }
        var warnings: [String] = []
        if !converged { warnings.append("glm.fit: algorithm did not converge") }
        let eps = 10 * Double.ulpOfOne
        if mu.contains(where: { $0 > 1 - eps || $0 < eps }) {
            warnings.append("glm.fit: fitted probabilities numerically 0 or 1 occurred")
        }
        for j in qr.rank..<max(qr.rank, p) { coef[qr.pivot[j]] = .nan }
        let aic = BinomialLogit.aicTerm(y, mu) + 2 * Double(qr.rank)
        return IRLSResult(coefficients: coef, fitted: mu, linearPredictor: eta, deviance: dev,
                          nullDeviance: BinomialLogit.nullDeviance(y), aic: aic, rank: qr.rank,
                          iterations: iterations, converged: converged, boundary: false, warnings: warnings, qr: qr)
    }
}
