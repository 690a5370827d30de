/// One two-class C-SVC fit, as libsvm's `svm_train` for two classes: classes ordered by first
/// appearance (`svm_group_classes`, including its swap of a −1/+1 label pair so +1 comes first),
/// rows regrouped class by class, the dual solved with y = +1 for the first class, and the support
/// vectors (α ≠ 0) kept in grouped order.
struct BinarySVC {
    /// The two labels; decision values > 0 favour `labels[0]`.
    let labels: [Int]
    /// Positions (into the `rows` passed to `fit`) of the support vectors, in libsvm's order.
    let supportVectors: [Int]
    /// y_i α_i of each support vector.
    let coefficients: [Double]
    let rho: Double
    /// Support vectors per class (`nSV`).
    let counts: [Int]
    /// Positions of all rows in class-grouped order (libsvm's `perm`).
    let grouped: [Int]

    /// - Parameters:
    ///   - x: the (scaled) data.
    ///   - rows: which rows of `x` form the problem, in problem order.
    ///   - labels: one label per entry of `rows`; exactly two distinct values.
    ///   - cost: C for a label.
    ///   - swapMinusOne: libsvm's rule for a −1/+1 pair seen −1 first.
    static func fit(
        x: DenseRows, rows: [Int], labels: [Int], cost: (Int) -> Double, kernel: BoundKernel,
        tolerance: Double, shrinking: Bool, swapMinusOne: Bool = true
    ) -> BinarySVC {
        var order: [Int] = []
        for v in labels where !order.contains(v) { order.append(v) }
        if swapMinusOne && order == [-1, 1] { order = [1, -1] }
        let grouped = labels.indices.filter { labels[$0] == order[0] } + labels.indices.filter { labels[$0] == order[1] }
        let l = grouped.count, p = x.dimension
        var flat = [Double](repeating: 0, count: l * p)
        var y = [Int8](repeating: 0, count: l)
        x.values.withUnsafeBufferPointer { src in
            for (k, pos) in grouped.enumerated() {
                let r = rows[pos]
                for c in 0..<p { flat[k * p + c] = src[r * p + c] }
                y[k] = labels[pos] == order[0] ? 1 : -1
            }
        }
        let solution = flat.withUnsafeBufferPointer { fp in
            let q = SVCQMatrix(x: fp.baseAddress!, count: l, dimension: p, y: y, kernel: kernel)
            return SMOSolver.solve(q: q, cp: cost(order[0]), cn: cost(order[1]), eps: tolerance, shrinking: shrinking)
        }
        var sv: [Int] = [], coef: [Double] = [], counts = [0, 0]
        for k in 0..<l where abs(solution.coefficients[k]) > 0 {
            sv.append(grouped[k])
            coef.append(solution.coefficients[k])
            counts[y[k] == 1 ? 0 : 1] += 1
        }
        return BinarySVC(labels: order, supportVectors: sv, coefficients: coef, rho: solution.rho,
                         counts: counts, grouped: grouped)
    }

    /// Σ coef_s K(x, sv_s) − ρ with the prediction form of the kernel (`svm_predict_values`).
    func decisionValue(_ point: UnsafePointer<Double>, x: DenseRows, rows: [Int], kernel: BoundKernel) -> Double {
        let p = x.dimension
        return x.values.withUnsafeBufferPointer { src in
            var sum = 0.0
            for (s, pos) in supportVectors.enumerated() {
                sum += coefficients[s] * kernel.prediction(point, src.baseAddress! + rows[pos] * p, p)
            }
            return sum - rho
        }
    }
}
