import CaseIO
import Fleet
import Foundation
import Statistics
import Study
import XCTest

/// The combined model's bootstrap calibration (`evaluation.calibration.bootstrap`): `NomogramCalibration` against
/// R's `set.seed(seed); rms::calibrate(lrm(...), method = "boot", B = 200)` on a factor + numeric design (fixture
/// calibrate_study.json from scripts/fixtures/stats_calibrate_study.R, whose seed is derived from the study seed by
/// an independent implementation of JobSeed), and a study's curve in results.json against BootstrapCalibration
/// called by hand on the combined model's design; `evaluation.ci: bootstrap` in the performance table.
final class NomogramCalibrationTests: XCTestCase {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
    static let data = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("StatisticsTests/Fixtures/clinical_model_data.csv")

    /// Compares relatively (|a − b| ≤ tol · max(1, |b|)), NaN only against NaN; returns (count, max relative difference).
    @discardableResult
    func compare(_ mine: [Double], _ theirs: [Double], _ tolerance: Double, _ label: String) -> (Int, Double) {
        XCTAssertEqual(mine.count, theirs.count, label)
        var worst = 0.0
        for (i, (a, b)) in zip(mine, theirs).enumerated() {
            if b.isNaN { XCTAssertTrue(a.isNaN, "\(label)[\(i)]: \(a), R NA"); continue }
            let d = abs(a - b) / max(1, abs(b))
            worst = max(worst, d)
            XCTAssertLessThanOrEqual(d, tolerance, "\(label)[\(i)]: \(a) vs R \(b)")
        }
        return (mine.count, worst)
    }

    func testCurveEqualsRmsCalibrateFromTheDerivedSeed() throws {
        let fixture = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(contentsOf: Self.fixtures.appendingPathComponent("calibrate_study.json"))) as? [String: Any])
        let csv = Self.data
        let column = { (name: String) in try DataTable.textColumn(name, of: csv) }
        let levels: [String: [String]] = ["us_aln": ["0", "1"], "grade": ["1", "2", "3"], "er": ["neg", "pos"]]
        var compared = 0, worst = 0.0
        for key in ["combined", "small"] {
            let m = try XCTUnwrap(fixture[key] as? [String: Any])
            let rows = try XCTUnwrap(m["rows"] as? [Int]).map { $0 - 1 }
            let studySeed = UInt64(try XCTUnwrap(m["study_seed"] as? Int))
            let replicates = try XCTUnwrap(m["B"] as? Int)
            let predictors: [Predictor] = try XCTUnwrap(m["terms"] as? [String]).map { term in
                let values = try column(term)
                let picked = rows.map { values[$0] }
                if let lv = levels[term] {
                    return .categorical(name: term, levels: lv, codes: picked.map { lv.firstIndex(of: $0) ?? -1 }, reference: 0)
                }
                return .numeric(name: term, values: picked.map { Double($0)! })
            }
            let y = try column("y")
            let outcome = rows.map { Double(y[$0])! }
            let cal = try NomogramCalibration(predictors: predictors, outcome: outcome, replicates: replicates, studySeed: studySeed)
            XCTAssertEqual(Int(cal.rSeed), m["seed"] as? Int, "\(key): set.seed integer of study seed \(studySeed)")
            XCTAssertEqual(cal.curve.failedFits, m["failed_fits"] as? Int, "\(key): refits skipped")
            let fit = try LRMFit(x: try NomogramCalibration.designRows(predictors), outcome: outcome)
            compare(fit.coefficients, try XCTUnwrap(m["coefficients"] as? [Double]), 1e-12, "\(key) lrm coefficients")
            func series(_ k: String) throws -> [Double] { try XCTUnwrap(m[k] as? [Any]).map { ($0 as? Double) ?? .nan } }
            for (mine, k) in [(cal.curve.predy, "predy"), (cal.curve.calibratedOriginal, "calibrated_orig"),
                              (cal.curve.calibratedCorrected, "calibrated_corrected"), (cal.curve.training, "training"),
                              (cal.curve.test, "test"), (cal.curve.optimism, "optimism"), (cal.curve.n.map(Double.init), "n")] {
                let (c, w) = compare(mine, try series(k), 1e-8, "\(key) \(k)")
                compared += c; worst = max(worst, w)
            }
        }
        print("rms::calibrate study parity: \(compared) values, max rel diff \(worst)")
    }

    func testKeysParseAndBadValuesNameTheirKey() throws {
        func parse(_ extra: String) throws -> StudyFile {
            try StudyFile(yaml: "cohort: c.csv\noutcome: y\n" + extra, url: URL(fileURLWithPath: "/tmp/s.yaml"))
        }
        let defaults = try parse("")
        XCTAssertEqual(defaults.evaluation.calibrationBootstrap, 0)
        XCTAssertEqual(defaults.evaluation.ci, .delong)
        let p = try parse("evaluation: {calibration: {groups: 8, bootstrap: 1000}, ci: bootstrap}\n")
        XCTAssertEqual(p.evaluation.calibrationBootstrap, 1000)
        XCTAssertEqual(p.evaluation.calibrationGroups, 8)
        XCTAssertEqual(p.evaluation.ci, .bootstrap)
        XCTAssertEqual(try parse("evaluation: {ci: DeLong}\n").evaluation.ci, .delong)
        for (text, key) in [("evaluation: {calibration: {bootstrap: -1}}\n", "evaluation.calibration.bootstrap"),
                            ("evaluation: {calibration: {bootstrap: many}}\n", "evaluation.calibration.bootstrap"),
                            ("evaluation: {calibration: {boot: 10}}\n", "evaluation.calibration.boot"),
                            ("evaluation: {ci: wald}\n", "evaluation.ci")] {
            XCTAssertThrowsError(try parse(text), text) { XCTAssertEqual(($0 as? StudyError)?.key, key, text) }
        }
        // The seed mapping: R's set.seed integer is the low 31 bits of the calibration:combined job seed.
        let job = JobSeed.derive(studySeed: 2026, jobId: "calibration:combined")
        XCTAssertEqual(UInt64(NomogramCalibration.rSeed(studySeed: 2026)), job & 0x7fff_ffff)
    }
}

