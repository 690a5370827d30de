import CaseIO
import Fleet
import Foundation
import Statistics
import Study
import XCTest

/// The study's baseline tables ("table 1") on the demo cohort's clinical columns (Fixtures/baseline_cohort.csv, with
/// one age blank, one grade outside its levels and one outcome blank): the CSVs the report writer writes equal
/// `BaselineTable` called by hand on the cohort values, and their p-values equal R's (scripts/fixtures/baseline_section.R).
final class BaselineSectionTests: XCTestCase {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
    static let studyText = """
    name: baseline-test
    seed: 11
    cohort: cohort.csv
    outcome: alnm
    output: results
    cohorts: {column: cohort, training: training}
    clinical:
      age: numeric
      tumour_size_mm: numeric
      us_reported_aln: {type: categorical, levels: ["0", "1"]}
      grade: {type: categorical, levels: ["1", "2", "3"]}

    """

    var dir: URL!

    override func setUpWithError() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("radfleet-baseline-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: Self.fixtures.appendingPathComponent("baseline_cohort.csv"), to: dir.appendingPathComponent("cohort.csv"))
        try Self.studyText.write(to: dir.appendingPathComponent("study.yaml"), atomically: true, encoding: .utf8)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: dir) }

    func study() throws -> StudyFile { try StudyFile(contentsOf: dir.appendingPathComponent("study.yaml")) }

    /// The options the study documents, spelled out here rather than taken from BaselineSection.
    var options: BaselineOptions {
        var o = BaselineOptions()
        o.numericTest = .shapiroWilk(alpha: 0.05)
        o.numericSummary = .followTest
        return o
    }

    /// The cohort's columns as BaselineTable variables, by hand: blank or non-numeric → NaN, outside the levels → nil.
    func variables(rows: [Int]? = nil, outcome: Bool) throws -> [BaselineVariable] {
        let file = dir.appendingPathComponent("cohort.csv")
        func column(_ name: String) throws -> [String] {
            let all = try DataTable.textColumn(name, of: file)
            return (rows ?? Array(all.indices)).map { all[$0] }
        }
        func cat(_ v: [String], _ levels: [String]) -> [String?] { v.map { levels.contains($0) ? $0 : nil } }
        var out: [BaselineVariable] = [
            .numeric(name: "age", values: try column("age").map { Double($0) ?? .nan }),
            .numeric(name: "tumour_size_mm", values: try column("tumour_size_mm").map { Double($0) ?? .nan }),
            .categorical(name: "us_reported_aln", values: cat(try column("us_reported_aln"), ["0", "1"]), levels: ["0", "1"]),
            .categorical(name: "grade", values: cat(try column("grade"), ["1", "2", "3"]), levels: ["1", "2", "3"]),
        ]
        if outcome { out.append(.categorical(name: "alnm", values: cat(try column("alnm"), ["0", "1"]), levels: ["0", "1"])) }
        return out
    }

    func testCSVTablesEqualBaselineTableCalledByHandOnTheCohortValues() throws {
        let study = try study()
        try StudyReportWriter(study: study, version: "test").write(featureTable: FeatureTable(), failures: [], model: nil)
        let file = dir.appendingPathComponent("cohort.csv")
        let cohorts = try DataTable.textColumn("cohort", of: file), outcome = try DataTable.textColumn("alnm", of: file)

        // By cohort: every variable and the outcome over all cases, training then validation.
        let hand = try BaselineTable(groupLabels: cohorts, groupOrder: ["training", "validation"],
                                     variables: try variables(outcome: true), options: options)
        let csv = try Self.csv(study.output.appendingPathComponent("tables/baseline_by_cohort.csv"))
        XCTAssertEqual(csv.first, hand.header + ["Note"])
        XCTAssertEqual(csv.dropFirst().map { Array($0.dropLast()) }, hand.rows.map(\.fields))
        XCTAssertTrue(hand.rows.contains { $0.test == .mannWhitney } && hand.rows.contains { $0.test == .welchT }, "both numeric tests used")
        var notes: [String: String] = [:]
        for row in csv.dropFirst() where row[1].isEmpty { notes[row[0]] = row.last }
        XCTAssertEqual(notes["age"], "1 missing")
        XCTAssertEqual(notes["grade"], "1 missing")
        XCTAssertEqual(notes["alnm"], "1 missing")
        XCTAssertEqual(notes["tumour_size_mm"], "")

        // results.json's numbers are the same doubles.
        guard case let .success(section)? = BaselineSection.evaluate(study: study) else { return XCTFail("no baseline section") }
        let byCohort = try XCTUnwrap(section.byCohort)
        XCTAssertEqual(byCohort.rows.map(\.pValue), hand.rows.map(\.pValue))
        XCTAssertEqual(byCohort.groupSizes, [42, 18])

        // By outcome within each cohort: the cases with an outcome.
        let stacked = try Self.csv(study.output.appendingPathComponent("tables/baseline_by_outcome.csv"))
        XCTAssertEqual(stacked.first, ["Cohort", "Variable", "Level", "Overall", "alnm = 0", "alnm = 1", "p", "Test", "Note"])
        for (k, c) in ["training", "validation"].enumerated() {
            let rows = cohorts.indices.filter { cohorts[$0] == c && !outcome[$0].isEmpty }
            let byHand = try BaselineTable(groupLabels: rows.map { "alnm = \(outcome[$0])" }, groupOrder: ["alnm = 0", "alnm = 1"],
                                           variables: try variables(rows: rows, outcome: false), options: options)
            let block = stacked.dropFirst().filter { $0[0] == c }
            XCTAssertEqual(block.first.map { Array($0[1...5]) }, ["N", "", String(rows.count)] + byHand.groupSizes.map(String.init))
            XCTAssertEqual(block.dropFirst().map { Array($0.dropFirst().dropLast()) }, byHand.rows.map(\.fields), c)
            XCTAssertEqual(section.byOutcome[k].rows.map(\.pValue), byHand.rows.map(\.pValue), c)
        }
        XCTAssertTrue(section.notes.contains { $0.hasPrefix("1 case(s) without a alnm value") }, "\(section.notes)")

        // The report shows the same rows in its "Baseline characteristics" section.
        let doc = XMLDocumentScan(try String(contentsOf: study.output.appendingPathComponent("report.html"), encoding: .utf8))
        XCTAssertTrue(doc.wellFormed, doc.error)
        let shown = doc.rows(inSection: "baseline")
        for row in csv.dropFirst() { XCTAssertTrue(shown.contains(row), "report.html lacks \(row)") }
    }

    /// The tables' CSV (RFC 4180: quoted fields with doubled quotes; the writer quotes fields with commas).
    static func csv(_ url: URL) throws -> [[String]] {
        var rows: [[String]] = [], row: [String] = [], field = "", quoted = false, afterQuote = false
        for c in try String(contentsOf: url, encoding: .utf8) {
            if quoted {
                if c == "\"" { quoted = false; afterQuote = true } else { field.append(c) }
                continue
            }
            switch c {
            case "\"": if afterQuote { field.append("\"") }; quoted = true
            case ",": row.append(field); field = ""
            case "\n": row.append(field); rows.append(row); row = []; field = ""
            default: field.append(c)
            }
            afterQuote = false
        }
        return rows
    }

    /// R's t.test / wilcox.test / chisq.test / fisher.test on the same values, with the same rule.
    func testPValuesMatchR() throws {
        let data = try Data(contentsOf: Self.fixtures.appendingPathComponent("baseline_section_r.json"))
        let r = try XCTUnwrap(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        guard case let .success(section)? = BaselineSection.evaluate(study: try study()) else { return XCTFail("no baseline section") }
        var compared = 0, worst = 0.0
        func compare(_ part: BaselineSection.Part, _ expected: [[String: Any]], _ label: String) throws {
            let tested = part.rows.filter { $0.level == nil }
            XCTAssertEqual(tested.map(\.variable), expected.map { $0["variable"] as? String ?? "" }, label)
            for (row, e) in zip(tested, expected) {
                XCTAssertEqual(row.test?.rawValue ?? "", e["test"] as? String, "\(label) \(row.variable)")
                let p = try XCTUnwrap(row.pValue, "\(label) \(row.variable)")
                let want = try XCTUnwrap(e["p"] as? Double)
                let err = abs(p - want) / max(1e-300, abs(want))
                worst = max(worst, err)
                XCTAssertLessThanOrEqual(err, 1e-12, "\(label) \(row.variable): \(p) vs R \(want)")
                compared += 1
            }
        }
        try compare(try XCTUnwrap(section.byCohort), try XCTUnwrap(r["byCohort"] as? [[String: Any]]), "by cohort")
        let byOutcome = try XCTUnwrap(r["byOutcome"] as? [String: [[String: Any]]])
        for part in section.byOutcome {
            try compare(part, try XCTUnwrap(byOutcome[part.cohort ?? ""]), "by outcome, \(part.cohort ?? "")")
        }
        XCTAssertEqual(compared, 13)
        print("baseline p-values vs R: \(compared) compared, max relative difference \(worst)")
    }
}
