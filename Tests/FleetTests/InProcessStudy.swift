import Fleet
import FleetProtocol
import Foundation
import Study
import XCTest

/// A study run in this process, job by job, exactly as workers would run it: every job the plan gives, stage by
/// stage, in reverse order within a stage, each job and result through the wire format.
enum InProcessStudy {
    static func run(studyFile: URL, dataRoot: URL) throws -> (plan: StudyPlan, results: [String: String], kinds: [JobKind: Int]) {
        let study = try StudyFile(contentsOf: studyFile)
        let plan = try StudyPlan(study: study)
        let runner = StandardJobRunner(dataRoot: dataRoot)
        var results: [String: String] = [:]
        var kinds: [JobKind: Int] = [:]
        var stage = try plan.extractionJobs()
        while !stage.isEmpty {
            for job in stage.reversed() where results[job.id] == nil {
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
            // As the coordinator: a study that cannot go on past its finished jobs stops planning there.
            do { stage = try plan.nextJobs(results: results).map(\.job).filter { results[$0.id] == nil } } catch { stage = [] }
        }
        return (plan, results, kinds)
    }

    /// A job store holding `results` as completed jobs (kind from the id's prefix: `extract:…`, `fit:…`), for the
    /// aggregator.
    static func store(_ results: [String: String], at path: String) throws -> JobStore {
        let store = try JobStore(path: path)
        let ids = results.keys.sorted()
        _ = try store.add(ids.enumerated().map { i, id in
            PlannedJob(id: id, kind: String(id.prefix { $0 != ":" }), sequence: i, payload: "{}")
        }, now: 1)
        for leased in try store.lease(to: "w", count: ids.count, now: 1, leaseSeconds: 60) {
            _ = try store.complete(jobId: leased.id, worker: "w", attempt: leased.attempt, output: results[leased.id]!, now: 2)
        }
        return store
    }
}
