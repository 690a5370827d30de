import Yams

/// The `cohorts:` section: which cohort column splits the cases, and which of its values is the training cohort
/// (the models and the z-scores are fitted there; every other value — internal, external, prospective, … — is
/// only evaluated). Without it, every case is training.
///
/// ```yaml
/// cohorts:
///   column: cohort
///   training: training
/// ```
public struct CohortSplit: Sendable, Equatable {
    public var column: String
    public var training: String

    public static let keys: Set<String> = ["column", "training"]

    public init(column: String, training: String) {
        self.column = column
        self.training = training
    }

    init(_ node: Node, file: String) throws(StudyError) {
        let f = try YAMLFields(node, file: file, prefix: "cohorts", known: Self.keys)
        guard let column = try f.text("column") else { throw f.fail("column", "missing: the cohort column of the cohort CSV") }
        self.column = column
        training = try f.text("training") ?? "training"
    }

    /// Each case's cohort name, in cohort order, checking that the training cohort has cases.
    public func cohorts(ids: [String], values: [String], file: String) throws(StudyError) -> [String] {
        let names = values.map { $0.trimmingCharacters(in: .whitespaces) }
        if let i = names.firstIndex(of: "") {
            throw StudyError(file: file, key: column, reason: "line \(i + 2), case '\(ids[i])': no cohort")
        }
        guard names.contains(training) else {
            throw StudyError(file: file, key: column, reason: "no case in the training cohort '\(training)' (found: \(Set(names).sorted().joined(separator: ", ")))")
        }
        return names
    }
}
