import Fleet
import FleetProtocol
import Foundation
import ZMQTransport

/// No-op jobs through a real coordinator over ZeroMQ on loopback: jobs per second and lease-to-result latency.
enum FleetBench {
    static func noopRoundTrips(jobs count: Int, workers: Int) throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("radfleet-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = try JobStore(path: dir.appendingPathComponent("bench.sqlite").path)
        let codec = MessageCodec()
        let planned = (0..<count).map { i -> PlannedJob in
            let job = Job(id: "noop:\(i)", kind: .noop, seed: UInt64(i), input: .object([:]))
            return PlannedJob(id: job.id, kind: "noop", sequence: i, payload: String(decoding: codec.encode(job).dropLast(), as: UTF8.self))
        }
        try store.add(planned, now: Date().timeIntervalSince1970)
        let context = ZMQContext()
        let router = try ZMQSocket(context: context, kind: .router)
        try router.setOption(ZMQ_ROUTER_MANDATORY_OPTION, Int32(1))
        try router.bind("tcp://127.0.0.1:*")
        let endpoint = try router.lastEndpoint()
        let coordinator = try Coordinator(store: store, studyName: "bench", workers: ZMQChannel(socket: router), now: Date().timeIntervalSince1970)
        let stop = StopFlag()
        var threads: [Thread] = []
        for k in 0..<workers {
            let t = Thread {
                let worker = Worker(name: "bench-\(k)", host: "localhost", runner: NoopRunner()) {
                    let s = try ZMQSocket(context: context, kind: .dealer)
                    try s.setIdentity(Array("bench-\(k)".utf8))
                    try s.connect(endpoint)
                    return ZMQChannel(socket: s)
                }
                try? worker.run(shouldStop: { stop.isSet })
            }
            t.start()
            threads.append(t)
        }
        let clock = { Date().timeIntervalSince1970 }
        let start = clock()
        let cpuStart = processCPUTime()
        var turns = 0
        while try !store.isFinished() {
            try coordinator.step(now: clock, timeout: 0.01)
            turns += 1
        }
        let elapsed = clock() - start
        let cpu = processCPUTime()
        let cpuUser = cpu.user - cpuStart.user, cpuSystem = cpu.system - cpuStart.system
        stop.set()
        Thread.sleep(forTimeInterval: 0.2)
        let latencies = try store.leaseToResultSeconds().sorted()
        let p50 = latencies[latencies.count / 2], p99 = latencies[min(latencies.count - 1, latencies.count * 99 / 100)]
        print(String(format: "no-op jobs    %d through the coordinator with %d worker(s): %.0f jobs/s; lease->result p50 %.2f ms, p99 %.2f ms",
                     count, workers, Double(count) / elapsed, p50 * 1000, p99 * 1000))
        // CPU of the whole process (coordinator, workers, ZeroMQ I/O threads) per job: it depends much less than jobs/s
        // on how busy the machine is.
        print(String(format: "              process CPU %.1f µs/job (user %.1f, system %.1f); %.1f jobs per coordinator turn",
                     (cpuUser + cpuSystem) / Double(count) * 1e6, cpuUser / Double(count) * 1e6, cpuSystem / Double(count) * 1e6,
                     Double(count) / Double(max(1, turns))))
    }

    struct NoopRunner: JobRunner {
        func run(_ job: Job) -> Result<JSONValue, JobFailureReport> { .success(.object([:])) }
    }

    final class StopFlag: @unchecked Sendable {
        private let lock = NSLock()
        private var value = false
        func set() { lock.lock(); value = true; lock.unlock() }
        var isSet: Bool { lock.lock(); defer { lock.unlock() }; return value }
    }
}
