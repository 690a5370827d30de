import Fleet
import Foundation
import Statistics
import ZMQTransport
#if canImport(Glibc)
import Glibc
#endif

/// The soak run (issue 6; a command, not a test): a study of N extraction jobs on the demo's synthetic cohort,
/// `radfleet coordinator` and W `radfleet worker` processes on 127.0.0.1 (plaintext: `--insecure`, loopback only), M random `kill -9` of workers (each
/// restarted at once) and K of the coordinator (restarted on the same job store), spread over the run by
/// progress. Then, from the job store alone: jobs lost (planned but neither done nor failed: must be 0),
/// duplicate results stored (must be 0; re-deliveries are counted apart), failures, and throughput.
enum SoakBench {
    struct Options {
        var jobs = 2000
        var workers = 2
        var kills = 10
        var coordinatorKills = 2
        var seed: UInt64 = 1
    }

    static func run(_ o: Options, radfleet: URL) throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("radfleet-soak-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        try ScalingBench.invoke(radfleet, ["demo", dir.path, "--cases", String(o.jobs), "--no-run"])
        let studyURL = dir.appendingPathComponent("study.yaml")
        let study = try String(contentsOf: studyURL, encoding: .utf8)
        try (study.components(separatedBy: "\ncohorts:")[0] + "\n").write(to: studyURL, atomically: true, encoding: .utf8)
        let db = dir.appendingPathComponent("soak.sqlite").path
        let (port, statusPort) = (LoopbackPort.free(), LoopbackPort.free())
        let bind = "tcp://127.0.0.1:\(port)", status = "tcp://127.0.0.1:\(statusPort)"
        var rng = SeededGenerator(seed: o.seed)  // the kill schedule is reproducible from --seed

        func startCoordinator() throws -> Process {
            try launch(radfleet, ["coordinator", "--study", studyURL.path, "--db", db, "--bind", bind, "--status", status, "--insecure"],
                       log: dir.appendingPathComponent("coordinator.log"))
        }
        func startWorker(_ k: Int) throws -> Process {
            try launch(radfleet, ["worker", "--connect", bind, "--data-root", dir.path, "--threads", "1", "--name", "soak-\(k)", "--insecure"],
                       log: dir.appendingPathComponent("worker-\(k).log"))
        }
        // Kill points as fractions of the jobs done: workers at random, the coordinator evenly spaced.
        var workerKills = (0..<o.kills).map { _ in 0.05 + 0.9 * Double.random(in: 0..<1, using: &rng) }.sorted()
        var coordinatorKills = (0..<o.coordinatorKills).map { Double($0 + 1) / Double(o.coordinatorKills + 1) }

        let start = Date()
        var coordinator = try startCoordinator()
        var workers = try (0..<o.workers).map(startWorker)
        defer { for p in workers + [coordinator] where p.isRunning { kill(p.processIdentifier, SIGKILL) } }
        var killed = (workers: 0, coordinator: 0)
        let deadline = Date().addingTimeInterval(Double(o.jobs) * 0.05 + 300)
        while coordinator.isRunning {
            guard Date() < deadline else { throw SoakError("the study did not finish in time (see \(dir.path))") }
            Thread.sleep(forTimeInterval: 0.1)
            guard let done = doneJobs(radfleet, status: status) else { continue }
            let fraction = Double(done) / Double(o.jobs)
            if let next = workerKills.first, fraction >= next {
                workerKills.removeFirst()
                let k = Int.random(in: 0..<workers.count, using: &rng)
                kill(workers[k].processIdentifier, SIGKILL)
                workers[k].waitUntilExit()
                workers[k] = try startWorker(k)
                killed.workers += 1
            }
            if let next = coordinatorKills.first, fraction >= next {
                coordinatorKills.removeFirst()
                kill(coordinator.processIdentifier, SIGKILL)
                coordinator.waitUntilExit()
                killed.coordinator += 1
                coordinator = try startCoordinator()  // resumes from the job store
            }
        }
        let seconds = Date().timeIntervalSince(start)
        guard coordinator.terminationStatus == 0 else { throw SoakError("the coordinator exited with \(coordinator.terminationStatus) (see \(dir.path))") }
        for w in workers where w.isRunning { kill(w.processIdentifier, SIGTERM) }

        let store = try JobStore(path: db)
        let counts = try store.counts().values.reduce(into: [JobState: Int]()) { $0.merge($1, uniquingKeysWith: +) }
        let results = try store.results()
        let distinct = Set(results.map(\.jobId)).count
        let planned = counts.values.reduce(0, +)
        let done = counts[.done] ?? 0, failed = counts[.failed] ?? 0
        let lost = planned - done - failed
        print(String(format: "soak         %d jobs, %d workers, %d worker kills, %d coordinator kills, %.1f s",
                     planned, o.workers, killed.workers, killed.coordinator, seconds))
        print("soak         jobs lost: \(lost); duplicate results stored: \(results.count - distinct); "
              + "results without a done job: \(results.count - done); re-deliveries ignored: \(try store.duplicateCount()); "
              + "failed: \(failed)")
        for f in try store.failures(limit: 5) { print("soak           failed \(f.jobId): \(f.reason)") }
        print(String(format: "soak         throughput %.1f jobs/s (kills and restarts included)", Double(done) / seconds))
        if lost != 0 || results.count != distinct || results.count != done { throw SoakError("the soak lost or duplicated work") }
    }

    /// Jobs done so far, from `radfleet status --json` (nil while the coordinator is down).
    static func doneJobs(_ radfleet: URL, status: String) -> Int? {
        let p = Process()
        p.executableURL = radfleet
        p.arguments = ["status", "--connect", status, "--json", "--timeout", "1", "--insecure"]
        let pipe = Pipe()
        p.standardOutput = pipe
        p.standardError = FileHandle.nullDevice
        guard (try? p.run()) != nil else { return nil }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        guard p.terminationStatus == 0, let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let jobs = object["jobs"] as? [String: [String: Int]] else { return nil }
        return jobs.values.reduce(0) { $0 + ($1["done"] ?? 0) + ($1["failed"] ?? 0) }
    }

    static func launch(_ executable: URL, _ args: [String], log: URL) throws -> Process {
        let p = Process()
        p.executableURL = executable
        p.arguments = args
        if !FileManager.default.fileExists(atPath: log.path) { FileManager.default.createFile(atPath: log.path, contents: nil) }
        let handle = try FileHandle(forWritingTo: log)
        handle.seekToEndOfFile()
        p.standardOutput = handle
        p.standardError = handle
        try p.run()
        return p
    }


    struct SoakError: Error, CustomStringConvertible {
        let description: String
        init(_ d: String) { description = d }
    }
}
