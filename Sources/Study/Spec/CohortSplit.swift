import CaseIO
import Statistics
import Yams

/// The `cohorts:` section: how the cases split into the training cohort (the models and the z-scores are fitted
/// there) and the cohorts that are only evaluated (internal, external, prospective, test, …). Without it, every
/// case is training.
///
/// Either a cohort column of the cohort CSV names each case's cohort, and one of its values is the training cohort:
/// ```yaml
/// cohorts:
///   column: cohort
///   training: training
/// ```
/// or the study draws a random split from its seed (seed 002's 75/25), stratified by the outcome unless told not to:
/// ```yaml
/// cohorts:
///   split: 0.75              # the training fraction (of each outcome class when stratified)
///   stratify: true
///   training: training       # the two cohorts' names (defaults)
///   test: test
/// ```
/// The random split is over every row of the cohort file (not only the extracted cases), so a failed extraction
/// never moves another case between cohorts: in each stratum (outcome value, in order of first appearance) the
/// rows are shuffled (Fisher–Yates, `SeededGenerator` seeded by `JobSeed.derive(study seed, "cohorts:split")`) and
/// the first round(fraction × stratum size) are training.
public struct CohortSplit: Sendable, Equatable {
    /// The cohort column; nil for a random split.
    public var column: String?
    public var training: String
    /// The random split's training fraction and the name of the other cohort; nil with a column.
    public var random: RandomSplit?

    public struct RandomSplit: Sendable, Equatable {
        public var fraction: Double
        public var stratify: Bool
        public var test: String
    }

    public static let keys: Set<String> = ["column", "training", "split", "stratify", "test"]

    public init(column: String, training: String) {
        self.column = column
        self.training = training
        random = nil
    }

    public init(randomFraction: Double, stratify: Bool = true, training: String = "training", test: String = "test") {
        column = nil
        self.training = training
        random = RandomSplit(fraction: randomFraction, stratify: stratify, test: test)
    }

    init(_ node: Node, file: String) throws(StudyError) {
        let f = try YAMLFields(node, file: file, prefix: "cohorts", known: Self.keys)
        training = try f.text("training") ?? "training"
        column = try f.text("column")
        if let fraction = try f.number("split", in: 0...1) {
            guard column == nil else { throw f.fail("split", "give either column (a cohort column) or split (a random split), not both") }
            guard fraction > 0, fraction < 1 else { throw f.fail("split", "the training fraction must be strictly between 0 and 1") }
            let test = try f.text("test") ?? "test"
            guard test != training else { throw f.fail("test", "must differ from the training cohort's name") }
            random = RandomSplit(fraction: fraction, stratify: try f.flag("stratify") ?? true, test: test)
        } else {
            guard column != nil else { throw f.fail("column", "missing: the cohort column of the cohort CSV (or split: a training fraction)") }
            for key in ["stratify", "test"] where f.values[key] != nil { throw f.fail(key, "applies to a random split (split:) only") }
            random = nil
        }
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

    /// The random split's cohort of each row (`strata`: the outcome cell of each row, in cohort order).
    public func randomCohorts(strata: [String], seed: UInt64) -> [String] {
        guard let random else { return [] }
        var generator = SeededGenerator(seed: seed)
        var order: [String] = [], rows: [String: [Int]] = [:]
        for (i, s) in strata.enumerated() {
            let key = random.stratify ? s.trimmingCharacters(in: .whitespaces) : ""
            if rows[key] == nil { order.append(key) }
            rows[key, default: []].append(i)
        }
        var names = [String](repeating: random.test, count: strata.count)
        for key in order {
            var members = rows[key]!
            generator.shuffle(&members)
            let take = Int((random.fraction * Double(members.count)).rounded())
            for i in members.prefix(take) { names[i] = training }
        }
        return names
    }
}

extension StudyFile {
    /// Each case's cohort (by id) under the study's `cohorts:` section: its cohort column, or the seeded random
    /// split; empty without the section.
    public func cohortNames() throws -> [String: String] {
        guard cohortSplit != nil else { return [:] }
        let ids = try DataTable.textColumn("id", of: cohort)
        return Dictionary(zip(ids, try cohortColumn(ids: ids)), uniquingKeysWith: { a, _ in a })
    }

    /// Each row's cohort name, in cohort-file order (`ids` = the id column), checked to include the training one.
    public func cohortColumn(ids: [String]) throws -> [String] {
        guard let split = cohortSplit else { return ids.map { _ in "training" } }
        let names: [String]
        if let column = split.column {
            names = try split.cohorts(ids: ids, values: try DataTable.textColumn(column, of: cohort), file: cohort.path)
        } else {
            let strata = try outcome.map { try DataTable.textColumn($0, of: cohort) } ?? ids.map { _ in "" }
            names = split.randomCohorts(strata: strata, seed: JobSeed.derive(studySeed: seed, jobId: "cohorts:split"))
        }
        return names
    }

}
