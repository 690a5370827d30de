import RealModule

/// `cv.glmnet(x, y, family = "binomial", foldid, type.measure, alpha, …)` (glmnet 4.1-6, alignment = "lambda",
/// grouped = TRUE). As cv.glmnet.raw does: the whole data is fitted first and gives the λ sequence; each fold's
/// training rows are then fitted with their OWN default path (glmnet is called with lambda = NULL), and the
/// held-out rows are predicted at the whole-data λs by interpolation along the fold's path
/// (`predict(fold_fit, x_out, s = lambda)`, see `LambdaInterpolation`).
public struct CrossValidatedLasso: Sendable {
    /// `cv$glmnet.fit`.
    public let fit: LogisticLassoPath
    /// The measure used (AUC falls back to deviance with fewer than 10 observations per fold, as cv.lognet).
    public let measure: LassoMeasure
    /// `cv$lambda` (λs whose cvsd is NA are dropped, as cvstats does).
    public let lambda: [Double]
    public let cvm: [Double]
    public let cvsd: [Double]
    /// `cv$index["min", ]` − 1.
    public let indexMin: Int
    /// `cv$index["1se", ]` − 1.
    public let index1SE: Int
    /// Warnings glmnet would print (measure fallback, non-converged λs in a fold).
    public let notes: [String]

    /// `cv$lambda.min`: the largest λ with the best cvm.
    public var lambdaMin: Double { lambda[indexMin] }
    /// `cv$lambda.1se`: the largest λ whose cvm is within one cvsd of the best.
    public var lambda1SE: Double { lambda[index1SE] }

    /// `coef(cv, s = lambda)`.
    public func coefficients(at lambda: Double) -> LassoCoefficients { fit.coefficients(at: lambda) }

    /// `predict(cv, newx = x, s = lambda)`: the rad-score (log-odds of y = 1) at λ (e.g. `lambdaMin`).
    public func linearPredictor(_ x: LassoMatrix, lambda: Double) throws(LassoError) -> [Double] {
        try fit.linearPredictor(x, lambda: lambda)
    }
}

/// Cross-validates the binomial elastic-net path.
/// - Parameters:
///   - foldID: fold of each row, 1...K (R's `foldid`); every fold non-empty, K ≥ 3.
///
/// The same three steps a fleet runs as separate jobs: `LassoCrossValidationPlan` (the whole-data path and the
/// folds), `heldOutLinks(fold:)` per fold (a `cvfold` job), and `combine(_:)`; the result is the same bits.
public func crossValidateLogisticLasso(_ x: LassoMatrix, positive: [Bool], foldID: [Int],
                                       measure requested: LassoMeasure = .deviance,
                                       options: LassoOptions = LassoOptions()) throws(LassoError) -> CrossValidatedLasso {
    let plan = try LassoCrossValidationPlan(x, positive: positive, foldID: foldID, measure: requested, options: options)
    var folds: [LassoFoldLinks] = []
    for f in 1...plan.foldCount { folds.append(try plan.heldOutLinks(fold: f)) }
    return try plan.combine(folds)
}

/// The whole-data path of `cv.glmnet` and its folds: what each fold's job needs, and how their results combine.
public struct LassoCrossValidationPlan: Sendable {
    public let x: LassoMatrix
    public let positive: [Bool]
    public let options: LassoOptions
    /// Rows of fold f (1-based) at index f − 1.
    public let members: [[Int]]
    /// The measure used (AUC falls back to deviance with fewer than 10 observations per fold, as cv.lognet).
    public let measure: LassoMeasure
    /// The whole-data fit, whose λs every fold is predicted at.
    public let full: LogisticLassoPath
    public let notes: [String]

    public var foldCount: Int { members.count }
    public var lambda: [Double] { full.lambda }

