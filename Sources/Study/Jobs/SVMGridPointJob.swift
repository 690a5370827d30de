import Statistics

/// One setting of a study's SVM grid as it travels: the kernel, C and γ (nil: e1071's default 1 / p; always nil
/// for the linear kernel).
public struct SVMSetting: Codable, Sendable, Equatable {
    public let kernel: SVMSpec.Kernel
    public let cost: Double
    public let gamma: Double?

    public init(kernel: SVMSpec.Kernel, cost: Double, gamma: Double?) {
        self.kernel = kernel
        self.cost = cost
        self.gamma = kernel == .linear ? nil : gamma
    }

    /// The settings of a grid, in grid order (cost outer, γ inner).
    public static func grid(_ spec: SVMSpec) -> [SVMSetting] {
        spec.grid.settings.map { p in
            if case let .radial(g) = p.kernel { return SVMSetting(kernel: .radial, cost: p.cost, gamma: g) }
            return SVMSetting(kernel: .linear, cost: p.cost, gamma: nil)
        }
    }

    /// e1071::svm's arguments: C-classification, scale = TRUE, tolerance 0.001, shrinking.
    public var parameters: SVMParameters {
        SVMParameters(kernel: kernel == .linear ? .linear : .radial(gamma: gamma), cost: cost)
    }
}

/// A `gridpoint` job (id `gridpoint:svm:<i>`): setting i of the SVM grid scored by cross-validation over the
/// study's folds (`crossValidateSVM`) on the data's columns (the LASSO-selected features).
public struct SVMGridPointJobInput: Codable, Sendable, Equatable {
    public let data: ModelData
    public let setting: SVMSetting
    /// Position of the setting in grid order.
    public let index: Int

    public init(data: ModelData, setting: SVMSetting, index: Int) {
        self.data = data
        self.setting = setting
        self.index = index
    }

    public func run() throws -> SVMGridPointJobOutput {
        let cv = try crossValidateSVM(rows: data.rows, outcomes: data.outcomes, foldIDs: data.foldIDs, parameters: setting.parameters)
        return SVMGridPointJobOutput(index: index, cost: cv.cost, gamma: cv.gamma, folds: cv.folds,
                                     foldAUC: cv.foldAUC.map { $0.isNaN ? nil : $0 }, auc: cv.auc, heldOut: cv.heldOut)
    }
}

/// The CV score of one setting: the pooled held-out AUC, each fold's AUC (null when the fold lacks a class), and
/// every case's held-out decision value (oriented: larger = outcome 1), in the data's case order.
public struct SVMGridPointJobOutput: Codable, Sendable, Equatable {
    public let index: Int
    public let cost: Double
    /// γ used; null for the linear kernel.
    public let gamma: Double?
    public let folds: [Int]
    public let foldAUC: [Double?]
    public let auc: Double
    public let heldOut: [Double]
}

extension ModelData {
    /// Rows of the table (cases × features), for the SVM, which takes rows.
    public var rows: [[Double]] {
        let n = caseIds.count
        return (0..<n).map { i in features.indices.map { j in values[j * n + i] } }
    }

    /// The same cases with only the given columns (in the order given); the others count as dropped.
    public func selecting(columns: [Int]) -> ModelData {
        let n = caseIds.count
        let kept = Set(columns)
        return ModelData(caseIds: caseIds, features: columns.map { features[$0] },
                         values: columns.flatMap { values[($0 * n)..<(($0 + 1) * n)] }, outcomes: outcomes, foldIDs: foldIDs,
                         dropped: dropped + features.indices.filter { !kept.contains($0) }.map { features[$0] },
                         scaling: scaling.map { z in ZScore(mean: columns.map { z.mean[$0] }, sd: columns.map { z.sd[$0] }, constantColumns: []) },
                         reduction: reduction)
    }
}
