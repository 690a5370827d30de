import Fleet
import Foundation

/// Extraction throughput of the whole fleet (`radfleet run` on a synthetic cohort) with 1 and then 2 workers,
/// same cohort, fresh job store each time: the scaling factor from 1 to 2 workers.
enum ScalingBench {
    static func run(cases: Int, radfleet: URL) throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("radfleet-scaling-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        try invoke(radfleet, ["demo", dir.path, "--cases", String(cases), "--no-run"])
        // Extraction only: the demo study's model stages (one fit job, then five folds) would measure them instead.
        let studyURL = dir.appendingPathComponent("study.yaml")
        let study = try String(contentsOf: studyURL, encoding: .utf8)
        try String(study.prefix { _ in true }.components(separatedBy: "\nmodel:")[0] + "\n")
            .write(to: studyURL, atomically: true, encoding: .utf8)
        var seconds: [Int: Double] = [:], working: [Int: Double] = [:]
        for workers in [1, 2] {
            try? FileManager.default.removeItem(at: dir.appendingPathComponent("results"))
            let start = Date()
            try invoke(radfleet, ["run", dir.appendingPathComponent("study.yaml").path, "--workers", String(workers), "--quiet"])
            seconds[workers] = Date().timeIntervalSince(start)
            // The fleet's extraction throughput: first lease to last result, from the job store's own timestamps
            // (process start-up, planning and writing the outputs are the same for any number of workers).
            let store = try JobStore(path: dir.appendingPathComponent("results/run.sqlite").path)
            let span = try store.workSpan().map { $0.last - $0.first } ?? seconds[workers]!
            working[workers] = span
            print(String(format: "extraction   %d cases, %d worker(s): %.2f s of fleet work (%.1f cases/s); %.2f s end to end",
                         cases, workers, span, Double(cases) / span, seconds[workers]!))
        }
        print(String(format: "scaling      %.2fx from 1 to 2 workers (fleet work), %.2fx end to end",
                     working[1]! / working[2]!, seconds[1]! / seconds[2]!))
    }

    static func invoke(_ executable: URL, _ args: [String]) throws {
        let p = Process()
        p.executableURL = executable
        p.arguments = args
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else {
            throw NSError(domain: "radfleet-bench", code: Int(p.terminationStatus),
                          userInfo: [NSLocalizedDescriptionKey: "radfleet \(args.joined(separator: " ")) exited with \(p.terminationStatus)"])
        }
    }
}
