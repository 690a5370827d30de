import Statistics

/// A `bootstrap` job: replicates `first..<first + count` of the stratified bootstrap of a score's AUC. Replicate b
/// draws from its own stream of the job family's seed (`StratifiedBootstrap`), so blocks merge by index into the
/// same distribution whichever workers computed them.
public struct BootstrapJobInput: Codable, Sendable, Equatable {
    public let scores: [Double]
    public let outcomes: [Int]
    /// Seed of the whole bootstrap (the same for every block). On the wire a decimal string: a JSON number is a
    /// double, which holds integers exactly only up to 2^53.
    public let seed: UInt64
    public let first: Int
    public let count: Int
    /// The evaluation cohort whose scores these are (its name as in the cohort file); nil for the training
    /// cohort. Absent on the wire when nil, as in inputs written before cohorts had bootstraps.
    public let cohort: String?
    /// The ROC direction every replicate keeps; nil: pROC's "auto" on the original sample (the training
    /// rad-score's bootstrap). A validation cohort's is "<", as its AUC is reported. Absent on the wire when nil.
    public let direction: ROCDirection?

    public init(scores: [Double], outcomes: [Int], seed: UInt64, first: Int, count: Int, cohort: String? = nil,
                direction: ROCDirection? = nil) {
        self.scores = scores
        self.outcomes = outcomes
        self.seed = seed
        self.first = first
        self.count = count
        self.cohort = cohort
        self.direction = direction
    }

    enum CodingKeys: String, CodingKey { case scores, outcomes, seed, first, count, cohort, direction }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let text = try c.decode(String.self, forKey: .seed)
        guard let seed = UInt64(text) else {
            throw DecodingError.dataCorruptedError(forKey: .seed, in: c, debugDescription: "seed '\(text)' is not a whole number 0…2^64−1")
        }
        self.init(scores: try c.decode([Double].self, forKey: .scores), outcomes: try c.decode([Int].self, forKey: .outcomes),
                  seed: seed, first: try c.decode(Int.self, forKey: .first), count: try c.decode(Int.self, forKey: .count),
                  cohort: try c.decodeIfPresent(String.self, forKey: .cohort),
                  direction: try c.decodeIfPresent(ROCDirection.self, forKey: .direction))
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(scores, forKey: .scores)
        try c.encode(outcomes, forKey: .outcomes)
        try c.encode(String(seed), forKey: .seed)
        try c.encode(first, forKey: .first)
        try c.encode(count, forKey: .count)
        try c.encodeIfPresent(cohort, forKey: .cohort)
        try c.encodeIfPresent(direction, forKey: .direction)
    }

    public func run() throws -> BootstrapJobOutput {
        let curve = try ROCCurve(outcomes: outcomes.map(Double.init), scores: scores, direction: direction)
        let bootstrap = StratifiedBootstrap(cases: curve.cases.count, controls: curve.controls.count, seed: seed)
        return BootstrapJobOutput(first: first, auc: bootstrap.aucReplicates(curve, range: first..<(first + count)))
    }
}

public struct BootstrapJobOutput: Codable, Sendable, Equatable {
    public let first: Int
    public let auc: [Double]
}
