// radfleet-bench: speed against the oracle on the same inputs (release build; not a test).
//
//   radfleet-bench extract [--cases N] [--params FILE] [--manifest FILE]
//       RadFleet's FeatureExtractor on N shared BUSI cases (images loaded once, extraction only, one core), then
//       PyRadiomics on the same cases and parameter file through scripts/bench/pyradiomics_time.py; prints the ratio.
//   radfleet-bench fleet [--jobs N] [--workers W]
//       no-op jobs through a real coordinator over ZeroMQ on loopback: jobs/s and lease-to-result latency.
//   radfleet-bench scaling [--cases N]
//       `radfleet run` on a synthetic cohort with 1 and with 2 workers: the scaling factor (needs `radfleet` built).
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
    do { try ScalingBench.run(cases: Int(option("--cases", args) ?? "200") ?? 200, radfleet: radfleet) } catch { fail("\(error)") }
case "bootstrap":
    BootstrapBench.run(args)
case "lasso":
    LassoBench.run(args)
case "stats":
    // Issue 3's benchmark in one run: cross-validated LASSO against cv.glmnet, bootstrap AUC CI against pROC.
    LassoBench.run(args)
    BootstrapBench.run(args)
default:
    fail("usage: radfleet-bench extract [--cases N] [--params FILE] [--manifest FILE] | fleet [--jobs N] [--workers W] | scaling [--cases N] | bootstrap [--n 1000] [--replicates 1000] [--seed 1] | stats | lasso [--n N] [--p P] [--folds K] [--seed S] [--repeats R]")
}
