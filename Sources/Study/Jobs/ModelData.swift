import Statistics

/// The training data every model job of a study sees: the extracted features of the cases that were extracted,
/// with their outcomes and folds — a self-contained value, so a job needs nothing but its message.
///
/// Columns with a missing (non-finite) value in any case, or the same value in every case, are left out and named
/// in `dropped`; rows are the cases in cohort order.
public struct ModelData: Codable, Sendable, Equatable {
    public let caseIds: [String]
    public let features: [String]
    /// Column-major: feature j of case i at `values[j * caseIds.count + i]`.
    public let values: [Double]
    public let outcomes: [Int]
    /// Fold number 1…K of each case.
    public let foldIDs: [Int]
    public let dropped: [String]
    /// With a `features:` reduction: the training centres and scales of `features` (the values above are z-scores),
    /// to apply to any other case before scoring it; nil when the values are as extracted.
    public let scaling: ZScore?
    /// With a `features:` reduction: how many features each step left (usable columns first).
    public let reduction: [ReductionStep]?

    /// One step of the feature reduction and the number of features it left.
    public struct ReductionStep: Codable, Sendable, Equatable {
        public let step: String
        public let features: Int

        public init(step: String, features: Int) {
            self.step = step
            self.features = features
        }
    }

    public init(caseIds: [String], features: [String], values: [Double], outcomes: [Int], foldIDs: [Int], dropped: [String],
                scaling: ZScore? = nil, reduction: [ReductionStep]? = nil) {
        self.caseIds = caseIds
        self.features = features
        self.values = values
        self.outcomes = outcomes
        self.foldIDs = foldIDs
        self.dropped = dropped
        self.scaling = scaling
        self.reduction = reduction
    }

    /// The study's feature reduction fitted on these (training) rows: the kept columns as z-scores, their centres
    /// and scales in `scaling`, and each step's count in `reduction`. `readers` are the ICC subset's two readings
    /// (subjects × this table's `features`), for the ICC step.
    public func reduced(by spec: FeatureSelectionSpec, readers: (first: [[Double]], second: [[Double]])? = nil) throws -> ModelData {
        let n = caseIds.count
        let rows = (0..<n).map { i in features.indices.map { values[$0 * n + i] } }
        let selection = try spec.select(training: rows, outcome: outcomes.map(Double.init), readers: readers)
        let kept = Set(selection.kept)
        var z: [Double] = []
        z.reserveCapacity(selection.kept.count * n)
        for (k, j) in selection.kept.enumerated() {
            z += values[(j * n)..<((j + 1) * n)].map { ($0 - selection.zScore.mean[k]) / selection.zScore.sd[k] }
        }
        let steps = [ReductionStep(step: "usable", features: features.count)]
            + selection.steps.map { ReductionStep(step: $0.name, features: $0.kept.count) }
        return ModelData(caseIds: caseIds, features: selection.kept.map { features[$0] }, values: z, outcomes: outcomes, foldIDs: foldIDs,
                         dropped: dropped + features.indices.filter { !kept.contains($0) }.map { features[$0] },
                         scaling: selection.zScore, reduction: steps)
    }

    /// A case's raw feature values (by this table's columns) on the scale the model saw: z-scored with `scaling`
    /// when the study reduced its features, as they are otherwise.
    public func scaled(_ raw: [Double]) -> [Double] {
        guard let scaling else { return raw }
        return raw.enumerated().map { j, v in (v - scaling.mean[j]) / scaling.sd[j] }
    }

    /// Builds the table from feature rows (`names` per case may differ only if extraction settings differ; the
    /// first case's names are the columns) and keeps the usable columns.
    public init(rows: [(id: String, names: [String], values: [Double?])], outcomes: [Int], foldIDs: [Int]) {
        precondition(rows.count == outcomes.count && rows.count == foldIDs.count, "ModelData: rows, outcomes and folds differ in count")
        let names = rows.first?.names ?? []
        var kept: [String] = [], dropped: [String] = [], columns: [Double] = []
        for (j, name) in names.enumerated() {
            let column = rows.map { $0.names.count == names.count && $0.names[j] == name ? ($0.values[j] ?? .nan) : .nan }
            if column.allSatisfy(\.isFinite) && Set(column).count > 1 {
                kept.append(name)
                columns += column
            } else {
                dropped.append(name)
            }
        }
        self.init(caseIds: rows.map(\.id), features: kept, values: columns, outcomes: outcomes, foldIDs: foldIDs, dropped: dropped)
    }

    public var matrix: LassoMatrix {
        get throws { try LassoMatrix(columnMajor: values, rowCount: caseIds.count, columnCount: features.count) }
    }

    public var positive: [Bool] { outcomes.map { $0 == 1 } }
}
