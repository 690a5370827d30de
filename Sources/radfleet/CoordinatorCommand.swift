import ArgumentParser
import Fleet
import FleetProtocol
import Foundation
import Study
import ZMQTransport

/// A limit of the coordinator was hit (named with its option).
struct CoordinatorLimitError: Error, CustomStringConvertible {
    let reason: String
    var description: String { reason }
}

struct CoordinatorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "coordinator",
        abstract: "Plan a study's jobs into a SQLite job store and hand them to workers until all are done.",
        discussion: """
        Restarting it with the same --db resumes: finished jobs are kept, leases from before are void, and
        nothing done is computed again. Outputs (features.csv, results.json) go to the study's output folder.

        Both sockets use CurveZMQ: --curve-secret is this coordinator's secret key file and --authorized a
        folder of the public key files (NAME.key) of the workers and status clients it lets in (read again
        while running: add a file to admit a worker, delete it to revoke). Plaintext needs --insecure and a
        loopback address. See `radfleet keygen` and ops/README.md, "Securing the fleet".
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

    @Option(name: .long, help: "Largest result stored, in MiB; a larger one fails its job with both sizes.")
    var maxResultMb: Double = 16

    @Option(name: .long, help: "Most jobs the study may plan, all stages together.")
    var maxJobs: Int = 1_000_000

    @Option(name: .long, help: "Cap of the job store's size in MiB (default: the disk's space); reaching it stops the coordinator with a clear error, and a restart with room resumes.")
    var maxStoreMb: Double?

    @Option(name: .long, help: "This coordinator's secret key file (NAME.key_secret from `radfleet keygen`).")
    var curveSecret: String?

    @Option(name: .long, help: "Folder of the public key files (*.key) of the workers and status clients allowed in.")
    var authorized: String?

    @Flag(name: .long, help: "Plaintext ZeroMQ without keys; only on loopback addresses.")
    var insecure = false

    func validate() throws {
        _ = try securityMode()
        if maxAttempts < 1 { throw ValidationError("--max-attempts must be at least 1") }
        if !(jobTimeout > 0) { throw ValidationError("--job-timeout must be positive") }
        if !(maxResultMb > 0) { throw ValidationError("--max-result-mb must be positive") }
        if maxJobs < 1 { throw ValidationError("--max-jobs must be at least 1") }
        if let maxStoreMb, !(maxStoreMb > 0) { throw ValidationError("--max-store-mb must be positive") }
    }

    func securityMode() throws -> FleetSecurityPolicy.Mode {
        do {
            return try FleetSecurityPolicy.mode(endpoints: [bind, status],
                                                keyOptions: [("--curve-secret", curveSecret != nil), ("--authorized", authorized != nil)],
                                                insecure: insecure)
        } catch { throw ValidationError(error.description) }
    }

    func run() throws {
        var settings = CoordinatorSettings()
        settings.jobTimeout = jobTimeout
        settings.maxAttempts = maxAttempts
        settings.maxResultBytes = Int(maxResultMb * 1_048_576)
        settings.maxJobs = maxJobs
        settings.maxStorePages = maxStoreMb.map { max(1, Int($0 * 256)) }
        try reportingErrors {
            let security: CoordinatorSecurity
            switch try securityMode() {
            case .plaintext:
                security = .plaintext
            case .curve:
                let keys = try CurveKeyFile.readSecret(curveSecret!)
                let authorised = try AuthorisedKeys(directory: authorized!)
                standardError("coordinator: CurveZMQ with key \(keys.publicKey.id); \(authorised.count) authorised key(s) in \(authorised.source)")
                security = .curve(keys: keys, authorised: authorised)
            }
            let service = try CoordinatorService(studyPath: study, dbPath: db, settings: settings)
            try service.open(bind: bind, status: status, security: security)
            standardError("coordinator: study '\(service.study.name)', \(try service.store.counts().values.reduce(0) { $0 + $1.values.reduce(0, +) }) jobs; workers on \(service.workerEndpoint), status on \(service.statusEndpoint)")
            try service.serveUntilFinished()
            standardError("coordinator: finished; outputs in \(service.study.output.path)")
        }
    }
}

/// How the coordinator's two sockets are secured.
enum CoordinatorSecurity {
    case plaintext
    /// CurveZMQ with the coordinator's `keys`; a ZAP handler admits the `authorised` client keys only.
    case curve(keys: CurveKeyPair, authorised: AuthorisedKeys)
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
    private var zap: ZAPHandler?
    private var monitors: [(monitor: ZMQMonitor, endpoint: String)] = []
    private var lastMonitorCheck = 0.0
    private let throttle = PeerLogThrottle()
    private(set) var workerEndpoint = ""
    private(set) var statusEndpoint = ""

    init(studyPath: String, dbPath: String, settings: CoordinatorSettings) throws {
        study = try StudyFile(contentsOf: URL(fileURLWithPath: studyPath))
        plan = try StudyPlan(study: study)
        store = try JobStore(path: dbPath, maxPages: settings.maxStorePages)
        self.settings = settings
        try addWithinLimit(try plan.extractionJobs().enumerated().map { ($1, $0) }, now: Date().timeIntervalSince1970)
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
        return try addWithinLimit(next, now: now)
    }

    /// Adds planned jobs unless the study would then hold more than `settings.maxJobs`.
    @discardableResult
    func addWithinLimit(_ jobs: [(job: Job, sequence: Int)], now: Double) throws -> Int {
        let stored = try store.counts().values.reduce(0) { $0 + $1.values.reduce(0, +) }
        // Planning again after a restart adds nothing: only jobs not stored yet count.
        let fresh = stored + jobs.count <= settings.maxJobs ? 0 : try jobs.filter { try store.state(of: $0.job.id) == nil }.count
        if stored + fresh > settings.maxJobs {
            throw CoordinatorLimitError(reason: "the study plans \(stored + fresh) jobs (\(stored) stored, \(fresh) more), "
                                        + "more than the limit of \(settings.maxJobs) (--max-jobs)")
        }
        return try store.add(Self.planned(jobs, settings: settings), now: now)
    }

    /// Binds the worker and status sockets. With CurveZMQ, the ZAP handler starts first (libzmq asks it about
    /// every connection from the moment the sockets are bound), and monitors on both sockets report peers that
    /// try plaintext.
    func open(bind: String, status: String, security: CoordinatorSecurity) throws {
        var workerSecurity = SocketSecurity.none, statusSecurity = SocketSecurity.none
        if case let .curve(keys, authorised) = security {
            let throttle = self.throttle
            zap = try ZAPHandler(context: context) { request in
                CoordinatorGate.decide(request, authorised: authorised, throttle: throttle, log: { standardError($0) })
            }
            workerSecurity = .curveServer(keys: keys, domain: FleetZAPDomain.workers)
            statusSecurity = .curveServer(keys: keys, domain: FleetZAPDomain.status)
        }
        let workers = try FleetEndpoints.router(context, bind: bind, security: workerSecurity,
                                                maximumMessageBytes: Int64(settings.maxResultBytes + CoordinatorSettings.messageOverheadBytes))
        let statusSocket = try FleetEndpoints.router(context, bind: status, security: statusSecurity)
        workerEndpoint = try workers.lastEndpoint()
        statusEndpoint = try statusSocket.lastEndpoint()
        if workerSecurity.isCurve {
            monitors = [(try ZMQMonitor(context: context, watching: workers), workerEndpoint),
                        (try ZMQMonitor(context: context, watching: statusSocket), statusEndpoint)]
        }
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
                logPeersRefusedAtHandshake(now: clock())
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

    /// A peer that fails the CurveZMQ handshake before it could be asked for a key never reaches the ZAP handler:
    /// a plaintext peer (mechanism mismatch, or — when it hangs up first — a handshake broken off without detail),
    /// or one whose handshake does not decrypt (a wrong server key). The socket monitors see them, without their
    /// address (libzmq 4.3 reports only the local endpoint); each kind is logged at most once per endpoint every 30 s.
    private func logPeersRefusedAtHandshake(now: Double) {
        guard !monitors.isEmpty, now - lastMonitorCheck >= 0.25 else { return }
        lastMonitorCheck = now
        for (monitor, endpoint) in monitors {
            var lines: Set<String> = []
            for event in monitor.drain() {
                switch event {
                case .protocolFailed(_, mechanismMismatch: true):
                    lines.insert("REFUSED a plaintext (unkeyed) peer on \(endpoint): CurveZMQ required")
                case .handshakeFailed:
                    lines.insert("REFUSED a peer on \(endpoint) that broke off the CurveZMQ handshake (unkeyed/plaintext, or not ZeroMQ)")
                case let .protocolFailed(code, mechanismMismatch: false):
                    lines.insert("REFUSED a peer on \(endpoint): CurveZMQ handshake error 0x\(String(code, radix: 16)) (a wrong --server-key?)")
                case .handshakeSucceeded, .authenticationFailed:
                    continue
                }
            }
            if lines.contains(where: { $0.hasPrefix("REFUSED a plaintext") }) { lines = lines.filter { !$0.contains("broke off") } }
            for line in lines.sorted() where throttle.shouldLog(line) { standardError("coordinator: " + line) }
        }
    }
}