    /// - Parameter full: the whole-data path when it was fitted elsewhere (a fleet's `fit` job, with the same
    ///   data and options); nil fits it here.
    public init(_ x: LassoMatrix, positive: [Bool], foldID: [Int], measure requested: LassoMeasure = .deviance,
                options: LassoOptions = LassoOptions(), full given: LogisticLassoPath? = nil) throws(LassoError) {
        let options = try options.validated()
        let n = x.rowCount
        guard positive.count == n else { throw .outcomeCountMismatch(rows: n, outcomes: positive.count) }
        guard foldID.count == n else { throw .foldIDCountMismatch(rows: n, foldIDs: foldID.count) }
        let k = foldID.max() ?? 0
        guard k >= 3 else { throw .invalidFoldIDs(reason: "\(k) folds; cv.glmnet needs at least 3") }
        var members = [[Int]](repeating: [], count: k)
        for (i, f) in foldID.enumerated() {
            guard f >= 1 else { throw .invalidFoldIDs(reason: "row \(i) has fold id \(f); ids are 1...K") }
            members[f - 1].append(i)
        }
        if let empty = members.firstIndex(where: \.isEmpty) { throw .invalidFoldIDs(reason: "fold \(empty + 1) has no rows") }

        var notes: [String] = []
        var measure = requested
        if measure == .auc && Double(n) / Double(k) < 10 {
            measure = .deviance
            notes.append("fewer than 10 observations per fold for AUC; deviance used instead (as cv.glmnet)")
        }
        if measure == .auc, let f = members.firstIndex(where: { rows in Set(rows.map { positive[$0] }).count < 2 }) {
            throw .invalidFoldIDs(reason: "fold \(f + 1) holds one outcome class only; its AUC is undefined")
        }
        let full: LogisticLassoPath
        if let given { full = given } else { full = try fitLogisticLasso(x, positive: positive, options: options, fold: nil) }
        guard full.predictorCount == x.columnCount else {
            throw .invalidFoldIDs(reason: "the given whole-data path has \(full.predictorCount) predictors, the data \(x.columnCount)")
        }
        if let m = full.unconvergedLambdaIndex { notes.append("whole data: lambda \(m + 1) did not converge; path truncated") }
        self.x = x
        self.positive = positive
        self.options = options
        self.members = members
        self.measure = measure
        self.full = full
        self.notes = notes
    }

    /// Fold `fold` (1-based): its training rows fitted with their own default path, its held-out rows predicted
    /// at the whole-data λs (cv.glmnet's `predmat` rows).
    public func heldOutLinks(fold: Int) throws(LassoError) -> LassoFoldLinks {
        guard (1...foldCount).contains(fold) else { throw .invalidFoldIDs(reason: "no fold \(fold) of \(foldCount)") }
        let held = members[fold - 1], heldSet = Set(held)
        let train = (0..<x.rowCount).filter { !heldSet.contains($0) }
        let path = try fitLogisticLasso(x.selectingRows(train), positive: train.map { positive[$0] }, options: options, fold: fold)
        let out = x.selectingRows(held)
        var links = [[Double]](repeating: [Double](repeating: 0, count: lambda.count), count: held.count)
        for (j, s) in lambda.enumerated() {
            let eta = try path.linearPredictor(out, lambda: s)
            for r in held.indices { links[r][j] = eta[r] }
        }
        let note = path.unconvergedLambdaIndex.map { "fold \(fold): lambda \($0 + 1) did not converge; path truncated" }
        return LassoFoldLinks(fold: fold, rows: held, links: links, note: note)
    }

