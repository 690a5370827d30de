/// Every message of protocol version 1 (protocol/PROTOCOL.md, "Messages"). Field names are the wire names.

/// worker → coordinator, first message after connecting (and after every reconnect): ready for jobs.
public struct Ready: Codable, Sendable, Equatable {
    public var v = ProtocolVersion.current
    public var type = MessageType.ready.rawValue
    public let worker: String
    public let host: String
    public let pid: Int
    public let threads: Int

    public init(worker: String, host: String, pid: Int, threads: Int) {
        self.worker = worker
        self.host = host
        self.pid = pid
        self.threads = threads
    }
}

/// either direction, about once a second when nothing else was sent; any message counts as a sign of life.
public struct Heartbeat: Codable, Sendable, Equatable {
    public var v = ProtocolVersion.current
    public var type = MessageType.heartbeat.rawValue
    public init() {}
}

/// coordinator → worker: run this job; the lease says how long the coordinator waits before handing it on.
public struct JobAssignment: Codable, Sendable, Equatable {
    public var v = ProtocolVersion.current
    public var type = MessageType.job.rawValue
    public let job: Job
    public let attempt: Int
    public let leaseSeconds: Double

    public init(job: Job, attempt: Int, leaseSeconds: Double) {
        self.job = job
        self.attempt = attempt
        self.leaseSeconds = leaseSeconds
    }
}

/// A job as it travels: a value (kind + inputs + seed); the worker keeps nothing between jobs.
public struct Job: Codable, Sendable, Equatable {
    public let id: String
    public let kind: JobKind
    public let seed: UInt64
    public let input: JSONValue

    public init(id: String, kind: JobKind, seed: UInt64, input: JSONValue) {
        self.id = id
        self.kind = kind
        self.seed = seed
        self.input = input
    }
}

public enum JobKind: String, Codable, Sendable, CaseIterable {
    /// one case → one feature row
    case extract
    /// one fold of a LASSO path or an SVM grid point → fold scores
    case cvfold
    /// a final model on a cohort
    case fit
    /// a block of bootstrap replicates → metric samples
    case bootstrap
    /// a hyperparameter setting → CV score
    case gridpoint
    /// does nothing; for round-trip benchmarks and tests
    case noop
}

/// worker → coordinator: the outcome of one attempt of one job.
public struct JobResultMessage: Codable, Sendable, Equatable {
    public var v = ProtocolVersion.current
    public var type = MessageType.result.rawValue
    public let jobId: String
    public let attempt: Int
    /// Present when the job succeeded: the job's output as JSON text, carried as it came (the coordinator stores it
    /// without decoding it).
    public let output: RawJSON?
    /// Present when it failed.
    public let failure: JobFailureReport?

    public init(jobId: String, attempt: Int, output: JSONValue) {
        self.init(jobId: jobId, attempt: attempt, rawOutput: RawJSON(output))
    }

    public init(jobId: String, attempt: Int, rawOutput: RawJSON) {
        self.jobId = jobId
        self.attempt = attempt
        self.output = rawOutput
        self.failure = nil
    }

    public init(jobId: String, attempt: Int, failure: JobFailureReport) {
        self.jobId = jobId
        self.attempt = attempt
        self.output = nil
        self.failure = failure
    }
}

/// Why a job failed: the reason (naming case id and file where there is one), and whether trying again could help.
public struct JobFailureReport: Error, Codable, Sendable, Equatable {
    public let reason: String
    /// True for failures of the input itself (a broken image): retrying gives the same answer.
    public let final: Bool

    public init(reason: String, final: Bool) {
        self.reason = reason
        self.final = final
    }
}

/// any role → peer: a message it could not accept. The sender keeps serving.
public struct ErrorReply: Codable, Sendable, Equatable {
    public var v = ProtocolVersion.current
    public var type = MessageType.error.rawValue
    public let code: ErrorCode
    public let message: String

    public init(code: ErrorCode, message: String) {
        self.code = code
        self.message = message
    }
}

public enum ErrorCode: String, Codable, Sendable, CaseIterable {
    case malformed
    case tooLarge = "too-large"
    case unsupportedVersion = "unsupported-version"
    case unknownType = "unknown-type"
    case unexpected
    case unknownJob = "unknown-job"
}

/// status client → coordinator's status endpoint.
public struct StatusRequest: Codable, Sendable, Equatable {
    public var v = ProtocolVersion.current
    public var type = MessageType.statusRequest.rawValue
    public init() {}
}

/// coordinator → worker: finish the current job, then exit.
public struct Shutdown: Codable, Sendable, Equatable {
    public var v = ProtocolVersion.current
    public var type = MessageType.shutdown.rawValue
    public let reason: String
    public init(reason: String) { self.reason = reason }
}
