/// Column centring and scaling fitted on training data, as e1071's default `scale = TRUE`, which
/// calls R's `scale(x)`: centre = `colMeans(x)`, scale = sqrt(Σ (x − centre)² / (n − 1)), and new
/// data is mapped by (x − centre) / scale with the training values (`predict.svm`).
///
/// R's `colMeans` and `sum` accumulate in 80-bit long double on x86-64; so do we there (Float80),
/// so the scaled matrix is bit-identical to R's and the SMO solver takes the same path.
public struct SVMScaling: Sendable, Equatable {
    public let center: [Double]
    public let scale: [Double]

    #if arch(x86_64) && !os(Windows)
    typealias Accumulator = Float80
    #else
    typealias Accumulator = Double
    #endif

    init(fitting x: DenseRows) throws(SVMError) {
        let n = x.count, p = x.dimension
        var center = [Double](repeating: 0, count: p)
        var scale = [Double](repeating: 0, count: p)
        for j in 0..<p {
            var s: Accumulator = 0
            for i in 0..<n { s += Accumulator(x.values[i * p + j]) }
            let m = Double(s / Accumulator(n))
            var ss: Accumulator = 0
            for i in 0..<n { let d = x.values[i * p + j] - m; ss += Accumulator(d * d) }
            let sd = (Double(ss) / Double(max(1, n - 1))).squareRoot()
            guard sd > 0 else { throw .constantColumn(column: j) }
            center[j] = m; scale[j] = sd
        }
        self.center = center; self.scale = scale
    }

    func apply(_ x: DenseRows) -> DenseRows {
        let p = x.dimension
        var v = x.values
        for i in 0..<x.count {
            for j in 0..<p { v[i * p + j] = (v[i * p + j] - center[j]) / scale[j] }
        }
        return DenseRows(values: v, count: x.count, dimension: p)
    }
}
