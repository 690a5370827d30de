import RealModule

/// glmnet's two-class binomial solver (glmnet 4.1-6: glmnetpp `ElnetPointInternal<binomial, two_class>`,
/// driven by `ElnetPointNonLinearCRTPBase::irls`), with the same update order and stopping rules so it lands
/// on the same iterate, not only on the same optimum:
///
/// - Outer loop (IRLS, quadratic approximation): q_i = 1/(1 + e^(−η_i)) (0 or 1 beyond |η| > log(1/pmin − 1)),
///   v_i = w_i q_i (1 − q_i), working residual r_i = w_i (y_i − q_i), Hessian diagonal xv_j = Σ v_i x_ij²
///   (recomputed for the strong set each round: type.logistic = "Newton").
/// - Inner loop (weighted least squares by naive coordinate descent, no covariance matrix): a pass over the
///   strong set, then passes over the active set until max_j xv_j Δβ_j² < thresh · dev0, then a pass over
///   the strong set again, until that one converges too. Coordinate j:
///   u = Σ r_i x_ij + xv_j β_j; β_j ← S(u, λα) / (xv_j + λ(1 − α)); r ← r − Δβ_j v ∘ x_j. The intercept
///   follows each pass: Δ = Σ r_i / Σ v_i.
/// - IRLS converges when Σv·Δa₀² and every active xv_j Δβ_j² (change over the round) are ≤ thresh · dev0;
///   then |Σ r_i x_ij| is recomputed for the predictors outside the strong set and any above λα joins it
///   (KKT check), which restarts the rounds.
/// - The strong set for λ_m starts as {j : |g_j| > α(2λ_m − λ_{m−1})} (sequential strong rule).
///
/// Buffers are raw and owned here: this is the hot kernel of cv.glmnet.
final class LogisticCoordinateDescent {
    static let pmin = 1e-9
    static let big = 9.9e35
    let fmax = Double.log(1 / LogisticCoordinateDescent.pmin - 1)
    let vmin = (1 + LogisticCoordinateDescent.pmin) * LogisticCoordinateDescent.pmin * (1 - LogisticCoordinateDescent.pmin)

    let n: Int, p: Int
    let x: UnsafeMutablePointer<Double>       // n × p standardized, column-major
    let w: UnsafeMutablePointer<Double>       // observation weights (1/n)
    let y: UnsafeMutablePointer<Double>       // 0/1
    let q: UnsafeMutablePointer<Double>       // fitted probabilities
    let v: UnsafeMutablePointer<Double>       // IRLS weights w q (1 − q)
    let r: UnsafeMutablePointer<Double>       // working residual
    let eta: UnsafeMutablePointer<Double>     // linear predictor scratch
    let b: UnsafeMutablePointer<Double>       // β̃ (standardized scale)
    let bs: UnsafeMutablePointer<Double>      // β̃ at the start of the IRLS round
    let xv: UnsafeMutablePointer<Double>      // Σ v x²
    let ga: UnsafeMutablePointer<Double>      // |Σ r x| (last computed)
    let strong: UnsafeMutablePointer<Bool>
    let included: UnsafeMutablePointer<Bool>
    let isActive: UnsafeMutablePointer<Bool>
    let active: UnsafeMutablePointer<Int>     // active set in order of entry
    private(set) var activeCount = 0
    private(set) var b0 = 0.0
    private var bs0 = 0.0
    private(set) var xmz = 0.0                // Σ v
    private var dlx = 0.0
    /// −(a₀ q̄ + log(1 − q̄)) at the null model: half the null deviance per unit weight (glmnet's dev1).
    private(set) var nullDevianceTerm = 0.0
    private(set) var dev0 = 0.0
    private var thr = 0.0
    private(set) var passes = 0
    let maxPasses: Int
    let standardization: LassoStandardization

    enum Interrupt: Error { case maxPassesReached }

