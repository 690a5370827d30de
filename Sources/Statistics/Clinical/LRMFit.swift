import RealModule

/// rms::lrm.fit (rms 6.5-0) for a binary outcome, without offset, weights or penalty: the Fortran
/// `LRMFIT` / `LLOGIT` Newton–Raphson (rms src/lrmfit.f) step for step, so the estimates are R's to the
/// last bit, including where R stops early.
///
/// Start: intercept logit(n₁/n), slopes 0. Each iteration (at most `maxIterations` − 1) evaluates at β the
/// −2 log L, the score U and the information V (LLOGIT, kint = 1: per row, bx = b₀ + Σⱼ bⱼxⱼ summed in
/// column order, p = 1/(1 + exp(−clamp(bx, −30, 30))), U += (y − p)·x, V += p(1 − p)·xᵢxⱼ; p ≥ 1 with
/// y = 0 or p ≤ 0 with y = 1 is divergence and ends the pass), then
///
/// - stops if max|U| < 1e-9 and |−2LL − old| < eps/10;
/// - if −2LL rose or the pass diverged: fails on the first iteration, else halves the step
///   (β ← β − s·Δ with s halved);
/// - else solves V Δ = U (ainvb: `dqrdc2` with `tolerance`, then `dqrsl`; rank < p fails as
///   singular), sets β ← β + Δ and stops if |old − (−2LL)| ≤ eps (the −2LL of the point *before* the
///   step), otherwise old ← −2LL.
///
/// Running out of iterations (with maxIterations > 2) is a failure, as is divergence in the final
/// evaluation at the estimates (lrm.fit's `fail = TRUE`). rms::calibrate refits with `tol = 1e-13`;
/// lrm() itself passes its default `tol = 1e-7`; `eps = 0.025` and `maxit = 12` are lrm.fit's defaults.
public struct LRMFit: Sendable {
    /// Intercept first, then one slope per column.
    public let coefficients: [Double]
    /// −2 log L of the intercept-only model and at the estimates (lrm.fit's `deviance`).
    public let nullDeviance: Double, deviance: Double
    /// The score vector at the estimates (lrm.fit's `u`; "Max Deriv" is its largest absolute value).
    public let score: [Double]
    /// Passes of the Newton loop run before it stopped (step-halving passes included).
    public let iterations: Int

    /// - Parameters:
    ///   - x: the design rows (predictors only, no intercept column), all of the same length.
    ///   - outcome: 0/1 outcomes, both present.
    ///   - tolerance: the singularity tolerance of the QR solve (lrm.fit's `tol`).
    ///   - eps: the convergence criterion on −2 log L (lrm.fit's `eps`).
    ///   - maxIterations: lrm.fit's `maxit`.
    public init(x: [[Double]], outcome: [Double], tolerance: Double = 1e-7, eps: Double = 0.025, maxIterations: Int = 12) throws {
        let n = outcome.count
        guard x.count == n else { throw ClinicalStatisticsError.lengthMismatch(x.count, n) }
        guard n >= 3 else { throw ClinicalStatisticsError.invalidArgument("lrm.fit needs at least 3 rows") }
        let columns = x.first?.count ?? 0
        var design = [Double](repeating: 0, count: n * columns)   // row-major
        var y = [Bool](repeating: false, count: n)
        var events = 0
        for i in 0..<n {
            guard x[i].count == columns else { throw ClinicalStatisticsError.invalidArgument("row \(i + 1) has \(x[i].count) predictors, not \(columns)") }
            guard outcome[i] == 0 || outcome[i] == 1 else { throw ClinicalStatisticsError.outcomeNotBinary(row: i, value: outcome[i]) }
            for j in 0..<columns { design[i * columns + j] = x[i][j] }
            y[i] = outcome[i] == 1
            if y[i] { events += 1 }
        }
        guard events > 0 && events < n else { throw ClinicalStatisticsError.singleClass }
        let p = columns + 1
        // lrm.fit: initial <- log(pp / (1 - pp)), pp = (count of the upper level) / n.
        let pp = Double(events) / Double(n)
        var beta = [Double](repeating: 0, count: p)
        beta[0] = Double.log(pp / (1 - pp))
        // loglik <- -2 * sum(sumwty * log(sumwty / sum(sumwty))), R's long-double sum.
        var null = RSum()
        for count in [Double(n - events), Double(events)] { null.add(count * Double.log(count / Double(n))) }
        nullDeviance = -2 * null.value

        var evaluation = LRMLikelihood(design: design, outcome: y, columns: columns)
        var old = 1e30, step = 1.0
        var delta = [Double](repeating: 0, count: p)
        var passes = 0
        if maxIterations >= 2 {
            var converged = false
            for iteration in 1...(maxIterations - 1) {
                passes = iteration
                evaluation.evaluate(at: beta)
                var dmax = 0.0
                for u in evaluation.score { dmax = max(dmax, abs(u)) }
                if dmax < 1e-9 && abs(evaluation.deviance - old) < 0.1 * eps { converged = true; break }
                if evaluation.deviance > old || evaluation.diverged {
                    if iteration == 1 { throw ClinicalStatisticsError.fitFailed("lrm.fit diverged at the starting values") }
                    step /= 2
                    for j in 0..<p { beta[j] = beta[j] - step * delta[j] }
                    continue
                }
                step = 1
                delta = try LRMFit.solve(packedInformation: evaluation.information, score: evaluation.score, size: p, tolerance: tolerance)
                for j in 0..<p { beta[j] = beta[j] + delta[j] }
                if abs(old - evaluation.deviance) <= eps { converged = true; break }
                old = evaluation.deviance
            }
            if !converged && maxIterations > 2 {
                throw ClinicalStatisticsError.fitFailed("lrm.fit did not converge in \(maxIterations) iterations")
            }
        }
        evaluation.evaluate(at: beta)
        if evaluation.diverged { throw ClinicalStatisticsError.fitFailed("lrm.fit diverged (a fitted probability reached 0 or 1)") }
        coefficients = beta
        deviance = evaluation.deviance
        score = evaluation.score
        iterations = passes
    }

