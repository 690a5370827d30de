import CaseIO
import Fleet
import FleetProtocol
import Foundation
import Statistics
import Study
import XCTest

/// The model stages (`fit`, `cvfold`, `bootstrap`) run as jobs — inputs and outputs through the wire format, in any
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

    /// Runs every job the plan gives, stage by stage, in reverse order within a stage, as a worker would.
    private func runStudy() throws -> (plan: StudyPlan, results: [String: String], kinds: [JobKind: Int]) {
        let study = try StudyFile(contentsOf: dir.appendingPathComponent("study.yaml"))
        let plan = try StudyPlan(study: study)
        let runner = StandardJobRunner(dataRoot: dir)
        var results: [String: String] = [:]
        var kinds: [JobKind: Int] = [:]
        var stage = try plan.extractionJobs()
        while !stage.isEmpty {
            for job in stage.reversed() where results[job.id] == nil {
                // Through the wire: the job as the coordinator stores and sends it, the result as text.
                let codec = MessageCodec()
                let sent = try codec.decode(codec.encode(Message.job(JobAssignment(job: job, attempt: 1, leaseSeconds: 60))))
                guard case let .job(received) = sent else {
                    XCTFail("\(job.id) did not come back as a job message")
                    continue
                }
                switch runner.run(received.job) {
                case let .success(value): results[job.id] = RawJSON(value).text
                case let .failure(f): XCTFail("\(job.id): \(f.reason)")
                }
                kinds[job.kind, default: 0] += 1
            }
            stage = try plan.nextJobs(results: results).map(\.job).filter { results[$0.id] == nil }
        }
        return (plan, results, kinds)
    }

    func testFleetStagesEqualTheInProcessComputation() throws {
        let (plan, results, kinds) = try runStudy()
        XCTAssertEqual(kinds[.extract], 30)
        XCTAssertEqual(kinds[.fit], 1)
        XCTAssertEqual(kinds[.cvfold], 5)
        XCTAssertEqual(kinds[.bootstrap], 5)

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
    }

    func testReplanningFromStoredResultsPlansNothingNew() throws {
        let (plan, results, _) = try runStudy()
        XCTAssertTrue(try plan.nextJobs(results: results).allSatisfy { results[$0.job.id] != nil },
                      "with every result stored, the plan only repeats jobs already done")
    }

    func testTooFewCasesAreReportedNotFitted() throws {
        let small = dir.appendingPathComponent("small")
        try DemoCohortWriter.write(DemoCohort(count: 8, seed: 11, size: 96), to: small)
        let plan = try StudyPlan(study: try StudyFile(contentsOf: small.appendingPathComponent("study.yaml")))
        let runner = StandardJobRunner(dataRoot: small)
        var results: [String: String] = [:]
        for job in try plan.extractionJobs() {
            if case let .success(v) = runner.run(job) { results[job.id] = RawJSON(v).text }
        }
        XCTAssertTrue(try plan.nextJobs(results: results).isEmpty)
        XCTAssertEqual(StudyPlan.modelIneligibility(try plan.modelData(results: results)),
                       "8 extracted cases; a cross-validated model needs at least 20")
    }
}
