import Statistics

/// A `fit` job of the SVM (id `fit:svm`): the grid's best setting trained on every case, as
/// `svm(x, factor(y), type = "C-classification", kernel, cost, gamma)` (scale = TRUE). `model` is always "svm":
/// it tells this input from the LASSO's `fit` input, which has no such field. With `cohorts`, the fitted model
/// also scores each evaluation cohort's rows, as `predict(m, x_cohort, decision.values = TRUE)`.
public struct SVMFitJobInput: Codable, Sendable, Equatable {
    public let model: String
    public let data: ModelData
    public let setting: SVMSetting
    /// The evaluation cohorts' cases, by the columns of `data` on its scale (nil or absent: none, as in inputs
    /// written before validation cohorts were scored).
    public let cohorts: [SVMCohortRows]?

    public static let model = "svm"

    public init(data: ModelData, setting: SVMSetting, cohorts: [SVMCohortRows]? = nil) {
        self.model = Self.model
        self.data = data
        self.setting = setting
        self.cohorts = cohorts
    }

    public func run() throws -> SVMFitJobOutput {
        let rows = data.rows
        let m = try trainSVM(rows: rows, labels: data.outcomes, parameters: setting.parameters)
        let scored = try cohorts?.map { c in
            SVMCohortScores(cohort: c.cohort, decisionValues: c.rows.isEmpty ? [] : try m.scores(c.rows, forClass: 1))
        }
        return SVMFitJobOutput(cost: setting.cost, gamma: setting.kernel == .linear ? nil : m.gamma,
                               supportVectors: m.supportVectorCounts.reduce(0, +), rho: m.rho,
                               decisionValues: try m.scores(rows, forClass: 1), cohorts: scored)
    }
}

/// An evaluation cohort's cases as the SVM sees them: one row per case, the training table's columns (the
/// LASSO-selected features) on the scale the LASSO saw (`ModelData.scaled`).
public struct SVMCohortRows: Codable, Sendable, Equatable {
    /// The cohort's name, as in the cohort file.
    public let cohort: String
    public let caseIds: [String]
    public let rows: [[Double]]

    public init(cohort: String, caseIds: [String], rows: [[Double]]) {
        self.cohort = cohort
        self.caseIds = caseIds
        self.rows = rows
    }
}

/// The final SVM: its γ, number of support vectors, ρ, and every case's decision value on the fitted model
/// (oriented: larger = outcome 1; apparent, the cases were trained on), in the data's case order; with
/// `cohorts` in the input, each cohort's decision values in its case order (absent otherwise).
public struct SVMFitJobOutput: Codable, Sendable, Equatable {
    public let cost: Double
    public let gamma: Double?
    public let supportVectors: Int
    public let rho: Double
    public let decisionValues: [Double]
    public let cohorts: [SVMCohortScores]?

    public init(cost: Double, gamma: Double?, supportVectors: Int, rho: Double, decisionValues: [Double],
                cohorts: [SVMCohortScores]? = nil) {
        self.cost = cost
        self.gamma = gamma
        self.supportVectors = supportVectors
        self.rho = rho
        self.decisionValues = decisionValues
        self.cohorts = cohorts
    }
}

/// One evaluation cohort's SVM decision values (oriented: larger = outcome 1), in the order of its input rows.
public struct SVMCohortScores: Codable, Sendable, Equatable {
    public let cohort: String
    public let decisionValues: [Double]
}
