/// The predictor columns glmnet uses and how it standardizes them before the coordinate descent
/// (glmnetpp `Chkvars` and `LStandardize1`, called from the binomial `ElnetDriver`), with observation weights
/// w_i = 1/n (unit case weights divided by their sum):
///
///     included_j = some x_ij differs from x_1j          (a constant column keeps β_j = 0)
///     mean_j     = Σ_i w_i x_ij
///     scale_j    = sqrt(Σ_i w_i (x_ij − mean_j)²)       (the SD with divisor n, not n − 1)
///     x_ij      ← (x_ij − mean_j) / scale_j             (scale_j = 1 when standardize = false)
///
/// Coefficients found on that scale go back with β_j = β̃_j / scale_j and a₀ = ã₀ − Σ_j β_j mean_j, the sum
/// running over the active set in the order variables entered it (glmnet's lognet post-processing).
struct LassoStandardization: Sendable {
    var included: [Bool]
    var mean: [Double]
    var scale: [Double]

    /// Standardizes the n × p column-major `x` in place with weights `w`.
    static func apply(to x: UnsafeMutablePointer<Double>, rows n: Int, columns p: Int, weights w: UnsafePointer<Double>,
                      standardize: Bool) -> LassoStandardization {
        var s = LassoStandardization(included: [Bool](repeating: false, count: p),
                                     mean: [Double](repeating: 0, count: p), scale: [Double](repeating: 1, count: p))
        for j in 0..<p {
            let col = x + j * n
            let first = col[0]
            var varies = false
            for i in 1..<max(n, 1) where col[i] != first { varies = true; break }
            s.included[j] = varies
            guard varies else { continue }
            let m = LassoKernels.dot(w, col, n)
            for i in 0..<n { col[i] -= m }
            s.mean[j] = m
            if standardize {
                let sd = LassoKernels.weightedSquares(w, col, n).squareRoot()
                for i in 0..<n { col[i] /= sd }
                s.scale[j] = sd
            }
        }
        return s
    }
}
