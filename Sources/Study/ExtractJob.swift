/// Input of an `extract` job: one case's files, relative to the worker's data root, its spacing, and the
/// PyRadiomics parameter file's text (so the job is a self-contained value).
public struct ExtractJobInput: Codable, Sendable, Equatable {
    public let caseId: String
    public let image: String
    public let mask: String
    public let spacing: Double?
    public let parameters: String?

    public init(caseId: String, image: String, mask: String, spacing: Double?, parameters: String?) {
        self.caseId = caseId
        self.image = image
        self.mask = mask
        self.spacing = spacing
        self.parameters = parameters
    }
}

/// Output of an `extract` job: PyRadiomics' feature names in order and their values (null for NaN, which JSON
/// cannot hold).
public struct ExtractJobOutput: Codable, Sendable, Equatable {
    public let caseId: String
    public let names: [String]
    public let values: [Double?]

    public init(caseId: String, names: [String], values: [Double?]) {
        self.caseId = caseId
        self.names = names
        self.values = values
    }
}
