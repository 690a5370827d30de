import Foundation
import radfleet
import XCTest
import ZMQTransport
#if canImport(Glibc)
import Glibc
#endif

/// CurveZMQ on the fleet: key files, the loopback/`--insecure` rule, and real processes on 127.0.0.1 where only
/// authorised keys get in.
final class FleetSecurityTests: XCTestCase {
    // MARK: - The command-line rule (pure)

    private let coordinatorKeys = ["--curve-secret", "--authorized"]

    private func mode(_ endpoints: [String], given: Set<String>, insecure: Bool) -> Result<FleetSecurityPolicy.Mode, FleetSecurityPolicy.Refusal> {
        Result { () throws(FleetSecurityPolicy.Refusal) in
            try FleetSecurityPolicy.mode(endpoints: endpoints, keyOptions: coordinatorKeys.map { ($0, given.contains($0)) }, insecure: insecure)
        }
    }

    private func refusal(_ r: Result<FleetSecurityPolicy.Mode, FleetSecurityPolicy.Refusal>) -> String {
        if case let .failure(f) = r { return f.description }
        return "accepted as \(r)"
    }

    func testLoopbackEndpoints() {
        for e in ["tcp://127.0.0.1:5555", "tcp://127.1.2.3:*", "tcp://localhost:5555", "tcp://[::1]:5555", "ipc:///tmp/fleet", "inproc://x",
                  "tcp://10.0.0.1;127.0.0.1:5555"] {
            XCTAssertTrue(FleetEndpoints.isLoopback(e), e)
        }
        for e in ["tcp://0.0.0.0:5555", "tcp://*:5555", "tcp://10.0.0.5:5555", "tcp://127.evil.example:5555", "tcp://127.0.0.1.example.org:5555",
                  "tcp://lo:5555", "tcp://[::]:5555", "tcp://[::1:5555", "tcp://127.0.0.1;10.0.0.5:5555", "tcp://node7:5555", "udp://127.0.0.1:5555"] {
            XCTAssertFalse(FleetEndpoints.isLoopback(e), e)
        }
    }

    func testKeysAnywherePlaintextOnlyWithInsecureOnLoopback() {
        let local = ["tcp://127.0.0.1:5555", "tcp://127.0.0.1:5556"], remote = ["tcp://0.0.0.0:5555", "tcp://127.0.0.1:5556"]
        let both: Set = ["--curve-secret", "--authorized"]
        XCTAssertEqual(try mode(remote, given: both, insecure: false).get(), .curve)
        XCTAssertEqual(try mode(local, given: both, insecure: false).get(), .curve)
        XCTAssertEqual(try mode(local, given: [], insecure: true).get(), .plaintext)
        // Plaintext is never the default, not even on loopback.
        XCTAssertTrue(refusal(mode(local, given: [], insecure: false)).contains("--curve-secret and --authorized"), refusal(mode(local, given: [], insecure: false)))
        XCTAssertTrue(refusal(mode(local, given: [], insecure: false)).contains("--insecure"))
        // Off loopback: keys, named; --insecure is refused there.
        let noKeys = refusal(mode(remote, given: [], insecure: false))
        XCTAssertTrue(noKeys.contains("tcp://0.0.0.0:5555") && noKeys.contains("--curve-secret and --authorized"), noKeys)
        let insecure = refusal(mode(remote, given: [], insecure: true))
        XCTAssertTrue(insecure.contains("--insecure is allowed only on loopback") && insecure.contains("tcp://0.0.0.0:5555"), insecure)
        // Half the keys, or keys and --insecure together, are mistakes.
        XCTAssertTrue(refusal(mode(local, given: ["--curve-secret"], insecure: false)).contains("needs --authorized"))
        XCTAssertTrue(refusal(mode(local, given: both, insecure: true)).contains("contradict"))
    }

    // MARK: - Key files

