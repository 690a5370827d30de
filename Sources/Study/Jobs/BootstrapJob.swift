import Statistics

/// A `bootstrap` job: replicates `first..<first + count` of the stratified bootstrap of a score's AUC. Replicate b
/// draws from its own stream of the job family's seed (`StratifiedBootstrap`), so blocks merge by index into the
/// same distribution whichever workers computed them.
public struct BootstrapJobInput: Codable, Sendable, Equatable {
    public let scores: [Double]
    public let outcomes: [Int]
    /// Seed of the whole bootstrap (the same for every block).
    public let seed: UInt64
    public let first: Int
    public let count: Int

    public init(scores: [Double], outcomes: [Int], seed: UInt64, first: Int, count: Int) {
        self.scores = scores
        self.outcomes = outcomes
        self.seed = seed
        self.first = first
        self.count = count
    }

    public func run() throws -> BootstrapJobOutput {
        let curve = try ROCCurve(outcomes: outcomes.map(Double.init), scores: scores)
        let bootstrap = StratifiedBootstrap(cases: curve.cases.count, controls: curve.controls.count, seed: seed)
        return BootstrapJobOutput(first: first, auc: bootstrap.aucReplicates(curve, range: first..<(first + count)))
    }
}

public struct BootstrapJobOutput: Codable, Sendable, Equatable {
    public let first: Int
    public let auc: [Double]
}
