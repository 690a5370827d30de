/// A trained two-class C-SVC (see `trainSVM`).
public struct SVMModel: Sendable {
    /// The two classes in libsvm's order; decision values > 0 favour `labels[0]`.
    public let labels: [Int]
    /// Training centre/scale applied to new data (nil when trained with `scale = false`).
    public let scaling: SVMScaling?
    let kernel: BoundKernel
    /// Number of features.
    public let dimension: Int
    /// 0-based training rows that are support vectors, in libsvm's order (e1071's `index` − 1).
    public let supportVectorIndices: [Int]
    /// Support vectors after scaling (e1071's `SV`).
    let supportVectors: DenseRows
    /// y_i α_i per support vector (e1071's `coefs`).
    public let coefficients: [Double]
    /// The offset: decision value = Σ coef K(x, sv) − rho (e1071's `rho`).
    public let rho: Double
    /// Support vectors per class, in `labels` order (e1071's `nSV`).
    public let supportVectorCounts: [Int]
    /// Platt's sigmoid (e1071's `probA`, `probB`); nil without `probability`.
    public let platt: PlattSigmoid?

    /// γ of the radial kernel (0 for the linear kernel).
    public var gamma: Double { kernel.gamma }

    /// Decision values f(x) = Σ coef_s K(x, sv_s) − ρ for new rows (scaled with the training
    /// centre/scale first), as `attr(predict(m, x, decision.values = TRUE), "decision.values")`.
    public func decisionValues(_ rows: [[Double]]) throws(SVMError) -> [Double] {
        let raw = try DenseRows(rows)
        guard raw.dimension == dimension else { throw .dimensionMismatch(expected: dimension, found: raw.dimension) }
        let x = scaling?.apply(raw) ?? raw
        let p = dimension
        var out = [Double](repeating: 0, count: x.count)
        x.values.withUnsafeBufferPointer { xp in
            supportVectors.values.withUnsafeBufferPointer { sp in
                for i in 0..<x.count {
                    var sum = 0.0
                    for s in 0..<supportVectors.count {
                        sum += coefficients[s] * kernel.prediction(xp.baseAddress! + i * p, sp.baseAddress! + s * p, p)
                    }
                    out[i] = sum - rho
                }
            }
        }
        return out
    }

    /// Decision values oriented so that larger means `positiveClass` (for ROC analysis).
    public func scores(_ rows: [[Double]], forClass positiveClass: Int) throws(SVMError) -> [Double] {
        let f = try decisionValues(rows)
        return positiveClass == labels[0] ? f : f.map { -$0 }
    }

    /// Predicted labels: `labels[0]` when f > 0, else `labels[1]` (libsvm's vote).
    public func predict(_ rows: [[Double]]) throws(SVMError) -> [Int] {
        try decisionValues(rows).map { $0 > 0 ? labels[0] : labels[1] }
    }

    /// P(`labels[0]` | x) from Platt's sigmoid, clamped to [1e-7, 1 − 1e-7], as the first column
    /// of e1071's `attr(predict(m, x, probability = TRUE), "probabilities")` (columns are in
    /// `labels` order).
    public func probabilities(_ rows: [[Double]]) throws(SVMError) -> [Double] {
        guard let platt else { throw .noProbabilityModel }
        return try decisionValues(rows).map(platt.probability)
    }
}