    func testCertificateTextRoundTripsAndRejectsBadKeys() throws {
        let pair = try CurveKeyPair.generate()
        let secret = CurveKeyFile.secretText(name: "node-1", pair: pair)
        let pub = CurveKeyFile.publicText(name: "node-1", key: pair.publicKey)
        XCTAssertEqual(try CurveKeyFile.parsePublic(pub, path: "p"), pair.publicKey)
        XCTAssertEqual(try CurveKeyFile.parseSecret(secret, path: "s").publicKey, pair.publicKey)
        XCTAssertFalse(pub.contains(pair.secretKey.z85), "the public file holds no secret")
        XCTAssertFalse("\(pair.secretKey)".contains(pair.secretKey.z85), "a secret key never prints itself")
        XCTAssertThrowsError(try CurveKeyFile.parseSecret(pub, path: "p"))
        XCTAssertThrowsError(try CurveKeyFile.parsePublic("curve\n    public-key = \"tooShort\"\n", path: "p"))
        // A secret file whose public-key line belongs to another key is refused.
        let other = try CurveKeyPair.generate()
        let forged = secret.replacingOccurrences(of: pair.publicKey.z85, with: other.publicKey.z85)
        XCTAssertEqual(Result { () throws(CurveKeyFile.Failure) in try CurveKeyFile.parseSecret(forged, path: "f") }.failureDescription,
                       CurveKeyFile.Failure.mismatch(path: "f").description)
        // czmq-style files, comments and unquoted values parse too.
        XCTAssertEqual(try CurveKeyFile.parsePublic("#   comment\ncurve\n    public-key = \(pair.publicKey.z85)\n", path: "p"), pair.publicKey)
    }

    func testKeygenWritesAPrivateSecretAndRefusesToOverwrite() throws {
        let h = try FleetHarness()
        let (publicKey, secretKey) = try h.keygen("coordinator")
        XCTAssertEqual(try permissions(secretKey), 0o600)
        XCTAssertEqual(try permissions(publicKey) & 0o600, 0o600)
        let pair = try CurveKeyFile.readSecret(secretKey.path)
        XCTAssertEqual(try CurveKeyFile.readPublic(publicKey.path), pair.publicKey)
        let text = try String(contentsOf: publicKey, encoding: .utf8)
        XCTAssertTrue(text.hasPrefix("#") && text.contains("public-key = \"\(pair.publicKey.z85)\""), text)

        let again = try h.run(["keygen", "--out", secretKey.deletingLastPathComponent().path, "--name", "coordinator"])
        XCTAssertNotEqual(again.status, 0)
        XCTAssertTrue(again.output.contains("--force"), again.output)
        XCTAssertEqual(try CurveKeyFile.readSecret(secretKey.path).publicKey, pair.publicKey, "the refused run changed nothing")

        // --force replaces, and the new secret is 0600 even when the file it replaces was world-readable.
        chmod(secretKey.path, 0o644)
        XCTAssertThrowsError(try CurveKeyFile.readSecret(secretKey.path)) { XCTAssertTrue("\($0)".contains("chmod 600"), "\($0)") }
        let forced = try h.run(["keygen", "--out", secretKey.deletingLastPathComponent().path, "--name", "coordinator", "--force"])
        XCTAssertEqual(forced.status, 0, forced.output)
        XCTAssertEqual(try permissions(secretKey), 0o600)
        XCTAssertNotEqual(try CurveKeyFile.readSecret(secretKey.path).publicKey, pair.publicKey)
    }

    private func permissions(_ url: URL) throws -> Int {
        (try FileManager.default.attributesOfItem(atPath: url.path)[.posixPermissions] as? Int) ?? -1
    }

