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
    var jobsDone = 0

    func capacity(window: Int) -> Int { max(1, threads) * max(1, window) - inFlight.count }
}
