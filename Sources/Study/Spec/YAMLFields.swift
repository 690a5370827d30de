import Yams

/// Reading one mapping of a study file: every key must be known, and each problem names its full key
/// (`features.redundancy.threshold`).
struct YAMLFields {
    let file: String
    let prefix: String
    let values: [String: Node]

    init(_ node: Node, file: String, prefix: String, known: Set<String>) throws(StudyError) {
        self.file = file
        self.prefix = prefix
        guard let map = node.mapping else { throw StudyError(file: file, key: prefix, reason: "must be a mapping") }
        var values: [String: Node] = [:]
        for (k, v) in map {
            guard let key = k.string, known.contains(key) else {
                throw StudyError(file: file, key: "\(prefix).\(k.string ?? "?")", reason: "unknown key (known: \(known.sorted().joined(separator: ", ")))")
            }
            values[key] = v
        }
        self.values = values
    }

    func fail(_ key: String, _ reason: String) -> StudyError { StudyError(file: file, key: "\(prefix).\(key)", reason: reason) }

    func text(_ key: String) throws(StudyError) -> String? {
        guard let n = values[key] else { return nil }
        guard let s = n.scalar?.string, !s.isEmpty else { throw fail(key, "must be a non-empty text value") }
        return s
    }

    func number(_ key: String, in range: ClosedRange<Double>) throws(StudyError) -> Double? {
        guard let s = try text(key) else { return nil }
        guard let v = Double(s), range.contains(v) else { throw fail(key, "must be a number in [\(range.lowerBound), \(range.upperBound)], got '\(s)'") }
        return v
    }

    func integer(_ key: String, in range: ClosedRange<Int>) throws(StudyError) -> Int? {
        guard let s = try text(key) else { return nil }
        guard let v = Int(s), range.contains(v) else { throw fail(key, "must be a whole number \(range.lowerBound)…\(range.upperBound), got '\(s)'") }
        return v
    }

    func flag(_ key: String) throws(StudyError) -> Bool? {
        guard let s = try text(key) else { return nil }
        switch s.lowercased() {
        case "true", "yes": return true
        case "false", "no": return false
        default: throw fail(key, "must be true or false, got '\(s)'")
        }
    }
}
