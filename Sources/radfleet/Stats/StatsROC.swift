import ArgumentParser
import CaseIO
import Foundation
import Statistics

struct StatsROC: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "roc",
        abstract: "ROC AUC with DeLong and bootstrap CIs, a cut-off's metrics and pairwise DeLong tests (pROC 1.18's numbers).",
        discussion: """
        Per --score column: pROC's roc(outcome, score) with direction "auto" (controls < cases when
        median(controls) ≤ median(cases), else >), its AUC (bit for bit), ci.auc(method = "delong") and, with
        --bootstrap B, the stratified percentile CI: with --rng r (default) each score's replicates are drawn
        as `set.seed(--seed); ci.auc(roc, method = "bootstrap", boot.n = B)` draws them in R (identical
        numbers); --rng fleet uses RadFleet's splittable generator instead. The cut-off is Youden's
        (coords(roc, "best"); ties: the first of pROC's rows, the others listed) or a number; "<" calls
        score ≥ cut-off positive, ">" score ≤ cut-off. With two or more scores: paired DeLong tests of
        every pair (roc.test(method = "delong", paired = TRUE), two-sided).
        """
    )

    @OptionGroup var table: TableOptions
    @Option(name: .long, help: "Score column (repeat for several).") var score: [String]
    @Option(name: .long, help: "Bootstrap replicates for the percentile CI (0: none).") var bootstrap: Int = 0
    @Option(name: .long, help: "Seed of the bootstrap (R's set.seed with --rng r).") var seed: Int = 1
    @Option(name: .long, help: "Bootstrap generator: r (pROC-identical) or fleet.") var rng: String = "r"
    @Option(name: .long, help: "Cut-off: youden or a number.") var cutoff: String = "youden"
    @Option(name: .long, help: "Confidence level.") var level: Double = 0.95

    func run() throws {
        guard !score.isEmpty else { throw ValidationError("give at least one --score column") }
        guard bootstrap >= 0 else { throw ValidationError("--bootstrap must be ≥ 0") }
        guard rng == "r" || rng == "fleet" else { throw ValidationError("--rng must be r or fleet") }
        guard level > 0 && level < 1 else { throw ValidationError("--level must be in (0, 1)") }
        let fixedCutoff: Double? = cutoff == "youden" ? nil : Double(cutoff)
        guard cutoff == "youden" || fixedCutoff != nil else { throw ValidationError("--cutoff must be youden or a number") }
        if rng == "r" { guard Int32(exactly: seed) != nil else { throw ValidationError("--seed must fit R's 32-bit seeds") } }
        try reportingErrors {
            let data = try StatsTable(table, predictors: score)
            var curves: [ROCCurve] = []
            var results: [OrderedJSON] = []
            var rows: [[String]] = []
            for (j, name) in data.names.enumerated() {
                let curve = try ROCCurve(outcomes: data.outcome, scores: data.rows.map { $0[j] })
                curves.append(curve)
                let ci = DeLongInterval(curve, level: level)
                var pairs: [(String, OrderedJSON)] = [
                    ("score", .string(name)), ("direction", .string(curve.direction.rawValue)),
                    ("cases", .integer(curve.cases.count)), ("controls", .integer(curve.controls.count)),
                    ("auc", .number(curve.auc)),
                    ("ci", .object([("method", .string("delong")), ("level", .number(level)), ("lower", .number(ci.lower)),
                                    ("upper", .number(ci.upper)), ("variance", .number(ci.variance))])),
                ]
                var bootCells = ["", ""]
                if bootstrap > 0 {
                    let b: BootstrapInterval
                    if rng == "r" {
                        b = BootstrapInterval(replicates: PROCBootstrap.aucReplicates(curve, count: bootstrap, seed: Int32(seed)), level: level)
                    } else {
                        let sb = StratifiedBootstrap(cases: curve.cases.count, controls: curve.controls.count, seed: UInt64(bitPattern: Int64(seed)))
                        b = sb.aucInterval(curve, count: bootstrap, level: level)
                    }
                    pairs.append(("bootstrap", .object([
                        ("replicates", .integer(bootstrap)), ("seed", .integer(seed)), ("rng", .string(rng)), ("stratified", .bool(true)),
                        ("level", .number(level)), ("lower", .number(b.lower)), ("median", .number(b.median)), ("upper", .number(b.upper)),
                    ])))
                    bootCells = [formatNumber(b.lower), formatNumber(b.upper)]
                }
                let metrics: ConfusionMetrics
                var cut: [(String, OrderedJSON)]
                if let t = fixedCutoff {
                    metrics = ConfusionMetrics(curve, threshold: t)
                    cut = [("method", .string("fixed"))]
                } else {
                    let y = YoudenCutoff(curve)
                    metrics = y.best
                    cut = [("method", .string("youden")), ("youdenJ", .number(y.youden - 1)),
                           ("tiedThresholds", .array(y.points.dropFirst().map { .number($0.threshold) }))]
                }
                cut += [("threshold", .number(metrics.threshold)), ("sensitivity", .number(metrics.sensitivity)),
                        ("specificity", .number(metrics.specificity)), ("accuracy", .number(metrics.accuracy)),
                        ("ppv", .number(metrics.ppv)), ("npv", .number(metrics.npv)), ("tp", .number(metrics.tp)),
                        ("tn", .number(metrics.tn)), ("fp", .number(metrics.fp)), ("fn", .number(metrics.fn))]
                pairs.append(("cutoff", .object(cut)))
                results.append(.object(pairs))
                rows.append([name, curve.direction.rawValue, formatNumber(curve.auc), formatNumber(ci.lower), formatNumber(ci.upper)]
                            + bootCells + [formatNumber(metrics.threshold), formatNumber(metrics.sensitivity), formatNumber(metrics.specificity),
                                           formatNumber(metrics.accuracy), formatNumber(metrics.ppv), formatNumber(metrics.npv)])
            }
            var tests: [OrderedJSON] = []
            var testRows: [[String]] = []
            for a in curves.indices {
                for b in curves.indices where b > a {
                    let t = try DeLongPairedTest(curves[a], curves[b], level: level)
                    tests.append(.object([
                        ("a", .string(data.names[a])), ("b", .string(data.names[b])), ("method", .string("delong paired")),
                        ("auc1", .number(t.auc1)), ("auc2", .number(t.auc2)), ("difference", .number(t.difference)),
                        ("z", .number(t.z)), ("pValue", .number(t.pValue)), ("lower", .number(t.lower)), ("upper", .number(t.upper)),
                        ("sameDirection", .bool(curves[a].direction == curves[b].direction)),
                    ]))
                    testRows.append([data.names[a], data.names[b], formatNumber(t.difference), formatNumber(t.z), String(format: "%.3g", t.pValue)])
                }
            }
            let json = OrderedJSON.object([("scores", .array(results)), ("delongTests", .array(tests)),
                                           ("notes", .array(data.notes.map(OrderedJSON.string)))])
            emit(json, table: {
                var text = alignedTable(["score", "dir", "AUC", "DeLong lo", "DeLong hi", "boot lo", "boot hi", "cut-off", "se", "sp", "acc", "PPV", "NPV"], rows)
                if !testRows.isEmpty {
                    text += "\n\nDeLong's test for two correlated ROC curves (two-sided)\n"
                        + alignedTable(["score 1", "score 2", "AUC diff", "Z", "p"], testRows)
                }
                return text + data.notes.map { "\nnote: \($0)" }.joined()
            }, format: table.format)
        }
    }
}
