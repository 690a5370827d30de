import FleetProtocol
import Foundation

/// The coordinator's logic, against `MessageChannel`s (so it runs the same over ZeroMQ and in memory):
/// hands pending jobs to workers that said READY, records results once, takes jobs back from dead or hung
/// workers, answers bad frames with `error` replies, and answers status requests.
public final class Coordinator {
    public let store: JobStore
    public let studyName: String
    public let settings: CoordinatorSettings
    private let workers: MessageChannel
    private let statusChannel: MessageChannel?
    private let codec: MessageCodec
    private var registry: [PeerID: WorkerRecord] = [:]
    private var completions: [Double] = []
    private var lastExpiryCheck = -Double.infinity
    public private(set) var rejectedMessages = 0
    public private(set) var lastRejection: String?
    /// Called after each stored (new) result, e.g. to let an aggregator assemble outputs as inputs complete.
    public var onResult: ((StoredResult) -> Void)?

    public init(store: JobStore, studyName: String, workers: MessageChannel, status: MessageChannel? = nil,
                settings: CoordinatorSettings = CoordinatorSettings(), codec: MessageCodec = MessageCodec(), now: Double) throws {
        self.store = store
        self.studyName = studyName
        self.workers = workers
        self.statusChannel = status
        self.settings = settings
        self.codec = codec
        // Leases from before a restart are void: their workers will say READY again.
        try store.releaseAllLeases(now: now)
    }

    public var connectedWorkers: Int { registry.count }

    /// One turn of the loop: waits up to `timeout` for traffic, handles everything that arrived, then does the
    /// housekeeping (liveness, job timeouts, heartbeats, dispatch). While traffic keeps coming, the turn goes on for
    /// up to `settings.turnSeconds` (wall clock), handling it and dispatching after each burst as before.
    /// The state changes of one turn are one job-store transaction: a busy coordinator commits once per turn, not
    /// once per burst of results (each commit writes the touched pages to the WAL; it was a fifth of the
    /// coordinator's time on no-op jobs).
    public func step(now clock: () -> Double, timeout: Double) throws {
        let first = try workers.receive(timeout: timeout)
        let turnEnd = ContinuousClock.now + .microseconds(Int64(max(0, settings.turnSeconds) * 1e6))
        try store.batch {
            var next = first
            while true {
                if let (peer, frame) = next {
                    try handleWorkerFrame(peer: peer, frame: frame, now: clock())
                    // Drain what is already queued without waiting (bounded, so housekeeping still runs).
                    var drained = 0
                    while drained < 4096, let (p, f) = try workers.receive(timeout: 0) {
                        try handleWorkerFrame(peer: p, frame: f, now: clock())
                        drained += 1
                    }
                }
                if let statusChannel {
                    while let (peer, frame) = try statusChannel.receive(timeout: 0) {
                        try handleStatusFrame(peer: peer, frame: frame, now: clock())
                    }
                }
                try housekeeping(now: clock())
                // Idle turns end at once; busy ones wait for the next burst until the turn's time is up.
                let left = ContinuousClock.now.duration(to: turnEnd)
                guard next != nil, left > .zero else { break }
                let c = left.components
                next = try workers.receive(timeout: Double(c.seconds) + Double(c.attoseconds) * 1e-18)
                if next == nil { break }
            }
        }
    }

    // MARK: Worker traffic

    func handleWorkerFrame(peer: PeerID?, frame: [UInt8], now: Double) throws {
        guard let peer else { return }
        registry[peer]?.lastSeen = now
        let message: Message
        do {
            message = try codec.decode(frame)
        } catch {
            reject(error.reply, to: peer, on: workers)
            return
        }
        switch message {
        case let .ready(r):
            if let old = registry[peer], !old.inFlight.isEmpty {
                try store.releaseJobs(of: old.name, reason: "worker restarted", now: now)
            }
            registry[peer] = WorkerRecord(peer: peer, name: r.worker, host: r.host, threads: r.threads, lastSeen: now, lastSent: now)
        case .heartbeat:
            if registry[peer] == nil { askToRegister(peer) }
        case let .result(r):
            try record(r, from: peer, now: now)
        case .job, .status, .statusRequest, .shutdown, .error:
            reject(ErrorReply(code: .unexpected, message: "a worker does not send '\(message.typeName)' to the coordinator"),
                   to: peer, on: workers)
        }
    }

    private func record(_ r: JobResultMessage, from peer: PeerID, now: Double) throws {
        let name = registry[peer]?.name ?? peer.description
        registry[peer]?.finished(r.jobId, now: now)
        do {
            if let output = r.output, output.text.utf8.count > settings.maxResultBytes {
                try store.fail(jobId: r.jobId, worker: name, reason: "result of \(output.text.utf8.count) bytes exceeds the "
                               + "coordinator's limit of \(settings.maxResultBytes) bytes (--max-result-mb)", final: true, now: now)
            } else if let output = r.output {
                // The output is stored as the worker wrote it (validated by the codec, never decoded and encoded again).
                if try store.complete(jobId: r.jobId, worker: name, attempt: r.attempt, output: output.text, now: now) {
                    registry[peer]?.jobsDone += 1
                    completions.append(now)
                    if let onResult, let stored = try store.result(jobId: r.jobId) { onResult(stored) }
                }
            } else if let failure = r.failure {
                try store.fail(jobId: r.jobId, worker: name, reason: failure.reason, final: failure.final, now: now)
            }
        } catch {
            guard case let .unknownJob(id) = error else { throw error }
            reject(ErrorReply(code: .unknownJob, message: "no job '\(id)' in this study"), to: peer, on: workers)
        }
        if registry[peer] == nil { askToRegister(peer) }
    }

