import Fleet
import Foundation
import ImageIO
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// Issue 6's fault tests with real processes on 127.0.0.1, real ZeroMQ sockets and a real SQLite file: random
/// worker kills in a study of 10,000 jobs with the coordinator killed and restarted twice; a late result from an
/// expired lease; a full job store.
final class FleetFaultTests: XCTestCase {
    struct Endpoints {
        let bind: String, status: String
        init() { (bind, status) = ("tcp://127.0.0.1:\(FleetHarness.freePort())", "tcp://127.0.0.1:\(FleetHarness.freePort())") }
    }

    /// A demo study reduced to extraction with a light parameter file (Original: shape and first order), so a
    /// job is about a millisecond and the test is about the fleet, not the features.
    func extractionStudy(_ h: FleetHarness, _ sub: String, cases: Int, cohortRows: Int? = nil) throws -> URL {
        let study = try h.demoStudy(sub, cases: cases)
        let dir = study.deletingLastPathComponent()
        let text = try String(contentsOf: study, encoding: .utf8)
        try (text.components(separatedBy: "\ncohorts:")[0] + "\n").write(to: study, atomically: true, encoding: .utf8)
        try """
            setting: {binWidth: 25, label: 1}
            imageType: {Original: {}}
            featureClass:
              shape2D:
              firstorder:
            """.write(to: dir.appendingPathComponent("params.yaml"), atomically: true, encoding: .utf8)
        if let rows = cohortRows {
            // `rows` cases cycling through the demo's images under new ids.
            let lines = try String(contentsOf: dir.appendingPathComponent("cohort.csv"), encoding: .utf8).split(separator: "\n").map(String.init)
            var csv = lines[0] + "\n"
            for k in 0..<rows {
                let cells = lines[1 + k % cases].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
                csv += (["job-\(k)"] + cells.dropFirst()).joined(separator: ",") + "\n"
            }
            try csv.write(to: dir.appendingPathComponent("cohort.csv"), atomically: true, encoding: .utf8)
        }
        return study
    }

    func coordinatorArgs(_ study: URL, _ e: Endpoints, _ extra: [String] = []) -> [String] {
        ["coordinator", "--study", study.path, "--db", study.deletingLastPathComponent().appendingPathComponent("run.sqlite").path,
         "--bind", e.bind, "--status", e.status] + extra
    }

    func startWorker(_ h: FleetHarness, _ study: URL, _ e: Endpoints, _ name: String) throws -> Process {
        try h.start(["worker", "--connect", e.bind, "--data-root", study.deletingLastPathComponent().path, "--threads", "1", "--name", name],
                    log: "\(name).log")
    }

    func store(_ study: URL) throws -> JobStore { try JobStore(path: study.deletingLastPathComponent().appendingPathComponent("run.sqlite").path) }

    func testTenThousandJobsUnderRandomWorkerKillsAndTwoCoordinatorRestarts() throws {
        let h = try FleetHarness()
        let jobs = 10_000
        let study = try extractionStudy(h, "soak", cases: 8, cohortRows: jobs)
        let e = Endpoints()
        var coordinator = try h.start(coordinatorArgs(study, e), log: "coordinator.log")
        var workers = try (0..<3).map { try startWorker(h, study, e, "w\($0)") }
        var rng = SystemRandomNumberGenerator()
        var workerKills = (0..<8).map { _ in Double.random(in: 0.05..<0.95, using: &rng) }.sorted()
        var coordinatorKills = [0.35, 0.7]
        var killed = (workers: 0, coordinator: 0), restarts = 0
        let deadline = Date().addingTimeInterval(600)
        while coordinator.isRunning && Date() < deadline {
            Thread.sleep(forTimeInterval: 0.1)
            let fraction = Double(FleetHarness.done(h.status(e.status))) / Double(jobs)
            if let next = workerKills.first, fraction >= next {
                workerKills.removeFirst()
                let k = Int.random(in: 0..<workers.count, using: &rng)
                kill(workers[k].processIdentifier, SIGKILL)
                workers[k].waitUntilExit()
                workers[k] = try startWorker(h, study, e, "w\(k)-\(killed.workers)")
                killed.workers += 1
            }
            if let next = coordinatorKills.first, fraction >= next {
                coordinatorKills.removeFirst()
                kill(coordinator.processIdentifier, SIGKILL)
                coordinator.waitUntilExit()
                killed.coordinator += 1
                restarts += 1
                coordinator = try h.start(coordinatorArgs(study, e), log: "coordinator-\(restarts).log")
            }
        }
        XCTAssertTrue(h.wait(coordinator, timeout: 5), "the study did not finish: \(h.log("coordinator-\(restarts).log"))")
        XCTAssertEqual(coordinator.terminationStatus, 0, h.log("coordinator-\(restarts).log"))
        XCTAssertEqual(killed.coordinator, 2)
        XCTAssertEqual(killed.workers, 8)

        let s = try store(study)
        let results = try s.results()
        XCTAssertEqual(results.count, jobs, "no job lost")
        XCTAssertEqual(Set(results.map(\.jobId)).count, jobs, "none stored twice")
        XCTAssertEqual(try s.counts()["extract"]?[.done], jobs)
        XCTAssertEqual(try s.failures(limit: 10).map(\.reason), [])
        // Every row is the extraction of its image: rows of the same demo case are identical.
        let table = try String(contentsOf: study.deletingLastPathComponent().appendingPathComponent("results/features.csv"), encoding: .utf8)
            .split(separator: "\n").dropFirst().map { $0.split(separator: ",", maxSplits: 1).map(String.init) }
        XCTAssertEqual(table.count, jobs)
        for row in table {
            let k = Int(row[0].dropFirst("job-".count))!
            XCTAssertEqual(row[1], table[k % 8][1], "job-\(k)")
        }
    }

