import Fleet
import FleetProtocol
import Foundation
import Statistics
import Study
import XCTest

/// Writes protocol/examples/model-jobs.jsonl: one job of every model kind on a 12-case, 2-feature table (the SVM's
/// fit and one bootstrap also on a 3- and 6-case validation cohort), with the
/// outputs the real worker computes (and one gridpoint that fails: a column constant in a fold's training rows).
/// Run with RADFLEET_WRITE_TRANSCRIPTS=1 after a change to a job's input or output; `TranscriptReplayTests`
/// checks every result line against the worker, so a stale transcript fails there.
final class ModelJobsTranscript: XCTestCase {
    static let studySeed: UInt64 = 2026

    static func jobs() throws -> [Job] {
        func job<T: Encodable>(_ id: String, _ kind: JobKind, _ input: T) throws -> Job {
            Job(id: id, kind: kind, seed: JobSeed.derive(studySeed: studySeed, jobId: id), input: try JSONValue(encoding: input))
        }
        let x1 = [1.2, 2.9, 0.7, 2.1, 1.5, 3.3, 0.4, 1.4, 1.9, 2.6, 1.1, 2.4]
        let x2 = [3.1, 2.2, 4.0, 2.8, 3.3, 1.9, 2.5, 3.0, 3.7, 2.1, 2.9, 2.6]
        let outcomes = [0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1]
        let folds = [1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3]
        let ids = (1...12).map { String(format: "c%02d", $0) }
        let data = ModelData(caseIds: ids, features: ["x1", "x2"], values: x1 + x2, outcomes: outcomes, foldIDs: folds, dropped: [])
        let options = LassoOptions(lambdaCount: 5)
        let fit = LassoFitJobInput(data: data, options: options)
        let full = try fit.run()
        let setting = SVMSetting(kernel: .radial, cost: 1, gamma: 0.5)
        // x3 is 1 in fold 1 only: constant in the training rows of fold 1's model, so that gridpoint fails.
        let x3 = folds.map { $0 == 1 ? 1.0 : 0.0 }
        let broken = ModelData(caseIds: ids, features: ["x1", "x3"], values: x1 + x3, outcomes: outcomes, foldIDs: folds, dropped: [])
        return [
            try job(StudyPlan.lassoFitId, .fit, fit),
            try job(StudyPlan.lassoFoldId(2), .cvfold, LassoFoldJobInput(data: data, options: options, measure: .deviance, full: full, fold: 2)),
            try job(StudyPlan.bootstrapId(0), .bootstrap, BootstrapJobInput(
                scores: x1, outcomes: outcomes, seed: JobSeed.derive(studySeed: studySeed, jobId: "bootstrap:radscore"), first: 0, count: 4)),
            try job(StudyPlan.cohortBootstrapId(1, 0), .bootstrap, BootstrapJobInput(
                scores: [0.3, 1.8, 2.2, 1.9, 2.7, 1.1], outcomes: [0, 1, 1, 0, 1, 0],
                seed: JobSeed.derive(studySeed: studySeed, jobId: StudyPlan.cohortBootstrapFamily(1)), first: 0, count: 4,
                cohort: "validation, site \"B\"", direction: .controlsBelowCases)),
            try job(StudyPlan.gridPointId(0), .gridpoint, SVMGridPointJobInput(data: data, setting: setting, index: 0)),
            try job(StudyPlan.gridPointId(1), .gridpoint, SVMGridPointJobInput(data: broken, setting: SVMSetting(kernel: .radial, cost: 10, gamma: 0.5), index: 1)),
            try job(StudyPlan.svmFitId, .fit, SVMFitJobInput(data: data, setting: setting, cohorts: [SVMCohortRows(
                cohort: "validation, site \"B\"", caseIds: ["v01", "v02", "v03"], rows: [[1.7, 2.9], [2.8, 2.0], [0.9, 3.4]])])),
        ]
    }

    func testWriteModelJobsTranscript() throws {
        try XCTSkipUnless(ProcessInfo.processInfo.environment["RADFLEET_WRITE_TRANSCRIPTS"] != nil, "set RADFLEET_WRITE_TRANSCRIPTS=1 to rewrite it")
        let codec = MessageCodec()
        func text(_ bytes: [UInt8]) -> String { String(decoding: bytes.dropLast(), as: UTF8.self) }
        let jobs = try Self.jobs()
        let runner = StandardJobRunner(dataRoot: FileManager.default.temporaryDirectory)
        var lines = [#"{"comment": "One job of each model kind (fit:lasso, cvfold, a training and a validation-cohort bootstrap, two SVM gridpoints, fit:svm scoring a validation cohort too) on a 12-case table: a worker with 4 threads gets all seven, returns six outputs and one final failure (gridpoint:svm:1: a column constant in a fold's training rows). Every result is what the real worker computes from its job (regenerate: RADFLEET_WRITE_TRANSCRIPTS=1 swift test --filter ModelJobsTranscript)."}"#]
        lines += jobs.map { #"{"setup": {"job": "# + text(codec.encode($0)) + "}}" }
        lines.append(#"{"peer": "w1", "send": {"v": 1, "type": "ready", "worker": "w1", "host": "node-a", "pid": 7, "threads": 4}}"#)
        lines += jobs.map { #"{"peer": "w1", "expect": {"v": 1, "type": "job", "attempt": 1, "job": {"id": ""# + $0.id + #"", "kind": ""# + $0.kind.rawValue + #""}}}"# }
        for job in jobs {
            let message: JobResultMessage
            switch runner.run(job) {
            case let .success(output): message = JobResultMessage(jobId: job.id, attempt: 1, output: output)
            case let .failure(report): message = JobResultMessage(jobId: job.id, attempt: 1, failure: report)
            }
            lines.append(#"{"peer": "w1", "send": "# + text(codec.encode(Message.result(message))) + "}")
        }
        lines.append(#"{"peer": "status", "channel": "status", "send": {"v": 1, "type": "status-request"}}"#)
        lines.append(#"{"peer": "status", "channel": "status", "expect": {"v": 1, "type": "status", "finished": true, "jobs": {"fit": {"done": 2}, "cvfold": {"done": 1}, "bootstrap": {"done": 2}, "gridpoint": {"done": 1, "failed": 1}}}}"#)
        let url = TranscriptReplayTests.examples.appendingPathComponent("model-jobs.jsonl")
        try (lines.joined(separator: "\n") + "\n").write(to: url, atomically: true, encoding: .utf8)
    }
}
