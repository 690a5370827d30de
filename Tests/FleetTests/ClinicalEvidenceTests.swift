import CaseIO
import Fleet
import Foundation
import Statistics
import Study
import XCTest

/// The clinical evidence of a study with cohorts and clinical models (the demo study plus `clinicalModel:` and
/// `evaluation:`): every DeLong comparison, NRI / IDI and per-cohort Hosmer–Lemeshow test in results.json is redone
/// here by hand with the Statistics functions on the scores results.json lists; the report holds the new sections,
/// figures and tables.
final class ClinicalEvidenceTests: XCTestCase {
    private var dir: URL!

    override func setUpWithError() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("radfleet-evidence-\(UUID().uuidString)")
        try DemoCohortWriter.write(DemoCohort(count: 60, seed: 11, size: 96), to: dir)
        let study = dir.appendingPathComponent("study.yaml")
        let text = try String(contentsOf: study, encoding: .utf8)
        try text.replacingOccurrences(of: "\noutput: results\n", with: """

            output: results
            clinicalModel: {screen: 0.2, selection: forward, criterion: aic}
            evaluation:
              dca: {from: 0.01, to: 0.95, by: 0.02}
              calibration: {groups: 8}
              nri: {categories: [0.3, 0.6]}

            """).write(to: study, atomically: true, encoding: .utf8)
    }

    override func tearDown() {
        try? FileManager.default.removeItem(at: dir)
    }

    func testComparisonsNRIIDIAndHosmerLemeshowEqualTheStatisticsOnTheScoresOfResultsJSON() throws {
        let (plan, results, _) = try InProcessStudy.run(studyFile: dir.appendingPathComponent("study.yaml"), dataRoot: dir)
        XCTAssertEqual(plan.study.clinicalModel.selection.direction, .forward)
        XCTAssertEqual(plan.study.evaluation.calibrationGroups, 8)
        guard let outcome = ModelSection.evaluate(study: plan.study, results: results), case let .evaluated(e) = outcome else {
            return XCTFail("not evaluated")
        }
        guard case .success? = e.clinical else { return XCTFail("clinical models not fitted") }
        let json = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(ModelSection.render(outcome).rendered().utf8)) as? [String: Any])

        // The scores of results.json: the rad-score (training and each cohort), the clinical and combined models.
        let cohortFile = dir.appendingPathComponent("cohort.csv")
        let ids = try DataTable.textColumn("id", of: cohortFile)
        let outcomeOf = Dictionary(uniqueKeysWithValues: zip(ids, try DataTable.textColumn("alnm", of: cohortFile).map { Double($0)! }))
        var scores: [String: [String: [String: Double]]] = [:]   // cohort → model → id → score
        scores["training", default: [:]]["Rad-score"] = try XCTUnwrap(json["radScore"] as? [String: Double])
        for c in try XCTUnwrap(json["cohorts"] as? [[String: Any]]) {
            scores[c["name"] as! String, default: [:]]["Rad-score"] = try XCTUnwrap(c["radScore"] as? [String: Double])
        }
        let clinical = try XCTUnwrap(json["clinical"] as? [String: Any])
        XCTAssertEqual((clinical["selection"] as? [String: Any])?["selection"] as? String, "forward")
        for (key, name) in [("clinical", "Clinical"), ("combined", "Combined")] {
            for c in try XCTUnwrap((clinical[key] as? [String: Any])?["cohorts"] as? [[String: Any]]) {
                scores[c["name"] as! String, default: [:]][name] = try XCTUnwrap(c["scores"] as? [String: Double])
            }
        }
        func paired(_ cohort: String, _ a: String, _ b: String) throws -> (y: [Double], a: [Double], b: [Double]) {
            let sa = try XCTUnwrap(scores[cohort]?[a]), sb = try XCTUnwrap(scores[cohort]?[b])
            let common = ids.filter { sa[$0] != nil && sb[$0] != nil }
            return (common.map { outcomeOf[$0]! }, common.map { sa[$0]! }, common.map { sb[$0]! })
        }
        func plogis(_ x: [Double]) -> [Double] { x.map { 1 / (1 + exp(-$0)) } }

        let comparisons = try XCTUnwrap(json["comparisons"] as? [[String: Any]])
        XCTAssertEqual(comparisons.map { $0["cohort"] as? String }, ["training", "validation"])
        var checked = 0
        for c in comparisons {
            let cohort = c["cohort"] as! String
            // DeLong between every pair of the cohort's models (SVM decision values are not in results.json's model scores).
            for d in try XCTUnwrap(c["delong"] as? [[String: Any]]) {
                let m1 = d["model1"] as! String, m2 = d["model2"] as! String
                guard scores[cohort]?[m1] != nil, scores[cohort]?[m2] != nil else { continue }
                let p = try paired(cohort, m1, m2)
                let t = try DeLongPairedTest(try ROCCurve(outcomes: p.y, scores: p.a, direction: .controlsBelowCases),
                                             try ROCCurve(outcomes: p.y, scores: p.b, direction: .controlsBelowCases))
                XCTAssertEqual(d["cases"] as? Int, p.y.count)
                for (k, v) in [("auc1", t.auc1), ("auc2", t.auc2), ("z", t.z), ("pValue", t.pValue), ("ciLower", t.lower), ("ciUpper", t.upper)] {
                    XCTAssertEqual(try XCTUnwrap(d[k] as? Double), v, accuracy: 1e-12, "\(cohort) \(m1) vs \(m2) \(k)")
                }
                checked += 1
            }
            // NRI (categorical at 0.3, 0.6) and IDI of each new model over the old one.
            let improvements = try XCTUnwrap(c["nriIdi"] as? [[String: Any]])
            XCTAssertEqual(improvements.map { "\($0["newModel"]!) vs \($0["oldModel"]!)" },
                           ["Combined vs Clinical", "Combined vs Rad-score", "Rad-score vs Clinical"])
            for i in improvements {
                let p = try paired(cohort, i["newModel"] as! String, i["oldModel"] as! String)
                let r = try Reclassification(old: plogis(p.b), new: plogis(p.a), outcome: p.y, cutoffs: [0, 0.3, 0.6, 1])
                XCTAssertEqual(i["nriType"] as? String, "categorical")
                let nri = try XCTUnwrap(i["nri"] as? [String: Any]), idi = try XCTUnwrap(i["idi"] as? [String: Any])
                XCTAssertEqual(try XCTUnwrap(nri["estimate"] as? Double), r.categorical.nri, accuracy: 1e-12)
                XCTAssertEqual(try XCTUnwrap(nri["pValue"] as? Double), r.categorical.pNri, accuracy: 1e-12)
                XCTAssertEqual(try XCTUnwrap(nri["ciLower"] as? Double), r.categorical.nri - 1.959963984540054 * r.categorical.seNri, accuracy: 1e-12)
                XCTAssertEqual(try XCTUnwrap(idi["estimate"] as? Double), r.continuous.idi, accuracy: 1e-12)
                XCTAssertEqual(try XCTUnwrap(idi["pValue"] as? Double), r.continuous.pIdi, accuracy: 1e-12)
                checked += 1
            }
        }
        XCTAssertGreaterThanOrEqual(checked, 12, "3 DeLong + 3 NRI/IDI per cohort")

        // Hosmer–Lemeshow of every model on every cohort, with the study's 8 groups.
        let curves = try XCTUnwrap(json["riskCurves"] as? [String: Any])
        XCTAssertEqual(curves["groups"] as? Int, 8)
        XCTAssertEqual((curves["thresholds"] as? [Double])?.count, 48, "seq(0.01, 0.95, 0.02)")
        var hl = 0
        for c in try XCTUnwrap(curves["cohorts"] as? [[String: Any]]) {
            let cohort = c["cohort"] as! String
            for m in try XCTUnwrap(c["models"] as? [[String: Any]]) {
                let model = m["model"] as! String
                let s = try XCTUnwrap(scores[cohort]?[model])
                let caseIds = ids.filter { s[$0] != nil }
                let j = try XCTUnwrap(m["hosmerLemeshow"] as? [String: Any])
                guard let test = try? HosmerLemeshow(outcomes: caseIds.map { outcomeOf[$0]! }, fitted: plogis(caseIds.map { s[$0]! }), groups: 8) else {
                    XCTAssertNotNil(j["status"] as? String, "\(cohort) \(model): no test, and results.json says why")
                    hl += 1
                    continue
                }
                XCTAssertEqual(j["df"] as? Int, test.df)
                if test.statistic.isNaN {
                    // An empty risk group gives 0/0, as R's hoslem.test: null in results.json.
                    XCTAssertTrue(j["statistic"] is NSNull && j["pValue"] is NSNull, "\(cohort) \(model)")
                } else {
                    XCTAssertEqual(try XCTUnwrap(j["statistic"] as? Double), test.statistic, accuracy: 1e-12, "\(cohort) \(model)")
                    XCTAssertEqual(try XCTUnwrap(j["pValue"] as? Double), test.pValue, accuracy: 1e-12, "\(cohort) \(model)")
                }
                hl += 1
            }
            XCTAssertEqual((c["clinicalImpact"] as? [String: Any])?["model"] as? String, "Combined")
        }
        XCTAssertEqual(hl, 6, "three models on two cohorts")

        // The nomogram of the combined model: one axis per term, total points per training case.
        let nomogram = try XCTUnwrap(clinical["nomogram"] as? [String: Any])
        let terms = try XCTUnwrap((clinical["combined"] as? [String: Any])?["terms"] as? [String])
        XCTAssertEqual((nomogram["axes"] as? [[String: Any]])?.map { $0["name"] as? String }, terms)
        XCTAssertEqual((nomogram["casePoints"] as? [String: Double])?.count, e.caseIds.count)

        // The report: the new sections, figures and tables.
        let output = dir.appendingPathComponent("report-out")
        let study = try StudyFile(yaml: try String(contentsOf: plan.study.url, encoding: .utf8).replacingOccurrences(of: "output: results", with: "output: report-out"),
                                  url: plan.study.url)
        try StudyReportWriter(study: study, version: "test").write(featureTable: FeatureTable(), failures: [], model: outcome)
        let html = try String(contentsOf: output.appendingPathComponent("report.html"), encoding: .utf8)
        for id in ["model-comparison", "nomogram"] { XCTAssertTrue(html.contains("<section id=\"\(id)\""), "section \(id)") }
        for name in ["nomogram", "calibration-training", "calibration-validation", "decision-curve-training", "decision-curve-validation",
                     "clinical-impact-training", "clinical-impact-validation"] {
            XCTAssertTrue(html.contains("id=\"figure-\(name)\""), "figure \(name)")
            for ext in ["svg", "png"] {
                XCTAssertTrue(FileManager.default.fileExists(atPath: output.appendingPathComponent("figures/\(name).\(ext)").path), "\(name).\(ext)")
            }
        }
        let delong = try String(contentsOf: output.appendingPathComponent("tables/delong.csv"), encoding: .utf8)
        XCTAssertTrue(delong.hasPrefix("Cohort,Models,N (events),AUC 1,AUC 2,Difference (95% CI),Z,p\n"))
        for name in ["nri_idi", "hosmer-lemeshow", "nomogram"] {
            XCTAssertTrue(FileManager.default.fileExists(atPath: output.appendingPathComponent("tables/\(name).csv").path), name)
        }
    }

    func testClinicalModelAndEvaluationKeysAreCheckedByName() throws {
        func parse(_ extra: String) throws -> StudyFile {
            try StudyFile(yaml: "cohort: c.csv\noutcome: y\n" + extra, url: URL(fileURLWithPath: "/tmp/s.yaml"))
        }
        let p = try parse("clinicalModel: {screen: 0.1, selection: both, criterion: p, enter: 0.1, stay: 0.2}\n")
        XCTAssertEqual(p.clinicalModel.selection.criterion, .pValue(enter: 0.1, stay: 0.2))
        XCTAssertEqual(p.clinicalModel.selection.direction, .both)
        XCTAssertEqual(p.clinicalModel.selection.screenThreshold, 0.1)
        XCTAssertNil(try parse("clinicalModel: {selection: none}\n").clinicalModel.selection.direction)
        let defaults = try parse("")
        XCTAssertEqual(defaults.clinicalModel, ClinicalModelSpec())
        XCTAssertEqual(defaults.evaluation.thresholds, (0..<100).map { Double($0) / 100 })
        XCTAssertNil(defaults.evaluation.nriCutoffs)
        XCTAssertEqual(try parse("evaluation: {nri: {categories: [0.2, 0.5]}}\n").evaluation.nriCutoffs, [0, 0.2, 0.5, 1])
        XCTAssertEqual(try parse("evaluation: {dca: {from: 0, to: 0.5, by: 0.1}}\n").evaluation.thresholds, [0, 0.1, 0.2, 0.30000000000000004, 0.4, 0.5])
        for (text, key) in [("clinicalModel: {selection: sideways}\n", "clinicalModel.selection"),
                            ("clinicalModel: {criterion: bic}\n", "clinicalModel.criterion"),
                            ("clinicalModel: {enter: 0.1}\n", "clinicalModel.enter"),
                            ("clinicalModel: {screen: 0}\n", "clinicalModel.screen"),
                            ("clinicalModel: {scren: 0.1}\n", "clinicalModel.scren"),
                            ("evaluation: {nri: {categories: [0.6, 0.3]}}\n", "evaluation.nri.categories"),
                            ("evaluation: {calibration: {groups: 1}}\n", "evaluation.calibration.groups"),
                            ("evaluation: {dca: {from: 0.5, to: 0.2}}\n", "evaluation.dca.to"),
                            ("evaluation: {roc: {}}\n", "evaluation.roc")] {
            XCTAssertThrowsError(try parse(text), text) { XCTAssertEqual(($0 as? StudyError)?.key, key, text) }
        }
    }
}
