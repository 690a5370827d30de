import Fleet
import FleetProtocol
import Foundation
import XCTest

/// Coordinator and workers against the in-memory channel: fast tests of the role logic, no network.
final class RoleLogicTests: XCTestCase {
    struct EchoRunner: JobRunner {
        var delay: Double = 0
        func run(_ job: Job) -> Result<JSONValue, JobFailureReport> {
            if delay > 0 { Thread.sleep(forTimeInterval: delay) }
            if job.input["fail"] != nil { return .failure(JobFailureReport(reason: "case '\(job.id)': broken input", final: true)) }
            return .success(.object(["id": .string(job.id), "seed": .number(Double(job.seed))]))
        }
        func isInline(_ kind: JobKind) -> Bool { false }
    }

    final class Flag: @unchecked Sendable {
        private let lock = NSLock()
        private var value = false
        func set() { lock.lock(); value = true; lock.unlock() }
        var isSet: Bool { lock.lock(); defer { lock.unlock() }; return value }
    }

    var path: String!

    override func setUp() {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("roles-\(UUID().uuidString).sqlite").path
    }

    override func tearDown() {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }

    func jobs(_ n: Int, failing: Set<Int> = []) -> [PlannedJob] {
        let codec = MessageCodec()
        return (0..<n).map { i in
            let job = Job(id: "noop:\(i)", kind: .noop, seed: UInt64(i) * 7919,
                          input: failing.contains(i) ? .object(["fail": .bool(true)]) : .object([:]))
            return PlannedJob(id: job.id, kind: "noop", sequence: i, payload: String(decoding: codec.encode(job).dropLast(), as: UTF8.self))
        }
    }

    func fastSettings() -> (CoordinatorSettings, WorkerSettings) {
        var c = CoordinatorSettings()
        c.heartbeatInterval = 0.05
        c.liveness = 3
        var w = WorkerSettings()
        w.heartbeatInterval = 0.05
        w.initialBackoff = 0.05
        w.maximumBackoff = 0.2
        return (c, w)
    }

    func startWorker(_ name: String, router: InMemoryChannel, settings: WorkerSettings, runner: JobRunner, stop: Flag) -> Thread {
        let t = Thread {
            let worker = Worker(name: name, host: "test", settings: settings, runner: runner) {
                InMemoryChannel.dealer(connectedTo: router, identity: name)
            }
            try? worker.run(shouldStop: { stop.isSet })
        }
        t.start()
        return t
    }

    func runCoordinator(_ coordinator: Coordinator, until done: () throws -> Bool, limit: Double = 20) throws {
        let start = Date()
        while try !done() {
            try coordinator.step(now: { Date().timeIntervalSince1970 }, timeout: 0.01)
            if Date().timeIntervalSince(start) > limit { return XCTFail("timed out") }
        }
    }

    func testThreeWorkersCompleteEveryJobOnceAndFailuresKeepTheirReason() throws {
        let (cs, ws) = fastSettings()
        let store = try JobStore(path: path)
        try store.add(jobs(60, failing: [7]), now: 0)
        let router = InMemoryChannel.router()
        let coordinator = try Coordinator(store: store, studyName: "t", workers: router, settings: cs, now: Date().timeIntervalSince1970)
        let stop = Flag()
        let threads = (1...3).map { startWorker("w\($0)", router: router, settings: ws, runner: EchoRunner(), stop: stop) }
        defer { stop.set(); _ = threads }
        try runCoordinator(coordinator) { try store.isFinished() }
        XCTAssertEqual(try store.results().count, 59)
        XCTAssertEqual(try store.failures().map(\.reason), ["case 'noop:7': broken input"])
        XCTAssertEqual(try store.results().map(\.jobId), (0..<60).filter { $0 != 7 }.map { "noop:\($0)" })
        let report = try coordinator.statusReport(now: Date().timeIntervalSince1970)
        XCTAssertTrue(report.finished)
        XCTAssertEqual(report.jobs["noop"]?["done"], 59)
        XCTAssertEqual(report.workers.count, 3)
    }

