/// coordinator → status client: progress of the study at one moment.
public struct StatusReport: Codable, Sendable, Equatable {
    public var v = ProtocolVersion.current
    public var type = MessageType.status.rawValue
    public let study: String
    public let time: Double
    /// Job counts by kind, then by state (`pending`, `leased`, `done`, `failed`).
    public let jobs: [String: [String: Int]]
    public let workers: [WorkerStatus]
    /// Jobs completed per second over the last minute.
    public let throughput: Double
    /// Seconds until every job is done at that rate; nil when unknown.
    public let etaSeconds: Double?
    public let failures: [FailureStatus]
    public let duplicatesIgnored: Int
    public let rejectedMessages: Int
    public let finished: Bool

    public init(study: String, time: Double, jobs: [String: [String: Int]], workers: [WorkerStatus], throughput: Double,
                etaSeconds: Double?, failures: [FailureStatus], duplicatesIgnored: Int, rejectedMessages: Int, finished: Bool) {
        self.study = study
        self.time = time
        self.jobs = jobs
        self.workers = workers
        self.throughput = throughput
        self.etaSeconds = etaSeconds
        self.failures = failures
        self.duplicatesIgnored = duplicatesIgnored
        self.rejectedMessages = rejectedMessages
        self.finished = finished
    }
}

public struct WorkerStatus: Codable, Sendable, Equatable {
    public let id: String
    public let host: String
    public let currentJob: String?
    public let jobsDone: Int
    public let lastHeartbeat: Double

    public init(id: String, host: String, currentJob: String?, jobsDone: Int, lastHeartbeat: Double) {
        self.id = id
        self.host = host
        self.currentJob = currentJob
        self.jobsDone = jobsDone
        self.lastHeartbeat = lastHeartbeat
    }
}

public struct FailureStatus: Codable, Sendable, Equatable {
    public let jobId: String
    public let kind: String
    public let reason: String
    public let attempts: Int

    public init(jobId: String, kind: String, reason: String, attempts: Int) {
        self.jobId = jobId
        self.kind = kind
        self.reason = reason
        self.attempts = attempts
    }
}