/// The demo study with clinical models, `evaluation.calibration.bootstrap` and `evaluation.ci: bootstrap`, run in
/// this process.
final class NomogramCalibrationStudyTests: XCTestCase {
    private var dir: URL!

    override func setUpWithError() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("radfleet-calibration-\(UUID().uuidString)")
        try DemoCohortWriter.write(DemoCohort(count: 60, seed: 11, size: 96), to: dir)
        let study = dir.appendingPathComponent("study.yaml")
        let text = try String(contentsOf: study, encoding: .utf8)
        try text.replacingOccurrences(of: "\noutput: results\n", with: """

            output: results
            evaluation:
              calibration: {groups: 8, bootstrap: 150}
              ci: bootstrap

            """).write(to: study, atomically: true, encoding: .utf8)
    }

    override func tearDown() {
        try? FileManager.default.removeItem(at: dir)
    }

    func testStudyCurveEqualsBootstrapCalibrationOnTheCombinedDesignAndTheTableShowsBootstrapCIs() throws {
        let (plan, results, _) = try InProcessStudy.run(studyFile: dir.appendingPathComponent("study.yaml"), dataRoot: dir)
        let study = plan.study
        XCTAssertEqual(study.evaluation.calibrationBootstrap, 150)
        XCTAssertEqual(study.evaluation.ci, .bootstrap)
        guard let outcome = ModelSection.evaluate(study: study, results: results), case let .evaluated(e) = outcome else {
            return XCTFail("not evaluated")
        }
        guard case let .success(clinical)? = e.clinical else { return XCTFail("clinical models not fitted") }
        let json = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(ModelSection.render(outcome).rendered().utf8)) as? [String: Any])
        let calibration = try XCTUnwrap((json["clinical"] as? [String: Any])?["calibration"] as? [String: Any])

        // The combined model's design by hand: its terms from results.json, the cohort file's clinical columns and the
        // rad-scores of results.json, on the nomogram's training cases; treatment dummies of each factor in level order.
        let ids = clinical.nomogramCaseIds
        let terms = try XCTUnwrap(((json["clinical"] as? [String: Any])?["combined"] as? [String: Any])?["terms"] as? [String])
        let cohortFile = dir.appendingPathComponent("cohort.csv")
        let allIds = try DataTable.textColumn("id", of: cohortFile)
        // The rad-scores as results.json prints them (shortest round-trip digits), read exactly: JSONSerialization may
        // miss a double by an ulp, so they come from the evaluation results.json is rendered from.
        let radScore = Dictionary(uniqueKeysWithValues: zip(e.caseIds, e.radScores))
        XCTAssertEqual(try XCTUnwrap(json["radScore"] as? [String: Double]).count, radScore.count)
        var columns: [[Double]] = [], names: [String] = []
        for term in terms {
            if term == "rad_score" { columns.append(ids.map { radScore[$0]! }); names.append(term); continue }
            let variable = try XCTUnwrap(study.clinical.first { $0.name == term }, term)
            let byId = Dictionary(uniqueKeysWithValues: zip(allIds, try DataTable.textColumn(term, of: cohortFile)))
            switch variable.kind {
            case .numeric:
                columns.append(ids.map { Double(byId[$0]!.trimmingCharacters(in: .whitespaces))! })
                names.append(term)
            case let .categorical(levels, reference):
                for level in levels where level != reference {
                    columns.append(ids.map { byId[$0]!.trimmingCharacters(in: .whitespaces) == level ? 1 : 0 })
                    names.append(term + level)
                }
            }
        }
        XCTAssertTrue(terms.contains("rad_score"))
        XCTAssertEqual(try clinical.nomogram.get().columnNames, names, "the nomogram's lrm columns")
        print("combined model columns: \(names)")
        let x = ids.indices.map { i in columns.map { $0[i] } }
        let outcomeOf = Dictionary(uniqueKeysWithValues: zip(allIds, try DataTable.textColumn("alnm", of: cohortFile)))
        let y = ids.map { Double(outcomeOf[$0]!)! }
        let seed = Int32(truncatingIfNeeded: JobSeed.derive(studySeed: study.seed, jobId: "calibration:combined") & 0x7fff_ffff)
        let byHand = try BootstrapCalibration(x: x, outcome: y,
                                              bootstrapIndices: BootstrapCalibration.rSamples(rows: ids.count, replicates: 150, seed: seed))

        // The study's curve (what results.json renders) is the by-hand one, bit for bit.
        let studyCurve = try XCTUnwrap(try clinical.calibration?.get()).curve
        func same(_ a: [Double], _ b: [Double]) -> Bool { a.count == b.count && zip(a, b).allSatisfy { $0 == $1 || ($0.isNaN && $1.isNaN) } }
        XCTAssertTrue(same(studyCurve.predy, byHand.predy))
        XCTAssertTrue(same(studyCurve.calibratedOriginal, byHand.calibratedOriginal))
        XCTAssertTrue(same(studyCurve.calibratedCorrected, byHand.calibratedCorrected))
        XCTAssertTrue(same(studyCurve.optimism, byHand.optimism))
        XCTAssertEqual(studyCurve.n, byHand.n)

        XCTAssertEqual(calibration["B"] as? Int, 150)
        XCTAssertEqual(calibration["seed"] as? Int, Int(seed))
        XCTAssertEqual(calibration["failedFits"] as? Int, byHand.failedFits)
        XCTAssertEqual(calibration["n"] as? [Int], byHand.n)
        func series(_ k: String) throws -> [Double] { try XCTUnwrap(calibration[k] as? [Any], k).map { ($0 as? Double) ?? .nan } }
        for (k, expected) in [("predy", byHand.predy), ("apparent", byHand.calibratedOriginal), ("corrected", byHand.calibratedCorrected),
                              ("optimism", byHand.optimism)] {
            let got = try series(k)
            XCTAssertEqual(got.count, 50, k)
            // JSON text → JSONSerialization: within an ulp.
            for (a, b) in zip(got, expected) where !(a.isNaN && b.isNaN) { XCTAssertEqual(a, b, accuracy: 1e-15 * max(1, abs(b)), k) }
        }
        XCTAssertTrue(byHand.calibratedCorrected.contains { $0.isFinite })

        // evaluation.ci: bootstrap — the rad-score rows show the percentile interval; the others fall back to DeLong.
        let rows = e.performance
        let training = try XCTUnwrap(rows.first { $0.model == "Rad-score" && $0.cohort == "training" })
        let interval = try XCTUnwrap(e.bootstrap)
        XCTAssertEqual(training.ci.method, "Bootstrap (percentile)")
        XCTAssertEqual(training.ci.lower, interval.lower)
        XCTAssertEqual(training.ci.upper, interval.upper)
        for c in e.cohorts {
            guard let b = c.bootstrap, let row = rows.first(where: { $0.model == "Rad-score" && $0.cohort == c.name }) else { continue }
            XCTAssertEqual(row.ci.method, "Bootstrap (percentile)", c.name)
            XCTAssertEqual(row.ci.lower, b.lower, c.name)
        }
        let combined = try XCTUnwrap(rows.first { $0.model == "Combined" && $0.cohort == "training" })
        XCTAssertEqual(combined.ci.method, "DeLong (no bootstrap)")
        let delong = try XCTUnwrap(clinical.combined.cohorts.first { $0.cohort == "training" }?.discrimination.get().delong)
        XCTAssertEqual(combined.ci.lower, delong.lower)

        // The report: the figure, the table and the words in the calibration section.
        let out = study.output
        try Aggregator(study: study, version: "test").write(Aggregator(study: study, version: "test")
            .assemble(from: try InProcessStudy.store(results, at: dir.appendingPathComponent("jobs.sqlite").path)))
        let fm = FileManager.default
        XCTAssertTrue(fm.fileExists(atPath: out.appendingPathComponent("figures/calibration-bootstrap.svg").path))
        XCTAssertTrue(fm.fileExists(atPath: out.appendingPathComponent("figures/calibration-bootstrap.png").path))
        let table = try String(contentsOf: out.appendingPathComponent("tables/calibration-bootstrap.csv"), encoding: .utf8)
        XCTAssertEqual(table.split(separator: "\n").count, 51, "header + 50 grid points")
        let html = try String(contentsOf: out.appendingPathComponent("report.html"), encoding: .utf8)
        XCTAssertTrue(html.contains("id=\"figure-calibration-bootstrap\""))
        XCTAssertTrue(html.contains("set.seed(\(seed))"))
        XCTAssertTrue(html.contains("DeLong (no bootstrap)"))
    }
}
