/// The nomogram of a logistic model as the seed papers draw it: `fit <- lrm(y ~ predictors)` (rms, with a datadist
/// of the same data) then `nomogram(fit, fun = plogis)`. The fit is `LRMFit` on R's model matrix (treatment
/// contrasts); a factor's axis lists its reference level first, then the other levels in order (R's `relevel`), at
/// the points of their coefficients (0 for the reference); numeric predictors follow `Nomogram`'s rules.
public struct LRMNomogram: Sendable {
    /// Intercept first, then one per model-matrix column (`columnNames`).
    public let fit: LRMFit
    public let columnNames: [String]
    /// β₀ + Σ βⱼxⱼ of each row (lrm's `linear.predictors`).
    public let linearPredictors: [Double]
    public let nomogram: Nomogram

    /// A case's nomogram score (total points): (lp − Intercept') · sc.
    public var totalPoints: [Double] { linearPredictors.map { nomogram.totalPoints(linearPredictor: $0) } }

    public init(predictors: [Predictor], outcome: [Double], maxScale: Double = 100, intervals: Int = 10) throws {
        let design = try DesignMatrix(predictors)
        let (x, names, _) = design.modelMatrix(terms: Array(predictors.indices))
        let n = design.rows, p = names.count
        let rows = (0..<n).map { i in (1..<p).map { j in x[j * n + i] } }
        let fit = try LRMFit(x: rows, outcome: outcome)
        self.fit = fit
        columnNames = Array(names.dropFirst())
        linearPredictors = rows.map { row in
            var lp = fit.coefficients[0]
            for (j, v) in row.enumerated() { lp += fit.coefficients[j + 1] * v }
            return lp
        }
        let beta = Dictionary(uniqueKeysWithValues: zip(columnNames, fit.coefficients.dropFirst()))
        let terms: [NomogramTerm] = predictors.map { predictor in
            switch predictor {
            case let .numeric(name, values):
                return .continuous(name: name, coefficient: beta[name] ?? 0, values: values)
            case let .categorical(name, levels, _, reference):
                let order = [reference] + levels.indices.filter { $0 != reference }
                return .categorical(name: name, levels: order.map { levels[$0] },
                                    coefficients: order.map { $0 == reference ? 0 : beta[name + levels[$0]] ?? 0 })
            }
        }
        nomogram = try Nomogram(intercept: fit.coefficients[0], terms: terms, linearPredictors: linearPredictors,
                                maxScale: maxScale, intervals: intervals)
    }
}
