/// Bootstrap optimism-corrected calibration curve of a logistic model, as rms::calibrate(fit, method = "boot", B)
/// for an lrm fit (rms 6.5: calibrate.default → predab.resample).
///
/// At the grid `predy` (default `seq(p₍₅₎, p₍ₙ₋₄₎, length = 50)` of the sorted apparent risks p), the calibration
/// error of a model on a data set is `cal − predy`, cal = approx(lowess(plogis(lp), y, iter = 0), predy, ties = first).
/// For each bootstrap sample b (refit on the resampled rows): training_b = error on the bootstrap sample,
/// test_b = error of the same fit on the original data. Per grid point, optimism = mean(training) − mean(test)
/// over the replicates where both are defined (a grid point outside a sample's risk range is NA and skipped,
/// as predab.resample counts `n`), and
///
///     calibrated.orig = apparent cal,   calibrated.corrected = calibrated.orig − optimism.
///
/// The bootstrap samples come in as index sets (0-based rows): R's own draws (`rSamples`, what
/// `set.seed(s); calibrate(fit, B)` draws) or any others. The refits are rms's `lrm.fit(x, y, tol = 1e-13)`
/// (`LRMFit`, calibrate's `fitit`) in `init(x:outcome:bootstrapIndices:predy:)`, or the caller's.
public struct BootstrapCalibration: Sendable {
    public let predy: [Double]
    public let calibratedOriginal: [Double]
    public let calibratedCorrected: [Double]
    /// Mean calibration error on the bootstrap samples and on the original data, the optimism, and the number
    /// of replicates used at each grid point (rms columns `training`, `test`, `optimism`, `n`).
    public let training: [Double], test: [Double], optimism: [Double]
    public let n: [Int]
    /// Replicates whose refit failed (rms: "Divergence or singularity in … samples").
    public let failedFits: Int

    /// - Parameters:
    ///   - x: the design rows (predictors only, no intercept column).
    ///   - outcome: 0/1 outcomes.
    ///   - coefficients: the original fit's coefficients, intercept first.
    ///   - bootstrapCoefficients: per replicate, the refit's coefficients (nil for a failed fit).
    ///   - bootstrapIndices: per replicate, the resampled rows (0-based), in draw order.
    ///   - predy: the grid of predicted risks; nil for rms's default.
    public init(x: [[Double]], outcome: [Double], coefficients: [Double], bootstrapIndices: [[Int]],
                bootstrapCoefficients: [[Double]?], predy: [Double]? = nil) throws {
        let rows = x.count
        guard rows == outcome.count, rows > 10 else { throw ClinicalStatisticsError.invalidArgument("calibrate needs n > 10 rows and one outcome per row") }
        guard bootstrapIndices.count == bootstrapCoefficients.count else {
            throw ClinicalStatisticsError.lengthMismatch(bootstrapIndices.count, bootstrapCoefficients.count)
        }
        for row in x where row.count + 1 != coefficients.count {
            throw ClinicalStatisticsError.invalidArgument("each row needs \(coefficients.count - 1) predictors")
        }
        let lpOrig = BootstrapCalibration.linearPredictor(x, coefficients)
        let grid: [Double]
        if let predy { grid = predy } else {
            let p = lpOrig.map(rPlogis).sorted()
            grid = rSeqLength(from: p[4], to: p[rows - 5], count: 50)
        }
        func calibrated(_ lp: [Double], _ y: [Double]) -> [Double?] {
            Lowess(x: lp.map(rPlogis), y: y, iterations: 0).evaluate(at: grid, ties: .first)
        }
        let apparent = calibrated(lpOrig, outcome)
        var trainSum = [Double](repeating: 0, count: grid.count), testSum = trainSum
        var used = [Int](repeating: 0, count: grid.count)
        var failed = 0
        for (sample, coef) in zip(bootstrapIndices, bootstrapCoefficients) {
            guard let coef, coef.count == coefficients.count, coef.allSatisfy(\.isFinite) else { failed += 1; continue }
            let lp = BootstrapCalibration.linearPredictor(x, coef)
            let trainCal = calibrated(sample.map { lp[$0] }, sample.map { outcome[$0] })
            let testCal = calibrated(lp, outcome)
            for k in grid.indices {
                let tr = trainCal[k].map { $0 - grid[k] }, te = testCal[k].map { $0 - grid[k] }
                guard let tr, let te, !(tr + te).isNaN else { continue }
                trainSum[k] += tr
                testSum[k] += te
                used[k] += 1
            }
        }
        self.predy = grid
        calibratedOriginal = apparent.map { $0 ?? .nan }
        training = zip(trainSum, used).map { $0 / Double($1) }
        test = zip(testSum, used).map { $0 / Double($1) }
        optimism = zip(training, test).map { $0 - $1 }
        calibratedCorrected = zip(calibratedOriginal, optimism).map { $0 - $1 }
        n = used
        failedFits = failed
    }

    /// Refits with `fit` on each bootstrap sample (rows and outcomes of the sample, in draw order); a thrown
    /// error or nil counts as a failed fit.
    public init(x: [[Double]], outcome: [Double], coefficients: [Double], bootstrapIndices: [[Int]], predy: [Double]? = nil,
                fit: ([[Double]], [Double]) throws -> [Double]?) throws {
        let coefs = bootstrapIndices.map { s in try? fit(s.map { x[$0] }, s.map { outcome[$0] }) }
        try self.init(x: x, outcome: outcome, coefficients: coefficients, bootstrapIndices: bootstrapIndices,
                      bootstrapCoefficients: coefs.map { $0 ?? nil }, predy: predy)
    }

    /// rms::calibrate(lrm(y ~ x, x = TRUE, y = TRUE), method = "boot") end to end: the original model by
    /// lrm.fit with lrm's `tol = 1e-7`, each bootstrap sample refitted by `lrm.fit(tol = 1e-13)` as calibrate's
    /// `fitit` does; a refit lrm.fit reports as failed (divergence, singular information, no convergence in
    /// `maxit`, a single outcome class) is skipped, as predab.resample skips it.
    public init(x: [[Double]], outcome: [Double], bootstrapIndices: [[Int]], predy: [Double]? = nil) throws {
        let original = try LRMFit(x: x, outcome: outcome)
        try self.init(x: x, outcome: outcome, coefficients: original.coefficients, bootstrapIndices: bootstrapIndices,
                      predy: predy) { try LRMFit(x: $0, outcome: $1, tolerance: 1e-13).coefficients }
    }

    /// The bootstrap samples of `set.seed(seed); calibrate(fit, method = "boot", B = replicates)` for n rows:
    /// predab.resample draws `sample(n, replace = TRUE)` once per replicate, in replicate order, and nothing
    /// else in calibrate touches R's generator (lowess, approx and lrm.fit draw nothing). 0-based rows.
    public static func rSamples(rows n: Int, replicates: Int, seed: Int32) -> [[Int]] {
        var rng = RMersenneTwister(setSeed: seed)
        return (0..<replicates).map { _ in rng.sampleWithReplacement(n: n) }
    }

    /// b₀ + Σⱼ xⱼ bⱼ, summed in column order (R's `matxv`, reference-BLAS order).
    static func linearPredictor(_ x: [[Double]], _ b: [Double]) -> [Double] {
        x.map { row in
            var s = 0.0
            for j in row.indices { s += row[j] * b[j + 1] }
            return b[0] + s
        }
    }
}
