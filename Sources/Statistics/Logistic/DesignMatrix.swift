/// One predictor (a model term) before coding.
public enum Predictor: Sendable, Equatable {
    case numeric(name: String, values: [Double])
    /// A factor: `codes[i]` indexes `levels`; `reference` (default 0, R's first level) gets no
    /// column. Treatment contrasts as R's `contr.treatment`: one 0/1 column per other level, in
    /// level order, named name + level (R's `area_groupmid`). `relevel(f, ref = "high")` in R is
    /// `reference: 2` here with the same level list.
    case categorical(name: String, levels: [String], codes: [Int], reference: Int)

    public var name: String {
        switch self {
        case .numeric(let n, _), .categorical(let n, _, _, _): return n
        }
    }
}

/// The coded predictors of a model: R's `model.matrix` with treatment contrasts, kept per term so
/// that stepwise selection assembles any sub-model without recoding.
public struct DesignMatrix: Sendable {
    public let rows: Int
    /// Term names in the order given (R's `term.labels`).
    public let termNames: [String]
    /// The column names of each term (one for a numeric term, levels − 1 for a factor).
    public let termColumnNames: [[String]]
    /// Each term's columns, column-major rows × width.
    let termColumns: [[Double]]

    /// - Parameter rows: the number of rows; needed only when `predictors` is empty (an
    ///   intercept-only model), otherwise taken from the first predictor.
    public init(_ predictors: [Predictor], rows: Int? = nil) throws(LogisticError) {
        let n: Int
        switch predictors.first {
        case .numeric(_, let v)?: n = v.count
        case .categorical(_, _, let c, _)?: n = c.count
        case nil: n = rows ?? 0
        }
        guard n > 0 else { throw .emptyTable }
        var names: [String] = [], columnNames: [[String]] = [], columns: [[Double]] = []
        for predictor in predictors {
            let name = predictor.name
            guard !names.contains(name) else { throw .duplicateName(name) }
            switch predictor {
            case .numeric(_, let values):
                guard values.count == n else { throw .lengthMismatch(name: name, expected: n, found: values.count) }
                if let i = values.firstIndex(where: { !$0.isFinite }) { throw .nonFinite(row: i, column: name) }
                columnNames.append([name]); columns.append(values)
            case .categorical(_, let levels, let codes, let reference):
                guard codes.count == n else { throw .lengthMismatch(name: name, expected: n, found: codes.count) }
                guard levels.count >= 2 else { throw .singleLevel(column: name) }
                guard levels.indices.contains(reference) else {
                    throw .invalidReference(column: name, reference: reference, levels: levels.count)
                }
                if let i = codes.firstIndex(where: { !levels.indices.contains($0) }) {
                    throw .invalidLevel(column: name, row: i, code: codes[i])
                }
                let kept = levels.indices.filter { $0 != reference }
                var block = [Double](repeating: 0, count: n * kept.count)
                for (c, level) in kept.enumerated() {
                    for i in 0..<n where codes[i] == level { block[c * n + i] = 1 }
                }
                columnNames.append(kept.map { name + levels[$0] }); columns.append(block)
            }
            names.append(name)
        }
        self.rows = n; termNames = names; termColumnNames = columnNames; termColumns = columns
    }

    /// Index of a term by name.
    public func termIndex(_ name: String) throws(LogisticError) -> Int {
        guard let i = termNames.firstIndex(of: name) else { throw .unknownTerm(name) }
        return i
    }

    /// The model matrix of an intercept plus `terms` (indices into `termNames`, in model order):
    /// column-major, with R's column names and `assign` (0 = intercept, k = k-th listed term).
    package func modelMatrix(terms: [Int]) -> (x: [Double], names: [String], assign: [Int]) {
        var x = [Double](repeating: 1, count: rows)
        var names = ["(Intercept)"], assign = [0]
        x.reserveCapacity(rows * (1 + terms.reduce(0) { $0 + termColumnNames[$1].count }))
        for (k, t) in terms.enumerated() {
            x.append(contentsOf: termColumns[t])
            names.append(contentsOf: termColumnNames[t])
            assign.append(contentsOf: Array(repeating: k + 1, count: termColumnNames[t].count))
        }
        return (x, names, assign)
    }
}
