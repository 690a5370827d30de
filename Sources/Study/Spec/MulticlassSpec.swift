import Yams

/// The `multiclass:` section: a three-class (or k-class) outcome such as nodal burden N0 / N1–2 / N≥3 (seed 004),
/// modelled by a baseline-category multinomial logit (`nnet::multinom`) on the rad-score and/or clinical variables,
/// fitted on the training cohort and evaluated on every cohort (confusion matrix, accuracy, one-vs-rest AUCs).
///
/// ```yaml
/// multiclass:
///   column: n_stage                 # the cohort column with the class of each case
///   levels: [N0, N1-2, N3+]         # the classes; the first is the reference category
///   predictors: [rad_score, age]    # rad_score and/or variables of the clinical: section (default [rad_score])
/// ```
/// A case whose value is not one of `levels` (or whose clinical predictor is invalid) is left out, with the reason.
public struct MulticlassSpec: Sendable, Equatable {
    public static let radScore = "rad_score"
    public static let keys: Set<String> = ["column", "levels", "predictors"]

    public var column: String
    public var levels: [String]
    public var predictors: [String]

    public init(column: String, levels: [String], predictors: [String] = [Self.radScore]) {
        self.column = column
        self.levels = levels
        self.predictors = predictors
    }

    init(_ node: Node, file: String, clinical: [ClinicalVariable]) throws(StudyError) {
        let f = try YAMLFields(node, file: file, prefix: "multiclass", known: Self.keys)
        guard let column = try f.text("column") else { throw f.fail("column", "missing: the cohort column of the classes") }
        self.column = column
        levels = try Self.list(f, "levels")
        guard levels.count >= 2 else { throw f.fail("levels", "a multiclass outcome needs at least 2 levels (the first is the reference)") }
        if f.values["predictors"] == nil {
            predictors = [Self.radScore]
        } else {
            predictors = try Self.list(f, "predictors")
            guard !predictors.isEmpty else { throw f.fail("predictors", "name at least one predictor") }
        }
        let declared = clinical.map(\.name)
        for p in predictors where p != Self.radScore && !declared.contains(p) {
            throw f.fail("predictors", "'\(p)' is neither rad_score nor a variable of the clinical: section"
                         + (declared.isEmpty ? "" : " (\(declared.joined(separator: ", ")))"))
        }
    }

    private static func list(_ f: YAMLFields, _ key: String) throws(StudyError) -> [String] {
        guard let seq = f.values[key]?.sequence else { throw f.fail(key, "must be a list, e.g. [N0, N1-2, N3+]") }
        var out: [String] = []
        for item in seq {
            guard let s = item.scalar?.string, !s.isEmpty else { throw f.fail(key, "each entry is a text value") }
            guard !out.contains(s) else { throw f.fail(key, "'\(s)' is listed twice") }
            out.append(s)
        }
        return out
    }
}
