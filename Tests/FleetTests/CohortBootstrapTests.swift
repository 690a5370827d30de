import CaseIO
import Fleet
import FleetProtocol
import Foundation
import Statistics
import Study
import XCTest

/// The rad-score's AUC bootstrap on an evaluation cohort: fleet jobs `bootstrap:radscore:c<k>:<b>` planned with the
/// training blocks, merged by the aggregator into the cohort's interval — checked against Statistics' stratified
/// bootstrap called by hand on the cohort's rad-scores with the seed of the family id.
final class CohortBootstrapTests: XCTestCase {
    private var dir: URL!
    /// A validation cohort name with the characters a CSV cell can hold and a job id must not: quotes, a comma, a
    /// colon, a space, non-ASCII letters.
    static let odd = "ext: \"Ørsted\", site 2"

    override func setUpWithError() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("radfleet-cohort-bootstrap-\(UUID().uuidString)")
        try DemoCohortWriter.write(DemoCohort(count: 60, seed: 11, size: 96), to: dir)
        let csv = dir.appendingPathComponent("cohort.csv")
        let text = try String(contentsOf: csv, encoding: .utf8)
        let quoted = "\"" + Self.odd.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        try text.replacingOccurrences(of: ",validation,", with: ",\(quoted),").write(to: csv, atomically: true, encoding: .utf8)
    }

    override func tearDown() {
        try? FileManager.default.removeItem(at: dir)
    }

    func testEachEvaluationCohortGetsItsBootstrapIntervalFromFleetJobs() throws {
        let (plan, results, _) = try InProcessStudy.run(studyFile: dir.appendingPathComponent("study.yaml"), dataRoot: dir)
        let spec = try XCTUnwrap(plan.study.model)
        XCTAssertEqual(spec.bootstrap, 500)
        XCTAssertEqual(try plan.evaluationCohortNumbers(), [Self.odd: 1])
        let blocks = spec.bootstrap / spec.bootstrapBlock

        // The training blocks keep their ids; the cohort's blocks are numbered by cohort, the name in the input.
        XCTAssertEqual((0..<blocks).filter { results[StudyPlan.bootstrapId($0)] != nil }.count, blocks)
        XCTAssertNil(results[StudyPlan.bootstrapId(blocks)])
        let ids = (0..<blocks).map { StudyPlan.cohortBootstrapId(1, $0) }
        XCTAssertEqual(ids.first, "bootstrap:radscore:c1:0")
        for id in ids { XCTAssertNotNil(results[id], id) }
        XCTAssertNil(results[StudyPlan.cohortBootstrapId(1, blocks)])
        let stage = try plan.nextJobs(results: results)
        let planned = Dictionary(uniqueKeysWithValues: stage.map { ($0.job.id, $0) })
        let first = try XCTUnwrap(planned[ids[0]])
        let input = try first.job.input.decode(BootstrapJobInput.self)
        XCTAssertEqual(input.cohort, Self.odd)
        XCTAssertEqual(input.direction, .controlsBelowCases)
        let seed = JobSeed.derive(studySeed: plan.study.seed, jobId: "bootstrap:radscore:c1")
        XCTAssertEqual(input.seed, seed)
        // Leasing order: every training block, then the cohort's blocks, then the gridpoints.
        let lastTraining = try XCTUnwrap(planned[StudyPlan.bootstrapId(blocks - 1)]).sequence
        let firstGridPoint = try XCTUnwrap(planned[StudyPlan.gridPointId(0)]).sequence
        for id in ids {
            let s = try XCTUnwrap(planned[id]).sequence
            XCTAssertTrue(lastTraining < s && s < firstGridPoint, "\(id): sequence \(s)")
        }

        // The aggregator's interval equals the stratified bootstrap by hand on the cohort's rad-scores.
        guard case let .evaluated(e)? = ModelSection.evaluate(study: plan.study, results: results) else {
            return XCTFail("the model is not evaluated")
        }
        let v = try XCTUnwrap(e.cohorts.first)
        XCTAssertEqual(v.name, Self.odd)
        XCTAssertEqual(input.scores, v.radScores, "the job bootstraps the scores the aggregator reports")
        XCTAssertEqual(input.outcomes, v.outcomes)
        let curve = try ROCCurve(outcomes: v.outcomes.map(Double.init), scores: v.radScores, direction: .controlsBelowCases)
        let expected = StratifiedBootstrap(cases: curve.cases.count, controls: curve.controls.count, seed: seed)
            .aucInterval(curve, count: spec.bootstrap)
        let interval = try XCTUnwrap(v.bootstrap)
        XCTAssertEqual(interval, expected)
        XCTAssertEqual(interval.count, spec.bootstrap)
        XCTAssertNotEqual(interval, e.bootstrap, "the cohort's interval is its own, not the training one")

        // The performance row and results.json carry it.
        let row = try XCTUnwrap(e.performance.first { $0.model == "Rad-score" && $0.cohort == Self.odd })
        XCTAssertEqual(row.bootstrap, expected)
        let json = ModelSection.render(.evaluated(e)).rendered()
        // JSONDecoder (correctly rounded), not JSONSerialization, to read the numbers back.
        struct Written: Decodable {
            struct Cohort: Decodable { let name: String; let bootstrap: Interval? }
            struct Interval: Decodable { let replicates: Int; let lower, median, upper: Double }
            let cohorts: [Cohort]
        }
        let cohort = try XCTUnwrap(try JSONDecoder().decode(Written.self, from: Data(json.utf8)).cohorts.first)
        XCTAssertEqual(cohort.name, Self.odd)
        let written = try XCTUnwrap(cohort.bootstrap, "model.cohorts[].bootstrap in results.json")
        XCTAssertEqual(written.replicates, spec.bootstrap)
        XCTAssertEqual([written.lower, written.median, written.upper], [expected.lower, expected.median, expected.upper])
    }
}

