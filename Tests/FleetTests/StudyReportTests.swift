import CaseIO
import Fleet
import FleetProtocol
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Study
import XCTest

/// A study run through the job store and the aggregator (one broken case among 30), then its report read back as
/// a person's tools would: report.html parsed as XML, every figure file as SVG and PNG, every table against
/// results.json. The demo cohort of seed 7 gives a rad-score of 3 features with AUC 0.86 (no rate is 0 or 1, so a
/// swapped column would show); seed 4 gives a LASSO that keeps no feature.
final class StudyReportTests: XCTestCase {
    static let brokenCase = "demo-007"
    static let seed: UInt64 = 7, seedWithoutFeatures: UInt64 = 4
    static let figureNames = ["lasso-cv", "lasso-path", "coefficients", "roc", "calibration", "decision-curve", "clinical-impact"]
    static let sectionIds = ["study", "cohort", "feature-selection", "performance", "roc", "calibration", "decision-curve", "clinical-impact"]
    nonisolated(unsafe) static var output: URL!
    nonisolated(unsafe) static var root: URL!

    override class func setUp() {
        super.setUp()
        root = FileManager.default.temporaryDirectory.appendingPathComponent("radfleet-report-\(UUID().uuidString)")
        do { output = try runStudy(in: root.appendingPathComponent("main"), seed: seed) } catch {
            output = nil
            print("study run failed: \(error)")
        }
    }

    override class func tearDown() {
        try? FileManager.default.removeItem(at: root)
        super.tearDown()
    }

    /// The coordinator's loop without sockets: plan, lease, run, store; then the aggregator writes every output.
    static func runStudy(in dir: URL, seed: UInt64) throws -> URL {
        try DemoCohortWriter.write(DemoCohort(count: 30, seed: seed, size: 96), to: dir)
        try Data("not a png".utf8).write(to: dir.appendingPathComponent("images/\(brokenCase).png"))
        // One cohort and the rad-score alone: every case trains the model (the cohort split and the clinical models
        // have their own tests, CohortSplitTests). Drops the demo study's cohorts: and clinical: blocks.
        let studyURL = dir.appendingPathComponent("study.yaml")
        var kept: [String] = [], skipping = false
        for line in try String(contentsOf: studyURL, encoding: .utf8).components(separatedBy: "\n") {
            if line.hasPrefix("cohorts:") || line.hasPrefix("clinical:") { skipping = true; continue }
            if skipping && line.hasPrefix(" ") { continue }
            skipping = false
            kept.append(line)
        }
        try kept.joined(separator: "\n").write(to: studyURL, atomically: true, encoding: .utf8)
        let study = try StudyFile(contentsOf: studyURL)
        precondition(study.cohortSplit == nil && study.clinical.isEmpty)
        let plan = try StudyPlan(study: study)
        let store = try JobStore(path: dir.appendingPathComponent("run.sqlite").path)
        let runner = StandardJobRunner(dataRoot: dir)
        var stage = try plan.extractionJobs().enumerated().map { (job: $1, sequence: $0) }
        var now = 1.0
        while !stage.isEmpty {
            let jobs = Dictionary(uniqueKeysWithValues: stage.map { ($0.job.id, $0.job) })
            _ = try store.add(stage.map { PlannedJob(id: $0.job.id, kind: $0.job.kind.rawValue, sequence: $0.sequence, payload: "{}") }, now: now)
            for leased in try store.lease(to: "w", count: stage.count, now: now, leaseSeconds: 60) {
                now += 1
                switch runner.run(jobs[leased.id]!) {
                case let .success(value):
                    _ = try store.complete(jobId: leased.id, worker: "w", attempt: leased.attempt, output: RawJSON(value).text, now: now)
                case let .failure(f):
                    try store.fail(jobId: leased.id, worker: "w", reason: f.reason, final: true, now: now)
                }
            }
            let results = Dictionary(uniqueKeysWithValues: try store.results().map { ($0.jobId, $0.output) })
            stage = try plan.nextJobs(results: results).filter { results[$0.job.id] == nil }
        }
        let aggregator = Aggregator(study: study, version: "test")
        try aggregator.write(try aggregator.assemble(from: store))
        return study.output
    }

