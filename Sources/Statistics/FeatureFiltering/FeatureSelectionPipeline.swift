/// The feature reduction the seed papers run between extraction and LASSO, in their order:
/// 1. `icc` — keep the features reproducible between two readers (ICC ≥ threshold on the ICC subset);
/// 2. `constant` — drop the features constant on the training rows (they cannot be z-scored);
/// 3. z-scores fitted on the training rows only (applied later to every cohort with the same centres and scales);
/// 4. `redundancy` — Spearman de-duplication on the z-scored training rows, greedy (seed 004) or hierarchical
///    clustering (seed 000);
/// 5. `mutualInformation` — optionally keep the top k by mutual information with the outcome (seed 001).
/// Each step is optional except 2–3. The result lists the columns kept after every step (indices into the
/// caller's feature columns), which is what the papers report as "474 → 312 → 45 features".
public struct FeatureSelectionSpec: Sendable, Equatable, Codable {
    public struct ICCStep: Sendable, Equatable, Codable {
        public var threshold: Double
        public var form: ICCForm = .icc2_1
        /// Compare the estimate (usual) or the lower confidence bound (Koo & Li).
        public var lowerBound = false

        public init(threshold: Double, form: ICCForm = .icc2_1, lowerBound: Bool = false) {
            self.threshold = threshold
            self.form = form
            self.lowerBound = lowerBound
        }
    }

    public enum RedundancyMethod: String, Sendable, Equatable, Codable, CaseIterable {
        case greedy, hierarchical
    }

    public struct RedundancyStep: Sendable, Equatable, Codable {
        public var threshold: Double
        public var method: RedundancyMethod
        /// Linkage of the hierarchical method (R's `hclust` method name).
        public var linkage: String = Linkage.complete.rawValue

        public init(threshold: Double, method: RedundancyMethod, linkage: String = Linkage.complete.rawValue) {
            self.threshold = threshold
            self.method = method
            self.linkage = linkage
        }
    }

    public struct MutualInformationStep: Sendable, Equatable, Codable {
        public var top: Int
        public var bins: Int = 10

        public init(top: Int, bins: Int = 10) {
            self.top = top
            self.bins = bins
        }
    }

    public var icc: ICCStep?
    public var redundancy: RedundancyStep?
    public var mutualInformation: MutualInformationStep?

    public init(icc: ICCStep? = nil, redundancy: RedundancyStep? = nil, mutualInformation: MutualInformationStep? = nil) {
        self.icc = icc
        self.redundancy = redundancy
        self.mutualInformation = mutualInformation
    }
}

/// What `FeatureSelectionSpec.select` kept, step by step.
public struct FeatureSelection: Sendable, Equatable {
    public struct Step: Sendable, Equatable {
        /// `icc`, `constant`, `redundancy` or `mutualInformation`.
        public let name: String
        /// Columns (of the caller's table) still in after this step, ascending.
        public let kept: [Int]
    }

    public let steps: [Step]
    /// The columns left after the last step, ascending.
    public let kept: [Int]
    /// Centres and scales of the kept columns (in `kept` order), fitted on the training rows.
    public let zScore: ZScore
}

/// Why the pipeline could not run.
public enum FeatureSelectionError: Error, Equatable, CustomStringConvertible, Sendable {
    case filter(step: String, FeatureFilterError)
    case zScore(String)
    /// The ICC step needs the two readers' tables.
    case missingReaders
    case unknownLinkage(String)
    case noFeatureLeft(afterStep: String)
    case invalidTop(Int)

    public var description: String {
        switch self {
        case let .filter(step, e): return "feature selection, step \(step): \(e)"
        case let .zScore(reason): return "feature selection, z-scores: \(reason)"
        case .missingReaders: return "feature selection, step icc: needs the two readers' feature tables"
        case let .unknownLinkage(l): return "feature selection, step redundancy: unknown linkage '\(l)' (complete, single or average)"
        case let .noFeatureLeft(step): return "feature selection: no feature left after step \(step)"
        case let .invalidTop(k): return "feature selection, step mutualInformation: top must be ≥ 1, got \(k)"
        }
    }
}

extension FeatureSelectionSpec {
    /// Runs the steps on the training rows.
    /// - Parameters:
    ///   - training: training samples × features.
    ///   - outcome: 0/1 per training row (used by the mutual-information step only).
    ///   - readers: the ICC subset measured by two readers (subjects × the same features), for the ICC step.
    public func select(training: [[Double]], outcome: [Double],
                       readers: (first: [[Double]], second: [[Double]])? = nil) throws(FeatureSelectionError) -> FeatureSelection {
        guard let width = training.first?.count, width > 0 else { throw .filter(step: "input", .emptyTable(table: "training")) }
        var steps: [FeatureSelection.Step] = []
        var kept = Array(0..<width)
        func record(_ name: String) throws(FeatureSelectionError) {
            steps.append(.init(name: name, kept: kept))
            if kept.isEmpty { throw .noFeatureLeft(afterStep: name) }
        }
        if let icc {
            guard let readers else { throw .missingReaders }
            let result: ICCFilterResult
            do {
                result = try iccFilter(reader1: readers.first, reader2: readers.second, form: icc.form, threshold: icc.threshold,
                                       basis: icc.lowerBound ? .lowerBound : .estimate)
            } catch { throw .filter(step: "icc", error) }
            kept = result.kept
            try record("icc")
        }
        let columns = kept.map { j in training.map { $0[j] } }
        let fitted: ZScore
        do { fitted = try ZScore.fit(columns) } catch { throw .zScore("\(error)") }
        let constant = Set(fitted.constantColumns)
        let varying = kept.indices.filter { !constant.contains($0) }
        kept = varying.map { kept[$0] }
        try record("constant")
        var zScore = ZScore(mean: varying.map { fitted.mean[$0] }, sd: varying.map { fitted.sd[$0] }, constantColumns: [])
        func zRows() -> [[Double]] {
            training.map { row in kept.enumerated().map { k, j in (row[j] - zScore.mean[k]) / zScore.sd[k] } }
        }
        func keep(_ positions: [Int]) {
            kept = positions.map { kept[$0] }
            zScore = ZScore(mean: positions.map { zScore.mean[$0] }, sd: positions.map { zScore.sd[$0] }, constantColumns: [])
        }
        if let redundancy, kept.count > 1 {
            let rows = zRows()
            let result: RedundancyResult
            switch redundancy.method {
            case .greedy:
                do { result = try greedyRedundancyFilter(rows: rows, threshold: redundancy.threshold) } catch {
                    throw .filter(step: "redundancy", error)
                }
            case .hierarchical:
                guard let linkage = Linkage(rawValue: redundancy.linkage) else { throw .unknownLinkage(redundancy.linkage) }
                do { result = try clusterRedundancyFilter(rows: rows, threshold: redundancy.threshold, linkage: linkage).result } catch {
                    throw .filter(step: "redundancy", error)
                }
            }
            keep(result.kept)
            try record("redundancy")
        }
        if let mi = mutualInformation {
            guard mi.top >= 1 else { throw .invalidTop(mi.top) }
            let ranking: [(column: Int, mutualInformation: Double)]
            do { ranking = try mutualInformationRanking(rows: zRows(), outcome: outcome, bins: mi.bins) } catch {
                throw .filter(step: "mutualInformation", error)
            }
            keep(ranking.prefix(mi.top).map(\.column).sorted())
            try record("mutualInformation")
        }
        return FeatureSelection(steps: steps, kept: kept, zScore: zScore)
    }
}