    /// Copies `x` and standardizes it; `positive[i]` is y_i = 1.
    init(x source: LassoMatrix, positive: [Bool], standardize: Bool, maxPasses: Int) {
        n = source.rowCount; p = source.columnCount
        self.maxPasses = maxPasses
        let copy = UnsafeMutablePointer<Double>.allocate(capacity: source.rowCount * source.columnCount)
        source.values.withUnsafeBufferPointer { copy.initialize(from: $0.baseAddress!, count: $0.count) }
        x = copy
        w = .allocate(capacity: n); y = .allocate(capacity: n); q = .allocate(capacity: n)
        v = .allocate(capacity: n); r = .allocate(capacity: n); eta = .allocate(capacity: n)
        b = .allocate(capacity: p); bs = .allocate(capacity: p); xv = .allocate(capacity: p); ga = .allocate(capacity: p)
        strong = .allocate(capacity: p); included = .allocate(capacity: p); isActive = .allocate(capacity: p)
        active = .allocate(capacity: p)
        w.initialize(repeating: 1 / Double(n), count: n)
        for i in 0..<n { y[i] = positive[i] ? 1 : 0 }
        for buffer in [q, v, r, eta] { buffer.initialize(repeating: 0, count: n) }
        for buffer in [b, bs, xv, ga] { buffer.initialize(repeating: 0, count: p) }
        strong.initialize(repeating: false, count: p)
        isActive.initialize(repeating: false, count: p)
        active.initialize(repeating: 0, count: p)
        standardization = LassoStandardization.apply(to: x, rows: n, columns: p, weights: w, standardize: standardize)
        for j in 0..<p { included[j] = standardization.included[j] }
    }

    deinit {
        for buffer in [x, w, y, q, v, r, eta, b, bs, xv, ga] { buffer.deallocate() }
        strong.deallocate(); included.deallocate(); isActive.deallocate(); active.deallocate()
    }

    /// The null model (glmnetpp `construct`, no offset): a₀ = logit(ȳ), r = w(y − ȳ), dev0, the scaled
    /// threshold thresh · dev0 and the first |gradient| of every included predictor.
    func start(threshold: Double) {
        let q0 = LassoKernels.dot(w, y, n)
        let bz = Double.log(q0 / (1 - q0))
        let vi = q0 * (1 - q0)
        b0 = bz
        for i in 0..<n {
            v[i] = vi * w[i]
            r[i] = w[i] * (y[i] - q0)
            q[i] = q0
        }
        xmz = vi
        nullDevianceTerm = -(bz * q0 + Double.log(1 - q0))
        dev0 = nullDevianceTerm  // + Σ w y log y + w (1 − y) log(1 − y), which vanish for 0/1 outcomes
        thr = threshold * dev0
        for j in 0..<p where included[j] { ga[j] = abs(LassoKernels.dot(r, x + j * n, n)) }
    }

    /// Adds to the strong set every included predictor with |g_j| > tlam (glmnet's compute_strong_map).
    /// - Returns: whether any predictor was added.
    @discardableResult
    func extendStrongSet(above tlam: Double) -> Bool {
        var added = false
        for k in 0..<p where !strong[k] && included[k] && ga[k] > tlam {
            strong[k] = true
            added = true
        }
        return added
    }

    /// max over included predictors with a penalty of |g_j| (the λ at which the first one enters, × α).
    func maxAbsGradient() -> Double {
        var m = 0.0
        for j in 0..<p where included[j] { m = max(m, ga[j]) }
        return m
    }

    /// Fits one λ from the current iterate (glmnetpp `irls`).
    /// - Parameters:
    ///   - l1: λα; l2: λ(1 − α); tlam: the strong-rule threshold α(2λ − λ_prev).
    /// - Returns: false when Σv fell to vmin (a perfect fit), as glmnet's `is_total_var_too_small`.
    func fitPoint(l1: Double, l2: Double, tlam: Double) throws(Interrupt) -> Bool {
        extendStrongSet(above: tlam)
        while true {
            if passes > maxPasses { throw .maxPassesReached }
            bs0 = b0
            for l in 0..<activeCount { bs[active[l]] = b[active[l]] }
            for j in 0..<p where strong[j] { xv[j] = LassoKernels.weightedSquares(v, x + j * n, n) }
            try weightedLeastSquares(l1: l1, l2: l2)
            if !updateQuadraticApproximation() { return false }
            if roundConverged() {
                refreshGradientOutsideStrongSet()
                if !extendStrongSet(above: l1) { return true }
            }
        }
    }

