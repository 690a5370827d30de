/// The pieces of R's `binomial(link = "logit")` family, as its C code computes them
/// (src/library/stats/src/family.c) so that every IRLS iterate rounds as R's.
enum BinomialLogit {
    /// R's THRESH / MTHRESH: beyond ±30 the inverse link and its derivative are clamped.
    static let threshold = 30.0
    static let epsilon = Double.ulpOfOne

    #if arch(x86_64) && !os(Windows)
    /// R's `sum()` accumulates doubles in 80-bit long double on x86-64.
    typealias LongDouble = Float80
    #else
    typealias LongDouble = Double
    #endif

    /// `linkfun`: log(μ / (1 − μ)).
    static func link(_ mu: Double) -> Double { Double.log(mu / (1 - mu)) }

    /// `linkinv` (logit_linkinv): t/(1 + t) with t = exp(η), clamped to ε or 1/ε beyond ±30.
    static func inverseLink(_ eta: Double) -> Double {
        let t = eta < -threshold ? epsilon : (eta > threshold ? 1 / epsilon : Double.exp(eta))
        return t / (1 + t)
    }

    /// `mu.eta` (logit_mu_eta): dμ/dη = e^η / (1 + e^η)², ε beyond ±30.
    static func muEta(_ eta: Double) -> Double {
        let opexp = 1 + Double.exp(eta)
        return (eta > threshold || eta < -threshold) ? epsilon : Double.exp(eta) / (opexp * opexp)
    }

    /// `variance`: μ(1 − μ).
    static func variance(_ mu: Double) -> Double { mu * (1 - mu) }

    /// Σ `dev.resids` (binomial_dev_resids, unit weights): 2 Σ [y log(y/μ) + (1−y) log((1−y)/(1−μ))],
    /// each y·log(y/μ) taken as 0 when y = 0; summed in long double as R's `sum`.
    static func deviance(_ y: [Double], _ mu: [Double]) -> Double {
        var s: LongDouble = 0
        for i in y.indices {
            let a = y[i] != 0 ? y[i] * Double.log(y[i] / mu[i]) : 0
            let b = (1 - y[i]) != 0 ? (1 - y[i]) * Double.log((1 - y[i]) / (1 - mu[i])) : 0
            s += LongDouble(2 * 1 * (a + b))
        }
        return Double(s)
    }

    /// Null deviance: the deviance at the mean response (`wtdmu` with unit weights).
    static func nullDeviance(_ y: [Double]) -> Double {
        var s: LongDouble = 0
        for v in y { s += LongDouble(v) }
        let mean = Double(s) / Double(y.count)
        return deviance(y, [Double](repeating: mean, count: y.count))
    }

    /// `aic(y, n, mu, wt, dev)` of the binomial family with 0/1 responses: −2 Σ log dbinom(y; 1, μ)
    /// (R's `dbinom_raw`, which switches to `bd0` near p = 1). The caller adds 2·rank.
    static func aicTerm(_ y: [Double], _ mu: [Double]) -> Double {
        var s: LongDouble = 0
        for i in y.indices { s += LongDouble(logBernoulli(y[i], mu[i])) }
        return -2 * Double(s)
    }

    /// log dbinom(x; 1, p) as R's `dbinom_raw(x, 1, p, 1 − p, log = TRUE)`.
    static func logBernoulli(_ x: Double, _ p: Double) -> Double {
        let q = 1 - p
        if p == 0 { return x == 0 ? 0 : -.infinity }
        if q == 0 { return x == 1 ? 0 : -.infinity }
        if x == 0 { return p < 0.1 ? -bd0(1, 1 * q) - 1 * p : 1 * Double.log(q) }
        return q < 0.1 ? -bd0(1, 1 * p) - 1 * q : 1 * Double.log(p)
    }

    /// R's `bd0(x, np)` = x log(x/np) + np − x, by a series when x ≈ np (Loader 2000).
    static func bd0(_ x: Double, _ np: Double) -> Double {
        if abs(x - np) < 0.1 * (x + np) {
            var v = (x - np) / (x + np)
            var s = (x - np) * v
            if abs(s) < Double.leastNormalMagnitude { return s }
            var ej = 2 * x * v
            v = v * v
            for j in 1..<1000 {
                ej *= v
                let previous = s
                s += ej / Double((j << 1) + 1)
                if s == previous { return s }
            }
        }
        return x * Double.log(x / np) + np - x
    }
}
