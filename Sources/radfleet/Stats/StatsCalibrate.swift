import ArgumentParser
import CaseIO
import Foundation
import Statistics

struct StatsCalibrate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calibrate",
        abstract: "Calibration of predicted risks: binned curve (risk deciles) and rms::val.prob statistics.",
        discussion: """
        --score holds predicted risks in [0, 1]. Binned curve: groups cut at the quantiles of predicted risk
        (--bins, deciles by default), mean predicted vs observed rate per group. Statistics as rms::val.prob:
        Brier, Intercept and Slope of the logistic recalibration y ~ logit(p), Emax/E90/Eavg (lowess), the
        Spiegelhalter z test, and the calibration-in-the-large intercept.
        With --predictors, a logistic model of the outcome on those columns is fitted as rms::lrm (lrm.fit) and
        its bootstrap optimism-corrected calibration curve computed as rms::calibrate(fit, method = "boot",
        B = --bootstrap): lowess (iter = 0) calibration at 50 predicted risks, each bootstrap sample refitted by
        lrm.fit (tol = 1e-13, its Newton-Raphson with the early stop at eps = 0.025, maxit = 12; samples whose
        refit fails are skipped, as rms does). With --rng r (default) the samples are R's:
        `set.seed(--seed); calibrate(lrm(y ~ x, x = TRUE, y = TRUE), B = B)` draws the same ones and gives the
        same curve; --rng fleet draws them with RadFleet's seeded generator instead.
        """
    )

    @OptionGroup var table: TableOptions
    @Option(name: .long, help: "Predicted-risk column.") var score: String
    @Option(name: .long, help: "Number of risk groups of the binned curve.") var bins: Int = 10
    @Option(name: .long, parsing: .upToNextOption, help: "Model predictors: fit a logistic model and add the bootstrap optimism-corrected curve.")
    var predictors: [String] = []
    @Option(name: .long, help: "Bootstrap replicates of the optimism-corrected curve.") var bootstrap: Int = 1000
    @Option(name: .long, help: "Seed of the bootstrap samples (R's set.seed with --rng r).") var seed: Int = 1
    @Option(name: .long, help: "Bootstrap generator: r (rms-identical samples) or fleet.") var rng: String = "r"

    func run() throws {
        guard bins >= 1 else { throw ValidationError("--bins must be at least 1") }
        guard bootstrap >= 1 else { throw ValidationError("--bootstrap must be at least 1") }
        guard rng == "r" || rng == "fleet" else { throw ValidationError("--rng must be r or fleet") }
        if rng == "r" { guard Int32(exactly: seed) != nil else { throw ValidationError("--seed must fit R's 32-bit seeds") } }
        try reportingErrors {
            let data = try StatsTable(table, predictors: [score])
            guard data.names == [score] else { throw DataTableError(file: table.data, line: nil, column: score, reason: "the score column is constant") }
            let p = data.rows.map { $0[0] }
            let curve = try CalibrationCurve(risk: p, outcome: data.outcome, groups: bins)
            let s = try CalibrationStatistics(risk: p, outcome: data.outcome)
            var notes = data.notes
            var boot: BootstrapCalibration?
            if !predictors.isEmpty {
                let model = try StatsTable(table, predictors: predictors)
                notes += model.notes
                guard model.outcome.count == p.count else {
                    throw DataTableError(file: table.data, line: nil, column: nil, reason: "missing values differ between the score and the predictors; use complete rows")
                }
                let n = model.rows.count
                let samples: [[Int]]
                if rng == "r" {
                    samples = BootstrapCalibration.rSamples(rows: n, replicates: bootstrap, seed: Int32(seed))
                } else {
                    var generator = SeededGenerator(seed: UInt64(bitPattern: Int64(seed)))
                    samples = (0..<bootstrap).map { _ in (0..<n).map { _ in generator.uniform(below: n) } }
                }
                do {
                    _ = try LRMFit(x: model.rows, outcome: model.outcome)
                } catch ClinicalStatisticsError.fitFailed(let why) {
                    throw DataTableError(file: table.data, line: nil, column: nil, reason: "the logistic model of --predictors could not be fitted: \(why)")
                }
                boot = try BootstrapCalibration(x: model.rows, outcome: model.outcome, bootstrapIndices: samples)
                if let b = boot, b.failedFits > 0 { notes.append("\(b.failedFits) bootstrap refits failed and were skipped") }
            }
            let numbers = { (v: [Double]) in OrderedJSON.array(v.map(OrderedJSON.number)) }
            let json = OrderedJSON.object([
                ("n", .integer(p.count)),
                ("binned", .object([("breaks", numbers(curve.breaks)), ("n", .array(curve.count.map(OrderedJSON.integer))),
                                    ("events", numbers(curve.events)), ("predicted", numbers(curve.predicted)), ("observed", numbers(curve.observed))])),
                ("Brier", .number(s.brier)), ("Intercept", .number(s.intercept)), ("Slope", .number(s.slope)),
                ("Emax", .number(s.emax)), ("E90", .number(s.e90)), ("Eavg", .number(s.eavg)),
                ("S:z", .number(s.spiegelhalterZ)), ("S:p", .number(s.spiegelhalterP)),
                ("intercept.in.the.large", .number(s.interceptInTheLarge)),
            ] + (boot.map { b in [("calibrate", OrderedJSON.object([
                ("B", .integer(bootstrap)), ("seed", .integer(seed)), ("rng", .string(rng)), ("predictors", .array(predictors.map(OrderedJSON.string))),
                ("predy", numbers(b.predy)), ("calibrated.orig", numbers(b.calibratedOriginal)),
                ("calibrated.corrected", numbers(b.calibratedCorrected)), ("training", numbers(b.training)), ("test", numbers(b.test)),
                ("optimism", numbers(b.optimism)), ("n", .array(b.n.map(OrderedJSON.integer))),
            ]))] } ?? []) + [("notes", .array(notes.map(OrderedJSON.string)))])
            emit(json, table: {
                "Calibration of \(score) (n = \(p.count))\n"
                    + alignedTable(["group", "n", "predicted", "observed"], curve.count.indices.map {
                        ["\($0 + 1)", "\(curve.count[$0])", formatNumber(curve.predicted[$0]), formatNumber(curve.observed[$0])]
                    })
                    + "\n\n" + alignedTable(["statistic", "value"], [("Brier", s.brier), ("Intercept", s.intercept), ("Slope", s.slope),
                                                                     ("Emax", s.emax), ("E90", s.e90), ("Eavg", s.eavg),
                                                                     ("S:z", s.spiegelhalterZ), ("S:p", s.spiegelhalterP),
                                                                     ("in-the-large", s.interceptInTheLarge)].map { [$0.0, formatNumber($0.1)] })
                    + (boot.map { b in
                        "\n\nBootstrap optimism-corrected calibration (B = \(bootstrap))\n"
                            + alignedTable(["predicted", "apparent", "optimism", "corrected"], b.predy.indices.map {
                                [formatNumber(b.predy[$0]), formatNumber(b.calibratedOriginal[$0]), formatNumber(b.optimism[$0]), formatNumber(b.calibratedCorrected[$0])]
                            })
                    } ?? "")
                    + (notes.isEmpty ? "" : "\n" + notes.joined(separator: "\n"))
            }, format: table.format)
        }
    }
}