    /// cv.lognet + cvstats + getOptcv.glmnet over every fold's held-out predictions (any order).
    public func combine(_ folds: [LassoFoldLinks]) throws(LassoError) -> CrossValidatedLasso {
        let n = x.rowCount, nlam = lambda.count
        let ordered = folds.sorted { $0.fold < $1.fold }
        guard ordered.map(\.fold) == Array(1...foldCount) else {
            throw .invalidFoldIDs(reason: "fold results \(ordered.map(\.fold)) do not cover folds 1...\(foldCount)")
        }
        var link = [[Double]](repeating: [], count: n)
        for f in ordered {
            guard f.rows == members[f.fold - 1], f.links.allSatisfy({ $0.count == nlam }) else {
                throw .invalidFoldIDs(reason: "fold \(f.fold)'s result does not match the plan")
            }
            for (r, i) in f.rows.enumerated() { link[i] = f.links[r] }
        }
        var notes = self.notes
        notes += ordered.compactMap(\.note)

        // cv.lognet + cvcompute: the raw table and its row weights.
        var raw: [[Double]], weights: [Double]
        let foldSizes = members.map { Double($0.count) }
        switch measure {
        case .auc:
            raw = members.map { rows in
                (0..<nlam).map { j in
                    areaUnderCurve(scores: rows.map { 1 / (1 + Double.exp(-link[$0][j])) }, positive: rows.map { positive[$0] })
                }
            }
            weights = foldSizes
        case .deviance, .class:
            let perObservation = (0..<n).map { i in
                link[i].map { LassoLoss.value(measure, probability: 1 / (1 + Double.exp(-$0)), positive: positive[i]) }
            }
            if Double(n) / Double(foldCount) < 3 {  // cv.glmnet: grouped = FALSE with < 3 observations per fold
                notes.append("fewer than 3 observations per fold; grouped = FALSE (as cv.glmnet)")
                raw = perObservation
                weights = [Double](repeating: 1, count: n)
            } else {
                raw = members.map { rows in
                    (0..<nlam).map { j in
                        let finite = rows.map { perObservation[$0][j] }.filter(\.isFinite)
                        return finite.reduce(0, +) / Double(finite.count)
                    }
                }
                weights = foldSizes
            }
        }
        let (cvmAll, cvsdAll) = crossValidationStatistics(raw, weights: weights, lambdaCount: nlam)
        let kept = (0..<nlam).filter { !cvsdAll[$0].isNaN }
        let cvm = kept.map { cvmAll[$0] }, cvsd = kept.map { cvsdAll[$0] }, keptLambda = kept.map { lambda[$0] }
        guard !kept.isEmpty else { throw .invalidFoldIDs(reason: "no lambda has a defined cross-validated error") }
        let (indexMin, index1SE) = optimalLambdaIndices(lambda: keptLambda, cvm: cvm, cvsd: cvsd,
                                                        largerIsBetter: measure.largerIsBetter)
        return CrossValidatedLasso(fit: full, measure: measure, lambda: keptLambda, cvm: cvm, cvsd: cvsd,
                                   indexMin: indexMin, index1SE: index1SE, notes: notes)
    }
}

/// One fold's held-out linear predictors at the whole-data λs: the value a `cvfold` job returns.
public struct LassoFoldLinks: Sendable, Equatable, Codable {
    /// 1-based fold number.
    public let fold: Int
    /// The held-out rows (indices into the whole data), in row order.
    public let rows: [Int]
    /// `links[r][j]`: row `rows[r]` at λ_j.
    public let links: [[Double]]
    /// glmnet's warning for this fold, if any.
    public let note: String?

    public init(fold: Int, rows: [Int], links: [[Double]], note: String?) {
        self.fold = fold
        self.rows = rows
        self.links = links
        self.note = note
    }
}

/// getOptcv.glmnet: lambda.min is the largest λ whose cvm equals the minimum (cvm negated for AUC), lambda.1se
/// the largest λ whose cvm ≤ cvm_min + cvsd_min.
func optimalLambdaIndices(lambda: [Double], cvm: [Double], cvsd: [Double], largerIsBetter: Bool) -> (min: Int, oneSE: Int) {
    let m = largerIsBetter ? cvm.map { -$0 } : cvm
    let best = m.filter { !$0.isNaN }.min()!
    func largestLambda(where ok: (Int) -> Bool) -> Int {
        let candidates = m.indices.filter(ok)
        let top = candidates.map { lambda[$0] }.max()!
        return lambda.firstIndex(of: top)!
    }
    let iMin = largestLambda { m[$0] <= best }
    let bound = m[iMin] + cvsd[iMin]
    return (iMin, largestLambda { m[$0] <= bound })
}

/// Deterministic fold ids 1...K for `count` rows from `generator` (RadFleet's SeededGenerator, NOT R's
/// `sample()`, so the folds differ from cv.glmnet's own random folds): the balanced sequence
/// rep(1:K, length.out = n) shuffled by `SeededGenerator.shuffle` (Fisher–Yates).
public func lassoFoldIDs(count: Int, folds: Int, generator: inout SeededGenerator) -> [Int] {
    var ids = (0..<count).map { $0 % folds + 1 }
    generator.shuffle(&ids)
    return ids
}
