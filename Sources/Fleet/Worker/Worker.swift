import FleetProtocol
import Foundation

/// A stateless worker (zguide Paranoid Pirate, DEALER side): says READY, runs the jobs it is given on its
/// thread pool, sends each result back, heartbeats, and reconnects with exponential back-off when the
/// coordinator falls silent. It keeps nothing between jobs.
public final class Worker {
    public let name: String
    public let host: String
    public let settings: WorkerSettings
    private let connect: () throws -> MessageChannel
    private let runner: JobRunner
    private let codec: MessageCodec
    private let pool: OperationQueue
    private let finished = FinishedJobs()
    private var channel: MessageChannel?
    private var inFlight = 0
    private var shuttingDown = false
    public private(set) var jobsDone = 0
    public private(set) var reconnects = 0
    /// Log lines (reconnects, refusals); stderr in the CLI.
    public var log: (String) -> Void = { _ in }

    public init(name: String, host: String, settings: WorkerSettings = WorkerSettings(), runner: JobRunner,
                codec: MessageCodec = MessageCodec(), connect: @escaping () throws -> MessageChannel) {
        self.name = name
        self.host = host
        self.settings = settings
        self.runner = runner
        self.codec = codec
        self.connect = connect
        pool = OperationQueue()
        pool.maxConcurrentOperationCount = max(1, settings.threads)
    }

    /// Runs until the coordinator sends `shutdown` (after in-flight jobs finish) or `shouldStop` returns true.
    public func run(shouldStop: () -> Bool = { false }) throws {
        var backoff = settings.initialBackoff
        var lastHeard = Date().timeIntervalSince1970
        var lastSent = 0.0
        try open()
        while !shouldStop() {
            let now = Date().timeIntervalSince1970
            for (jobId, attempt, outcome) in finished.drain() {
                inFlight -= 1
                jobsDone += 1
                var frame: [UInt8]
                switch outcome {
                case let .success(output):
                    frame = codec.encode(.result(JobResultMessage(jobId: jobId, attempt: attempt, output: output)))
                    if frame.count > settings.maxResultBytes {
                        // Never sent: the coordinator's socket would drop a message this large without a word.
                        let reason = "job \(jobId): result of \(frame.count) bytes exceeds the worker's limit of \(settings.maxResultBytes) bytes (--max-result-mb)"
                        frame = codec.encode(.result(JobResultMessage(jobId: jobId, attempt: attempt, failure: JobFailureReport(reason: reason, final: true))))
                    }
                case let .failure(report):
                    frame = codec.encode(.result(JobResultMessage(jobId: jobId, attempt: attempt, failure: report)))
                }
                _ = try? channel?.send(frame, to: nil)
                lastSent = now
            }
            if shuttingDown && inFlight == 0 { return }
            if now - lastSent >= settings.heartbeatInterval {
                send(.heartbeat(Heartbeat()))
                lastSent = now
            }
            if now - lastHeard > settings.heartbeatInterval * Double(settings.liveness) {
                log("worker \(name): coordinator silent for \(Int(now - lastHeard)) s; reconnecting in \(Int(backoff)) s")
                channel = nil
                Thread.sleep(forTimeInterval: backoff)
                backoff = min(backoff * 2, settings.maximumBackoff)
                reconnects += 1
                try open()
                lastHeard = Date().timeIntervalSince1970
                continue
            }
            let timeout = inFlight > 0 ? 0.005 : settings.heartbeatInterval / 2
            guard let (_, frame) = try channel?.receive(timeout: timeout) else { continue }
            lastHeard = Date().timeIntervalSince1970
            backoff = settings.initialBackoff
            handle(frame)
            // Take what else is already queued before answering: a burst of jobs is answered as a burst of results,
            // which the coordinator records in one transaction.
            var burst = 1
            while burst < 256, !shuttingDown, let (_, next) = try channel?.receive(timeout: 0) {
                handle(next)
                burst += 1
            }
        }
    }

    private func open() throws {
        channel = try connect()
        send(.ready(Ready(worker: name, host: host, pid: Int(ProcessInfo.processInfo.processIdentifier), threads: settings.threads)))
    }

    private func send(_ message: Message) {
        _ = try? channel?.send(codec.encode(message), to: nil)
    }

    private func handle(_ frame: [UInt8]) {
        let message: Message
        do {
            message = try codec.decode(frame)
        } catch {
            log("worker \(name): refused a frame from the coordinator: \(error)")
            send(.error(error.reply))
            return
        }
        switch message {
        case let .job(assignment):
            start(assignment)
        case .heartbeat:
            break
        case let .shutdown(s):
            log("worker \(name): shutting down (\(s.reason))")
            shuttingDown = true
        case let .error(e):
            if e.code == .unexpected && e.message.contains("send 'ready'") {
                send(.ready(Ready(worker: name, host: host, pid: Int(ProcessInfo.processInfo.processIdentifier), threads: settings.threads)))
            } else {
                log("worker \(name): coordinator says \(e.code.rawValue): \(e.message)")
            }
        case .ready, .result, .statusRequest, .status:
            send(.error(ErrorReply(code: .unexpected, message: "a coordinator does not send '\(message.typeName)' to a worker")))
        }
    }

    private func start(_ assignment: JobAssignment) {
        inFlight += 1
        let job = assignment.job
        if runner.isInline(job.kind) {
            finished.add(job.id, assignment.attempt, runner.run(job))
            return
        }
        let runner = self.runner, finished = self.finished
        pool.addOperation { finished.add(job.id, assignment.attempt, runner.run(job)) }
    }
}

/// Results handed from the pool threads to the socket thread.
private final class FinishedJobs: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [(String, Int, Result<JSONValue, JobFailureReport>)] = []

    func add(_ id: String, _ attempt: Int, _ outcome: Result<JSONValue, JobFailureReport>) {
        lock.lock()
        items.append((id, attempt, outcome))
        lock.unlock()
    }

    func drain() -> [(String, Int, Result<JSONValue, JobFailureReport>)] {
        lock.lock()
        defer { lock.unlock() }
        let out = items
        items.removeAll()
        return out
    }
}
