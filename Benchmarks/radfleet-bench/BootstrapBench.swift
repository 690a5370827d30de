import Foundation
import Statistics

/// 1000-replicate stratified bootstrap CI of the AUC on a synthetic n = 1000 table: RadFleet's
/// pROC-identical bootstrap (PROCBootstrap, R's set.seed stream) and the fleet bootstrap
/// (StratifiedBootstrap) against `set.seed(s); ci.auc(roc, method = "bootstrap", boot.n = B)` run by
/// Rscript on the same CSV — only the ci.auc call is timed in R (reading and roc() are not). Prints
/// both timings, the ratio and whether the two intervals are identical.
///
///   radfleet-bench bootstrap [--n 1000] [--replicates 1000] [--seed 1]
enum BootstrapBench {
    static func run(_ args: [String]) {
        let n = Int(option("--n", args) ?? "1000") ?? 1000
        let replicates = Int(option("--replicates", args) ?? "1000") ?? 1000
        let seed = Int32(option("--seed", args) ?? "1") ?? 1

        // Synthetic scores: binormal, cases shifted by 1 SD, 40% cases, rounded to 3 decimals (some ties).
        var g = SeededGenerator(seed: 20_261_123)
        var outcome: [Double] = [], score: [Double] = []
        for i in 0..<n {
            let y: Double = i % 5 < 2 ? 1 : 0
            let u1 = 1 - g.unitInterval(), u2 = g.unitInterval()
            let z = (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
            outcome.append(y)
            score.append(((z + y) * 1000).rounded() / 1000)
        }
        let csv = FileManager.default.temporaryDirectory.appendingPathComponent("radfleet-bootstrap-\(UUID().uuidString).csv")
        defer { try? FileManager.default.removeItem(at: csv) }
        let text = "y,score\n" + zip(outcome, score).map { "\(Int($0)),\(String(format: "%.17g", $1))" }.joined(separator: "\n") + "\n"
        do { try text.write(to: csv, atomically: true, encoding: .utf8) } catch { fail("cannot write \(csv.path): \(error)") }

        // Swift: curve construction included; best of repeated runs over ≥ 2 s.
        let clock = ContinuousClock()
        func time(_ body: () -> BootstrapInterval) -> (Double, BootstrapInterval) {
            var best = Double.infinity, result = body()
            let start = clock.now
            repeat {
                let t0 = clock.now
                result = body()
                let d = clock.now - t0
                best = min(best, Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18)
            } while clock.now - start < .seconds(2)
            return (best, result)
        }
        let (rTime, rCI) = time {
            let curve = try! ROCCurve(outcomes: outcome, scores: score)
            return PROCBootstrap.aucInterval(curve, count: replicates, seed: seed)
        }
        let (fleetTime, fleetCI) = time {
            let curve = try! ROCCurve(outcomes: outcome, scores: score)
            return StratifiedBootstrap(cases: curve.cases.count, controls: curve.controls.count, seed: UInt64(seed))
                .aucInterval(curve, count: replicates)
        }

        // pROC: only ci.auc is timed.
        let rCode = """
        suppressMessages(library(pROC)); d <- read.csv("\(csv.path)"); r <- roc(d$y, d$score, quiet = TRUE)
        set.seed(\(seed)); t0 <- proc.time()[["elapsed"]]
        ci <- ci.auc(r, method = "bootstrap", boot.n = \(replicates), boot.stratified = TRUE, progress = "none")
        t1 <- proc.time()[["elapsed"]]
        cat(sprintf("%.6f %.17g %.17g %.17g\\n", t1 - t0, ci[1], ci[2], ci[3]))
        """
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["Rscript", "-e", rCode]
        let pipe = Pipe()
        p.standardOutput = pipe
        p.standardError = FileHandle.nullDevice
        do { try p.run() } catch { fail("cannot start Rscript: \(error)") }
        let out = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        let fields = out.split(whereSeparator: { $0 == " " || $0 == "\n" }).compactMap { Double($0) }
        guard p.terminationStatus == 0, fields.count == 4 else { fail("Rscript failed: \(out)") }
        let pROCTime = fields[0]
        let identical = [rCI.lower, rCI.median, rCI.upper] == Array(fields[1...3])

        print(String(format: "bootstrap    n = %d, %d stratified replicates, AUC CI", n, replicates))
        print(String(format: "pROC         ci.auc(method = \"bootstrap\"): %.3f s  [%.6f, %.6f]", pROCTime, fields[1], fields[3]))
        print(String(format: "RadFleet     R-identical stream: %.2f ms  [%.6f, %.6f]  %@", rTime * 1e3, rCI.lower, rCI.upper,
                     identical ? "identical to pROC" : "DIFFERS from pROC"))
        print(String(format: "RadFleet     fleet stream:       %.2f ms  [%.6f, %.6f]", fleetTime * 1e3, fleetCI.lower, fleetCI.upper))
        print(String(format: "speed-up     %.0fx (R-identical), %.0fx (fleet) faster than pROC", pROCTime / rTime, pROCTime / fleetTime))
    }
}