    func testALateResultFromAnExpiredLeaseIsStoredOnce() throws {
        let h = try FleetHarness()
        let study = try extractionStudy(h, "late", cases: 2)
        let dir = study.deletingLastPathComponent()
        // One case slow enough to outlive its lease: a 2400 × 2400 image, Original + Wavelet, all classes.
        let side = 2400
        var g = SystemRandomNumberGenerator()
        let pixels = (0..<(side * side)).map { _ in UInt8.random(in: 0...255, using: &g) }
        let mask = (0..<(side * side)).map { i -> UInt8 in (i / side > 100 && i / side < side - 100 && i % side > 100 && i % side < side - 100) ? 255 : 0 }
        try Data(try PNGWriter.encodeGrey8(pixels, width: side, height: side)).write(to: dir.appendingPathComponent("images/slow.png"))
        try Data(try PNGWriter.encodeGrey8(mask, width: side, height: side)).write(to: dir.appendingPathComponent("images/slow_mask.png"))
        let header = String(try String(contentsOf: dir.appendingPathComponent("cohort.csv"), encoding: .utf8).split(separator: "\n")[0])
        let cells: [String: String] = ["id": "slow", "image": "images/slow.png", "mask": "images/slow_mask.png", "spacing": "0.1"]
        let row = header.split(separator: ",").map { cells[String($0)] ?? "0" }.joined(separator: ",")
        try "\(header)\n\(row)\n".write(to: dir.appendingPathComponent("cohort.csv"), atomically: true, encoding: .utf8)
        try """
            setting: {binWidth: 25, label: 1}
            imageType: {Original: {}, Wavelet: {}}
            featureClass:
              firstorder:
              glcm:
              glrlm:
              glszm:
              gldm:
              ngtdm:
            """.write(to: dir.appendingPathComponent("params.yaml"), atomically: true, encoding: .utf8)

        let e = Endpoints()
        let coordinator = try h.start(coordinatorArgs(study, e, ["--job-timeout", "0.5", "--max-attempts", "50"]), log: "coordinator.log")
        _ = try startWorker(h, study, e, "first")
        _ = try startWorker(h, study, e, "second")
        XCTAssertTrue(h.wait(coordinator, timeout: 300), "the study did not finish: \(h.log("coordinator.log"))")
        XCTAssertEqual(coordinator.terminationStatus, 0, h.log("coordinator.log"))

        let s = try store(study)
        let state = try XCTUnwrap(try s.state(of: "extract:slow"))
        XCTAssertEqual(state.state, .done)
        XCTAssertGreaterThan(state.attempts, 1, "the lease expired and the job was handed out again")
        // The first result back came from an attempt whose lease had expired: stored once, the job done; any
        // other copy that arrived is counted as a re-delivery, not stored.
        XCTAssertEqual(try s.results().map(\.jobId), ["extract:slow"])
        XCTAssertLessThan(try s.duplicateCount(), state.attempts)
        let rows = try String(contentsOf: dir.appendingPathComponent("results/features.csv"), encoding: .utf8).split(separator: "\n")
        XCTAssertEqual(rows.count, 2, "header + the slow case")
    }

