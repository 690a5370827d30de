import ArgumentParser
import CaseIO
import Foundation
import Statistics

struct StatsHosmerLemeshow: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hosmer-lemeshow",
        abstract: "Hosmer–Lemeshow goodness of fit of predicted probabilities (ResourceSelection::hoslem.test).",
        discussion: """
        Groups by the unique type-7 quantiles of --score (a probability) at 0, 1/g, …, 1 (tied breaks merge
        groups), X² over both outcome columns, df = non-empty groups − 2, p = 1 − pchisq(X², df).
        """
    )

    @OptionGroup var table: TableOptions
    @Option(name: .long, help: "Predicted-probability column.") var score: String
    @Option(name: .long, help: "Number of groups g.") var groups: Int = 10

    func run() throws {
        guard groups >= 2 else { throw ValidationError("--groups must be at least 2") }
        try reportingErrors {
            let data = try StatsTable(table, predictors: [score])
            guard data.names == [score] else { throw ValidationError("--score column \(score) is constant") }
            let p = data.rows.map { $0[0] }
            let hl = try HosmerLemeshow(outcomes: data.outcome, fitted: p, groups: groups)
            let groupsJSON: [OrderedJSON] = hl.observed.indices.map { k in
                .object([("lower", .number(hl.breaks[k])), ("upper", .number(hl.breaks[k + 1])),
                         ("observed0", .number(hl.observed[k].y0)), ("observed1", .number(hl.observed[k].y1)),
                         ("expected0", .number(hl.expected[k].y0)), ("expected1", .number(hl.expected[k].y1))])
            }
            let json = OrderedJSON.object([
                ("score", .string(score)), ("groupsRequested", .integer(groups)), ("statistic", .number(hl.statistic)),
                ("df", .integer(hl.df)), ("pValue", .number(hl.pValue)), ("groups", .array(groupsJSON)),
                ("notes", .array(data.notes.map(OrderedJSON.string))),
            ])
            emit(json, table: {
                "Hosmer and Lemeshow goodness of fit: X-squared = \(formatNumber(hl.statistic)), df = \(hl.df), p = \(String(format: "%.4g", hl.pValue))\n"
                    + alignedTable(["group", "obs 0", "obs 1", "exp 0", "exp 1"], hl.observed.indices.map { k in
                        ["\(k == 0 ? "[" : "(")\(formatNumber(hl.breaks[k])), \(formatNumber(hl.breaks[k + 1]))]",
                         formatNumber(hl.observed[k].y0, digits: 0), formatNumber(hl.observed[k].y1, digits: 0),
                         formatNumber(hl.expected[k].y0, digits: 2), formatNumber(hl.expected[k].y1, digits: 2)]
                    })
            }, format: table.format)
        }
    }
}
