import CaseIO
import Fleet
import FleetProtocol
import Foundation
import Statistics
import Study
import XCTest

/// The model stages (`fit`, `cvfold`, `bootstrap`, `gridpoint`, the SVM's `fit`) run as jobs — inputs and outputs through the wire format, in any
/// order — give the very numbers of the same computation done in one process.
final class ModelStagesTests: XCTestCase {
    private var dir: URL!

    override func setUpWithError() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("radfleet-stages-\(UUID().uuidString)")
        try DemoCohortWriter.write(DemoCohort(count: 30, seed: 11, size: 96), to: dir)
    }

    override func tearDown() {
        try? FileManager.default.removeItem(at: dir)
    }

    private func runStudy() throws -> (plan: StudyPlan, results: [String: String], kinds: [JobKind: Int]) {
        try InProcessStudy.run(studyFile: dir.appendingPathComponent("study.yaml"), dataRoot: dir)
    }

    func testFleetStagesEqualTheInProcessComputation() throws {
        let (plan, results, kinds) = try runStudy()
        XCTAssertEqual(kinds[.extract], 30)
        XCTAssertEqual(kinds[.fit], 2, "fit:lasso and fit:svm")
        XCTAssertEqual(kinds[.cvfold], 5)
        XCTAssertEqual(kinds[.bootstrap], 10, "5 blocks on the training cohort, 5 on the validation cohort")
        XCTAssertEqual(kinds[.gridpoint], 6, "the demo's 3 costs × 2 gammas")

        let data = try plan.modelData(results: results)
        let full = try JSONDecoder().decode(LogisticLassoPath.self, from: Data(try XCTUnwrap(results[StudyPlan.lassoFitId]).utf8))
        let fleet = try plan.lassoModel(data: data, full: full, results: results)
        let local = try crossValidateLogisticLasso(data.matrix, positive: data.positive, foldID: data.foldIDs, measure: .deviance)
        XCTAssertEqual(fleet.cv.lambda.map(\.bitPattern), local.lambda.map(\.bitPattern))
        XCTAssertEqual(fleet.cv.cvm.map(\.bitPattern), local.cvm.map(\.bitPattern))
        XCTAssertEqual(fleet.cv.cvsd.map(\.bitPattern), local.cvsd.map(\.bitPattern))
        XCTAssertEqual(fleet.lambda, local.lambdaMin)
        XCTAssertEqual(fleet.radScores.map(\.bitPattern), try local.linearPredictor(data.matrix, lambda: local.lambdaMin).map(\.bitPattern))

        // Bootstrap blocks merged by index = the whole bootstrap computed at once.
        var merged: [Double] = []
        for b in 0..<5 {
            merged += try JSONDecoder().decode(BootstrapJobOutput.self, from: Data(try XCTUnwrap(results[StudyPlan.bootstrapId(b)]).utf8)).auc
        }
        let curve = try ROCCurve(outcomes: data.outcomes.map(Double.init), scores: fleet.radScores)
        let seed = JobSeed.derive(studySeed: plan.study.seed, jobId: "bootstrap:radscore")
        let whole = StratifiedBootstrap(cases: curve.cases.count, controls: curve.controls.count, seed: seed)
            .aucReplicates(curve, range: 0..<500)
        XCTAssertEqual(merged.map(\.bitPattern), whole.map(\.bitPattern))

        // The SVM grid: one gridpoint job per setting = the whole grid searched at once on the selected features.
        let spec = try XCTUnwrap(plan.study.model?.svm)
        let svmData = try XCTUnwrap(StudyPlan.svmData(data, fleet), "the demo's LASSO selects features")
        XCTAssertEqual(svmData.features, zip(data.features, fleet.coefficients.beta).filter { $0.1 != 0 }.map(\.0))
        let local_ = try svmGridSearch(rows: svmData.rows, outcomes: data.outcomes, foldIDs: data.foldIDs, grid: spec.grid)
        let grid = try XCTUnwrap(try plan.gridPointOutputs(local_.settings.count, results: results))
        XCTAssertEqual(grid.count, 6)
        for (g, l) in zip(grid, local_.settings) {
            XCTAssertEqual(g.cost, l.cost)
            XCTAssertEqual(g.gamma, l.gamma)
            XCTAssertEqual(g.auc.bitPattern, l.auc.bitPattern)
            XCTAssertEqual(g.heldOut.map(\.bitPattern), l.heldOut.map(\.bitPattern))
            XCTAssertEqual(g.foldAUC.map { ($0 ?? .nan).bitPattern }, l.foldAUC.map(\.bitPattern))
        }
        let best = try XCTUnwrap(local_.best)
        XCTAssertEqual(try plan.bestGridPoint(6, results: results), best)
        let fit = try JSONDecoder().decode(SVMFitJobOutput.self, from: Data(try XCTUnwrap(results[StudyPlan.svmFitId]).utf8))
        let model = try trainSVM(rows: svmData.rows, labels: data.outcomes, parameters: spec.grid.settings[best])
        XCTAssertEqual(fit.cost, spec.grid.settings[best].cost)
        XCTAssertEqual(fit.decisionValues.map(\.bitPattern), try model.scores(svmData.rows, forClass: 1).map(\.bitPattern))
    }

    func testBootstrapSeedCrossesTheWireExactly() throws {
        // A derived seed is a full 64-bit integer; as a JSON number (a double) it would arrive rounded.
        let seed: UInt64 = 6_067_563_964_384_303_375
        let input = BootstrapJobInput(scores: [0.1, 0.9, 0.4, 0.7], outcomes: [0, 1, 0, 1], seed: seed, first: 3, count: 2)
        var writer = JSONWriter()
        writer.write(try JSONValue(encoding: input))
        let text = String(decoding: writer.bytes, as: UTF8.self)
        XCTAssertTrue(text.contains("\"6067563964384303375\""), text)
        let back = try JSONDecoder().decode(BootstrapJobInput.self, from: Data(text.utf8))
        XCTAssertEqual(back.seed, seed)
        XCTAssertEqual(back, input)
        XCTAssertThrowsError(try JSONDecoder().decode(BootstrapJobInput.self, from: Data(text.replacingOccurrences(of: "\"6067563964384303375\"", with: "6.067563964384303e18").utf8)))
    }

    func testStudiesWithoutSVMPlanNoGridpoints() throws {
        let text = try String(contentsOf: dir.appendingPathComponent("study.yaml"), encoding: .utf8)
        let cut = try XCTUnwrap(text.range(of: "  svm:"))
        try String(text[..<cut.lowerBound]).write(to: dir.appendingPathComponent("study.yaml"), atomically: true, encoding: .utf8)
        let (_, results, kinds) = try runStudy()
        XCTAssertEqual(kinds[.fit], 1)
        XCTAssertNil(kinds[.gridpoint])
        XCTAssertFalse(results.keys.contains { $0.hasPrefix("gridpoint:") || $0 == StudyPlan.svmFitId })
    }

    func testSVMFitIsPlannedOnlyOnceEveryGridpointIsStored() throws {
        let (plan, results, _) = try runStudy()
        var partial = results
        partial[StudyPlan.svmFitId] = nil
        partial[StudyPlan.gridPointId(3)] = nil
        let stage = try plan.nextJobs(results: partial).map(\.job)
        XCTAssertEqual(stage.filter { $0.kind == .gridpoint }.map(\.id), (0..<6).map(StudyPlan.gridPointId))
        XCTAssertEqual(stage.filter { $0.kind == .bootstrap }.count, 10, "bootstrap (both cohorts) and gridpoints share a stage")
        XCTAssertFalse(stage.contains { $0.id == StudyPlan.svmFitId })
        partial[StudyPlan.gridPointId(3)] = results[StudyPlan.gridPointId(3)]
        let next = try plan.nextJobs(results: partial)
        let fit = try XCTUnwrap(next.first { $0.job.id == StudyPlan.svmFitId })
        XCTAssertGreaterThan(fit.sequence, next.filter { $0.job.id != StudyPlan.svmFitId }.map(\.sequence).max()!)
        // Planning is a function of the stored results: the same jobs, byte for byte, every time.
        XCTAssertEqual(try plan.nextJobs(results: partial).map(\.job), next.map(\.job))
    }

    func testReplanningFromStoredResultsPlansNothingNew() throws {
        let (plan, results, _) = try runStudy()
        XCTAssertTrue(try plan.nextJobs(results: results).allSatisfy { results[$0.job.id] != nil },
                      "with every result stored, the plan only repeats jobs already done")
    }

    func testTooFewCasesAreReportedNotFitted() throws {
        let small = dir.appendingPathComponent("small")
        try DemoCohortWriter.write(DemoCohort(count: 14, seed: 11, size: 96), to: small)
        let plan = try StudyPlan(study: try StudyFile(contentsOf: small.appendingPathComponent("study.yaml")))
        let runner = StandardJobRunner(dataRoot: small)
        var results: [String: String] = [:]
        for job in try plan.extractionJobs() {
            if case let .success(v) = runner.run(job) { results[job.id] = RawJSON(v).text }
        }
        XCTAssertTrue(try plan.nextJobs(results: results).isEmpty)
        XCTAssertEqual(StudyPlan.modelIneligibility(try plan.modelData(results: results)),
                       "9 extracted training cases; a cross-validated model needs at least 20")
    }
}
