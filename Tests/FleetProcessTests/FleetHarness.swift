import Foundation
import XCTest
import ZMQTransport
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

/// Starts real `radfleet` processes on 127.0.0.1 for the fleet's acceptance tests, and cleans up after them.
///
/// The fleet commands refuse plaintext without an explicit `--insecure` (and allow it only on loopback). Tests that
/// are not about security run plaintext on 127.0.0.1: `start` adds `--insecure` to a `coordinator`, `worker` or
/// `status` command line that names no key (`--curve-secret`) and no `--insecure` of its own, unless
/// `addInsecure` is false (the security tests turn it off to see the refusals).
final class FleetHarness {
    /// Whether `start` adds `--insecure` to unkeyed fleet command lines.
    var addInsecure = true

    let dir: URL
    private(set) var processes: [Process] = []

    init() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("radfleet-fleet-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    }

    deinit {
        for p in processes where p.isRunning { kill(p.processIdentifier, SIGKILL) }
        try? FileManager.default.removeItem(at: dir)
    }

    /// The `radfleet` executable built beside the test bundle.
    static var executable: URL { RadFleetExecutable.url }

    /// A TCP port free on 127.0.0.1 right now.
    static func freePort() -> Int { LoopbackPort.free() }

    /// Starts `radfleet args…`, output to a log file in the harness folder.
    @discardableResult
    func start(_ args: [String], log: String) throws -> Process {
        let p = Process()
        p.executableURL = Self.executable
        p.arguments = addInsecure ? Self.plaintextOnLoopback(args) : args
        let logURL = dir.appendingPathComponent(log)
        FileManager.default.createFile(atPath: logURL.path, contents: nil)
        let handle = try FileHandle(forWritingTo: logURL)
        p.standardOutput = handle
        p.standardError = handle
        try p.run()
        processes.append(p)
        return p
    }

    /// Runs `radfleet args…` to the end (at most `timeout` s) and returns its exit status and output.
    func run(_ args: [String], timeout: Double = 120) throws -> (status: Int32, output: String) {
        let log = "run-\(UUID().uuidString).log"
        let p = try start(args, log: log)
        guard wait(p, timeout: timeout) else {
            kill(p.processIdentifier, SIGKILL)
            throw XCTSkip("radfleet \(args.joined(separator: " ")) did not finish in \(timeout) s")
        }
        return (p.terminationStatus, (try? String(contentsOf: dir.appendingPathComponent(log), encoding: .utf8)) ?? "")
    }

    /// `args` with `--insecure` added when it is an unkeyed `coordinator`, `worker` or `status` command line.
    static func plaintextOnLoopback(_ args: [String]) -> [String] {
        guard let command = args.first, ["coordinator", "worker", "status"].contains(command),
              !args.contains("--insecure"), !args.contains("--curve-secret") else { return args }
        return args + ["--insecure"]
    }

    /// `radfleet keygen --out <harness>/keys --name name`: the public and secret key files.
    func keygen(_ name: String) throws -> (publicKey: URL, secretKey: URL) {
        let keys = dir.appendingPathComponent("keys")
        let r = try run(["keygen", "--out", keys.path, "--name", name])
        XCTAssertEqual(r.status, 0, r.output)
        return (keys.appendingPathComponent(name + ".key"), keys.appendingPathComponent(name + ".key_secret"))
    }

    /// A fresh authorised-keys folder holding copies of `publicKeys`.
    func authorisedDirectory(_ sub: String, _ publicKeys: [URL]) throws -> URL {
        let d = dir.appendingPathComponent(sub)
        try FileManager.default.createDirectory(at: d, withIntermediateDirectories: true)
        for key in publicKeys { try FileManager.default.copyItem(at: key, to: d.appendingPathComponent(key.lastPathComponent)) }
        return d
    }

    func wait(_ p: Process, timeout: Double) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while p.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
        return !p.isRunning
    }

    func log(_ name: String) -> String { (try? String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8)) ?? "" }

    /// Writes a demo cohort + study with `cases` cases into `sub` and returns the study file.
    func demoStudy(_ sub: String, cases: Int) throws -> URL {
        let d = dir.appendingPathComponent(sub)
        let r = try run(["demo", d.path, "--cases", String(cases), "--no-run"])
        XCTAssertEqual(r.status, 0, r.output)
        return d.appendingPathComponent("study.yaml")
    }

    /// `radfleet status --json` against `endpoint` (with `keys`, if given), decoded; nil when the coordinator does not answer.
    func status(_ endpoint: String, keys: [String] = []) -> [String: Any]? {
        guard let r = try? run(["status", "--connect", endpoint, "--json", "--timeout", "2"] + keys, timeout: 10), r.status == 0,
              let line = r.output.split(separator: "\n").first(where: { $0.hasPrefix("{") }) else { return nil }
        return try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
    }

    static func done(_ status: [String: Any]?) -> Int {
        guard let jobs = status?["jobs"] as? [String: [String: Int]] else { return 0 }
        return jobs.values.reduce(0) { $0 + ($1["done"] ?? 0) }
    }
}
