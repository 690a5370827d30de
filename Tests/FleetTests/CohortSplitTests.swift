import CaseIO
import Fleet
import Foundation
import Statistics
import Study
import XCTest

/// A study with `cohorts:`: the models are fitted on the training cohort only, and the rad-score is evaluated on
/// the others with the training model and the training cut-off — checked here against the same numbers computed
/// by hand from the extracted features.
final class CohortSplitTests: XCTestCase {
    private var dir: URL!

    override func setUpWithError() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("radfleet-cohorts-\(UUID().uuidString)")
        try DemoCohortWriter.write(DemoCohort(count: 60, seed: 11, size: 96), to: dir)
        // The demo study splits by its cohort column (training / validation).
        XCTAssertTrue(try String(contentsOf: dir.appendingPathComponent("study.yaml"), encoding: .utf8).contains("cohorts:"))
    }

    override func tearDown() {
        try? FileManager.default.removeItem(at: dir)
    }

    func testModelsFitOnTrainingAndTheRadScoreIsEvaluatedOnValidation() throws {
        let (plan, results, _) = try InProcessStudy.run(studyFile: dir.appendingPathComponent("study.yaml"), dataRoot: dir)
        XCTAssertNotNil(plan.study.cohortSplit)
        let cohortFile = dir.appendingPathComponent("cohort.csv")
        let ids = try DataTable.textColumn("id", of: cohortFile), cohorts = try DataTable.textColumn("cohort", of: cohortFile)
        let outcomes = Dictionary(uniqueKeysWithValues: zip(ids, try DataTable.textColumn("alnm", of: cohortFile).map { Int($0)! }))
        let trainingIds = zip(ids, cohorts).filter { $0.1 == "training" }.map(\.0)
        let validationIds = zip(ids, cohorts).filter { $0.1 == "validation" }.map(\.0)
        XCTAssertFalse(validationIds.isEmpty)

        // Fitted on the training cohort only.
        let data = try plan.modelData(results: results)
        XCTAssertEqual(data.caseIds, trainingIds)

        guard case let .evaluated(e)? = ModelSection.evaluate(study: plan.study, results: results) else {
            return XCTFail("the model is not evaluated")
        }
        XCTAssertEqual(e.caseIds, trainingIds)
        XCTAssertEqual(e.cohorts.map(\.name), ["validation"])
        let v = try XCTUnwrap(e.cohorts.first)
        XCTAssertEqual(v.caseIds, validationIds)
        XCTAssertEqual(v.outcomes, validationIds.map { outcomes[$0]! })
        XCTAssertTrue(v.excluded.isEmpty)

        // The rad-score by hand: intercept + Σ coefficient × feature value, with the training model.
        for (id, score) in zip(v.caseIds, v.radScores) {
            let row = try ExtractJobOutput(jsonText: try XCTUnwrap(results["extract:\(id)"]))
            var expected = e.intercept
            for s in e.selected { expected += s.coefficient * (row.values[try XCTUnwrap(row.names.firstIndex(of: s.name))] ?? .nan) }
            XCTAssertEqual(score, expected, accuracy: 1e-12 * max(1, abs(expected)), id)
        }
        // AUC as the Mann–Whitney probability, and the rates at the training cohort's Youden cut-off.
        guard case let .success(d) = v.discrimination else { return XCTFail("validation not evaluated") }
        let positives = zip(v.radScores, v.outcomes).filter { $0.1 == 1 }.map(\.0)
        let negatives = zip(v.radScores, v.outcomes).filter { $0.1 == 0 }.map(\.0)
        var wins = 0.0
        for p in positives { for n in negatives { wins += p > n ? 1 : (p == n ? 0.5 : 0) } }
        XCTAssertEqual(d.roc.auc, wins / Double(positives.count * negatives.count), accuracy: 1e-15)
        let cutoff = e.youden.threshold
        XCTAssertEqual(d.metrics.threshold, cutoff)
        XCTAssertEqual(d.metrics.sensitivity, Double(positives.filter { $0 >= cutoff }.count) / Double(positives.count), accuracy: 1e-15)
        XCTAssertEqual(d.metrics.specificity, Double(negatives.filter { $0 < cutoff }.count) / Double(negatives.count), accuracy: 1e-15)
        XCTAssertTrue(d.delong.lower < d.roc.auc && d.roc.auc <= d.delong.upper)

        // The performance table: the rad-score on training and validation, the clinical and combined models on
        // both, then the SVM on both.
        XCTAssertEqual(e.performance.map(\.model).filter { !$0.hasPrefix("SVM") },
                       ["Rad-score", "Rad-score", "Clinical", "Clinical", "Combined", "Combined"])
        XCTAssertEqual(e.performance.map(\.cohort),
                       ["training", "validation", "training", "validation", "training", "validation", "training", "validation"])
        XCTAssertEqual(e.performance[1].auc, d.roc.auc)
    }

    func testAStudyWithoutACohortSplitEvaluatesNoOtherCohort() throws {
        let study = dir.appendingPathComponent("study.yaml")
        let text = try String(contentsOf: study, encoding: .utf8)
        try text.replacingOccurrences(of: "cohorts:                    # the models are fitted on the training cohort, evaluated on the others\n  column: cohort\n  training: training\n", with: "")
            .write(to: study, atomically: true, encoding: .utf8)
        XCTAssertFalse(try String(contentsOf: study, encoding: .utf8).contains("cohorts:"))
        let (plan, results, _) = try InProcessStudy.run(studyFile: study, dataRoot: dir)
        XCTAssertEqual(try plan.modelData(results: results).caseIds.count, 60)
        guard case let .evaluated(e)? = ModelSection.evaluate(study: plan.study, results: results) else { return XCTFail("not evaluated") }
        XCTAssertTrue(e.cohorts.isEmpty)
    }

    func testFeatureReductionIsFittedOnTrainingAndAppliedToValidation() throws {
        let study = dir.appendingPathComponent("study.yaml")
        let text = try String(contentsOf: study, encoding: .utf8)
        try text.replacingOccurrences(of: "\noutput: results\n", with: "\noutput: results\nfeatures:\n  redundancy: {method: greedy, threshold: 0.9}\n")
            .write(to: study, atomically: true, encoding: .utf8)
        let (plan, results, _) = try InProcessStudy.run(studyFile: study, dataRoot: dir)
        let data = try plan.modelData(results: results)

        // By hand: the usable training table, the pipeline's selection, z-scores with its centres and scales.
        let training = try plan.extractedCases(results: results).filter(\.training)
        let usable = ModelData(rows: training.map { (id: $0.id, names: $0.names, values: $0.values) }, outcomes: training.map(\.outcome),
                               foldIDs: data.foldIDs)
        let n = usable.caseIds.count
        let rows = (0..<n).map { i in usable.features.indices.map { usable.values[$0 * n + i] } }
        let selection = try FeatureSelectionSpec(redundancy: .init(threshold: 0.9, method: .greedy))
            .select(training: rows, outcome: usable.outcomes.map(Double.init))
        XCTAssertEqual(data.features, selection.kept.map { usable.features[$0] })
        XCTAssertLessThan(data.features.count, usable.features.count, "redundancy removes features")
        XCTAssertEqual(data.reduction?.map(\.step), ["usable", "constant", "redundancy"])
        XCTAssertEqual(data.reduction?.map(\.features), [usable.features.count, usable.features.count, data.features.count])
        let scaling = try XCTUnwrap(data.scaling)
        for (k, j) in selection.kept.enumerated() {
            XCTAssertEqual(scaling.mean[k], selection.zScore.mean[k])
            for i in 0..<n { XCTAssertEqual(data.values[k * n + i], (rows[i][j] - scaling.mean[k]) / scaling.sd[k]) }
        }

        // Validation cases are scored on the same scale: z-scores with the training centres and scales.
        guard case let .evaluated(e)? = ModelSection.evaluate(study: plan.study, results: results) else { return XCTFail("not evaluated") }
        XCTAssertEqual(e.reduction, data.reduction)
        let v = try XCTUnwrap(e.cohorts.first)
        XCTAssertFalse(v.caseIds.isEmpty)
        for (id, score) in zip(v.caseIds, v.radScores) {
            let row = try ExtractJobOutput(jsonText: try XCTUnwrap(results["extract:\(id)"]))
            var expected = e.intercept
            for s in e.selected {
                let k = try XCTUnwrap(data.features.firstIndex(of: s.name))
                let raw = try XCTUnwrap(row.values[try XCTUnwrap(row.names.firstIndex(of: s.name))])
                expected += s.coefficient * (raw - scaling.mean[k]) / scaling.sd[k]
            }
            XCTAssertEqual(score, expected, accuracy: 1e-12 * max(1, abs(expected)), id)
        }
        let json = ModelSection.render(.evaluated(e)).rendered()
        XCTAssertTrue(json.contains("\"featureReduction\""), "results.json lists the reduction steps")
    }

    func testClinicalAndCombinedModelsAreFittedOnTrainingAndScoredOnValidation() throws {
        let study = dir.appendingPathComponent("study.yaml")
        let text = try String(contentsOf: study, encoding: .utf8)
        XCTAssertTrue(text.contains("clinical:"), "the demo study has the clinical section")
        let (plan, results, _) = try InProcessStudy.run(studyFile: study, dataRoot: dir)
        guard case let .evaluated(e)? = ModelSection.evaluate(study: plan.study, results: results) else { return XCTFail("not evaluated") }
        guard case let .success(c)? = e.clinical else { return XCTFail("clinical models not fitted: \(String(describing: e.clinical))") }
        XCTAssertTrue(c.excluded.isEmpty)

        // By hand, on the training cases: the design of the four variables, the screen and backward stepwise AIC …
        let cohortFile = dir.appendingPathComponent("cohort.csv")
        let ids = try DataTable.textColumn("id", of: cohortFile)
        func column(_ name: String) throws -> [String: String] { Dictionary(uniqueKeysWithValues: zip(ids, try DataTable.textColumn(name, of: cohortFile))) }
        let age = try column("age"), size = try column("tumour_size_mm"), us = try column("us_reported_aln"), grade = try column("grade")
        func design(_ cases: [String], scores: [Double]?) throws -> DesignMatrix {
            var p: [Predictor] = [
                .numeric(name: "age", values: cases.map { Double(age[$0]!)! }),
                .numeric(name: "tumour_size_mm", values: cases.map { Double(size[$0]!)! }),
                .categorical(name: "us_reported_aln", levels: ["0", "1"], codes: cases.map { Int(us[$0]!)! }, reference: 0),
                .categorical(name: "grade", levels: ["1", "2", "3"], codes: cases.map { Int(grade[$0]!)! - 1 }, reference: 0),
            ]
            if let scores { p.append(.numeric(name: "rad_score", values: scores)) }
            return try DesignMatrix(p)
        }
        let y = e.outcomes.map(Double.init)
        let selection = try ClinicalModelSelection.run(try design(e.caseIds, scores: nil), outcome: y)
        XCTAssertEqual(c.clinical.fit.coefficients, selection.fit.coefficients)
        XCTAssertEqual(c.univariable.map(\.pValue), selection.univariable.map(\.pValue))
        // … and the combined model: the clinical model's terms plus the rad-score.
        let combined = try LogisticRegression.fit(try design(e.caseIds, scores: e.radScores), outcome: y, terms: selection.terms + [4])
        XCTAssertEqual(c.combined.fit.coefficients, combined.coefficients)
        XCTAssertEqual(c.combined.fit.terms.last, "rad_score")

        // Validation: the training coefficients applied to the validation cases, the training cut-off.
        let v = try XCTUnwrap(e.cohorts.first)
        let scored = try XCTUnwrap(c.combined.cohorts.first { $0.cohort == "validation" })
        XCTAssertEqual(scored.caseIds, v.caseIds)
        let beta = Dictionary(uniqueKeysWithValues: combined.coefficients.map { ($0.term, $0.estimate) })
        for (i, id) in v.caseIds.enumerated() {
            var lp = beta["(Intercept)"]!
            for (term, b) in beta where term != "(Intercept)" {
                switch term {
                case "age": lp += b * Double(age[id]!)!
                case "tumour_size_mm": lp += b * Double(size[id]!)!
                case "us_reported_aln1": lp += us[id] == "1" ? b : 0
                case "grade2": lp += grade[id] == "2" ? b : 0
                case "grade3": lp += grade[id] == "3" ? b : 0
                case "rad_score": lp += b * v.radScores[i]
                default: XCTFail("unexpected term \(term)")
                }
            }
            XCTAssertEqual(scored.scores[i], lp, accuracy: 1e-12 * max(1, abs(lp)), id)
        }
        guard case let .success(d) = scored.discrimination else { return XCTFail("validation not evaluated") }
        XCTAssertEqual(d.metrics.threshold, c.combined.cutoff)
        XCTAssertEqual(e.performance.map(\.model).filter { $0 == "Clinical" || $0 == "Combined" }.count, 4, "both models on both cohorts")
        let json = ModelSection.render(.evaluated(e)).rendered()
        XCTAssertTrue(json.contains("\"clinical\": {") && json.contains("\"combined\": {"), "results.json holds both models")
    }
}
