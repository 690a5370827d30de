import Fleet
import FleetProtocol
import Foundation
import XCTest
import ZMQTransport
#if canImport(Glibc)
import Glibc
#endif

/// The fleet with real processes, real ZeroMQ sockets on 127.0.0.1 and a real SQLite file.
final class FleetAcceptanceTests: XCTestCase {
    func results(of study: URL) throws -> (json: Data, csv: Data) {
        let out = study.deletingLastPathComponent().appendingPathComponent("results")
        return (try Data(contentsOf: out.appendingPathComponent("results.json")), try Data(contentsOf: out.appendingPathComponent("features.csv")))
    }

    func testOutputsAreByteIdenticalOnOneOrThreeWorkers() throws {
        let h = try FleetHarness()
        let one = try h.demoStudy("one", cases: 10)
        let three = try h.demoStudy("three", cases: 10)
        let r1 = try h.run(["run", one.path, "--workers", "1", "--quiet"])
        XCTAssertEqual(r1.status, 0, r1.output)
        let r3 = try h.run(["run", three.path, "--workers", "3", "--quiet"])
        XCTAssertEqual(r3.status, 0, r3.output)
        let a = try results(of: one), b = try results(of: three)
        XCTAssertEqual(a.json, b.json, "results.json differs between 1 and 3 workers")
        let model = String(decoding: a.json, as: UTF8.self)
        XCTAssertTrue(model.contains("\"model\": {") && model.contains("not fitted: 7 extracted training cases"), "10 cases (7 in training) are too few for the model, and results.json says so")
        XCTAssertEqual(a.csv, b.csv)
        let table = String(decoding: a.csv, as: UTF8.self).split(separator: "\n")
        XCTAssertEqual(table.count, 11, "header + 10 cases")
        XCTAssertTrue(table[0].hasPrefix("id,original_shape2D_Elongation"), String(table[0]))
    }

    func testKilledWorkerLosesNothing() throws {
        let h = try FleetHarness()
        let reference = try h.demoStudy("reference", cases: 40)
        XCTAssertEqual(try h.run(["run", reference.path, "--workers", "1", "--quiet"]).status, 0)
        let study = try h.demoStudy("killed", cases: 40)
        let port = FleetHarness.freePort(), statusPort = FleetHarness.freePort()
        let db = study.deletingLastPathComponent().appendingPathComponent("run.sqlite").path
        let coordinator = try h.start(["coordinator", "--study", study.path, "--db", db, "--bind", "tcp://127.0.0.1:\(port)",
                                       "--status", "tcp://127.0.0.1:\(statusPort)"], log: "coordinator.log")
        let dataRoot = study.deletingLastPathComponent().path
        let victim = try h.start(["worker", "--connect", "tcp://127.0.0.1:\(port)", "--data-root", dataRoot, "--threads", "1", "--name", "victim"], log: "victim.log")
        try h.start(["worker", "--connect", "tcp://127.0.0.1:\(port)", "--data-root", dataRoot, "--threads", "1", "--name", "survivor"], log: "survivor.log")
        // Kill the victim with SIGKILL once the study is under way.
        let deadline = Date().addingTimeInterval(60)
        while FleetHarness.done(h.status("tcp://127.0.0.1:\(statusPort)")) < 3 && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        XCTAssertTrue(victim.isRunning, "the victim should still be working")
        kill(victim.processIdentifier, SIGKILL)
        XCTAssertTrue(h.wait(coordinator, timeout: 120), "coordinator did not finish: \(h.log("coordinator.log"))")
        XCTAssertEqual(coordinator.terminationStatus, 0, h.log("coordinator.log"))
        XCTAssertEqual(try results(of: study).json, try results(of: reference).json)
    }

