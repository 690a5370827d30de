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
        shared file system): `srun radfleet worker --connect tcp://NODE:5555 --data-root /shared/study`.
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

    @Flag(name: .long, help: "Allow plaintext ZeroMQ on a non-loopback address.")
    var insecure = false

    func validate() throws {
        try FleetEndpoints.requireLoopbackOrInsecure(connect, insecure: insecure)
        if let threads, threads < 1 { throw ValidationError("--threads must be at least 1") }
    }

    func run() throws {
        let host = ProcessInfo.processInfo.hostName
        let workerName = name ?? "\(host):\(ProcessInfo.processInfo.processIdentifier)"
        var settings = WorkerSettings()
        settings.threads = threads ?? ProcessInfo.processInfo.activeProcessorCount
        let runner = StandardJobRunner(dataRoot: URL(fileURLWithPath: dataRoot),
                                       limits: ImageLimits(maxPixels: Int(maxMegapixels * 1_000_000)))
        let context = ZMQContext()
        var generation = 0
        let worker = Worker(name: workerName, host: host, settings: settings, runner: runner) {
            generation += 1
            // A fresh routing id per connection, so a reconnect is never confused with the old connection.
            return ZMQChannel(socket: try FleetEndpoints.dealer(context, connect: connect, identity: "\(workerName)#\(generation)"))
        }
        worker.log = { standardError($0) }
        standardError("worker \(workerName): connecting to \(connect), \(settings.threads) thread(s), data root \(runner.dataRoot.path)")
        try reportingErrors { try worker.run() }
        standardError("worker \(workerName): \(worker.jobsDone) jobs done")
    }
}
