import Statistics

/// A `fit` job: the whole-data LASSO / elastic-net path (glmnet's `glmnet(x, y, family = "binomial")`), whose
/// λs the `cvfold` jobs predict at and whose coefficients give the rad-score.
public struct LassoFitJobInput: Codable, Sendable, Equatable {
    public let data: ModelData
    public let options: LassoOptions

    public init(data: ModelData, options: LassoOptions) {
        self.data = data
        self.options = options
    }

    public func run() throws -> LogisticLassoPath {
        try fitLogisticLasso(data.matrix, positive: data.positive, options: options)
    }
}

/// A `cvfold` job: one fold of `cv.glmnet` — the fold's training rows fitted with their own path, its held-out
/// rows predicted at the whole-data λs.
public struct LassoFoldJobInput: Codable, Sendable, Equatable {
    public let data: ModelData
    public let options: LassoOptions
    public let measure: LassoMeasure
    public let full: LogisticLassoPath
    public let fold: Int

    public init(data: ModelData, options: LassoOptions, measure: LassoMeasure, full: LogisticLassoPath, fold: Int) {
        self.data = data
        self.options = options
        self.measure = measure
        self.full = full
        self.fold = fold
    }

    public func run() throws -> LassoFoldLinks {
        try plan().heldOutLinks(fold: fold)
    }

    /// The cross-validation this fold belongs to (the aggregator combines the folds with it).
    public func plan() throws -> LassoCrossValidationPlan {
        try LassoCrossValidationPlan(data.matrix, positive: data.positive, foldID: data.foldIDs, measure: measure,
                                     options: options, full: full)
    }
}