    private func askToRegister(_ peer: PeerID) {
        send(.error(ErrorReply(code: .unexpected, message: "unknown worker: send 'ready' first")), to: peer)
    }

    private func reject(_ reply: ErrorReply, to peer: PeerID?, on channel: MessageChannel) {
        rejectedMessages += 1
        lastRejection = reply.message
        _ = try? channel.send(codec.encode(reply), to: peer)
    }

    private func send(_ message: Message, to peer: PeerID) {
        let delivered = (try? workers.send(codec.encode(message), to: peer)) ?? false
        if delivered { registry[peer]?.lastSent = Date().timeIntervalSince1970 }
    }

    // MARK: Housekeeping

    func housekeeping(now: Double) throws {
        let deadline = settings.heartbeatInterval * Double(settings.liveness)
        for (peer, w) in registry where now - w.lastSeen > deadline {
            try store.releaseJobs(of: w.name, reason: "worker lost (no heartbeat for \(Int(deadline)) s)", now: now)
            registry[peer] = nil
        }
        if now - lastExpiryCheck >= 0.25 {
            try store.expireLeases(now: now)
            lastExpiryCheck = now
        }
        try dispatch(now: now)
        for (peer, w) in registry where now - w.lastSent >= settings.heartbeatInterval {
            send(.heartbeat(Heartbeat()), to: peer)
            registry[peer]?.lastSent = now
        }
    }

    private func dispatch(now: Double) throws {
        for peer in registry.keys.sorted(by: { $0.description < $1.description }) {
            guard var w = registry[peer] else { continue }
            let room = w.capacity(window: w.window(settings: settings))
            guard room > 0 else { continue }
            let leases = try store.lease(to: w.name, count: room, now: now, leaseSeconds: settings.jobTimeout)
            var unreachable = false
            for (i, leased) in leases.enumerated() {
                let frame = Self.assignmentFrame(leased, leaseSeconds: settings.jobTimeout)
                if (try? workers.send(frame, to: peer)) == true {
                    w.inFlight.append(leased.id)
                    w.leasedAt[leased.id] = now
                    w.lastSent = now
                } else {
                    // The worker is gone (its connection closed): the unsent leases go back without costing an
                    // attempt, the jobs it holds are released as for a lost worker, and it gets nothing more.
                    try store.returnUnsent(leases[i...].map(\.id), now: now)
                    try store.releaseJobs(of: w.name, reason: "worker unreachable", now: now)
                    unreachable = true
                    break
                }
            }
            registry[peer] = unreachable ? nil : w
        }
    }

    /// The `job` message for a leased job, built around the stored job JSON (already sorted-key encoded), so a
    /// payload is never decoded and encoded again on the hot path.
    static func assignmentFrame(_ job: LeasedJob, leaseSeconds: Double) -> [UInt8] {
        JobAssignment.frame(jobJSON: job.payload, attempt: job.attempt, leaseSeconds: leaseSeconds)
    }

    // MARK: Status

    func handleStatusFrame(peer: PeerID?, frame: [UInt8], now: Double) throws {
        guard let statusChannel else { return }
        do {
            guard case .statusRequest = try codec.decode(frame) else {
                reject(ErrorReply(code: .unexpected, message: "the status endpoint answers only 'status-request'"), to: peer, on: statusChannel)
                return
            }
        } catch {
            reject(error.reply, to: peer, on: statusChannel)
            return
        }
        _ = try statusChannel.send(codec.encode(try statusReport(now: now)), to: peer)
    }

    public func statusReport(now: Double) throws -> StatusReport {
        let counts = try store.counts()
        var jobs: [String: [String: Int]] = [:]
        for (kind, byState) in counts {
            jobs[kind] = Dictionary(uniqueKeysWithValues: JobState.allCases.map { ($0.rawValue, byState[$0] ?? 0) })
        }
        completions.removeAll { now - $0 > 60 }
        let window = min(60, max(1, (completions.first.map { now - $0 }) ?? 1))
        let throughput = Double(completions.count) / window
        let remaining = counts.values.reduce(0) { $0 + ($1[.pending] ?? 0) + ($1[.leased] ?? 0) }
        let eta: Double? = remaining == 0 ? 0 : (throughput > 0 ? Double(remaining) / throughput : nil)
        let workers = registry.values.sorted { $0.name < $1.name }.map {
            WorkerStatus(id: $0.name, host: $0.host, currentJob: $0.inFlight.first, jobsDone: $0.jobsDone, lastHeartbeat: $0.lastSeen)
        }
        let failures = try store.failures(limit: 10).map {
            FailureStatus(jobId: $0.jobId, kind: $0.kind, reason: $0.reason, attempts: $0.attempts)
        }
        return StatusReport(study: studyName, time: now, jobs: jobs, workers: workers, throughput: throughput, etaSeconds: eta,
                            failures: failures, duplicatesIgnored: try store.duplicateCount(),
                            rejectedMessages: rejectedMessages, finished: try store.isFinished())
    }

    /// Asks every connected worker to finish and exit.
    public func shutdownWorkers(reason: String) {
        for peer in registry.keys { send(.shutdown(Shutdown(reason: reason)), to: peer) }
    }
}

extension Message {
    var typeName: String {
        switch self {
        case .ready: return "ready"
        case .heartbeat: return "heartbeat"
        case .job: return "job"
        case .result: return "result"
        case .error: return "error"
        case .statusRequest: return "status-request"
        case .status: return "status"
        case .shutdown: return "shutdown"
        }
    }
}