    func testAResultOverTheSizeLimitFailsItsJobWithTheSizes() throws {
        var (cs, ws) = fastSettings()
        cs.maxResultBytes = 27
        let store = try JobStore(path: path)
        try store.add(jobs(12), now: 0)
        let router = InMemoryChannel.router()
        let coordinator = try Coordinator(store: store, studyName: "t", workers: router, settings: cs, now: Date().timeIntervalSince1970)
        let stop = Flag()
        let t = startWorker("w1", router: router, settings: ws, runner: EchoRunner(), stop: stop)
        defer { stop.set(); _ = t }
        try runCoordinator(coordinator) { try store.isFinished() }
        // EchoRunner's results are {"id":"noop:N","seed":…}: from 24 bytes (noop:0) up, the longer ones pass 27 bytes.
        let sizes = (0..<12).map { i -> (id: String, bytes: Int) in
            var w = JSONWriter()
            w.write(.object(["id": .string("noop:\(i)"), "seed": .number(Double(UInt64(i) * 7919))]))
            return ("noop:\(i)", w.bytes.count)
        }
        XCTAssertEqual(try store.results().map(\.jobId), sizes.filter { $0.bytes <= 27 }.map(\.id))
        let failures = try store.failures(limit: 100).sorted { $0.jobId < $1.jobId }
        XCTAssertEqual(failures.map(\.jobId), sizes.filter { $0.bytes > 27 }.map(\.id).sorted())
        XCTAssertFalse(failures.isEmpty)
        for f in failures {
            XCTAssertTrue(f.reason.contains("exceeds the coordinator's limit of 27 bytes"), f.reason)
            XCTAssertEqual(f.attempts, 1, "a result too large fails at once: it would be as large on any worker")
        }
    }

    func testJobsOfASilentWorkerAreHandedOn() throws {
        let (cs, ws) = fastSettings()
        let store = try JobStore(path: path)
        try store.add(jobs(20), now: 0)
        let router = InMemoryChannel.router()
        let coordinator = try Coordinator(store: store, studyName: "t", workers: router, settings: cs, now: Date().timeIntervalSince1970)
        // A worker that says READY, takes jobs, and never answers again (as if killed with -9).
        let dead = InMemoryChannel.dealer(connectedTo: router, identity: "dead")
        try dead.send(MessageCodec().encode(Ready(worker: "dead", host: "test", pid: 1, threads: 1)), to: nil)
        for _ in 0..<5 { try coordinator.step(now: { Date().timeIntervalSince1970 }, timeout: 0.01) }
        XCTAssertGreaterThan(try store.counts()["noop"]?[.leased] ?? 0, 0)
        dead.disconnect()
        let stop = Flag()
        let t = startWorker("alive", router: router, settings: ws, runner: EchoRunner(), stop: stop)
        defer { stop.set(); _ = t }
        try runCoordinator(coordinator) { try store.isFinished() }
        XCTAssertEqual(try store.results().count, 20)
        XCTAssertEqual(try store.duplicateCount(), 0)
    }

    func testMalformedAndForeignVersionFramesGetErrorRepliesAndAreCounted() throws {
        let (cs, _) = fastSettings()
        let store = try JobStore(path: path)
        let router = InMemoryChannel.router()
        let coordinator = try Coordinator(store: store, studyName: "t", workers: router, settings: cs, now: 0)
        let peer = InMemoryChannel.dealer(connectedTo: router, identity: "x")
        try peer.send(Array("not json\n".utf8), to: nil)
        try peer.send(Array("{\"v\":2,\"type\":\"ready\"}\n".utf8), to: nil)
        try peer.send(Array("{\"v\":1,\"type\":\"teleport\"}\n".utf8), to: nil)
        for _ in 0..<3 { try coordinator.step(now: { 1 }, timeout: 0.01) }
        XCTAssertEqual(coordinator.rejectedMessages, 3)
        var codes: [ErrorCode] = []
        while let (_, frame) = try peer.receive(timeout: 0.01) {
            if case let .error(e) = try MessageCodec().decode(frame) { codes.append(e.code) }
        }
        XCTAssertEqual(codes, [.malformed, .unsupportedVersion, .unknownType])
    }
}
