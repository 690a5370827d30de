import CaseIO
import Foundation
import Report
import Statistics
import Study

/// The baseline characteristics ("table 1") of the study's `clinical:` variables, as the papers print them:
/// - **by cohort**: every cohort of the `cohorts:` split side by side (training first, then the others in order of
///   first appearance), with the outcome as one more categorical row, and one p-value per variable over all cohorts
///   together (two cohorts: t / Mann–Whitney, χ² / Fisher; more: ANOVA / Kruskal–Wallis, χ² / Fisher on the r × c table);
/// - **by outcome** within each cohort: the outcome's classes side by side (ALNM− vs ALNM+), one p-value per variable.
///
/// Cases are the rows of the cohort file (whether or not their extraction succeeded) with their clinical values; a
/// missing or invalid value (outside the declared levels, not a number) is left out of its variable only, and each
/// table's note says how many cases lacked it. Cases without an outcome are left out of the by-outcome tables.
/// Tests and cells are `BaselineTable`'s (R parity in StatisticsTests) with `options`: a numeric variable gets
/// Welch's t test when every group passes Shapiro–Wilk (p > 0.05), otherwise Mann–Whitney U, and is shown as
/// mean ± SD or median (Q1, Q3) to match; Fisher's exact test replaces χ² when an expected count is below 5.
/// Written to results.json (`baseline`), tables/baseline_by_cohort.csv, tables/baseline_by_outcome.csv and the
/// report's "Baseline characteristics" section.
public struct BaselineSection: Sendable {
    /// One baseline table (its groups and rows), or why it could not be made.
    public struct Part: Sendable {
        /// The cohort whose cases are split by outcome; nil for the by-cohort table.
        public let cohort: String?
        public let groups: [String]
        public let groupSizes: [Int]
        public let header: [String]
        public let rows: [BaselineRow]
        /// Per variable, how many of this table's cases lack a value.
        public let missing: [(variable: String, cases: Int)]
        /// Variables whose test could not run (a group with too few values), with the reason.
        public let failures: [String: String]

        /// A variable row's note: why its test could not run, or BaselineTable's own note.
        public func note(_ r: BaselineRow) -> String? { r.level == nil ? failures[r.variable] ?? r.note : r.note }
    }

    /// The options every table of the study uses (see the type's comment).
    public static var options: BaselineOptions {
        var o = BaselineOptions()
        o.numericTest = .shapiroWilk(alpha: 0.05)
        o.numericSummary = .followTest
        return o
    }

    public static let ruleText = "numeric: Welch t-test when every group passes Shapiro–Wilk (p > 0.05), else Mann–Whitney U "
        + "(one-way ANOVA / Kruskal–Wallis for more than two groups), shown as mean ± SD or median (Q1, Q3) to match; "
        + "categorical: chi-square (Yates' correction for 2 × 2), Fisher's exact test when an expected count is below 5"

    /// Cases in the cohort file.
    public let cases: Int
    /// The by-cohort table; nil without a `cohorts:` split (or with one cohort only).
    public let byCohort: Part?
    /// One by-outcome table per cohort (cohort order as in `byCohort`).
    public let byOutcome: [Part]
    /// Cases left out of the by-outcome tables (outcome missing), and anything else the tables leave out.
    public let notes: [String]

    /// The study's baseline tables; nil when the study declares no clinical variable.
    public static func evaluate(study: StudyFile) -> Result<BaselineSection, EvaluationError>? {
        guard !study.clinical.isEmpty else { return nil }
        do { return .success(try BaselineSection(study: study)) } catch let e as EvaluationError {
            return .failure(e)
        } catch {
            return .failure(EvaluationError("\(error)"))
        }
    }

