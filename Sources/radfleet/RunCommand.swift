import ArgumentParser
import CaseIO
import Fleet
import Foundation
import Study
import ZMQTransport

struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a study on this machine: coordinator, aggregator and N workers on loopback, in one go.",
        discussion: """
        The same roles as on a cluster (`radfleet coordinator` + `radfleet worker`), started for you on
        127.0.0.1 with a progress bar. Outputs go to the study's output folder; the job store
        (<output>/run.sqlite) lets an interrupted run resume where it stopped. The run makes its own CurveZMQ
        keys (in a private temporary folder, deleted at the end): other users of this machine cannot take its
        jobs or read its status, even on loopback.
        """
    )

    @Argument(help: "Study file (YAML).")
    var study: String

    @Option(name: .long, help: "Worker processes (default: one per core).")
    var workers: Int?

    @Option(name: .long, help: "Job store (default: <output folder>/run.sqlite).")
    var db: String?

    @Flag(name: .long, help: "Never draw the progress bar.")
    var quiet = false

    func validate() throws {
        if let workers, workers < 1 || workers > 256 { throw ValidationError("--workers must be between 1 and 256") }
    }

    func run() throws {
        try reportingErrors { try EmbeddedFleet.run(studyPath: study, workers: workers, db: db, quiet: quiet) }
    }
}

/// Coordinator + aggregator in this process, workers as child processes of this same executable.
enum EmbeddedFleet {
    static func run(studyPath: String, workers requested: Int?, db: String?, quiet: Bool) throws {
        let started = Date()
        let service = try CoordinatorService(studyPath: studyPath, dbPath: try dbPath(studyPath: studyPath, db: db), settings: CoordinatorSettings())
        let keys = try EphemeralKeys()
        // The children read the key files while they start: the folder must outlive them (until this function ends).
        defer { withExtendedLifetime(keys) {} }
        try service.open(bind: "tcp://127.0.0.1:*", status: "tcp://127.0.0.1:*",
                         security: .curve(keys: keys.coordinator, authorised: AuthorisedKeys(fixed: [keys.client.publicKey: "run.key"])))
        let count = requested ?? ProcessInfo.processInfo.activeProcessorCount
        let executable = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        let dataRoot = URL(fileURLWithPath: studyPath).deletingLastPathComponent().path
        var children: [Process] = []
        defer {
            for p in children where p.isRunning { p.terminate() }
        }
        for k in 1...count {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: executable)
            p.arguments = ["worker", "--connect", service.workerEndpoint, "--data-root", dataRoot, "--threads", "1", "--name", "worker-\(k)",
                           "--curve-secret", keys.clientSecret, "--server-key", keys.coordinatorPublic]
            p.standardOutput = FileHandle.nullDevice
            p.standardError = FileHandle.nullDevice
            try p.run()
            children.append(p)
        }
        standardError("run: study '\(service.study.name)' on \(count) worker(s); status: radfleet status --connect \(service.statusEndpoint) --curve-secret \(keys.clientSecret) --server-key \(keys.coordinatorPublic)")
        let total = try service.store.counts().values.reduce(0) { $0 + $1.values.reduce(0, +) }
        let bar = ProgressBar(total: total, label: "jobs", enabled: !quiet && isatty(STDERR_FILENO) != 0)
        let workers = children
        try service.serveUntilFinished(gone: { workers.allSatisfy { !$0.isRunning } }) { store in
            let counts = (try? store.counts()) ?? [:]
            bar.update(counts.values.reduce(0) { $0 + ($1[.done] ?? 0) + ($1[.failed] ?? 0) })
        }
        for p in children {
            let deadline = Date().addingTimeInterval(5)
            while p.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        }
        let counts = try service.store.counts()
        let done = counts.values.reduce(0) { $0 + ($1[.done] ?? 0) }
        let failed = counts.values.reduce(0) { $0 + ($1[.failed] ?? 0) }
        standardError(String(format: "run: %d job(s) done, %d failed in %.1f s; outputs in %@", done, failed,
                             Date().timeIntervalSince(started), service.study.output.path))
        for f in try service.store.failures(limit: 10) { standardError("  failed \(f.jobId): \(f.reason)") }
    }

    static func dbPath(studyPath: String, db: String?) throws -> String {
        if let db { return db }
        let study = try Study.StudyFile(contentsOf: URL(fileURLWithPath: studyPath))
        try FileManager.default.createDirectory(at: study.output, withIntermediateDirectories: true)
        return study.output.appendingPathComponent("run.sqlite").path
    }
}

/// An embedded run's CurveZMQ keys: one pair for the coordinator, one for its workers (and a status client run by
/// the same user), made fresh for each run. The child processes read them from a folder created by `mkdtemp`
/// (mode 0700; the secret file 0600 from its creation) that is deleted when the run ends.
final class EphemeralKeys {
    let coordinator: CurveKeyPair
    let client: CurveKeyPair
    let directory: String
    var clientSecret: String { directory + "/run.key_secret" }
    var coordinatorPublic: String { directory + "/coordinator.key" }

    init() throws {
        coordinator = try CurveKeyPair.generate()
        client = try CurveKeyPair.generate()
        var template = Array((NSTemporaryDirectory() as NSString).appendingPathComponent("radfleet-run-XXXXXX").utf8CString)
        guard let made = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else {
            throw CurveKeyFile.Failure.cannotWrite(path: NSTemporaryDirectory(), reason: String(cString: strerror(errno)))
        }
        directory = String(cString: made)
        try CurveKeyFile.write(CurveKeyFile.secretText(name: "run", pair: client), to: clientSecret, mode: 0o600, replace: false)
        try CurveKeyFile.write(CurveKeyFile.publicText(name: "coordinator", key: coordinator.publicKey), to: coordinatorPublic, mode: 0o644, replace: false)
    }

    deinit { try? FileManager.default.removeItem(atPath: directory) }
}