    func testAFullJobStoreStopsCleanlyAndResumesWhenThereIsRoom() throws {
        let h = try FleetHarness()
        let reference = try extractionStudy(h, "reference", cases: 60)
        XCTAssertEqual(try h.run(["run", reference.path, "--workers", "1", "--quiet"]).status, 0)
        let study = try extractionStudy(h, "full", cases: 60)
        let e = Endpoints()
        // 0.12 MiB (30 pages) holds the plan and a few dozen results, not all 60.
        let capped = try h.start(coordinatorArgs(study, e, ["--max-store-mb", "0.12"]), log: "coordinator-capped.log")
        let worker = try startWorker(h, study, e, "w")
        XCTAssertTrue(h.wait(capped, timeout: 120))
        XCTAssertNotEqual(capped.terminationStatus, 0, "a full store stops the coordinator")
        let log = h.log("coordinator-capped.log")
        XCTAssertTrue(log.contains("is full") && log.contains("same --db to resume"), log)
        let before = try store(study).results().count
        XCTAssertGreaterThan(before, 0)
        XCTAssertLessThan(before, 60)

        // Room again: the same store resumes; what was stored before is kept, nothing is stored twice.
        let resumed = try h.start(coordinatorArgs(study, e), log: "coordinator-resumed.log")
        XCTAssertTrue(h.wait(resumed, timeout: 120), h.log("coordinator-resumed.log"))
        XCTAssertEqual(resumed.terminationStatus, 0, h.log("coordinator-resumed.log"))
        kill(worker.processIdentifier, SIGTERM)
        let s = try store(study)
        XCTAssertEqual(try s.results().count, 60)
        XCTAssertEqual(Set(try s.results().map(\.jobId)).count, 60)
        let out = { (u: URL) in try Data(contentsOf: u.deletingLastPathComponent().appendingPathComponent("results/features.csv")) }
        XCTAssertEqual(try out(study), try out(reference))
    }

    func testCoordinatorLimitsAreReportedWithTheirOption() throws {
        let h = try FleetHarness()
        let study = try extractionStudy(h, "limits", cases: 10)
        let tooMany = try h.run(coordinatorArgs(study, Endpoints(), ["--max-jobs", "5"]), timeout: 60)
        XCTAssertNotEqual(tooMany.status, 0)
        XCTAssertTrue(tooMany.output.contains("the study plans 10 jobs") && tooMany.output.contains("limit of 5 (--max-jobs)"), tooMany.output)

        // Results of about 3 kB against a 1 kB limit: every job fails with both sizes, the coordinator goes on.
        let e = Endpoints()
        let coordinator = try h.start(coordinatorArgs(study, e, ["--max-result-mb", "0.001"]), log: "coordinator.log")
        _ = try startWorker(h, study, e, "w")
        XCTAssertTrue(h.wait(coordinator, timeout: 120), h.log("coordinator.log"))
        XCTAssertEqual(coordinator.terminationStatus, 0, h.log("coordinator.log"))
        let failures = try store(study).failures(limit: 100)
        XCTAssertEqual(failures.count, 10)
        for f in failures { XCTAssertTrue(f.reason.contains("exceeds the coordinator's limit of 1048 bytes (--max-result-mb)"), f.reason) }

        // The worker's own limit: the result is never sent, the job fails with the worker's reason.
        let again = try extractionStudy(h, "worker-limit", cases: 4)
        let e2 = Endpoints()
        let second = try h.start(coordinatorArgs(again, e2), log: "coordinator-2.log")
        _ = try h.start(["worker", "--connect", e2.bind, "--data-root", again.deletingLastPathComponent().path, "--threads", "1",
                         "--max-result-mb", "0.001"], log: "w2.log")
        XCTAssertTrue(h.wait(second, timeout: 120), h.log("coordinator-2.log"))
        let refused = try store(again).failures(limit: 100)
        XCTAssertEqual(refused.count, 4)
        for f in refused { XCTAssertTrue(f.reason.contains("exceeds the worker's limit of 1048 bytes (--max-result-mb)"), f.reason) }
    }
}