    init(study: StudyFile) throws {
        let file = study.cohort
        let ids = try DataTable.textColumn("id", of: file)
        cases = ids.count
        var notes: [String] = []
        // Each case's cohort, in the order the tables show them.
        var cohortOf = [String](repeating: "all cases", count: ids.count)
        var cohortOrder = ["all cases"]
        if let split = study.cohortSplit {
            cohortOf = try study.cohortColumn(ids: ids)
            cohortOrder = [split.training]
            for c in cohortOf where !cohortOrder.contains(c) { cohortOrder.append(c) }
        }
        // The outcome, as text ("" when missing).
        var outcome: [String?] = Array(repeating: nil, count: ids.count)
        var outcomeLevels: [String] = []
        if let column = study.outcome {
            outcome = try DataTable.textColumn(column, of: file).map {
                let v = $0.trimmingCharacters(in: .whitespaces)
                return v.isEmpty || v == "NA" ? nil : v
            }
            outcomeLevels = Array(Set(outcome.compactMap { $0 })).sorted { a, b in
                if let x = Double(a), let y = Double(b) { return x < y }
                return a < b
            }
        }
        let variables = try study.clinical.map { v in try Self.variable(v, values: DataTable.textColumn(v.name, of: file)) }
        let options = Self.options

        if cohortOrder.count >= 2 {
            var all = variables
            if let column = study.outcome { all.append(.categorical(name: column, values: outcome, levels: outcomeLevels)) }
            byCohort = Self.part(cohort: nil, labels: cohortOf, order: cohortOrder, variables: all, options: options)
        } else {
            byCohort = nil
            notes.append(study.cohortSplit == nil ? "One cohort (no cohorts: split): no by-cohort comparison."
                : "Every case is in the training cohort: no by-cohort comparison.")
        }

        var byOutcome: [Part] = []
        if let column = study.outcome {
            let withoutOutcome = outcome.filter { $0 == nil }.count
            if withoutOutcome > 0 { notes.append("\(withoutOutcome) case(s) without a \(column) value are left out of the by-outcome tables.") }
            for c in cohortOrder {
                let rows = ids.indices.filter { cohortOf[$0] == c && outcome[$0] != nil }
                let labels = rows.map { "\(column) = \(outcome[$0]!)" }
                let sub = variables.map { Self.subset($0, rows) }
                byOutcome.append(Self.part(cohort: c, labels: labels, order: outcomeLevels.map { "\(column) = \($0)" },
                                           variables: sub, options: options))
            }
        } else {
            notes.append("The study names no outcome column: no by-outcome tables.")
        }
        self.byOutcome = byOutcome
        self.notes = notes
    }

    /// A clinical column as a baseline variable: invalid or missing values become NaN / nil.
    static func variable(_ v: ClinicalVariable, values: [String]) -> BaselineVariable {
        let trimmed = values.map { $0.trimmingCharacters(in: .whitespaces) }
        switch v.kind {
        case .numeric:
            return .numeric(name: v.name, values: trimmed.map { s in Double(s).flatMap { $0.isFinite ? $0 : nil } ?? .nan })
        case let .categorical(levels, _):
            return .categorical(name: v.name, values: trimmed.map { levels.contains($0) ? $0 : nil }, levels: levels)
        }
    }

    static func subset(_ v: BaselineVariable, _ rows: [Int]) -> BaselineVariable {
        switch v {
        case let .numeric(name, values): return .numeric(name: name, values: rows.map { values[$0] })
        case let .categorical(name, values, levels): return .categorical(name: name, values: rows.map { values[$0] }, levels: levels)
        }
    }

    static func missingCount(_ v: BaselineVariable) -> Int {
        switch v {
        case let .numeric(_, values): return values.filter(\.isNaN).count
        case let .categorical(_, values, _): return values.filter { $0 == nil }.count
        }
    }

    /// One table, variable by variable: a variable whose test cannot run (a group with too few values) gets a row
    /// saying why instead of stopping the table.
    static func part(cohort: String?, labels: [String], order: [String], variables: [BaselineVariable],
                     options: BaselineOptions) -> Part {
        // Group sizes and header do not depend on the variables.
        let frame = try? BaselineTable(groupLabels: labels, groupOrder: order, variables: [], options: options)
        var rows: [BaselineRow] = [], failures: [String: String] = [:]
        for v in variables {
            do {
                rows += try BaselineTable(groupLabels: labels, groupOrder: order, variables: [v], options: options).rows
            } catch {
                // An empty row for the variable (a categorical column with no value is never tested), and the reason.
                let empty = BaselineVariable.categorical(name: v.name, values: labels.map { _ in nil }, levels: [])
                rows += (try? BaselineTable(groupLabels: labels, groupOrder: order, variables: [empty], options: options).rows) ?? []
                failures[v.name] = "no test: \(error)"
            }
        }
        return Part(cohort: cohort, groups: order, groupSizes: frame?.groupSizes ?? order.map { _ in 0 },
                    header: frame?.header ?? [], rows: rows,
                    missing: variables.map { ($0.name, missingCount($0)) }.filter { $0.1 > 0 }, failures: failures)
    }
}

// MARK: - Rendering

extension BaselineSection {
    /// results.json's `baseline` section.
    static func render(_ result: Result<BaselineSection, EvaluationError>?) -> OrderedJSON {
        switch result {
        case nil: return .null
        case let .failure(e)?: return .object([("status", .string("not computed: \(e.description)"))])
        case let .success(b)?:
            return .object([
                ("cases", .integer(b.cases)),
                ("tests", .string(ruleText)),
                ("byCohort", b.byCohort.map(render) ?? .null),
                ("byOutcome", .array(b.byOutcome.map(render))),
                ("notes", .array(b.notes.map(OrderedJSON.string))),
            ])
        }
    }

