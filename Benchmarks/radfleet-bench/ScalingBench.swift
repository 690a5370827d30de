import Fleet
import Foundation

/// Extraction throughput of the whole fleet (`radfleet run`) with 1 and then 2 workers, same cohort, fresh job
/// store each time: the scaling factor from 1 to 2 workers. Two cohorts:
/// - `synthetic`: `radfleet demo`'s ultrasound-like 192×192 images (about 3 ms of extraction a case);
/// - `busi`: the shared real BUSI ultrasound cases (about 500×500 images, about 10 ms a case), each listed
///   `ceil(cases / 206)` times under distinct ids, through a symbolic link below the study folder (the worker's
///   data root).
/// Both use the demo's parameter file (Original + Wavelet, all feature classes).
enum ScalingBench {
    enum Cohort: String { case synthetic, busi }

    static func run(cases: Int, cohort: Cohort, busi: URL, radfleet: URL) throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("radfleet-scaling-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        try invoke(radfleet, ["demo", dir.path, "--cases", String(cohort == .synthetic ? cases : 20), "--no-run"])
        // Extraction only: the demo study's cohort split, clinical section and model stages (everything after output:) go.
        let studyURL = dir.appendingPathComponent("study.yaml")
        let study = try String(contentsOf: studyURL, encoding: .utf8)
        try (study.components(separatedBy: "\ncohorts:")[0] + "\n").write(to: studyURL, atomically: true, encoding: .utf8)
        if cohort == .busi { try writeBUSICohort(cases: cases, into: dir, busi: busi) }
        var seconds: [Int: Double] = [:], working: [Int: Double] = [:]
        for workers in [1, 2] {
            try? FileManager.default.removeItem(at: dir.appendingPathComponent("results"))
            let start = Date()
            try invoke(radfleet, ["run", studyURL.path, "--workers", String(workers), "--quiet"])
            seconds[workers] = Date().timeIntervalSince(start)
            // The fleet's extraction throughput: first lease to last result, from the job store's own timestamps
            // (process start-up, planning and writing the outputs are the same for any number of workers).
            let store = try JobStore(path: dir.appendingPathComponent("results/run.sqlite").path)
            let counts = try store.counts().values.reduce(into: [JobState: Int]()) { $0.merge($1, uniquingKeysWith: +) }
            guard counts[.done] == cases else {
                throw NSError(domain: "radfleet-bench", code: 1, userInfo: [NSLocalizedDescriptionKey:
                    "\(counts[.done] ?? 0) of \(cases) extraction jobs done (\(counts[.failed] ?? 0) failed)"])
            }
            let span = try store.workSpan().map { $0.last - $0.first } ?? seconds[workers]!
            working[workers] = span
            print(String(format: "extraction   %@ cohort, %d cases, %d worker(s): %.2f s of fleet work (%.1f cases/s); %.2f s end to end",
                         cohort.rawValue, cases, workers, span, Double(cases) / span, seconds[workers]!))
        }
        print(String(format: "scaling      %@ cohort: %.2fx from 1 to 2 workers (fleet work), %.2fx end to end",
                     cohort.rawValue, working[1]! / working[2]!, seconds[1]! / seconds[2]!))
    }

    /// A cohort of `cases` rows cycling through the shared BUSI cases, with the images reached through a link.
    static func writeBUSICohort(cases: Int, into dir: URL, busi: URL) throws {
        let source = try String(contentsOf: busi.appendingPathComponent("cohort.csv"), encoding: .utf8)
        let rows = source.split(whereSeparator: \.isNewline).dropFirst().map { $0.split(separator: ",").map(String.init) }
        guard !rows.isEmpty else { throw NSError(domain: "radfleet-bench", code: 1, userInfo: [NSLocalizedDescriptionKey: "no BUSI cases in \(busi.path)"]) }
        try FileManager.default.createSymbolicLink(at: dir.appendingPathComponent("busi"), withDestinationURL: busi)
        var csv = "id,image,mask,spacing,alnm\n"
        for k in 0..<cases {
            let r = rows[k % rows.count]
            csv += "\(r[0])-r\(k / rows.count),busi/\(r[1]),busi/\(r[2]),\(r[4]),\(r[3])\n"
        }
        try csv.write(to: dir.appendingPathComponent("cohort.csv"), atomically: true, encoding: .utf8)
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
