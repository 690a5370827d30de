import ArgumentParser
import Fleet
import FleetProtocol
import Foundation
import ImageIO
import ZMQTransport

struct WorkerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "worker",
        abstract: "Connect to a coordinator and run the jobs it hands out (stateless; reconnects on its own).",
        discussion: """
        Start as many as you like, on any node that can reach the coordinator and sees the data root (e.g. a
        shared file system): `srun radfleet worker --connect tcp://NODE:5555 --data-root /shared/study
        --curve-secret ~/.radfleet/NODE.key_secret --server-key coordinator.key`.
        A coordinator that refuses this worker's key (or its lack of one) ends it with exit status 77.
        """
    )

    @Option(name: .long, help: "Coordinator endpoint, e.g. tcp://10.0.0.5:5555.")
    var connect: String

    @Option(name: .long, help: "Folder job paths are relative to; paths outside it are refused. Default: current folder.")
    var dataRoot: String = "."

    @Option(name: .long, help: "Jobs run at once (default: one per local core).")
    var threads: Int?

    @Option(name: .long, help: "Worker name shown in `radfleet status` (default: host:pid).")
    var name: String?

    @Option(name: .long, help: "Largest image accepted, in megapixels.")
    var maxMegapixels: Double = 64

    @Option(name: .long, help: "Largest result sent, in MiB (keep it at most the coordinator's); a larger one is reported as the job's failure.")
    var maxResultMb: Double = 16

    @OptionGroup var keys: ClientKeyOptions


    func validate() throws {
        _ = try keys.securityMode(endpoint: connect)
        if let threads, threads < 1 { throw ValidationError("--threads must be at least 1") }
        if !(maxResultMb > 0) { throw ValidationError("--max-result-mb must be positive") }
    }

    func run() throws {
        let host = ProcessInfo.processInfo.hostName
        let workerName = name ?? "\(host):\(ProcessInfo.processInfo.processIdentifier)"
        var settings = WorkerSettings()
        settings.threads = threads ?? ProcessInfo.processInfo.activeProcessorCount
        settings.maxResultBytes = Int(maxResultMb * 1_048_576)
        let runner = StandardJobRunner(dataRoot: URL(fileURLWithPath: dataRoot),
                                       limits: ImageLimits(maxPixels: Int(maxMegapixels * 1_000_000)))
        let security = try reportingErrors {
            try keys.socketSecurity(endpoint: connect)
        }
        let context = ZMQContext()
        var generation = 0
        let worker = Worker(name: workerName, host: host, settings: settings, runner: runner) {
            generation += 1
            // A fresh routing id per connection, so a reconnect is never confused with the old connection.
            return try FleetEndpoints.dealer(context, connect: connect, identity: "\(workerName)#\(generation)", security: security)
        }
        worker.log = { standardError($0) }
        let keyNote = if case let .curveClient(keys, server) = security { "CurveZMQ key \(keys.publicKey.id), coordinator key \(server.id)" } else { "plaintext (--insecure)" }
        standardError("worker \(workerName): connecting to \(connect) (\(keyNote)), \(settings.threads) thread(s), data root \(runner.dataRoot.path)")
        do {
            try worker.run()
        } catch let refused as HandshakeRefused {
            standardError("worker \(workerName): \(refused)")
            throw ExitCode(77)
        } catch {
            standardError("radfleet: \(error)")
            throw ExitCode(1)
        }
        standardError("worker \(workerName): \(worker.jobsDone) jobs done")
    }
}
