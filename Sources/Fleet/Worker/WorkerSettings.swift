/// Worker timing: heartbeats, how long the coordinator may stay silent, and reconnect back-off
/// (zguide Paranoid Pirate: 1 s heartbeats, liveness 3, back-off doubling from 1 s to 32 s).
public struct WorkerSettings: Sendable, Equatable {
    public var heartbeatInterval: Double = 1
    public var liveness: Int = 3
    public var initialBackoff: Double = 1
    public var maximumBackoff: Double = 32
    public var threads: Int = 1
    /// Largest result message sent (bytes); a larger result is reported as the job's failure instead.
    public var maxResultBytes: Int = 16 << 20

    public init() {}
}