    func outputs() throws -> URL { try XCTUnwrap(Self.output, "the study did not run") }

    func resultsJSON() throws -> [String: Any] {
        let data = try Data(contentsOf: try outputs().appendingPathComponent("results.json"))
        return try XCTUnwrap(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    // MARK: - report.html

    func testReportIsWellFormedWithEverySectionAndFigureAndNoExternalResource() throws {
        let html = try String(contentsOf: try outputs().appendingPathComponent("report.html"), encoding: .utf8)
        let doc = XMLDocumentScan(html)
        XCTAssertTrue(doc.wellFormed, "report.html is not well-formed XML: \(doc.error)")
        let sections = doc.elements.filter { $0.name == "section" }.compactMap { $0.attributes["id"] }
        XCTAssertEqual(sections, Self.sectionIds)
        let figures = doc.elements.filter { $0.name == "figure" }
        XCTAssertEqual(figures.compactMap { $0.attributes["id"] }, Self.figureNames.map { "figure-\($0)" })
        for f in figures {
            XCTAssertTrue(f.children.contains("svg"), "\(f.attributes["id"] ?? "?") has no inline SVG")
            XCTAssertTrue(f.children.contains("figcaption"), "\(f.attributes["id"] ?? "?") has no caption")
        }
        XCTAssertFalse(doc.elements.contains { ["script", "img", "link", "iframe", "object"].contains($0.name) }, "scripts or external files")
        for e in doc.elements {
            for (k, v) in e.attributes where ["src", "href"].contains(k) {
                XCTAssertTrue(v.hasPrefix("#"), "\(e.name) \(k)=\(v) points outside the report")
            }
        }
    }

    func testFailuresAndTheirReasonsAppearInTheReportAndTheExclusionsTable() throws {
        let out = try outputs()
        let json = try resultsJSON()
        let failures = try XCTUnwrap(json["failures"] as? [[String: Any]])
        let broken = try XCTUnwrap(failures.first { ($0["jobId"] as? String) == "extract:\(Self.brokenCase)" })
        let reason = try XCTUnwrap(broken["reason"] as? String)
        let doc = XMLDocumentScan(try String(contentsOf: out.appendingPathComponent("report.html"), encoding: .utf8))
        let cohortCells = doc.cells(inSection: "cohort")
        XCTAssertTrue(cohortCells.contains(Self.brokenCase), "the excluded case is not named in the cohort section")
        XCTAssertTrue(cohortCells.contains(reason), "the reason is not given in the cohort section")
        let exclusions = try csv(out.appendingPathComponent("tables/exclusions.csv"))
        XCTAssertEqual(exclusions.first, ["Kind", "Id", "Reason"])
        XCTAssertTrue(exclusions.contains(["case", Self.brokenCase, reason]))
        let model = try XCTUnwrap(json["model"] as? [String: Any])
        for dropped in try XCTUnwrap(model["droppedFeatures"] as? [String]) {
            XCTAssertTrue(exclusions.contains { $0.count == 3 && $0[0] == "feature" && $0[1] == dropped }, dropped)
        }
    }

    // MARK: - figures

    func testEveryFigureIsAValidSVGAndAPNGOfTheSameSize() throws {
        let figures = try outputs().appendingPathComponent("figures")
        for name in Self.figureNames {
            let svg = XMLDocumentScan(try String(contentsOf: figures.appendingPathComponent("\(name).svg"), encoding: .utf8))
            XCTAssertTrue(svg.wellFormed, "\(name).svg: \(svg.error)")
            let root = try XCTUnwrap(svg.elements.first)
            XCTAssertEqual(root.name, "svg")
            if name == "coefficients" {
                let kept = try selectedFeatureCount()
                XCTAssertEqual(svg.elements.filter { $0.name == "rect" }.count, 1 + kept, "coefficients.svg: background + one bar per kept feature")
            } else {
                XCTAssertGreaterThan(svg.elements.filter { ["polyline", "circle", "polygon"].contains($0.name) }.count, 0, "\(name).svg draws no data")
            }
            let png = [UInt8](try Data(contentsOf: figures.appendingPathComponent("\(name).png")))
            XCTAssertEqual(Array(png.prefix(8)), [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], "\(name).png signature")
            XCTAssertEqual(String(decoding: png[12..<16], as: UTF8.self), "IHDR", "\(name).png: IHDR first")
            func be32(_ at: Int) -> Int { png[at..<(at + 4)].reduce(0) { $0 << 8 | Int($1) } }
            let width = try XCTUnwrap(Double(root.attributes["width"] ?? "")), height = try XCTUnwrap(Double(root.attributes["height"] ?? ""))
            XCTAssertEqual(be32(16), Int((width * 2).rounded(.up)), "\(name).png width = 2 × SVG width")
            XCTAssertEqual(be32(20), Int((height * 2).rounded(.up)), "\(name).png height = 2 × SVG height")
            XCTAssertGreaterThan(png.count, 4000, "\(name).png is suspiciously small")
        }
    }

    func selectedFeatureCount(in out: URL? = nil) throws -> Int {
        let data = try Data(contentsOf: (try out ?? outputs()).appendingPathComponent("results.json"))
        let json = try XCTUnwrap(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let lasso = try XCTUnwrap((json["model"] as? [String: Any])?["lasso"] as? [String: Any])
        return try XCTUnwrap(lasso["coefficients"] as? [String: Any]).count - 1
    }

    func testALassoThatKeepsNoFeatureStillGivesAWellFormedReportThatSaysSo() throws {
        let out = try Self.runStudy(in: Self.root.appendingPathComponent("empty"), seed: Self.seedWithoutFeatures)
        XCTAssertEqual(try selectedFeatureCount(in: out), 0, "seed \(Self.seedWithoutFeatures) should keep no feature")
        let html = try String(contentsOf: out.appendingPathComponent("report.html"), encoding: .utf8)
        let doc = XMLDocumentScan(html)
        XCTAssertTrue(doc.wellFormed, doc.error)
        XCTAssertEqual(doc.elements.filter { $0.name == "section" }.compactMap { $0.attributes["id"] }, Self.sectionIds)
        XCTAssertEqual(doc.elements.filter { $0.name == "figure" }.compactMap { $0.attributes["id"] },
                       Self.figureNames.filter { $0 != "coefficients" }.map { "figure-\($0)" })
        XCTAssertTrue(html.contains("No feature has a non-zero coefficient"))
        XCTAssertFalse(FileManager.default.fileExists(atPath: out.appendingPathComponent("figures/coefficients.svg").path))
        let rows = try csv(out.appendingPathComponent("tables/selected-features.csv"))
        XCTAssertEqual(rows.map { $0[0] }, ["Feature", "(Intercept)"])
    }

    // MARK: - tables

    func testPerformanceTableEqualsResultsJSON() throws {
        let out = try outputs()
        let evaluation = try XCTUnwrap((try resultsJSON()["model"] as? [String: Any])?["evaluation"] as? [String: Any])
        func number(_ path: String...) throws -> Double {
            var node: Any? = evaluation
            for key in path { node = (node as? [String: Any])?[key] }
            return try XCTUnwrap(node as? Double, path.joined(separator: "."))
        }
        func f3(_ v: Double) -> String { String(format: "%.3f", v) }
        let rows = try csv(out.appendingPathComponent("tables/model-performance.csv"))
        XCTAssertEqual(rows.count, 3, "header + the rad-score and the SVM, training cohort")
        let header = rows[0], row = rows[1]
        func cell(_ name: String) throws -> String { row[try XCTUnwrap(header.firstIndex(of: name), name)] }
        XCTAssertEqual(try cell("AUC (95% CI)"), "\(f3(try number("auc"))) (\(f3(try number("ci", "lower")))–\(f3(try number("ci", "upper"))))")
        XCTAssertEqual(try cell("AUC 95% CI (bootstrap)"), "\(f3(try number("bootstrap", "lower")))–\(f3(try number("bootstrap", "upper")))")
        XCTAssertEqual(try cell("Cut-off"), f3(try number("youden", "threshold")))
        for (column, key) in [("ACC", "accuracy"), ("SEN", "sensitivity"), ("SPE", "specificity"), ("PPV", "ppv"), ("NPV", "npv")] {
            XCTAssertEqual(try cell(column), f3(try number("youden", key)), column)
        }
        let cases = try XCTUnwrap((try resultsJSON()["model"] as? [String: Any])?["cases"] as? Int)
        let events = Int(try number("youden", "tp") + number("youden", "fn"))
        XCTAssertEqual(try cell("N (events)"), "\(cases) (\(events))")
        // The report shows the same row.
        let doc = XMLDocumentScan(try String(contentsOf: out.appendingPathComponent("report.html"), encoding: .utf8))
        XCTAssertTrue(doc.rows(inSection: "performance").contains(row), "report.html's performance table differs from the CSV")

        // The SVM row: its chosen setting and the apparent fit in results.json's svm section.
        let svm = try XCTUnwrap(try resultsJSON()["svm"] as? [String: Any])
        let chosen = try XCTUnwrap(svm["chosen"] as? [String: Any]), fit = try XCTUnwrap(svm["fit"] as? [String: Any])
        let ci = try XCTUnwrap(fit["ci"] as? [String: Any]), youden = try XCTUnwrap(fit["youden"] as? [String: Double])
        let svmRow = rows[2]
        func svmCell(_ name: String) throws -> String { svmRow[try XCTUnwrap(header.firstIndex(of: name), name)] }
        XCTAssertTrue(svmRow[0].hasPrefix("SVM (radial, C = "), svmRow[0])
        XCTAssertTrue(svmRow[0].contains(String(format: "%g", try XCTUnwrap(chosen["cost"] as? Double))), svmRow[0])
        XCTAssertEqual(try svmCell("AUC (95% CI)"),
                       "\(f3(try XCTUnwrap(fit["auc"] as? Double))) (\(f3(try XCTUnwrap(ci["lower"] as? Double)))–\(f3(try XCTUnwrap(ci["upper"] as? Double))))")
        XCTAssertEqual(try svmCell("Cut-off"), f3(try XCTUnwrap(youden["threshold"])))
        for (column, key) in [("ACC", "accuracy"), ("SEN", "sensitivity"), ("SPE", "specificity"), ("PPV", "ppv"), ("NPV", "npv")] {
            XCTAssertEqual(try svmCell(column), f3(try XCTUnwrap(youden[key])), "SVM \(column)")
        }
        XCTAssertTrue(doc.rows(inSection: "performance").contains(svmRow), "report.html's SVM row differs from the CSV")
        let grid = try csv(out.appendingPathComponent("tables/svm-grid.csv"))
        XCTAssertEqual(grid.count, 1 + (try XCTUnwrap(svm["grid"] as? [Any])).count)
        XCTAssertEqual(grid.dropFirst().filter { $0[0] == "✓" }.count, 1, "one chosen setting")
    }

    func testSelectedFeaturesTableEqualsResultsJSON() throws {
        let out = try outputs()
        let lasso = try XCTUnwrap((try resultsJSON()["model"] as? [String: Any])?["lasso"] as? [String: Any])
        let text = try String(contentsOf: out.appendingPathComponent("results.json"), encoding: .utf8)
        // Key order of `coefficients` as written (JSONSerialization forgets it).
        let coefficients = try XCTUnwrap(lasso["coefficients"] as? [String: Double])
        let rows = try csv(out.appendingPathComponent("tables/selected-features.csv"))
        XCTAssertEqual(rows.first, ["Feature", "Image type", "Class", "Name", "Coefficient"])
        let body = rows.dropFirst()
        XCTAssertEqual(Set(body.map { $0[0] }), Set(coefficients.keys))
        XCTAssertGreaterThan(body.count, 1, "at least one feature selected in the demo study")
        for r in body {
            XCTAssertEqual(r[4], String(format: "%.4g", try XCTUnwrap(coefficients[r[0]])), r[0])
            if r[0] != "(Intercept)" { XCTAssertEqual([r[1], r[2], r[3]].joined(separator: "_"), r[0]) }
        }
        let order = body.map { $0[0] }.filter { $0 != "(Intercept)" }
        let positions = order.map { text.range(of: "\"\($0)\": ")?.lowerBound }
        XCTAssertEqual(positions.compactMap { $0 }, positions.compactMap { $0 }.sorted(), "table in results.json's order")
        let doc = XMLDocumentScan(try String(contentsOf: out.appendingPathComponent("report.html"), encoding: .utf8))
        let shown = doc.rows(inSection: "feature-selection")
        for r in body { XCTAssertTrue(shown.contains(r), "report.html lacks \(r)") }
    }

    /// RFC 4180 reader for the tables (quoted fields, doubled quotes).
    func csv(_ url: URL) throws -> [[String]] {
        let text = try String(contentsOf: url, encoding: .utf8)
        var rows: [[String]] = [], row: [String] = [], field = "", quoted = false
        var chars = text.makeIterator()
        while let c = chars.next() {
            if quoted {
                if c == "\"" {
                    if let n = chars.next() {
                        if n == "\"" { field.append("\"") } else {
                            quoted = false
                            if n == "," { row.append(field); field = "" } else if n == "\n" { row.append(field); rows.append(row); row = []; field = "" } else { field.append(n) }
                        }
                    } else { quoted = false }
                } else { field.append(c) }
            } else if c == "\"" { quoted = true } else if c == "," { row.append(field); field = "" } else if c == "\n" {
                row.append(field); rows.append(row); row = []; field = ""
            } else { field.append(c) }
        }
        if !field.isEmpty || !row.isEmpty { row.append(field); rows.append(row) }
        return rows
    }
}

/// Parses a document with XMLParser and keeps, per element, its name, attributes, the names of its direct
/// children, its text, and its enclosing section — enough to check structure and table cells.
final class XMLDocumentScan {
    struct Element {
        let name: String
        let attributes: [String: String]
        let section: String?
        var children: [String] = []
        var text = ""
    }

    let elements: [Element]
    let wellFormed: Bool
    let error: String

    init(_ text: String) {
        let parser = XMLParser(data: Data(text.utf8))
        let collector = Collector()
        parser.delegate = collector
        wellFormed = parser.parse()
        error = parser.parserError.map { "\($0) line \(parser.lineNumber)" } ?? ""
        elements = collector.elements
    }

    /// Text of every table cell in the section.
    func cells(inSection id: String) -> [String] {
        elements.filter { $0.section == id && ($0.name == "td" || $0.name == "th") }.map(\.text)
    }

    /// Table rows (td cells) in the section.
    func rows(inSection id: String) -> [[String]] { rowsByTr.filter { $0.section == id }.map(\.cells) }

    private var rowsByTr: [(section: String?, cells: [String])] {
        var out: [(String?, [String])] = []
        for e in elements {
            if e.name == "tr" { out.append((e.section, [])) } else if e.name == "td", !out.isEmpty { out[out.count - 1].1.append(e.text) }
        }
        return out.filter { !$0.1.isEmpty }
    }

    private final class Collector: NSObject, XMLParserDelegate {
        var elements: [Element] = []
        var open: [Int] = []
        var section: String?
        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) {
            if name == "section" { section = attributes["id"] }
            if let parent = open.last { elements[parent].children.append(name) }
            elements.append(Element(name: name, attributes: attributes, section: section))
            open.append(elements.count - 1)
        }
        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            open.removeLast()
            if name == "section" { section = nil }
        }
        func parser(_ parser: XMLParser, foundCharacters string: String) {
            for i in open { elements[i].text += string }
        }
    }
}
