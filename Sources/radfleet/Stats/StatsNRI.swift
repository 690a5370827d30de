import ArgumentParser
import CaseIO
import Foundation
import Statistics

struct StatsNRI: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "nri",
        abstract: "Net reclassification improvement (categorical and continuous) and IDI of a new risk model over an old one.",
        discussion: """
        As PredictABEL::reclassification (Hmisc::improveProb): risk categories [0, c1), [c1, c2), …, [ck, 1] from
        --cutoffs (0 and 1 are added), the reclassification tables among patients without and with the outcome,
        the categorical NRI, the continuous (category-free) NRI and the IDI, each with SE, z, two-sided p and
        the 95% interval estimate ± 1.96 SE.
        """
    )

    @OptionGroup var table: TableOptions
    @Option(name: .long, help: "Old model's predicted-risk column.") var old: String
    @Option(name: .long, help: "New model's predicted-risk column.") var new: String
    @Option(name: .long, help: "Risk category cut-offs, comma-separated (e.g. 0.2,0.4).") var cutoffs: String = "0.2,0.4"

    func run() throws {
        var cuts = try cutoffs.split(separator: ",").map { s -> Double in
            guard let v = Double(s.trimmingCharacters(in: .whitespaces)), v >= 0, v <= 1 else { throw ValidationError("--cutoffs: \(s) is not a risk in [0, 1]") }
            return v
        }
        if !cuts.contains(0) { cuts.append(0) }
        if !cuts.contains(1) { cuts.append(1) }
        cuts.sort()
        try reportingErrors {
            let data = try StatsTable(table, predictors: [old, new])
            guard data.names == [old, new] else { throw DataTableError(file: table.data, line: nil, column: nil, reason: "a risk column is constant") }
            let r = try Reclassification(old: data.rows.map { $0[0] }, new: data.rows.map { $0[1] }, outcome: data.outcome, cutoffs: cuts)
            func estimate(_ v: Double, _ se: Double, _ z: Double) -> OrderedJSON {
                .object([("estimate", .number(v)), ("se", .number(se)), ("z", .number(z)), ("p", .number(2 * Normal.cdf(-abs(z)))),
                         ("lower", .number(v - 1.96 * se)), ("upper", .number(v + 1.96 * se))])
            }
            func detail(_ s: ImprovementStatistics) -> OrderedJSON {
                .object([("n", .integer(s.n)), ("na", .integer(s.na)), ("nb", .integer(s.nb)), ("pup.ev", .number(s.pupEv)),
                         ("pup.ne", .number(s.pupNe)), ("pdown.ev", .number(s.pdownEv)), ("pdown.ne", .number(s.pdownNe)),
                         ("nri.ev", .number(s.nriEv)), ("se.nri.ev", .number(s.seNriEv)), ("nri.ne", .number(s.nriNe)),
                         ("se.nri.ne", .number(s.seNriNe)), ("improveSens", .number(s.improveSens)), ("improveSpec", .number(s.improveSpec))])
            }
            let tableJSON = { (t: [[Int]]) in OrderedJSON.array(t.map { .array($0.map(OrderedJSON.integer)) }) }
            let c = r.categorical, k = r.continuous
            let json = OrderedJSON.object([
                ("cutoff", .array(r.cutoffs.map(OrderedJSON.number))),
                ("table", .object([("absent", tableJSON(r.tableAbsent)), ("present", tableJSON(r.tablePresent)), ("all", tableJSON(r.tableAll))])),
                ("NRI.categorical", estimate(c.nri, c.seNri, c.zNri)), ("NRI.continuous", estimate(k.nri, k.seNri, k.zNri)),
                ("IDI", estimate(k.idi, k.seIdi, k.zIdi)),
                ("categorical", detail(c)), ("continuous", detail(k)),
                ("notes", .array(data.notes.map(OrderedJSON.string))),
            ])
            let labels = (0..<(r.cutoffs.count - 1)).map { i in
                "[\(formatNumber(r.cutoffs[i], digits: 2)),\(formatNumber(r.cutoffs[i + 1], digits: 2))\(i == r.cutoffs.count - 2 ? "]" : ")")"
            }
            func grid(_ title: String, _ t: [[Int]]) -> String {
                "\(title) (rows: \(old), columns: \(new))\n" + alignedTable([""] + labels, t.indices.map { [labels[$0]] + t[$0].map(String.init) })
            }
            emit(json, table: {
                [grid("Outcome absent", r.tableAbsent), grid("Outcome present", r.tablePresent), grid("Combined", r.tableAll),
                 alignedTable(["measure", "estimate", "lower", "upper", "p"], [("NRI (categorical)", c.nri, c.seNri, c.zNri),
                                                                              ("NRI (continuous)", k.nri, k.seNri, k.zNri),
                                                                              ("IDI", k.idi, k.seIdi, k.zIdi)].map {
                     [$0.0, formatNumber($0.1), formatNumber($0.1 - 1.96 * $0.2), formatNumber($0.1 + 1.96 * $0.2), formatNumber(2 * Normal.cdf(-abs($0.3)), digits: 5)]
                 })].joined(separator: "\n\n")
            }, format: table.format)
        }
    }
}
