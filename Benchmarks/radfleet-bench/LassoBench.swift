import Foundation
import Statistics

/// cv.glmnet speed: RadFleet's crossValidateLogisticLasso against R's cv.glmnet (glmnet's compiled solver) on the
/// same synthetic table and the same folds.
///
///   radfleet-bench lasso [--n 500] [--p 1000] [--folds 10] [--seed 1] [--repeats 3]
///
/// Data: x_ij ~ N(0, 1) (Box–Muller on SeededGenerator), 10 true effects β = ±1, y ~ Bernoulli(logistic(xβ));
/// fold ids from `lassoFoldIDs`. Written once to a temporary CSV (17 significant digits) that both sides read;
/// only the cross-validation itself is timed (R: system.time around the cv.glmnet call, data already loaded),
/// best of --repeats on each side.
enum LassoBench {
    static func run(_ args: [String]) {
        let n = Int(option("--n", args) ?? "500") ?? 500
        let p = Int(option("--p", args) ?? "1000") ?? 1000
        let folds = Int(option("--folds", args) ?? "10") ?? 10
        let seed = UInt64(option("--seed", args) ?? "1") ?? 1
        let repeats = max(1, Int(option("--repeats", args) ?? "3") ?? 3)

        var generator = SeededGenerator(seed: seed)
        var columns = [Double](repeating: 0, count: n * p)
        for k in 0..<(n * p) {
            let u1 = 1 - generator.unitInterval(), u2 = generator.unitInterval()
            columns[k] = (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
        }
        let effects = min(10, p)
        let positive: [Bool] = (0..<n).map { i in
            var eta = 0.0
            for j in 0..<effects { eta += (j % 2 == 0 ? 1 : -1) * columns[j * n + i] }
            return generator.unitInterval() < 1 / (1 + exp(-eta))
        }
        let foldID = lassoFoldIDs(count: n, folds: folds, generator: &generator)

        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("radfleet-lasso-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let csv = dir.appendingPathComponent("lasso.csv")
        do {
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            var text = ((0..<p).map { "x\($0 + 1)" } + ["y", "fold"]).joined(separator: ",") + "\n"
            text.reserveCapacity(n * p * 24)
            for i in 0..<n {
                for j in 0..<p { text += String(format: "%.17g,", columns[j * n + i]) }
                text += "\(positive[i] ? 1 : 0),\(foldID[i])\n"
            }
            try text.write(to: csv, atomically: true, encoding: .utf8)
        } catch { fail("cannot write \(csv.path): \(error)") }

        // RadFleet, from the values as read back from the CSV (as R sees them, up to parsing).
        let x: LassoMatrix
        do { x = try LassoMatrix(columnMajor: columns.map { Double(String(format: "%.17g", $0))! }, rowCount: n, columnCount: p) } catch {
            fail("\(error)")
        }
        var ours = Double.infinity
        var result: CrossValidatedLasso? = nil
        for _ in 0..<repeats {
            let start = DispatchTime.now().uptimeNanoseconds
            do { result = try crossValidateLogisticLasso(x, positive: positive, foldID: foldID, measure: .deviance) } catch {
                fail("\(error)")
            }
            ours = min(ours, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        }

        let script = """
        suppressMessages(library(glmnet))
        d <- read.csv("\(csv.path)")
        x <- as.matrix(d[, grep("^x", names(d))]); y <- d$y; fold <- d$fold
        best <- Inf
        for (r in seq_len(\(repeats))) {
          t <- system.time(cv <- cv.glmnet(x, y, family = "binomial", foldid = fold, nlambda = 100))[["elapsed"]]
          best <- min(best, t)
        }
        cat(sprintf("%.6f %.17g %.17g %d\\n", best, cv$lambda.min, cv$lambda.1se, length(cv$lambda)))
        """
        let rOutput: String
        do { rOutput = try runRscript(script) } catch { fail("Rscript: \(error)") }
        let fields = rOutput.split(whereSeparator: \.isWhitespace)
        guard fields.count == 4, let theirs = Double(fields[0]) else { fail("unexpected Rscript output: \(rOutput)") }

        guard let cv = result else { fail("no result") }
        print(String(format: "cv.glmnet     n = %d, p = %d, %d folds, %d lambdas (binomial, deviance), best of %d", n, p, folds,
                     cv.lambda.count, repeats))
        print(String(format: "RadFleet      %.3f s   lambda.min %.6g  lambda.1se %.6g", ours, cv.lambdaMin, cv.lambda1SE))
        print(String(format: "R glmnet      %.3f s   lambda.min %.6g  lambda.1se %.6g  (%@ lambdas)", theirs,
                     Double(fields[1]) ?? .nan, Double(fields[2]) ?? .nan, String(fields[3])))
        print(String(format: "speed-up      %.2fx (R time / RadFleet time)", theirs / ours))
    }

    static func runRscript(_ script: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["Rscript", "-e", script]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw NSError(domain: "radfleet-bench", code: Int(process.terminationStatus),
                          userInfo: [NSLocalizedDescriptionKey: "Rscript exited with \(process.terminationStatus)"])
        }
        return String(decoding: data, as: UTF8.self)
    }
}
