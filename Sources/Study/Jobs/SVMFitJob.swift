import Statistics

/// A `fit` job of the SVM (id `fit:svm`): the grid's best setting trained on every case, as
/// `svm(x, factor(y), type = "C-classification", kernel, cost, gamma)` (scale = TRUE). `model` is always "svm":
/// it tells this input from the LASSO's `fit` input, which has no such field.
public struct SVMFitJobInput: Codable, Sendable, Equatable {
    public let model: String
    public let data: ModelData
    public let setting: SVMSetting

    public static let model = "svm"

    public init(data: ModelData, setting: SVMSetting) {
        self.model = Self.model
        self.data = data
        self.setting = setting
    }

    public func run() throws -> SVMFitJobOutput {
        let rows = data.rows
        let m = try trainSVM(rows: rows, labels: data.outcomes, parameters: setting.parameters)
        return SVMFitJobOutput(cost: setting.cost, gamma: setting.kernel == .linear ? nil : m.gamma,
                               supportVectors: m.supportVectorCounts.reduce(0, +), rho: m.rho,
                               decisionValues: try m.scores(rows, forClass: 1))
    }
}

/// The final SVM: its γ, number of support vectors, ρ, and every case's decision value on the fitted model
/// (oriented: larger = outcome 1; apparent, the cases were trained on), in the data's case order.
public struct SVMFitJobOutput: Codable, Sendable, Equatable {
    public let cost: Double
    public let gamma: Double?
    public let supportVectors: Int
    public let rho: Double
    public let decisionValues: [Double]
}
