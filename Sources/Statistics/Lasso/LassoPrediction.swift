/// Coefficients of a path at any λ, as `predict.glmnet(fit, s = λ)` with exact = FALSE: glmnet's
/// `lambda.interp` maps λ onto the path's normalised scale t = (λ₁ − λ)/(λ₁ − λ_L), clamps t to [0, 1]
/// (λ above λ₁ gives the first solution, below λ_L the last), finds the bracketing solutions with R's
/// `approx(t_path, 1:L, t)`, and mixes them linearly: β(λ) = f β_left + (1 − f) β_right.
struct LambdaInterpolation: Equatable {
    let left: Int
    let right: Int
    let fraction: Double

    init(path lambda: [Double], at s: Double) {
        let k = lambda.count
        guard k > 1 else { left = 0; right = 0; fraction = 1; return }
        let first = lambda[0], span = lambda[0] - lambda[k - 1]
        let t = lambda.map { (first - $0) / span }
        let lo = t.min()!, hi = t.max()!
        let u = min(max((first - s) / span, lo), hi)
        // R's approx1 (linear): bisection for t[i] <= u <= t[j], exact hits return the node's index.
        var i = 0, j = k - 1
        while i < j - 1 {
            let mid = (i + j) / 2
            if u < t[mid] { j = mid } else { i = mid }
        }
        let coord: Double
        if u == t[j] { coord = Double(j + 1) }
        else if u == t[i] { coord = Double(i + 1) }
        else { coord = Double(i + 1) + 1 * ((u - t[i]) / (t[j] - t[i])) }
        let l = Int(coord.rounded(.down)) - 1, r = Int(coord.rounded(.up)) - 1
        var f = (u - t[r]) / (t[l] - t[r])
        if l == r || abs(t[l] - t[r]) < Double.ulpOfOne { f = 1 }
        left = l; right = r; fraction = f
    }
}

/// An intercept and p slopes on the original predictor scale.
public struct LassoCoefficients: Sendable, Equatable {
    public let intercept: Double
    public let beta: [Double]

    /// a₀ + Σ_j x_ij β_j for every row of `x` (glmnet's `type = "link"`: the rad-score).
    public func linearPredictor(_ x: LassoMatrix) throws(LassoError) -> [Double] {
        guard x.columnCount == beta.count else { throw .dimensionMismatch(expected: beta.count, found: x.columnCount) }
        let n = x.rowCount
        var eta = [Double](repeating: intercept, count: n)
        x.values.withUnsafeBufferPointer { xv in
            eta.withUnsafeMutableBufferPointer { e in
                for (j, bj) in beta.enumerated() where bj != 0 {
                    LassoKernels.addScaled(e.baseAddress!, bj, xv.baseAddress! + j * n, n)
                }
            }
        }
        return eta
    }
}

extension LogisticLassoPath {
    /// `coef(fit, s = lambda)`: the solution at a path λ, or interpolated between the two bracketing ones.
    public func coefficients(at lambda: Double) -> LassoCoefficients {
        let at = LambdaInterpolation(path: self.lambda, at: lambda)
        let f = at.fraction, g = 1 - at.fraction
        let a = intercept[at.left] * f + intercept[at.right] * g
        let b = zip(beta[at.left], beta[at.right]).map { $0 * f + $1 * g }
        return LassoCoefficients(intercept: a, beta: b)
    }

    /// `predict(fit, newx = x, s = lambda)`: the linear predictor (log-odds of y = 1) at λ.
    public func linearPredictor(_ x: LassoMatrix, lambda: Double) throws(LassoError) -> [Double] {
        try coefficients(at: lambda).linearPredictor(x)
    }

    /// As `linearPredictor(_:lambda:)` on a row-major table.
    public func linearPredictor(rows: [[Double]], lambda: Double) throws(LassoError) -> [Double] {
        try linearPredictor(LassoMatrix(rows: rows), lambda: lambda)
    }
}
