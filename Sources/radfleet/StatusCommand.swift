import ArgumentParser
import FleetProtocol
import Foundation
import ZMQTransport

struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show a running study's progress: jobs by kind and state, workers, throughput, ETA, failures."
    )

    @Option(name: .long, help: "The coordinator's status endpoint.")
    var connect: String = "tcp://127.0.0.1:5556"

    @Flag(name: .long, help: "Print the status report as JSON (for scripts).")
    var json = false

    @Flag(name: .long, help: "Refresh every second until the study finishes.")
    var watch = false

    @Option(name: .long, help: "Seconds to wait for the coordinator to answer.")
    var timeout: Double = 5

    @OptionGroup var keys: ClientKeyOptions


    func validate() throws { _ = try keys.securityMode(endpoint: connect) }

    func run() throws {
        let context = ZMQContext()
        let channel = try reportingErrors {
            try FleetEndpoints.dealer(context, connect: connect, identity: "status-\(ProcessInfo.processInfo.processIdentifier)",
                                      security: try keys.socketSecurity(endpoint: connect))
        }
        let codec = MessageCodec()
        repeat {
            _ = try reportingErrors { try channel.send(codec.encode(StatusRequest()), to: nil) }
            guard let (_, frame) = try reportingErrors({ try channel.receive(timeout: timeout) }) else {
                let hint = keys.curveSecret == nil ? "is the coordinator running?" : "is the coordinator running, and is --server-key its public key?"
                standardError("radfleet status: no answer from \(connect) within \(Int(timeout)) s (\(hint))")
                throw ExitCode(1)
            }
            let report: StatusReport
            switch try? codec.decode(frame) {
            case let .status(r)?: report = r
            case let .error(e)?:
                standardError("radfleet status: coordinator says \(e.code.rawValue): \(e.message)")
                throw ExitCode(1)
            default:
                standardError("radfleet status: unexpected answer from \(connect)")
                throw ExitCode(1)
            }
            if json {
                print(String(decoding: codec.encode(report).dropLast(), as: UTF8.self))
            } else {
                if watch { print("\u{1B}[2J\u{1B}[H", terminator: "") }
                print(StatusTable.render(report))
            }
            if !watch || report.finished { break }
            Thread.sleep(forTimeInterval: 1)
        } while true
    }
}

/// The status report for people.
enum StatusTable {
    static func render(_ r: StatusReport) -> String {
        var lines = ["study \(r.study)" + (r.finished ? " — finished" : "")]
        lines.append(pad("kind", 12) + pad("pending", 9) + pad("leased", 9) + pad("done", 9) + pad("failed", 9))
        for kind in r.jobs.keys.sorted() {
            let s = r.jobs[kind] ?? [:]
            lines.append(pad(kind, 12) + ["pending", "leased", "done", "failed"].map { pad(String(s[$0] ?? 0), 9) }.joined())
        }
        let eta = r.etaSeconds.map { String(format: "%.0f s", $0) } ?? "unknown"
        lines.append(String(format: "throughput %.1f jobs/s, ETA %@, duplicates ignored %d, rejected messages %d",
                            r.throughput, eta, r.duplicatesIgnored, r.rejectedMessages))
        lines.append("workers (\(r.workers.count)):")
        for w in r.workers {
            let ago = max(0, r.time - w.lastHeartbeat)
            lines.append("  \(pad(w.id, 28)) \(pad(w.host, 16)) done \(pad(String(w.jobsDone), 7)) job \(pad(w.currentJob ?? "-", 24)) heard \(String(format: "%.1f", ago)) s ago")
        }
        if !r.failures.isEmpty {
            lines.append("latest failures:")
            for f in r.failures { lines.append("  \(f.jobId) (\(f.attempts) attempt(s)): \(f.reason)") }
        }
        return lines.joined(separator: "\n")
    }

    static func pad(_ s: String, _ n: Int) -> String { s.count >= n ? s + " " : s + String(repeating: " ", count: n - s.count) }
}