/// The study's SVM on an evaluation cohort: the `fit:svm` job also scores the cohort's cases, and the aggregator
/// evaluates them at the SVM's training Youden cut-off — checked against the same SVM trained and applied by hand.
final class CohortSVMTests: XCTestCase {
    func testTheSVMIsScoredOnTheValidationCohortAtItsTrainingCutoff() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("radfleet-cohort-svm-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        try DemoCohortWriter.write(DemoCohort(count: 60, seed: 11, size: 96), to: dir)
        let (plan, results, _) = try InProcessStudy.run(studyFile: dir.appendingPathComponent("study.yaml"), dataRoot: dir)
        guard case let .evaluated(e)? = ModelSection.evaluate(study: plan.study, results: results) else { return XCTFail("not evaluated") }
        guard case let .success(s)? = e.svm, let fit = s.fit, let best = s.best else { return XCTFail("SVM not fitted: \(String(describing: e.svm))") }
        let v = try XCTUnwrap(e.cohorts.first)
        let scored = try XCTUnwrap(s.cohorts.first)
        XCTAssertEqual(s.cohorts.count, 1)
        XCTAssertEqual(scored.name, "validation")
        XCTAssertEqual(scored.caseIds, v.caseIds, "the SVM is evaluated on the cases the rad-score is")
        XCTAssertEqual(scored.outcomes, v.outcomes)

        // By hand: the chosen setting trained on the training rows of the SVM's columns, applied to the validation
        // cases' extracted values of the same columns (the demo study reduces no features: values as extracted).
        let data = try plan.modelData(results: results)
        XCTAssertNil(data.scaling)
        let columns = s.features.map { data.features.firstIndex(of: $0)! }
        let n = data.caseIds.count
        let training = (0..<n).map { i in columns.map { data.values[$0 * n + i] } }
        let g = s.grid[best]
        let setting = SVMSetting(kernel: s.spec.kernel, cost: g.cost, gamma: g.gamma)
        let model = try trainSVM(rows: training, labels: data.outcomes, parameters: setting.parameters)
        XCTAssertEqual(try model.scores(training, forClass: 1), fit.decisionValues)
        let rows = try v.caseIds.map { id in
            let row = try ExtractJobOutput(jsonText: try XCTUnwrap(results["extract:\(id)"]))
            return try s.features.map { try XCTUnwrap(row.values[try XCTUnwrap(row.names.firstIndex(of: $0))]) }
        }
        XCTAssertEqual(scored.decisionValues, try model.scores(rows, forClass: 1))

        // At the SVM's training Youden cut-off; in the performance table after the SVM's training row.
        guard case let .success(d) = scored.discrimination else { return XCTFail("validation SVM not evaluated") }
        XCTAssertEqual(d.metrics.threshold, fit.youden.threshold)
        let positives = zip(scored.decisionValues, scored.outcomes).filter { $0.1 == 1 }.map(\.0)
        XCTAssertEqual(d.metrics.sensitivity, Double(positives.filter { $0 >= fit.youden.threshold }.count) / Double(positives.count))
        XCTAssertEqual(e.performance.filter { $0.model == s.label }.map(\.cohort), ["training", "validation"])

        // Every model's scores per cohort, for comparisons across models (DeLong): the SVM's included.
        let sets = e.scoredModels
        XCTAssertEqual(sets.map(\.name), ["training", "validation"])
        for set in sets { XCTAssertEqual(set.models.map(\.model), ["Rad-score", "Clinical", "Combined", s.label], set.name) }
        XCTAssertTrue(e.comparison.cohorts.contains { $0.name == "validation" && $0.delong.contains { $0.model2 == s.label || $0.model1 == s.label } },
                      "the SVM enters the validation cohort's DeLong tests")
        XCTAssertEqual(sets[0].models[0].scores, e.radScores)
        XCTAssertEqual(sets[0].models[3].scores, fit.decisionValues)
        XCTAssertEqual(sets[1].models[0].scores, v.radScores)
        XCTAssertEqual(sets[1].models[3].caseIds, v.caseIds)
        XCTAssertEqual(sets[1].models[3].scores, scored.decisionValues)
        if case let .success(c)? = e.clinical {
            XCTAssertEqual(sets[1].models[2].scores, c.combined.cohorts.first { $0.cohort == "validation" }?.scores)
        } else {
            XCTFail("the demo study's clinical models are fitted")
        }
    }
}
