/// Why an SVM could not be trained or applied. Rows and columns are 0-based.
public enum SVMError: Error, Equatable, CustomStringConvertible, Sendable {
    case emptyTable
    case raggedRow(row: Int, expected: Int, found: Int)
    case nonFinite(row: Int, column: Int)
    case labelCountMismatch(rows: Int, labels: Int)
    /// Only one class among the training labels.
    case oneClass(label: Int)
    /// More than two classes: only binary C-classification is implemented.
    case notBinary(classes: [Int])
    /// A training column with zero variance cannot be scaled (e1071 then silently turns scaling
    /// off for every column; we refuse instead).
    case constantColumn(column: Int)
    case invalidParameter(name: String, value: Double)
    /// New data with a different number of columns than the training data.
    case dimensionMismatch(expected: Int, found: Int)
    /// Probabilities asked of a model trained without `probability`.
    case noProbabilityModel
    /// A Platt permutation that is not a permutation of 0..<n.
    case invalidPermutation

    public var description: String {
        switch self {
        case .emptyTable: return "SVM: the table has no rows or no columns"
        case .raggedRow(let r, let e, let f): return "SVM: row \(r) has \(f) values, expected \(e)"
        case .nonFinite(let r, let c): return "SVM: missing or non-finite value at row \(r), column \(c)"
        case .labelCountMismatch(let r, let l): return "SVM: \(r) rows but \(l) labels"
        case .oneClass(let l): return "SVM: every training label is \(l); two classes are needed"
        case .notBinary(let c): return "SVM: \(c.count) classes \(c); only two-class C-classification is supported"
        case .constantColumn(let c): return "SVM: training column \(c) is constant and cannot be scaled; drop it"
        case .invalidParameter(let n, let v): return "SVM: invalid \(n) = \(v)"
        case .dimensionMismatch(let e, let f): return "SVM: model has \(e) features, data has \(f)"
        case .noProbabilityModel: return "SVM: the model was trained without probability = true"
        case .invalidPermutation: return "SVM: the Platt fold permutation is not a permutation of the training rows"
        }
    }
}

/// A validated dense row-major table.
struct DenseRows: Sendable {
    let values: [Double]
    let count: Int
    let dimension: Int

    init(_ rows: [[Double]]) throws(SVMError) {
        guard let first = rows.first, !first.isEmpty else { throw .emptyTable }
        let p = first.count
        var v = [Double]()
        v.reserveCapacity(rows.count * p)
        for (i, row) in rows.enumerated() {
            guard row.count == p else { throw .raggedRow(row: i, expected: p, found: row.count) }
            for (j, x) in row.enumerated() {
                guard x.isFinite else { throw .nonFinite(row: i, column: j) }
                v.append(x)
            }
        }
        values = v; count = rows.count; dimension = p
    }

    init(values: [Double], count: Int, dimension: Int) {
        self.values = values; self.count = count; self.dimension = dimension
    }
}
