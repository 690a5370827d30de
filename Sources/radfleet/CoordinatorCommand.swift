import ArgumentParser
import Fleet
import FleetProtocol
import Foundation
import Study
import ZMQTransport

struct CoordinatorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "coordinator",
        abstract: "Plan a study's jobs into a SQLite job store and hand them to workers until all are done.",
        discussion: """
        Restarting it with the same --db resumes: finished jobs are kept, leases from before are void, and
        nothing done is computed again. Outputs (features.csv, results.json) go to the study's output folder.
        """
    )

    @Option(name: .long, help: "Study file (YAML).")
    var study: String

    @Option(name: .long, help: "SQLite job store (created if missing; reused to resume).")
    var db: String

    @Option(name: .long, help: "Endpoint for workers (ZeroMQ ROUTER).")
    var bind: String = "tcp://127.0.0.1:5555"

    @Option(name: .long, help: "Endpoint for `radfleet status`.")
    var status: String = "tcp://127.0.0.1:5556"

    @Option(name: .long, help: "Seconds a job may run before it is retried elsewhere.")
    var jobTimeout: Double = 600

    @Option(name: .long, help: "Attempts per job before it is marked failed.")
    var maxAttempts: Int = 3

    @Flag(name: .long, help: "Allow plaintext ZeroMQ on a non-loopback address.")
    var insecure = false

    func validate() throws {
        try FleetEndpoints.requireLoopbackOrInsecure(bind, insecure: insecure)
        try FleetEndpoints.requireLoopbackOrInsecure(status, insecure: insecure)
        if maxAttempts < 1 { throw ValidationError("--max-attempts must be at least 1") }
        if !(jobTimeout > 0) { throw ValidationError("--job-timeout must be positive") }
    }

    func run() throws {
        var settings = CoordinatorSettings()
        settings.jobTimeout = jobTimeout
        settings.maxAttempts = maxAttempts
        try reportingErrors {
            let service = try CoordinatorService(studyPath: study, dbPath: db, settings: settings)
            try service.open(bind: bind, status: status)
            standardError("coordinator: study '\(service.study.name)', \(try service.store.counts().values.reduce(0) { $0 + $1.values.reduce(0, +) }) jobs; workers on \(service.workerEndpoint), status on \(service.statusEndpoint)")
            try service.serveUntilFinished()
            standardError("coordinator: finished; outputs in \(service.study.output.path)")
        }
    }
}

/// The coordinator process: job store, ZeroMQ sockets, the role loop and the aggregator. Used by
/// `radfleet coordinator` and, in-process, by `radfleet run`.
final class CoordinatorService {
    let study: StudyFile
    let plan: StudyPlan
    let store: JobStore
    let settings: CoordinatorSettings
    private let context = ZMQContext()
    private var coordinator: Coordinator?
    private(set) var workerEndpoint = ""
    private(set) var statusEndpoint = ""

    init(studyPath: String, dbPath: String, settings: CoordinatorSettings) throws {
        study = try StudyFile(contentsOf: URL(fileURLWithPath: studyPath))
        plan = try StudyPlan(study: study)
        store = try JobStore(path: dbPath)
        self.settings = settings
        try store.add(Self.planned(try plan.extractionJobs().enumerated().map { ($1, $0) }, settings: settings),
                      now: Date().timeIntervalSince1970)
        try store.setMeta("study", study.name)
    }

    /// Jobs as the store keeps them: the job message's JSON line (without its newline), in leasing order.
    static func planned(_ jobs: [(job: Job, sequence: Int)], settings: CoordinatorSettings) -> [PlannedJob] {
        let codec = MessageCodec()
        return jobs.map { job, sequence in
            PlannedJob(id: job.id, kind: job.kind.rawValue, sequence: sequence,
                       payload: String(decoding: codec.encode(job).dropLast(), as: UTF8.self), maxAttempts: settings.maxAttempts)
        }
    }

    /// Adds the jobs of the study's next stage (model fit, folds, bootstrap blocks); the number newly added.
    @discardableResult
    func planNextStage(now: Double) throws -> Int {
        let results = Dictionary(uniqueKeysWithValues: try store.results().map { ($0.jobId, $0.output) })
        let next: [(job: Job, sequence: Int)]
        do { next = try plan.nextJobs(results: results) } catch {
            standardError("coordinator: the study cannot go on past its finished jobs: \(error)")
            return 0
        }
        return try store.add(Self.planned(next, settings: settings), now: now)
    }

    func open(bind: String, status: String) throws {
        let workers = try FleetEndpoints.router(context, bind: bind)
        let statusSocket = try FleetEndpoints.router(context, bind: status)
        workerEndpoint = try workers.lastEndpoint()
        statusEndpoint = try statusSocket.lastEndpoint()
        coordinator = try Coordinator(store: store, studyName: study.name, workers: ZMQChannel(socket: workers),
                                      status: ZMQChannel(socket: statusSocket), settings: settings, now: Date().timeIntervalSince1970)
    }

    /// Serves until every job is done or failed, writes the outputs, asks the workers to leave, and keeps
    /// answering for `grace` seconds so that they hear it (or until `gone` says they have all left).
    func serveUntilFinished(grace: Double = 1.5, gone: () -> Bool = { false }, progress: ((JobStore) -> Void)? = nil) throws {
        guard let coordinator else { return }
        let clock = { Date().timeIntervalSince1970 }
        var lastProgress = 0.0
        while true {
            while try !store.isFinished() {
                try coordinator.step(now: clock, timeout: 0.05)
                if let progress, clock() - lastProgress > 0.2 { progress(store); lastProgress = clock() }
            }
            // The next stage, planned from the stored results alone (so a restart plans the same jobs).
            if try planNextStage(now: clock()) == 0 { break }
        }
        progress?(store)
        let aggregator = Aggregator(study: study, version: RadFleetVersion.string)
        try aggregator.write(try aggregator.assemble(from: store))
        coordinator.shutdownWorkers(reason: "study finished")
        let end = clock() + grace
        while clock() < end && !gone() { try coordinator.step(now: clock, timeout: 0.02) }
    }
}
