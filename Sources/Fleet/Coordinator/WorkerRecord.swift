import FleetProtocol

/// What the coordinator knows of one connected worker; rebuilt from READY messages after a restart.
struct WorkerRecord {
    let peer: PeerID
    var name: String
    var host: String
    var threads: Int
    var lastSeen: Double
    var lastSent: Double
    var inFlight: [String] = []
    var leasedAt: [String: Double] = [:]
    var jobsDone = 0
    /// Moving average of lease-to-result seconds: how long this worker's jobs take, round trip included.
    var meanServiceTime: Double?

    func capacity(window: Int) -> Int { max(1, threads) * max(1, window) - inFlight.count }

    /// Jobs in flight per thread: enough to cover about 20 ms of work, so short jobs are not throttled by the
    /// round trip, and never fewer than `settings.windowPerThread` nor more than 64 (long jobs stay balanced).
    func window(settings: CoordinatorSettings) -> Int {
        guard let t = meanServiceTime, t > 0 else { return settings.windowPerThread }
        return min(64, max(settings.windowPerThread, Int(0.02 / t)))
    }

    mutating func finished(_ jobId: String, now: Double) {
        if let i = inFlight.firstIndex(of: jobId) { inFlight.remove(at: i) }
        if let started = leasedAt.removeValue(forKey: jobId) {
            let t = max(0, now - started)
            meanServiceTime = meanServiceTime.map { 0.9 * $0 + 0.1 * t } ?? t
        }
    }
}