    func testZAPRepliesFollowRFC27() throws {
        let key = try CurveKeyPair.generate().publicKey
        let request: [[UInt8]] = [Array("1.0".utf8), Array("7".utf8), Array("d".utf8), Array("127.0.0.1".utf8), [], Array("CURVE".utf8), key.bytes]
        var seen: ZAPRequest?
        let reply = ZAPHandler.answer(request) { seen = $0; return .deny(reason: "no") }
        XCTAssertEqual(reply.map { String(decoding: $0, as: UTF8.self) }, ["1.0", "7", "400", "no", "", ""])
        XCTAssertEqual(seen?.curveKey, key)
        XCTAssertEqual(seen?.address, "127.0.0.1")
        XCTAssertEqual(ZAPHandler.answer(request) { _ in .allow(userId: "w.key") }[2], Array("200".utf8))
        XCTAssertEqual(ZAPHandler.answer([Array("2.0".utf8), Array("7".utf8)]) { _ in .allow(userId: "") }[2], Array("500".utf8))
    }

    // MARK: - Real processes

    func testOnlyAuthorisedKeysGetJobsOrStatus() throws {
        let h = try FleetHarness()
        h.addInsecure = false
        let study = try h.demoStudy("s", cases: 6)
        let dataRoot = study.deletingLastPathComponent().path
        let coordinatorKey = try h.keygen("coordinator"), workerKey = try h.keygen("worker-1"), intruderKey = try h.keygen("intruder")
        let authorised = try h.authorisedDirectory("authorized", [workerKey.publicKey])
        let intruderId = try CurveKeyFile.readPublic(intruderKey.publicKey.path).id
        let port = FleetHarness.freePort(), statusPort = FleetHarness.freePort()
        let workers = "tcp://127.0.0.1:\(port)", statusEndpoint = "tcp://127.0.0.1:\(statusPort)"
        let db = study.deletingLastPathComponent().appendingPathComponent("run.sqlite").path
        let coordinator = try h.start(["coordinator", "--study", study.path, "--db", db, "--bind", workers, "--status", statusEndpoint,
                                       "--curve-secret", coordinatorKey.secretKey.path, "--authorized", authorised.path], log: "coordinator.log")
        let serverKey = ["--server-key", coordinatorKey.publicKey.path]
        let workerArgs = ["worker", "--connect", workers, "--data-root", dataRoot, "--threads", "1"]

        // Wait until the coordinator answers an authorised status client.
        let goodStatus = ["--curve-secret", workerKey.secretKey.path] + serverKey
        let deadline = Date().addingTimeInterval(30)
        var first = h.status(statusEndpoint, keys: goodStatus)
        while first == nil && Date() < deadline { first = h.status(statusEndpoint, keys: goodStatus) }
        XCTAssertNotNil(first, h.log("coordinator.log"))

        // An unkeyed worker and a worker with an unknown key are refused at the handshake and end (status 77).
        let plain = try h.run(workerArgs + ["--name", "plain", "--insecure"], timeout: 30)
        XCTAssertEqual(plain.status, 77, plain.output)
        XCTAssertTrue(plain.output.contains("requires CurveZMQ"), plain.output)
        let intruder = try h.run(workerArgs + ["--name", "intruder", "--curve-secret", intruderKey.secretKey.path] + serverKey, timeout: 30)
        XCTAssertEqual(intruder.status, 77, intruder.output)
        XCTAssertTrue(intruder.output.contains("refused this key"), intruder.output)
        XCTAssertFalse(intruder.output.contains("jobs done") || plain.output.contains("jobs done"))
        // Status clients: without a key, or with an unknown one, no report.
        for keys in [["--insecure"], ["--curve-secret", intruderKey.secretKey.path] + serverKey] {
            let r = try h.run(["status", "--connect", statusEndpoint, "--json", "--timeout", "3"] + keys, timeout: 30)
            XCTAssertNotEqual(r.status, 0, r.output)
            XCTAssertFalse(r.output.contains("\"study\""), "a refused status client must not see the study: \(r.output)")
        }

        // Nothing was handed out: every job still pending, no worker known.
        let before = h.status(statusEndpoint, keys: goodStatus)
        let jobs = before?["jobs"] as? [String: [String: Int]]
        XCTAssertEqual(jobs?["extract"]?["pending"], 6, "\(before ?? [:])")
        XCTAssertEqual(FleetHarness.done(before), 0)
        XCTAssertEqual((before?["workers"] as? [Any])?.count, 0, "\(before ?? [:])")

        // The authorised worker does the whole study.
        try h.start(workerArgs + ["--name", "worker-1", "--curve-secret", workerKey.secretKey.path] + serverKey, log: "worker-1.log")
        XCTAssertTrue(h.wait(coordinator, timeout: 120), h.log("coordinator.log"))
        XCTAssertEqual(coordinator.terminationStatus, 0, h.log("coordinator.log"))
        let results = study.deletingLastPathComponent().appendingPathComponent("results/features.csv")
        XCTAssertEqual(try String(contentsOf: results, encoding: .utf8).split(separator: "\n").count, 7, "header + 6 cases")

        let log = h.log("coordinator.log")
        XCTAssertTrue(log.contains("REFUSED worker 127.0.0.1: key \(intruderId) is not authorised"), log)
        XCTAssertTrue(log.contains("REFUSED status client 127.0.0.1: key \(intruderId) is not authorised"), log)
        // The unkeyed peer never reaches the ZAP handler; the socket monitor names the endpoint it tried.
        XCTAssertTrue(log.contains("REFUSED a plaintext (unkeyed) peer on \(workers)")
                      || log.contains("REFUSED a peer on \(workers) that broke off the CurveZMQ handshake"), log)
        XCTAssertTrue(log.contains("worker 127.0.0.1 authenticated with key"), log)
    }

