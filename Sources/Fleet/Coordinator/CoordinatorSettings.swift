/// Timing and limits of the coordinator (protocol/PROTOCOL.md, "Heartbeats and liveness").
public struct CoordinatorSettings: Sendable, Equatable {
    /// Seconds between heartbeats to an idle worker (zguide Paranoid Pirate: about 1 s).
    public var heartbeatInterval: Double = 1
    /// Missed heartbeat intervals before a silent worker is declared dead and its jobs handed on.
    public var liveness: Int = 3
    /// Longest a job may run before it is taken back and retried elsewhere (a hung worker loses nothing).
    public var jobTimeout: Double = 600
    /// Attempts per job before it is marked failed.
    public var maxAttempts: Int = 3
    /// Jobs in flight per worker thread: a small window hides the round trip.
    public var windowPerThread: Int = 2
    /// Longest a busy turn of the coordinator's loop goes on handling bursts of traffic in one job-store
    /// transaction (wall-clock seconds; an idle turn ends at once). Results of a crash in the last turn are lost
    /// and recomputed, as results are deterministic.
    public var turnSeconds: Double = 0.002
    /// Largest result stored (bytes of its JSON): a larger one fails its job, with the sizes in the reason. The
    /// worker socket accepts messages up to this plus `messageOverheadBytes` (ZMQ_MAXMSGSIZE; a larger message
    /// disconnects its sender).
    public var maxResultBytes: Int = 16 << 20
    public static let messageOverheadBytes = 1 << 20
    /// Most jobs one study may plan (all stages together): a study planning more is refused, with both numbers.
    public var maxJobs: Int = 1_000_000
    /// Cap of the job store's size in 4 KiB pages (nil: the disk's space); reaching it is reported as a full store.
    public var maxStorePages: Int?

    public init() {}
}