    /// rms ainvb: V⁻¹U for the symmetric V stored as its packed lower triangle, by R's `dqrdc2` QR of the
    /// full square matrix and the `dqrsl` solve; a rank below `size` is lrm.fit's singular-information failure.
    static func solve(packedInformation v: [Double], score: [Double], size k: Int, tolerance: Double) throws -> [Double] {
        var square = [Double](repeating: 0, count: k * k)   // column-major; symmetric, so either order
        for i in 0..<k {
            for j in 0..<k {
                let (hi, lo) = i >= j ? (i, j) : (j, i)
                square[j * k + i] = v[hi * (hi + 1) / 2 + lo]
            }
        }
        let qr = HouseholderQR(columnMajor: square, rows: k, columns: k, tolerance: tolerance)
        guard qr.rank == k else {
            throw ClinicalStatisticsError.fitFailed("singular information matrix in lrm.fit (rank \(qr.rank) of \(k))")
        }
        return qr.solve(score).coefficients
    }
}

/// rms LLOGIT for one intercept (kint = 1) without offset, weights or penalty: −2 log L, the score and the
/// packed lower-triangular information at β, accumulated row by row in the Fortran's order.
struct LRMLikelihood {
    let design: [Double]
    let outcome: [Bool]
    let columns: Int
    private(set) var deviance = 0.0
    private(set) var score: [Double]
    private(set) var information: [Double]
    private(set) var diverged = false

    init(design: [Double], outcome: [Bool], columns: Int) {
        self.design = design; self.outcome = outcome; self.columns = columns
        score = [Double](repeating: 0, count: columns + 1)
        information = [Double](repeating: 0, count: (columns + 1) * (columns + 2) / 2)
    }

    /// rms `lprob`: the logistic function of the argument clamped to [−30, 30].
    @inline(__always) static func probability(_ eta: Double) -> Double {
        1 / (1 + Double.exp(-min(max(eta, -30), 30)))
    }

    /// On divergence the pass stops where the Fortran returns: the log-likelihood stays the partial sum
    /// (not yet multiplied by −2) and the derivatives partial, as LRMFIT then sees them.
    mutating func evaluate(at beta: [Double]) {
        let p = columns + 1
        for j in 0..<p { score[j] = 0 }
        for k in information.indices { information[k] = 0 }
        var loglik = 0.0
        diverged = false
        var c = [Double](repeating: 1, count: p)
        for row in 0..<outcome.count {
            var bx = 0.0
            for i in 0..<p {
                if i > 0 { c[i] = design[row * columns + i - 1] }
                bx = bx + beta[i] * c[i]
            }
            let prob = LRMLikelihood.probability(bx)
            let variance = prob * (1 - prob)
            let dy: Double
            if outcome[row] {
                if prob <= 0 { diverged = true; deviance = loglik; return }
                loglik = loglik + Double.log(prob)
                dy = 1
            } else {
                if prob >= 1 { diverged = true; deviance = loglik; return }
                loglik = loglik + Double.log(1 - prob)
                dy = 0
            }
            var k = 0
            for i in 0..<p {
                let xi = c[i]
                score[i] = score[i] + (dy - prob) * xi
                for j in 0...i {
                    information[k] = information[k] + variance * xi * c[j]
                    k += 1
                }
            }
        }
        deviance = -2 * loglik
    }
}