    func testPlaintextOffLoopbackAndExposedSecretsAreRefused() throws {
        let h = try FleetHarness()
        h.addInsecure = false
        let study = try h.demoStudy("s", cases: 2)
        let db = study.deletingLastPathComponent().appendingPathComponent("run.sqlite").path
        let c = try h.run(["coordinator", "--study", study.path, "--db", db, "--bind", "tcp://0.0.0.0:\(FleetHarness.freePort())", "--insecure"])
        XCTAssertNotEqual(c.status, 0)
        XCTAssertTrue(c.output.contains("--insecure is allowed only on loopback") && c.output.contains("tcp://0.0.0.0:"), c.output)
        let w = try h.run(["worker", "--connect", "tcp://10.9.8.7:5555", "--insecure"])
        XCTAssertNotEqual(w.status, 0)
        XCTAssertTrue(w.output.contains("--insecure is allowed only on loopback") && w.output.contains("tcp://10.9.8.7:5555"), w.output)
        let unkeyed = try h.run(["worker", "--connect", "tcp://10.9.8.7:5555"])
        XCTAssertNotEqual(unkeyed.status, 0)
        XCTAssertTrue(unkeyed.output.contains("--curve-secret and --server-key"), unkeyed.output)
        let loopback = try h.run(["status", "--connect", "tcp://127.0.0.1:\(FleetHarness.freePort())"])
        XCTAssertNotEqual(loopback.status, 0)
        XCTAssertTrue(loopback.output.contains("--insecure for plaintext"), loopback.output)

        // A secret key others can read is refused by name.
        let key = try h.keygen("w")
        chmod(key.secretKey.path, 0o640)
        let exposed = try h.run(["worker", "--connect", "tcp://127.0.0.1:\(FleetHarness.freePort())", "--curve-secret", key.secretKey.path,
                                 "--server-key", key.publicKey.path])
        XCTAssertEqual(exposed.status, 1, exposed.output)
        XCTAssertTrue(exposed.output.contains("chmod 600 \(key.secretKey.path)"), exposed.output)
    }
}

private extension Result {
    var failureDescription: String? {
        if case let .failure(e) = self { return "\(e)" }
        return nil
    }
}
