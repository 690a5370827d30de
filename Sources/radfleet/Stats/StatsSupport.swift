import ArgumentParser
import CaseIO
import Foundation

/// The predictors and outcome of a statistics command, read once with the shared rules: every column but the
/// outcome and the excluded ones is a predictor; constant predictors are dropped and reported.
struct StatsTable {
    let names: [String]
    /// rows × predictors
    let rows: [[Double]]
    let outcome: [Double]
    let droppedConstant: [String]
    let droppedLines: [Int]

    init(_ options: TableOptions, predictors wanted: [String]? = nil) throws {
        let url = URL(fileURLWithPath: options.data)
        let header = try DataTable.header(of: url)
        guard header.contains(options.outcome) else {
            throw DataTableError(file: url.path, line: 1, column: options.outcome, reason: "outcome column not found")
        }
        for e in options.exclude where !header.contains(e) {
            throw DataTableError(file: url.path, line: 1, column: e, reason: "--exclude names a column that is not there")
        }
        let predictors = wanted ?? header.filter { $0 != options.outcome && !options.exclude.contains($0) }
        let table = try DataTable(contentsOf: url, columns: predictors + [options.outcome], dropMissing: options.dropMissing)
        let y = try table.column(options.outcome)
        for (row, v) in zip(table.lines, y) where v != 0 && v != 1 {
            throw DataTableError(file: url.path, line: row, column: options.outcome, reason: "outcome must be 0 or 1, found \(v)")
        }
        let constant = Set(table.constantColumns).subtracting([options.outcome])
        let kept = predictors.filter { !constant.contains($0) }
        let columns = try kept.map { try table.column($0) }
        names = kept
        rows = (0..<table.rowCount).map { r in columns.map { $0[r] } }
        outcome = y
        droppedConstant = predictors.filter { constant.contains($0) }
        droppedLines = table.droppedLines
    }

    /// Notes every command reports in its output.
    var notes: [String] {
        var out: [String] = []
        if !droppedConstant.isEmpty { out.append("constant columns dropped: \(droppedConstant.joined(separator: ", "))") }
        if !droppedLines.isEmpty { out.append("rows with missing values dropped (lines): \(droppedLines.map(String.init).joined(separator: ", "))") }
        return out
    }
}

/// Prints a statistics result as JSON (stdout) or as aligned text.
func emit(_ json: OrderedJSON, table: () -> String, format: StatsOutputFormat) {
    switch format {
    case .json: print(json.rendered())
    case .table: print(table())
    }
}

func formatNumber(_ v: Double, digits: Int = 4) -> String {
    guard v.isFinite else { return v.isNaN ? "NA" : (v > 0 ? "Inf" : "-Inf") }
    return String(format: "%.\(digits)f", v)
}

func alignedTable(_ header: [String], _ rows: [[String]]) -> String {
    let widths = header.indices.map { i in max(header[i].count, rows.map { $0[i].count }.max() ?? 0) }
    func line(_ cells: [String]) -> String {
        zip(cells, widths).enumerated().map { i, cw in
            i == 0 ? cw.0.padding(toLength: cw.1, withPad: " ", startingAt: 0)
                : String(repeating: " ", count: cw.1 - cw.0.count) + cw.0
        }.joined(separator: "  ")
    }
    return ([line(header)] + rows.map(line)).joined(separator: "\n")
}