    static func render(_ p: Part) -> OrderedJSON {
        var pairs: [(String, OrderedJSON)] = []
        if let c = p.cohort { pairs.append(("cohort", .string(c))) }
        pairs += [
            ("groups", .array(p.groups.map(OrderedJSON.string))),
            ("groupSizes", .array(p.groupSizes.map(OrderedJSON.integer))),
            ("missing", .array(p.missing.map { .object([("variable", .string($0.variable)), ("cases", .integer($0.cases))]) })),
            ("rows", .array(p.rows.map { r in
                .object([
                    ("variable", .string(r.variable)),
                    ("level", r.level.map(OrderedJSON.string) ?? .null),
                    ("overall", r.overall.map(OrderedJSON.string) ?? .null),
                    ("cells", .array(r.cells.map(OrderedJSON.string))),
                    ("test", r.test.map { .string($0.rawValue) } ?? .null),
                    ("pValue", r.pValue.map(OrderedJSON.number) ?? .null),
                    ("note", p.note(r).map(OrderedJSON.string) ?? .null),
                ])
            })),
        ]
        return .object(pairs)
    }

    /// "2 case(s) lack age; 1 lacks grade" for a table's caption and its variable rows.
    static func missingText(_ p: Part) -> String {
        p.missing.isEmpty ? "no case lacks a value" : p.missing.map { "\($0.cases) case(s) lack \($0.variable)" }.joined(separator: "; ")
    }

    static func rowNote(_ r: BaselineRow, _ p: Part) -> String {
        guard r.level == nil else { return "" }
        var parts: [String] = []
        if let n = p.missing.first(where: { $0.variable == r.variable })?.cases { parts.append("\(n) missing") }
        if let note = p.note(r) { parts.append(note) }
        return parts.joined(separator: "; ")
    }

    /// tables/baseline_by_cohort.csv: `BaselineTable`'s header and fields, plus a note column (missing values, why no test).
    var byCohortTable: ReportTable? {
        guard let p = byCohort else { return nil }
        return ReportTable(name: "baseline_by_cohort", table: HTMLReport.Table(
            caption: "Baseline characteristics by cohort (\(cases) cases in the cohort file; \(Self.missingText(p))). Tests over all cohorts: "
                + Self.ruleText,
            header: p.header + ["Note"], rows: p.rows.map { $0.fields + [Self.rowNote($0, p)] }, textColumns: 2))
    }

    /// tables/baseline_by_outcome.csv: every cohort's by-outcome table stacked, a `Cohort` column first and an `N` row
    /// with the group sizes opening each cohort.
    var byOutcomeTable: ReportTable? {
        guard let first = byOutcome.first else { return nil }
        let header = ["Cohort", "Variable", "Level", "Overall"] + first.groups + ["p", "Test", "Note"]
        var rows: [[String]] = []
        for p in byOutcome {
            let cohort = p.cohort ?? ""
            rows.append([cohort, "N", "", String(p.groupSizes.reduce(0, +))] + p.groupSizes.map(String.init) + ["", "", Self.missingText(p)])
            rows += p.rows.map { [cohort] + $0.fields + [Self.rowNote($0, p)] }
        }
        return ReportTable(name: "baseline_by_outcome", table: HTMLReport.Table(
            caption: "Baseline characteristics by outcome within each cohort. Tests: " + Self.ruleText,
            header: header, rows: rows, textColumns: 3))
    }

    /// The report's tables: by cohort, then one by-outcome table per cohort (with its group sizes in the header).
    /// `hidden`: captions of the tables the study's `outputs:` leaves out (the by-outcome tables follow their CSV's).
    func reportBlocks(hidden: Set<String>) -> [HTMLReport.Block] {
        var blocks: [HTMLReport.Block] = []
        if let t = byCohortTable { blocks.append(.table(t.table)) }
        for p in byOutcome where byOutcomeTable.map({ !hidden.contains($0.table.caption) }) ?? false {
            blocks.append(.table(HTMLReport.Table(
                caption: "Baseline characteristics by outcome, \(p.cohort ?? "all") cohort (\(Self.missingText(p)))",
                header: p.header + ["Note"], rows: p.rows.map { $0.fields + [Self.rowNote($0, p)] }, textColumns: 2)))
        }
        blocks.append(.paragraph("Tests: \(Self.ruleText)."))
        blocks += notes.map { .note($0) }
        return blocks
    }
}
