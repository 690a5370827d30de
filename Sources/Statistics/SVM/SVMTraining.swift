/// Settings of a C-SVC, with e1071::svm's defaults (`type = "C-classification"`).
public struct SVMParameters: Sendable, Equatable {
    /// `kernel = "linear"` or `"radial"` (e1071's default, with γ = 1/p unless given).
    public var kernel: SVMKernel = .radial(gamma: nil)
    /// `cost`, C > 0.
    public var cost: Double = 1
    /// `tolerance`, libsvm's ε of the stopping rule.
    public var tolerance: Double = 1e-3
    /// `shrinking`.
    public var shrinking: Bool = true
    /// `scale = TRUE`: centre and scale every column by the training mean and SD.
    public var scale: Bool = true
    /// `probability = TRUE` with its fold source; nil = no probability model.
    public var probability: PlattFolds? = nil

    public init(kernel: SVMKernel = .radial(gamma: nil), cost: Double = 1, tolerance: Double = 1e-3,
                shrinking: Bool = true, scale: Bool = true, probability: PlattFolds? = nil) {
        self.kernel = kernel; self.cost = cost; self.tolerance = tolerance
        self.shrinking = shrinking; self.scale = scale; self.probability = probability
    }
}

/// Trains a two-class C-SVC as `e1071::svm(x, factor(y), type = "C-classification", …)` (libsvm
/// 3.23): scaling, class order, SMO (WSS3, shrinking), ρ, and Platt's sigmoid on 5-fold
/// cross-validated decision values.
///
/// Sign convention: decision values > 0 favour `model.labels[0]`, the label of the **first training
/// row** (libsvm orders classes by first appearance; e1071's column name is "first/second").
/// Use `model.scores(_:forClass:)` for a score that grows with a chosen class.
///
/// - Parameters:
///   - rows: training samples × features (finite).
///   - labels: one class label per row; exactly two distinct values.
/// - Throws: `SVMError` for bad tables, label count mismatch, one class, more than two classes,
///   a constant column when scaling, C ≤ 0, γ ≤ 0, tolerance ≤ 0, or a bad permutation.
/// - Complexity: O(l²) memory for the kernel matrix (l = rows); time as libsvm.
public func trainSVM(rows: [[Double]], labels: [Int], parameters: SVMParameters = SVMParameters()) throws(SVMError) -> SVMModel {
    let raw = try DenseRows(rows)
    guard labels.count == raw.count else { throw .labelCountMismatch(rows: raw.count, labels: labels.count) }
    var classes: [Int] = []
    for v in labels where !classes.contains(v) { classes.append(v) }
    guard classes.count > 1 else { throw .oneClass(label: classes[0]) }
    guard classes.count == 2 else { throw .notBinary(classes: classes) }
    guard parameters.cost > 0, parameters.cost.isFinite else { throw .invalidParameter(name: "cost", value: parameters.cost) }
    guard parameters.tolerance > 0 else { throw .invalidParameter(name: "tolerance", value: parameters.tolerance) }
    let gamma: Double
    switch parameters.kernel {
    case .linear: gamma = 0
    case .radial(let g):
        gamma = g ?? 1 / Double(raw.dimension)
        guard gamma > 0, gamma.isFinite else { throw .invalidParameter(name: "gamma", value: gamma) }
    }
    let kernel = BoundKernel(isRadial: gamma > 0, gamma: gamma)
    let scaling = parameters.scale ? try SVMScaling(fitting: raw) : nil
    let x = scaling?.apply(raw) ?? raw
    let all = Array(0..<x.count)
    let cost = parameters.cost
    // e1071 passes factor codes, never a −1/+1 pair: no swap at the top level.
    let fit = BinarySVC.fit(x: x, rows: all, labels: labels, cost: { _ in cost }, kernel: kernel,
                            tolerance: parameters.tolerance, shrinking: parameters.shrinking, swapMinusOne: false)
    var platt: PlattSigmoid?
    if let folds = parameters.probability {
        let perm: [Int]
        switch folds {
        case .rSetSeed(let s):
            var rng = RMersenneTwister(setSeed: s)
            perm = rng.e1071Permutation(x.count)
        case .permutation(let given):
            guard given.count == x.count, Set(given) == Set(all) else { throw .invalidPermutation }
            perm = given
        }
        let f = plattDecisionValues(x: x, grouped: fit.grouped, labels: labels, first: fit.labels[0],
                                    permutation: perm, kernel: kernel, cost: cost, parameters: parameters)
        platt = PlattSigmoid(decisionValues: f.values, positive: f.positive)
    }
    return SVMModel(labels: fit.labels, scaling: scaling, kernel: kernel, dimension: raw.dimension,
                    supportVectorIndices: fit.supportVectors,
                    supportVectors: DenseRows(values: fit.supportVectors.flatMap { r in x.values[(r * x.dimension)..<((r + 1) * x.dimension)] },
                                              count: fit.supportVectors.count, dimension: x.dimension),
                    coefficients: fit.coefficients, rho: fit.rho, supportVectorCounts: fit.counts, platt: platt)
}

/// `svm_binary_svc_probability`'s cross-validated decision values, in class-grouped order, with
/// +1 = first class. Sub-models are trained with C_+ = C_- = C on the shuffled training folds.
func plattDecisionValues(
    x: DenseRows, grouped: [Int], labels: [Int], first: Int, permutation perm: [Int],
    kernel: BoundKernel, cost: Double, parameters: SVMParameters
) -> (values: [Double], positive: [Bool]) {
    let l = grouped.count
    let y = grouped.map { labels[$0] == first ? 1 : -1 }
    var dec = [Double](repeating: 0, count: l)
    let nrFold = 5
    for i in 0..<nrFold {
        let begin = i * l / nrFold, end = (i + 1) * l / nrFold
        let train = Array(perm[0..<begin]) + Array(perm[end..<l])
        let trainRows = train.map { grouped[$0] }
        let trainY = train.map { y[$0] }
        let pCount = trainY.filter { $0 > 0 }.count, nCount = trainY.count - pCount
        if pCount == 0 || nCount == 0 {
            let v: Double = pCount == 0 && nCount == 0 ? 0 : (pCount > 0 ? 1 : -1)
            for j in begin..<end { dec[perm[j]] = v }
            continue
        }
        let sub = BinarySVC.fit(x: x, rows: trainRows, labels: trainY, cost: { _ in cost },
                                kernel: kernel, tolerance: parameters.tolerance, shrinking: parameters.shrinking)
        x.values.withUnsafeBufferPointer { src in
            for j in begin..<end {
                let row = grouped[perm[j]]
                let v = sub.decisionValue(src.baseAddress! + row * x.dimension, x: x, rows: trainRows, kernel: kernel)
                dec[perm[j]] = v * Double(sub.labels[0])
            }
        }
    }
    return (dec, y.map { $0 > 0 })
}
