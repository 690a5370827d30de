import FleetProtocol

/// Input of an `extract` job: one case's files, relative to the worker's data root, its spacing, and the
/// PyRadiomics parameter file's text (so the job is a self-contained value), and the study's clipping percentiles.
public struct ExtractJobInput: Codable, Sendable, Equatable {
    public let caseId: String
    public let image: String
    public let mask: String
    public let spacing: Double?
    public let parameters: String?
    /// The study's `extraction.clipPercentiles` (absent in messages from before it existed: no clipping).
    public let clipPercentiles: [Double]?

    public init(caseId: String, image: String, mask: String, spacing: Double?, parameters: String?, clipPercentiles: [Double]? = nil) {
        self.caseId = caseId
        self.image = image
        self.mask = mask
        self.spacing = spacing
        self.parameters = parameters
        self.clipPercentiles = clipPercentiles
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

extension ExtractJobOutput {
    /// The output as the job's JSON value, built directly (no `Encoder` round trip: extraction outputs are the
    /// bulk of a study's traffic).
    public var jsonValue: JSONValue {
        .object([
            "caseId": .string(caseId),
            "names": .array(names.map(JSONValue.string)),
            "values": .array(values.map { $0.map(JSONValue.number) ?? .null }),
        ])
    }

    /// Reads a stored result's JSON text with the fleet's JSON reader (the aggregator reads thousands of them).
    public init(jsonText text: String) throws {
        let node = try JSONReader.parse(text)
        guard case let .string(caseId)? = node["caseId"], case let .array(names)? = node["names"],
              case let .array(values)? = node["values"], names.count == values.count else {
            throw ExtractOutputError(reason: "an extract result needs caseId, and names and values of one length")
        }
        self.init(caseId: caseId,
                  names: try names.map { n in
                      guard case let .string(s) = n else { throw ExtractOutputError(reason: "a feature name is not text") }
                      return s
                  },
                  values: try values.map { v in
                      if case .null = v { return nil }
                      guard let d = v.doubleValue else { throw ExtractOutputError(reason: "a feature value is not a number") }
                      return d
                  })
    }
}

/// A stored extract result that is not what an extract job returns.
public struct ExtractOutputError: Error, CustomStringConvertible {
    public let reason: String
    public var description: String { reason }
}
