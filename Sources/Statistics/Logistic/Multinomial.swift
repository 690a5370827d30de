import RealModule

/// A baseline-category multinomial logit model (the model of `nnet::multinom` / `VGAM::vglm(…,
/// multinomial(refLevel = 1))`): log(P(class a) / P(reference)) = x·β_a for every non-reference a.
public struct MultinomialFit: Sendable {
    public let levels: [String]
    public let reference: Int
    /// Model-matrix column names ("(Intercept)" first).
    public let columnNames: [String]
    /// The non-reference class indices, in level order; row a of the tables below belongs to
    /// `levels[classes[a]]`.
    public let classes: [Int]
    public let coefficients: [[Double]]
    /// From the inverse of the observed (= expected) information at the MLE.
    public let stdError: [[Double]]
    public let zValue: [[Double]]
    public let pValue: [[Double]]
    public let logLikelihood: Double
    /// −2 log L (R's `deviance(multinom)`).
    public let deviance: Double
    /// deviance + 2 · number of coefficients.
    public let aic: Double
    public let iterations: Int
    public let converged: Bool
    /// rows × levels fitted class probabilities.
    public let fitted: [[Double]]
}

/// Maximum-likelihood fit of the baseline-category multinomial logit by Newton–Raphson from β = 0
/// (step halving if the log-likelihood would fall). Parity: a hand-written Newton in R checked against
/// `optim(method = "BFGS")` (scripts/fixtures/stats_glm.R), and `nnet::multinom` (reltol 1e-16, Hessian
/// standard errors) in the study's multiclass fixture (scripts/fixtures/study_deep_multiclass.R,
/// FleetTests/MulticlassParityTests). Stops when the largest
/// Newton step is below 1e-10 · max(1, max |β|) (at most 100 iterations).
public enum MultinomialLogit {
    public static func fit(_ design: DesignMatrix, classes codes: [Int], levels: [String], reference: Int = 0,
                           maxIterations: Int = 100) throws(LogisticError) -> MultinomialFit {
        let n = design.rows, k = levels.count
        guard codes.count == n else { throw .lengthMismatch(name: "outcome", expected: n, found: codes.count) }
        guard k >= 2 else { throw .tooFewClasses(found: k) }
        guard levels.indices.contains(reference) else { throw .invalidReference(column: "outcome", reference: reference, levels: k) }
        if let i = codes.firstIndex(where: { !levels.indices.contains($0) }) { throw .invalidLevel(column: "outcome", row: i, code: codes[i]) }
        let present = Set(codes).count
        guard present >= 2 else { throw .tooFewClasses(found: present) }
        let (x, names, _) = design.modelMatrix(terms: Array(design.termNames.indices))
        let p = names.count
        let others = levels.indices.filter { $0 != reference }
        let m = others.count * p
        func row(_ i: Int) -> [Double] { (0..<p).map { x[$0 * n + i] } }
        let rowsX = (0..<n).map(row)

        func probabilities(_ beta: [Double]) -> (prob: [[Double]], loglik: Double) {
            var ll = 0.0
            var prob: [[Double]] = []
            prob.reserveCapacity(n)
            for i in 0..<n {
                var eta = [Double](repeating: 0, count: k)
                for (a, c) in others.enumerated() {
                    var s = 0.0
                    for j in 0..<p { s += rowsX[i][j] * beta[a * p + j] }
                    eta[c] = s
                }
                let top = eta.max()!
                var z = 0.0
                for c in 0..<k { z += Double.exp(eta[c] - top) }
                ll += eta[codes[i]] - top - Double.log(z)
                prob.append(eta.map { Double.exp($0 - top) / z })
            }
            return (prob, ll)
        }
        func information(_ prob: [[Double]]) -> [Double] {
            var h = [Double](repeating: 0, count: m * m)
            for i in 0..<n {
                let xi = rowsX[i]
                for (a, ca) in others.enumerated() {
                    for (b, cb) in others.enumerated() where b >= a {
                        let w = prob[i][ca] * ((a == b ? 1 : 0) - prob[i][cb])
                        for r in 0..<p { for s in 0..<p { h[(a * p + r) * m + b * p + s] += xi[r] * xi[s] * w } }
                    }
                }
            }
            for r in 0..<m { for s in 0..<r { h[r * m + s] = h[s * m + r] } }
            return h
        }

        var beta = [Double](repeating: 0, count: m)
        var (prob, ll) = probabilities(beta)
        var converged = false, iterations = 0
        for iter in 1...maxIterations {
            iterations = iter
            var g = [Double](repeating: 0, count: m)
            for i in 0..<n {
                for (a, c) in others.enumerated() {
                    let r = (codes[i] == c ? 1 : 0) - prob[i][c]
                    for j in 0..<p { g[a * p + j] += rowsX[i][j] * r }
                }
            }
            guard let step = solveSymmetric(information(prob), g, size: m) else { throw .singularInformation }
            var t = 1.0
            var trial = beta, next = (prob: prob, loglik: ll)
            for _ in 0..<30 {
                trial = zip(beta, step).map { $0 + t * $1 }
                next = probabilities(trial)
                if next.loglik >= ll - 1e-12 * abs(ll) { break }
                t /= 2
            }
            beta = trial; prob = next.prob; ll = next.loglik
            let size = step.map { abs($0 * t) }.max() ?? 0
            if size < 1e-10 * max(1, beta.map(abs).max() ?? 0) { converged = true; break }
        }
        let h = information(prob)
        var covariance = [Double](repeating: .nan, count: m * m)
        for c in 0..<m {
            var e = [Double](repeating: 0, count: m); e[c] = 1
            guard let col = solveSymmetric(h, e, size: m) else { throw .singularInformation }
            for r in 0..<m { covariance[r * m + c] = col[r] }
        }
        let coefficients = others.indices.map { a in Array(beta[(a * p)..<((a + 1) * p)]) }
        let se = others.indices.map { a in (0..<p).map { covariance[(a * p + $0) * m + a * p + $0].squareRoot() } }
        let z = zip(coefficients, se).map { zip($0, $1).map { $0 / $1 } }
        return MultinomialFit(levels: levels, reference: reference, columnNames: names, classes: others,
                              coefficients: coefficients, stdError: se, zValue: z,
                              pValue: z.map { $0.map { 2 * Normal.cdf(-abs($0)) } },
                              logLikelihood: ll, deviance: -2 * ll, aic: -2 * ll + 2 * Double(m),
                              iterations: iterations, converged: converged, fitted: prob)
    }
}
