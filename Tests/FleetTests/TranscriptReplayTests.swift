import Fleet
import FleetProtocol
import Foundation
import Study
import XCTest

/// Replays protocol/examples/*.jsonl against the real coordinator logic over the in-memory channel: every
/// `send` line is delivered from its peer, every `expect` line must match (as a subset of fields) the next
/// message that peer receives. `setup` lines plan jobs: `noopJobs` (a count) or one `job` (a job object, planned
/// in line order). A `result` sent for a planned job of a model kind must be what the real worker computes from
/// that job: the same output (every number the same double) or the same failure.
final class TranscriptReplayTests: XCTestCase {
    static let examples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("protocol/examples")

    func testHappyPath() throws { try replay("happy-path.jsonl") }
    func testErrors() throws { try replay("errors.jsonl") }
    func testDuplicatesAndFailures() throws { try replay("duplicates-and-failures.jsonl") }
    func testModelJobs() throws { try replay("model-jobs.jsonl") }

    func testEveryExampleIsReplayed() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.examples.path).filter { $0.hasSuffix(".jsonl") }.sorted()
        XCTAssertEqual(files, ["duplicates-and-failures.jsonl", "errors.jsonl", "happy-path.jsonl", "model-jobs.jsonl"])
    }

    func replay(_ name: String) throws {
        let text = try String(contentsOf: Self.examples.appendingPathComponent(name), encoding: .utf8)
        let lines = text.split(separator: "\n").map(String.init)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("replay-\(UUID().uuidString).sqlite").path
        defer { for s in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + s) } }
        let store = try JobStore(path: path)
        let workers = InMemoryChannel.router(), status = InMemoryChannel.router()
        let coordinator = try Coordinator(store: store, studyName: "replay", workers: workers, status: status, now: 1000)
        var peers: [String: InMemoryChannel] = [:]
        let codec = MessageCodec()
        var planned: [String: Job] = [:]

        for (number, line) in lines.enumerated() {
            let step = try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
            let at = "\(name):\(number + 1)"
            if let setup = step["setup"] as? [String: Any], let n = setup["noopJobs"] as? Int {
                let jobs = (0..<n).map { i -> PlannedJob in
                    let job = Job(id: "noop:\(i)", kind: .noop, seed: UInt64(i), input: .object([:]))
                    return PlannedJob(id: job.id, kind: "noop", sequence: i, payload: String(decoding: codec.encode(job).dropLast(), as: UTF8.self))
                }
                try store.add(jobs, now: 1000)
                continue
            }
            if let setup = step["setup"] as? [String: Any], setup["job"] != nil {
                // Decoded from the line's text with JSONDecoder (correctly rounded), not through JSONSerialization.
                let job = try JSONDecoder().decode(SetupLine.self, from: Data(line.utf8)).setup.job
                try store.add([PlannedJob(id: job.id, kind: job.kind.rawValue, sequence: planned.count,
                                          payload: String(decoding: codec.encode(job).dropLast(), as: UTF8.self))], now: 1000)
                planned[job.id] = job
                continue
            }
            if let message = step["send"] as? [String: Any], message["type"] as? String == "result",
               let id = message["jobId"] as? String, let job = planned[id] {
                try checkResult(line: line, job: job, at: at)
            }
            guard let peerName = step["peer"] as? String else { continue }
            let router = (step["channel"] as? String) == "status" ? status : workers
            let peer = peers[peerName] ?? InMemoryChannel.dealer(connectedTo: router, identity: peerName)
            peers[peerName] = peer
            if let message = step["send"] {
                let data = try JSONSerialization.data(withJSONObject: message, options: [.sortedKeys])
                try peer.send(Array(data) + [10], to: nil)
                try coordinator.step(now: { 1000 }, timeout: 0)
            } else if let raw = step["sendRaw"] as? String {
                try peer.send(Array(raw.utf8) + [10], to: nil)
                try coordinator.step(now: { 1000 }, timeout: 0)
            } else if let expected = step["expect"] {
                guard let (_, frame) = try peer.receive(timeout: 0.5) else { return XCTFail("\(at): \(peerName) received nothing") }
                XCTAssertNoThrow(try codec.decode(frame), "\(at): the coordinator sent a frame its own codec refuses")
                let got = try JSONSerialization.jsonObject(with: Data(frame))
                XCTAssertTrue(Self.matches(got, expected), "\(at): expected \(expected), got \(String(decoding: frame, as: UTF8.self))")
            }
        }
    }

    private struct SetupLine: Decodable {
        struct Setup: Decodable { let job: Job }
        let setup: Setup
    }

    private struct ResultLine: Decodable {
        struct Sent: Decodable {
            let output: FleetProtocol.JSONValue?
            let failure: JobFailureReport?
        }
        let send: Sent
    }

    /// The transcript's result for `job` is what `StandardJobRunner` computes from the job.
    func checkResult(line: String, job: Job, at: String) throws {
        let sent = try JSONDecoder().decode(ResultLine.self, from: Data(line.utf8)).send
        switch StandardJobRunner(dataRoot: FileManager.default.temporaryDirectory).run(job) {
        case let .success(output):
            XCTAssertNil(sent.failure, "\(at): the worker computes an output for \(job.id)")
            XCTAssertEqual(sent.output, output, "\(at): the transcript's output of \(job.id) is not the worker's")
        case let .failure(report):
            XCTAssertEqual(sent.failure, report, "\(at): the worker fails \(job.id) differently")
        }
    }

    /// `expected` is contained in `got`: objects by their listed keys, arrays element by element, scalars equal.
    static func matches(_ got: Any, _ expected: Any) -> Bool {
        switch (got, expected) {
        case let (g as [String: Any], e as [String: Any]):
            return e.allSatisfy { key, value in g[key].map { matches($0, value) } ?? false }
        case let (g as [Any], e as [Any]):
            return g.count == e.count && zip(g, e).allSatisfy { matches($0, $1) }
        case let (g as NSNumber, e as NSNumber):
            return g == e
        case let (g as String, e as String):
            return g == e
        default:
            return false
        }
    }
}
