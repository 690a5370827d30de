import Yams

/// The `clinical:` section: the clinical variables of the cohort CSV, each numeric or categorical with its
/// levels and reference level (the papers' odds ratios are against it).
///
/// ```yaml
/// clinical:
///   age: numeric
///   tumour_size_mm: numeric
///   grade: {type: categorical, levels: ["1", "2", "3"], reference: "1"}
///   us_reported_aln: {type: categorical, levels: ["0", "1"]}   # reference: the first level
/// ```
public struct ClinicalVariable: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case numeric
        case categorical(levels: [String], reference: String)
    }

    public let name: String
    public let kind: Kind

    public init(name: String, kind: Kind) {
        self.name = name
        self.kind = kind
    }

    static func parse(_ node: Node, file: String) throws(StudyError) -> [ClinicalVariable] {
        guard let map = node.mapping else { throw StudyError(file: file, key: "clinical", reason: "must be a mapping of column: type") }
        var out: [ClinicalVariable] = []
        for (k, v) in map {
            guard let name = k.string, !name.isEmpty else { throw StudyError(file: file, key: "clinical", reason: "a variable needs a column name") }
            let key = "clinical.\(name)"
            if let type = v.scalar?.string {
                guard type == "numeric" else {
                    throw StudyError(file: file, key: key, reason: "'\(type)': write numeric, or {type: categorical, levels: [...]}")
                }
                out.append(ClinicalVariable(name: name, kind: .numeric))
                continue
            }
            let f = try YAMLFields(v, file: file, prefix: key, known: ["type", "levels", "reference"])
            let type = try f.text("type") ?? "numeric"
            switch type {
            case "numeric":
                guard f.values["levels"] == nil, f.values["reference"] == nil else { throw f.fail("type", "a numeric variable has no levels") }
                out.append(ClinicalVariable(name: name, kind: .numeric))
            case "categorical":
                guard let seq = f.values["levels"]?.sequence, !seq.isEmpty else { throw f.fail("levels", "missing: the list of levels") }
                var levels: [String] = []
                for item in seq {
                    guard let s = item.scalar?.string, !s.isEmpty else { throw f.fail("levels", "each level is a text value") }
                    guard !levels.contains(s) else { throw f.fail("levels", "level '\(s)' is listed twice") }
                    levels.append(s)
                }
                guard levels.count >= 2 else { throw f.fail("levels", "a categorical variable needs at least 2 levels") }
                let reference = try f.text("reference") ?? levels[0]
                guard levels.contains(reference) else { throw f.fail("reference", "'\(reference)' is not one of the levels \(levels)") }
                out.append(ClinicalVariable(name: name, kind: .categorical(levels: levels, reference: reference)))
            default:
                throw f.fail("type", "must be numeric or categorical, got '\(type)'")
            }
        }
        return out
    }

    /// The variable's value for each row, or the problem of each bad row ("line 7, case 'x': grade '4' is not one
    /// of the levels 1, 2, 3"), so the study can exclude those cases and say why.
    public func check(ids: [String], values: [String]) -> [(row: Int, reason: String)] {
        var problems: [(Int, String)] = []
        for (i, raw) in values.enumerated() {
            let v = raw.trimmingCharacters(in: .whitespaces)
            let whereText = "line \(i + 2), case '\(ids[i])'"
            switch kind {
            case .numeric:
                if v.isEmpty { problems.append((i, "\(whereText): \(name) is missing")) } else if Double(v)?.isFinite != true {
                    problems.append((i, "\(whereText): \(name) '\(v)' is not a number"))
                }
            case let .categorical(levels, _):
                if v.isEmpty { problems.append((i, "\(whereText): \(name) is missing")) } else if !levels.contains(v) {
                    problems.append((i, "\(whereText): \(name) '\(v)' is not one of the levels \(levels.joined(separator: ", "))"))
                }
            }
        }
        return problems
    }
}