    func testKilledCoordinatorResumesWithoutRecomputingOrCountingTwice() throws {
        let h = try FleetHarness()
        let reference = try h.demoStudy("reference", cases: 40)
        XCTAssertEqual(try h.run(["run", reference.path, "--workers", "1", "--quiet"]).status, 0)
        let study = try h.demoStudy("restarted", cases: 40)
        let port = FleetHarness.freePort(), statusPort = FleetHarness.freePort()
        let db = study.deletingLastPathComponent().appendingPathComponent("run.sqlite").path
        let args = ["coordinator", "--study", study.path, "--db", db, "--bind", "tcp://127.0.0.1:\(port)", "--status", "tcp://127.0.0.1:\(statusPort)"]
        let first = try h.start(args, log: "coordinator-1.log")
        let dataRoot = study.deletingLastPathComponent().path
        for k in 1...2 {
            try h.start(["worker", "--connect", "tcp://127.0.0.1:\(port)", "--data-root", dataRoot, "--threads", "1", "--name", "w\(k)"], log: "w\(k).log")
        }
        var before = 0
        let deadline = Date().addingTimeInterval(60)
        while before < 5 && Date() < deadline {
            before = FleetHarness.done(h.status("tcp://127.0.0.1:\(statusPort)"))
            Thread.sleep(forTimeInterval: 0.05)
        }
        kill(first.processIdentifier, SIGKILL)
        XCTAssertTrue(h.wait(first, timeout: 5))
        let second = try h.start(args, log: "coordinator-2.log")
        XCTAssertTrue(h.wait(second, timeout: 120), "restarted coordinator did not finish: \(h.log("coordinator-2.log"))")
        XCTAssertEqual(second.terminationStatus, 0, h.log("coordinator-2.log"))
        XCTAssertEqual(try results(of: study).json, try results(of: reference).json)
        // Every job ran to a result once; none was stored twice: 40 extractions, then the model's stages
        // (fit:lasso, 5 folds, 5 bootstrap blocks on each of the two cohorts, the 3 × 2 SVM gridpoints and fit:svm
        // of the demo study).
        let store = try JobStore(path: db)
        let ids = try store.results().map(\.jobId)
        XCTAssertEqual(ids.count, 63)
        XCTAssertEqual(Set(ids).count, ids.count)
        XCTAssertEqual(ids.filter { $0.hasPrefix("extract:") }.count, 40)
        XCTAssertEqual(ids.filter { $0.hasPrefix("cvfold:lasso:") }.count, 5)
        XCTAssertEqual(ids.filter { $0.hasPrefix("gridpoint:svm:") }.count, 6)
        XCTAssertEqual(ids.filter { $0 == "fit:svm" }.count, 1)
        let json = String(decoding: try results(of: study).json, as: UTF8.self)
        XCTAssertTrue(json.contains("\"svm\": {") && json.contains("\"chosen\": {"), "results.json has the SVM grid and its chosen setting")
    }

    func testForeignVersionAndMalformedLinesAreRefusedAndTheCoordinatorKeepsServing() throws {
        let h = try FleetHarness()
        let study = try h.demoStudy("s", cases: 6)
        let port = FleetHarness.freePort(), statusPort = FleetHarness.freePort()
        let db = study.deletingLastPathComponent().appendingPathComponent("run.sqlite").path
        let coordinator = try h.start(["coordinator", "--study", study.path, "--db", db, "--bind", "tcp://127.0.0.1:\(port)",
                                       "--status", "tcp://127.0.0.1:\(statusPort)"], log: "coordinator.log")
        let context = ZMQContext()
        let socket = try ZMQSocket(context: context, kind: .dealer)
        try socket.setIdentity(Array("intruder".utf8))
        try socket.connect("tcp://127.0.0.1:\(port)")
        let channel = ZMQChannel(socket: socket)
        let codec = MessageCodec()
        try channel.send(Array("{\"v\":7,\"type\":\"ready\",\"worker\":\"old\",\"host\":\"h\",\"pid\":1,\"threads\":1}\n".utf8), to: nil)
        var replies: [ErrorReply] = []
        for raw in ["garbage\n", "{\"v\":1}\n", "{\"v\":1,\"type\":\"ready\"}\n"] {
            try channel.send(Array(raw.utf8), to: nil)
        }
        let deadline = Date().addingTimeInterval(10)
        while replies.count < 4 && Date() < deadline {
            if let (_, frame) = try channel.receive(timeout: 1), case let .error(e)? = try? codec.decode(frame) { replies.append(e) }
        }
        XCTAssertEqual(replies.map(\.code), [.unsupportedVersion, .malformed, .malformed, .malformed])
        XCTAssertTrue(replies[0].message.contains("version 7"), replies[0].message)
        // Still serving: a real worker completes the study.
        try h.start(["worker", "--connect", "tcp://127.0.0.1:\(port)", "--data-root", study.deletingLastPathComponent().path, "--threads", "1"], log: "w.log")
        XCTAssertTrue(h.wait(coordinator, timeout: 120), h.log("coordinator.log"))
        XCTAssertEqual(coordinator.terminationStatus, 0)
    }

    func testBrokenCaseFailsAloneWithItsReasonInStatus() throws {
        let h = try FleetHarness()
        let study = try h.demoStudy("s", cases: 5)
        let images = study.deletingLastPathComponent().appendingPathComponent("images")
        try Data("not a png".utf8).write(to: images.appendingPathComponent("demo-003.png"))
        let r = try h.run(["run", study.path, "--workers", "2", "--quiet"])
        XCTAssertEqual(r.status, 0, r.output)
        XCTAssertTrue(r.output.contains("4 job(s) done, 1 failed"), r.output)
        XCTAssertTrue(r.output.contains("demo-003"), r.output)
        let json = String(decoding: try results(of: study).json, as: UTF8.self)
        XCTAssertTrue(json.contains("\"jobId\": \"extract:demo-003\""), json)
    }
}
