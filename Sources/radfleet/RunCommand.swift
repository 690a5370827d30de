import ArgumentParser
import CaseIO
import Fleet
import Foundation
import Study

struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a study on this machine: coordinator, aggregator and N workers on loopback, in one go.",
        discussion: """
        The same roles as on a cluster (`radfleet coordinator` + `radfleet worker`), started for you on
        127.0.0.1 with a progress bar. Outputs go to the study's output folder; the job store
        (<output>/run.sqlite) lets an interrupted run resume where it stopped.
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
        try service.open(bind: "tcp://127.0.0.1:*", status: "tcp://127.0.0.1:*")
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
            p.arguments = ["worker", "--connect", service.workerEndpoint, "--data-root", dataRoot, "--threads", "1", "--name", "worker-\(k)"]
            p.standardOutput = FileHandle.nullDevice
            p.standardError = FileHandle.nullDevice
            try p.run()
            children.append(p)
        }
        standardError("run: study '\(service.study.name)' on \(count) worker(s); status on \(service.statusEndpoint)")
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
