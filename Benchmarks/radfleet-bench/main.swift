// radfleet-bench: speed against the oracle on the same inputs (release build; not a test).
//
//   radfleet-bench extract [--cases N] [--params FILE] [--manifest FILE]
//       RadFleet's FeatureExtractor on N shared BUSI cases (images loaded once, extraction only, one core), then
//       PyRadiomics on the same cases and parameter file through scripts/bench/pyradiomics_time.py; prints the ratio.
//   radfleet-bench fleet [--jobs N] [--workers W]
//       no-op jobs through a real coordinator over ZeroMQ on loopback: jobs/s and lease-to-result latency.
//   radfleet-bench scaling [--cases N] [--cohort busi|synthetic]
//       `radfleet run` with 1 and with 2 workers, extraction only, on the shared BUSI images (default; cases cycled
//       to N) or on the demo's synthetic cohort: the scaling factor (needs `radfleet` built).
//   radfleet-bench soak [--jobs N] [--workers W] [--kills M] [--coordinator-kills K] [--seed S]
//       N extraction jobs through real coordinator and worker processes under M random worker kills (-9) and K
//       coordinator kills: jobs lost and duplicates stored (both must be 0), failures, throughput.
//   radfleet-bench store [--jobs N] [--bytes B]
//       the coordinator's SQLite bookkeeping alone: lease + store a B-byte result + mark done, CPU µs per job.
//   radfleet-bench bootstrap [--n 1000] [--replicates 1000] [--seed 1]
//       stratified bootstrap AUC CI against pROC's ci.auc on the same data (needs Rscript with pROC).
//   radfleet-bench stats
//       both of the following, in one run.
//   radfleet-bench lasso [--n 500] [--p 1000] [--folds 10] [--seed S] [--repeats R]
//       cv.glmnet-identical cross-validated LASSO against R's cv.glmnet on the same CSV and folds (needs glmnet).
import Foundation

let repoRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
let sharedData = ProcessInfo.processInfo.environment["RADFLEET_SHARED_DATA"].map { URL(fileURLWithPath: $0) }
    ?? repoRoot.deletingLastPathComponent().appendingPathComponent("shared/data")

func option(_ name: String, _ args: [String]) -> String? {
    guard let i = args.firstIndex(of: name), i + 1 < args.count else { return nil }
    return args[i + 1]
}

/// CPU time this process has used so far (user and system, from `getrusage`).
func processCPUTime() -> (user: Double, system: Double, total: Double) {
    var usage = rusage()
    #if os(Linux)
    getrusage(RUSAGE_SELF.rawValue, &usage)
    #else
    getrusage(RUSAGE_SELF, &usage)
    #endif
    func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
    let user = seconds(usage.ru_utime), system = seconds(usage.ru_stime)
    return (user, system, user + system)
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("radfleet-bench: \(message)\n".utf8))
    exit(2)
}

let args = Array(CommandLine.arguments.dropFirst())
switch args.first {
case "extract":
    ExtractBench.run(args)
case "fleet":
    do {
        try FleetBench.noopRoundTrips(jobs: Int(option("--jobs", args) ?? "20000") ?? 20000,
                                      workers: Int(option("--workers", args) ?? "1") ?? 1)
    } catch {
        fail("\(error)")
    }
case "scaling":
    let radfleet = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("radfleet")
    guard let cohort = ScalingBench.Cohort(rawValue: option("--cohort", args) ?? "busi") else { fail("--cohort is synthetic or busi") }
    do {
        try ScalingBench.run(cases: Int(option("--cases", args) ?? "600") ?? 600, cohort: cohort,
                             busi: sharedData.appendingPathComponent("busi"), radfleet: radfleet)
    } catch { fail("\(error)") }
case "soak":
    var o = SoakBench.Options()
    o.jobs = Int(option("--jobs", args) ?? "") ?? o.jobs
    o.workers = Int(option("--workers", args) ?? "") ?? o.workers
    o.kills = Int(option("--kills", args) ?? "") ?? o.kills
    o.coordinatorKills = Int(option("--coordinator-kills", args) ?? "") ?? o.coordinatorKills
    o.seed = UInt64(option("--seed", args) ?? "") ?? o.seed
    guard (2...10_000).contains(o.jobs), (1...16).contains(o.workers) else { fail("soak: --jobs 2…10000, --workers 1…16") }
    let radfleet = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("radfleet")
    do { try SoakBench.run(o, radfleet: radfleet) } catch { fail("\(error)") }
case "store":
    do {
        try StoreBench.run(jobs: Int(option("--jobs", args) ?? "5000") ?? 5000, resultBytes: Int(option("--bytes", args) ?? "10000") ?? 10000)
    } catch { fail("\(error)") }
case "bootstrap":
    BootstrapBench.run(args)
case "lasso":
    LassoBench.run(args)
case "stats":
    // Issue 3's benchmark in one run: cross-validated LASSO against cv.glmnet, bootstrap AUC CI against pROC.
    LassoBench.run(args)
    BootstrapBench.run(args)
default:
    fail("usage: radfleet-bench extract [--cases N] [--params FILE] [--manifest FILE] | fleet [--jobs N] [--workers W] | scaling [--cases N] [--cohort busi|synthetic] | soak [--jobs N] [--workers W] [--kills M] [--coordinator-kills K] [--seed S] | store [--jobs N] [--bytes B] | bootstrap [--n 1000] [--replicates 1000] [--seed 1] | stats | lasso [--n N] [--p P] [--folds K] [--seed S] [--repeats R]")
}
