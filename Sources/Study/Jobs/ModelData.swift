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

    public init(caseIds: [String], features: [String], values: [Double], outcomes: [Int], foldIDs: [Int], dropped: [String]) {
        self.caseIds = caseIds
        self.features = features
        self.values = values
        self.outcomes = outcomes
        self.foldIDs = foldIDs
        self.dropped = dropped
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
