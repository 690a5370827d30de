/// One feature's reproducibility between two readers.
public struct ICCFeatureResult: Sendable, Equatable {
    /// 0-based column in the reader tables.
    public let column: Int
    /// nil when the ICC is undefined (every value of the feature equal for both readers).
    public let estimate: ICCEstimate?
    public let kept: Bool
}

/// The outcome of an ICC threshold filter: which features are reproducible enough to keep.
public struct ICCFilterResult: Sendable, Equatable {
    /// One entry per column, in column order.
    public let features: [ICCFeatureResult]
    /// Columns with ICC ≥ threshold (or lower CI bound ≥ threshold, see `ICCThresholdBasis`).
    public var kept: [Int] { features.filter(\.kept).map(\.column) }
    /// Columns below the threshold, and columns whose ICC is undefined.
    public var dropped: [Int] { features.filter { !$0.kept }.map(\.column) }
    /// Columns whose ICC is undefined (constant for both readers): dropped and reported.
    public var undefined: [Int] { features.filter { $0.estimate == nil }.map(\.column) }
}

/// Which number is compared with the threshold.
public enum ICCThresholdBasis: String, Sendable, CaseIterable {
    /// The ICC point estimate (the usual "ICC ≥ 0.75" rule).
    case estimate
    /// The lower bound of its confidence interval (the stricter rule of Koo & Li 2016).
    case lowerBound
}

/// Keeps the features whose ICC between two readers reaches `threshold` (inclusive).
///
/// - Parameters:
///   - reader1: subjects × features table of the first reader.
///   - reader2: the same subjects (same row order) and features (same column order) measured by
///     the second reader.
///   - form: which ICC; ICC(2,1) (two-way, absolute agreement, single rater) is the usual choice
///     in radiomics reproducibility studies.
///   - threshold: in [−1, 1].
///   - basis: compare the estimate or the lower CI bound.
///   - confidenceLevel: of the reported interval.
/// - Throws: `FeatureFilterError` for empty, ragged or non-finite tables, tables of different
///   shapes, fewer than 2 subjects, or a threshold outside [−1, 1]. A feature whose ICC is 0/0 is
///   not an error: it is dropped and listed in `undefined`.
/// - Complexity: O(n·p) plus two F quantiles per feature.
public func iccFilter(
    reader1: [[Double]], reader2: [[Double]], form: ICCForm = .icc2_1, threshold: Double,
    basis: ICCThresholdBasis = .estimate, confidenceLevel: Double = 0.95
) throws(FeatureFilterError) -> ICCFilterResult {
    let s1 = try validatedFeatureTable(reader1, table: "reader 1")
    let s2 = try validatedFeatureTable(reader2, table: "reader 2")
    guard s1 == s2 else {
        throw .readerShapeMismatch(reader1Rows: s1.rows, reader1Columns: s1.columns,
                                   reader2Rows: s2.rows, reader2Columns: s2.columns)
    }
    guard s1.rows >= 2 else { throw .tooFewRows(table: "reader tables", rows: s1.rows, minimum: 2) }
    guard threshold >= -1, threshold <= 1 else { throw .invalidThreshold(threshold, validRange: "[-1, 1]") }
    guard confidenceLevel > 0, confidenceLevel < 1 else { throw .invalidConfidenceLevel(confidenceLevel) }
    var results: [ICCFeatureResult] = []
    results.reserveCapacity(s1.columns)
    for j in 0..<s1.columns {
        let ms = ICCMeanSquares(reader1: featureColumn(reader1, j), reader2: featureColumn(reader2, j))
        do {
            let e = try intraclassCorrelation(ms, form: form, confidenceLevel: confidenceLevel, column: j)
            let compared = basis == .estimate ? e.value : e.lower
            results.append(ICCFeatureResult(column: j, estimate: e, kept: compared >= threshold))
        } catch .undefinedICC {
            results.append(ICCFeatureResult(column: j, estimate: nil, kept: false))
        }
    }
    return ICCFilterResult(features: results)
}
