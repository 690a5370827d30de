import Foundation
import Statistics
import Study

/// The bootstrap optimism-corrected calibration curve of the combined model (the nomogram's rms `lrm` fit) on the
/// training cohort, as seed 003 reports it ("calibration curves by bootstrap (1000)"): exactly
///
///     set.seed(rSeed); rms::calibrate(fit, method = "boot", B = replicates)
///
/// for `fit <- lrm(y ~ <combined terms>, x = TRUE, y = TRUE)` on the nomogram's cases (`LRMNomogram`'s model
/// matrix: treatment contrasts, the rad-score terms numeric). `BootstrapCalibration` draws R's bootstrap samples
/// from the seed (`rSamples`: `sample(n, replace = TRUE)` per replicate through R's Mersenne Twister) and refits
/// each by `LRMFit(tol = 1e-13)` as calibrate's `fitit`; a refit that fails (a factor level absent from the
/// sample, divergence, no convergence) is skipped and counted, as predab.resample skips it.
///
/// The seed: the job seed `JobSeed.derive(studySeed:, jobId: "calibration:combined")` reduced to R's `set.seed`
/// integer as its low 31 bits (0 … 2³¹ − 1, never R's NA_integer_), so an R session redoes the curve from the
/// `seed` results.json records. The curve is a pure function of the study's stored job results and seed.
public struct NomogramCalibration: Sendable {
    public static let jobId = "calibration:combined"

    /// B (`evaluation.calibration.bootstrap`).
    public let replicates: Int
    /// The 64-bit job seed and the `set.seed` integer derived from it.
    public let jobSeed: UInt64
    public let rSeed: Int32
    /// Training cases of the fit (the nomogram's), and their apparent risks plogis(lp) for the figure's spikes.
    public let cases: Int
    public let risks: [Double]
    public let curve: BootstrapCalibration

    /// R's set.seed integer of a study seed: the low 31 bits of the `calibration:combined` job seed.
    public static func rSeed(studySeed: UInt64) -> Int32 {
        Int32(truncatingIfNeeded: JobSeed.derive(studySeed: studySeed, jobId: jobId) & 0x7fff_ffff)
    }

    /// The model-matrix rows (no intercept column) of `predictors`, as `LRMNomogram` and R's `lrm(x = TRUE)$x`
    /// build them.
    public static func designRows(_ predictors: [Predictor]) throws -> [[Double]] {
        let design = try DesignMatrix(predictors)
        let (x, names, _) = design.modelMatrix(terms: Array(predictors.indices))
        let n = design.rows
        return (0..<n).map { i in (1..<names.count).map { j in x[j * n + i] } }
    }

    /// - Parameters:
    ///   - predictors: the combined model's terms on the training cases (the nomogram's predictors).
    ///   - outcome: their 0/1 outcomes.
    public init(predictors: [Predictor], outcome: [Double], replicates: Int, studySeed: UInt64) throws {
        let rows = try Self.designRows(predictors)
        self.replicates = replicates
        jobSeed = JobSeed.derive(studySeed: studySeed, jobId: Self.jobId)
        rSeed = Self.rSeed(studySeed: studySeed)
        cases = rows.count
        let samples = BootstrapCalibration.rSamples(rows: rows.count, replicates: replicates, seed: rSeed)
        curve = try BootstrapCalibration(x: rows, outcome: outcome, bootstrapIndices: samples)
        let fit = try LRMFit(x: rows, outcome: outcome)
        risks = rows.map { row in
            var lp = fit.coefficients[0]
            for (j, v) in row.enumerated() { lp += fit.coefficients[j + 1] * v }
            return 1 / (1 + Foundation.exp(-lp))
        }
    }

    /// rms print/plot.calibrate's "Mean absolute error": mean |predy − calibrated.corrected| over the grid points
    /// where the corrected curve is defined.
    public var meanAbsoluteError: Double {
        let e = zip(curve.predy, curve.calibratedCorrected).map { abs($0 - $1) }.filter(\.isFinite)
        return e.isEmpty ? .nan : e.reduce(0, +) / Double(e.count)
    }

    /// The curve for the study, or why there is none (no nomogram fit, too few cases, …).
    static func evaluate(predictors: [Predictor], outcome: [Double], replicates: Int,
                         studySeed: UInt64) -> Result<NomogramCalibration, EvaluationError> {
        do {
            return .success(try NomogramCalibration(predictors: predictors, outcome: outcome, replicates: replicates, studySeed: studySeed))
        } catch let ClinicalStatisticsError.fitFailed(why) {
            return .failure(EvaluationError("bootstrap calibration not computed: rms lrm fit of the combined model failed (\(why))"))
        } catch let ClinicalStatisticsError.invalidArgument(why) {
            return .failure(EvaluationError("bootstrap calibration not computed: \(why)"))
        } catch {
            return .failure(EvaluationError("bootstrap calibration not computed: \(error)"))
        }
    }
}
