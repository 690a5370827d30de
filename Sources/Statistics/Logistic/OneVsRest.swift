/// One binary `glm` per class: outcome 1 for the class, 0 for all others (e.g. N0 vs rest,
/// N1–2 vs rest, N≥3 vs rest), each as `LogisticRegression.fit`.
public enum OneVsRest {
    /// - Returns: one fit per level, in level order.
    public static func fit(_ design: DesignMatrix, classes codes: [Int], levels: [String]) throws(LogisticError)
        -> [(level: String, fit: LogisticFit)] {
        guard codes.count == design.rows else { throw .lengthMismatch(name: "outcome", expected: design.rows, found: codes.count) }
        guard levels.count >= 2 else { throw .tooFewClasses(found: levels.count) }
        if let i = codes.firstIndex(where: { !levels.indices.contains($0) }) { throw .invalidLevel(column: "outcome", row: i, code: codes[i]) }
        var out: [(level: String, fit: LogisticFit)] = []
        for (c, level) in levels.enumerated() {
            let y = codes.map { $0 == c ? 1.0 : 0.0 }
            out.append((level, try LogisticRegression.fit(design, outcome: y)))
        }
        return out
    }
}
