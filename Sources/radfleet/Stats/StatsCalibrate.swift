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
        With --predictors, a logistic model (glm) of the outcome on those columns is fitted and its bootstrap
        optimism-corrected calibration curve computed as rms::calibrate(fit, method = "boot", B = --bootstrap):
        lowess (iter = 0) calibration at 50 predicted risks, refit on each bootstrap sample. The samples are drawn
        with RadFleet's seeded generator (--seed), not R's sample(), so they are not R's draws; refits use glm's
        IRLS (R's lrm.fit stops earlier: coefficients agree to about 1e-6).
        """
    )

    @OptionGroup var table: TableOptions
    @Option(name: .long, help: "Predicted-risk column.") var score: String
    @Option(name: .long, help: "Number of risk groups of the binned curve.") var bins: Int = 10
    @Option(name: .long, parsing: .upToNextOption, help: "Model predictors: fit a logistic model and add the bootstrap optimism-corrected curve.")
    var predictors: [String] = []
    @Option(name: .long, help: "Bootstrap replicates of the optimism-corrected curve.") var bootstrap: Int = 1000
    @Option(name: .long, help: "Seed of the bootstrap samples.") var seed: UInt64 = 1

    func run() throws {
        guard bins >= 1 else { throw ValidationError("--bins must be at least 1") }
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
                guard let coefficients = logisticCoefficients(model.rows, model.outcome) else {
                    throw DataTableError(file: table.data, line: nil, column: nil, reason: "the logistic model of --predictors could not be fitted (aliased columns)")
                }
                var generator = SeededGenerator(seed: seed)
                let n = model.rows.count
                let samples = (0..<max(bootstrap, 1)).map { _ in (0..<n).map { _ in generator.uniform(below: n) } }
                boot = try BootstrapCalibration(x: model.rows, outcome: model.outcome, coefficients: coefficients, bootstrapIndices: samples) {
                    logisticCoefficients($0, $1)
                }
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
                ("B", .integer(bootstrap)), ("seed", .integer(Int(truncatingIfNeeded: seed))), ("predictors", .array(predictors.map(OrderedJSON.string))),
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

/// Intercept-first logistic coefficients by glm's IRLS; nil when a column is aliased.
func logisticCoefficients(_ rows: [[Double]], _ y: [Double]) -> [Double]? {
    let n = rows.count, p = (rows.first?.count ?? 0) + 1
    var x = [Double](repeating: 1, count: n * p)   // column-major, intercept first
    for j in 1..<p { for i in 0..<n { x[j * n + i] = rows[i][j - 1] } }
    let fit = IRLS.fit(columnMajor: x, rows: n, columns: p, y: y, epsilon: 1e-12, maxIterations: 100)
    return fit.coefficients.allSatisfy(\.isFinite) ? fit.coefficients : nil
}