    /// ga_k = |Σ r_i x_ik| for the included predictors outside the strong set, two columns per sweep.
    private func refreshGradientOutsideStrongSet() {
        var pending = -1
        for k in 0..<p where !strong[k] && included[k] {
            if pending < 0 { pending = k; continue }
            let (g1, g2) = LassoKernels.dot2(r, x + pending * n, x + k * n, n)
            ga[pending] = abs(g1); ga[k] = abs(g2)
            pending = -1
        }
        if pending >= 0 { ga[pending] = abs(LassoKernels.dot(r, x + pending * n, n)) }
    }

    /// Coordinate descent on the current quadratic approximation (glmnet's `wls`).
    private func weightedLeastSquares(l1: Double, l2: Double) throws(Interrupt) {
        while true {
            passes += 1
            dlx = 0
            for k in 0..<p where strong[k] { updateCoordinate(k, l1: l1, l2: l2, mayEnter: true) }
            updateIntercept()
            if dlx < thr { return }
            if passes > maxPasses { throw .maxPassesReached }
            while true {
                passes += 1
                dlx = 0
                for l in 0..<activeCount { updateCoordinate(active[l], l1: l1, l2: l2, mayEnter: false) }
                updateIntercept()
                if dlx < thr { break }
                if passes > maxPasses { throw .maxPassesReached }
            }
        }
    }

    @inline(__always)
    private func updateCoordinate(_ k: Int, l1: Double, l2: Double, mayEnter: Bool) {
        let xk = x + k * n
        let old = b[k]
        let u = LassoKernels.dot(r, xk, n) + old * xv[k]
        let shrunk = abs(u) - l1
        let new = shrunk > 0 ? Double(signOf: u, magnitudeOf: shrunk) / (xv[k] + l2) : 0
        if new == old { return }
        b[k] = new
        if mayEnter && !isActive[k] {
            isActive[k] = true
            active[activeCount] = k
            activeCount += 1
        }
        let d = new - old
        dlx = max(xv[k] * d * d, dlx)
        LassoKernels.subtractScaledProduct(r, d, v, xk, n)
    }

    @inline(__always)
    private func updateIntercept() {
        let d = LassoKernels.sum(r, n) / xmz
        if d != 0 {
            b0 += d
            dlx = max(xmz * d * d, dlx)
            LassoKernels.subtractScaled(r, d, v, n)
        }
    }

    /// New q, v, Σv and r at the current coefficients (glmnet's update_irls_invariants).
    /// - Returns: false when Σv ≤ vmin.
    private func updateQuadraticApproximation() -> Bool {
        for i in 0..<n { eta[i] = b0 }
        for l in 0..<activeCount {
            let k = active[l]
            LassoKernels.addScaled(eta, b[k], x + k * n, n)
        }
        for i in 0..<n {
            let fi = eta[i]
            q[i] = fi < -fmax ? 0 : (fi > fmax ? 1 : 1 / (1 + Double.exp(-fi)))
            v[i] = w[i] * q[i] * (1 - q[i])
        }
        xmz = LassoKernels.sum(v, n)
        if xmz <= vmin { return false }
        for i in 0..<n { r[i] = w[i] * (y[i] - q[i]) }
        return true
    }

    /// Whether no coefficient moved by more than the threshold over this IRLS round (glmnet's has_converged_irls).
    private func roundConverged() -> Bool {
        let d0 = b0 - bs0
        if xmz * d0 * d0 > thr { return false }
        for l in 0..<activeCount {
            let k = active[l]
            let d = b[k] - bs[k]
            if xv[k] * d * d > thr { return false }
        }
        return true
    }

    /// −Σ w_i (y_i log q_i + (1 − y_i) log(1 − q_i)) with q clamped to [pmin, 1 − pmin] (glmnet's dev2).
    func deviance() -> Double {
        let pmax = 1 - Self.pmin
        var s = 0.0
        for i in 0..<n {
            let pi = min(max(Self.pmin, q[i]), pmax)
            s -= w[i] * (y[i] * Double.log(pi) + (1 - y[i]) * Double.log(1 - pi))
        }
        return s
    }
}
