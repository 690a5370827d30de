import ArgumentParser
import CaseIO
import Foundation
import Statistics

struct StatsICC: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "icc",
        abstract: "Inter-reader ICC per feature (Shrout–Fleiss / McGraw–Wong forms, 95% CI) and the stability filter.",
        discussion: """
        Two feature tables of the same cases (e.g. reader 1's and reader 2's segmentations), matched by --id.
        Output per feature: icc, lower, upper (F-distribution CI as irr::icc) and whether it is kept
        (icc ≥ --threshold, or its lower bound with --basis lower).
        """
    )

    @Option(name: .long, help: "Reader 1's feature table (CSV).") var reader1: String
    @Option(name: .long, help: "Reader 2's feature table (CSV), same cases.") var reader2: String
    @Option(name: .long, help: "Case id column used to match rows.") var id: String = "id"
    @Option(name: .long, help: "ICC form: ICC(1,1), ICC(2,1), ICC(3,1), ICC(1,k), ICC(2,k), ICC(3,k).") var form: String = "ICC(2,1)"
    @Option(name: .long, help: "Keep features whose ICC is at least this.") var threshold: Double = 0.75
    @Option(name: .long, help: "Compare the threshold with the estimate or with the CI's lower bound.") var basis: String = "estimate"
    @Option(name: .long, parsing: .upToNextOption, help: "Columns to leave out.") var exclude: [String] = []
    @Option(name: .long, help: "Output: json or table.") var format: StatsOutputFormat = .json

    func run() throws {
        guard let iccForm = ICCForm.allCases.first(where: { $0.rawValue == form }) else {
            throw ValidationError("--form must be one of \(ICCForm.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        guard basis == "estimate" || basis == "lower" else { throw ValidationError("--basis must be estimate or lower") }
        try reportingErrors {
            let (names, a, b) = try readPaired()
            let result = try iccFilter(reader1: a, reader2: b, form: iccForm, threshold: threshold,
                                       basis: basis == "lower" ? .lowerBound : .estimate)
            let features: [OrderedJSON] = result.features.map { f in
                .object([("feature", .string(names[f.column])), ("icc", f.estimate.map { .number($0.value) } ?? .null),
                         ("lower", f.estimate.map { .number($0.lower) } ?? .null), ("upper", f.estimate.map { .number($0.upper) } ?? .null),
                         ("kept", .bool(f.kept))])
            }
            let json = OrderedJSON.object([
                ("form", .string(iccForm.rawValue)), ("threshold", .number(threshold)), ("basis", .string(basis)),
                ("cases", .integer(a.count)), ("features", .array(features)),
                ("kept", .array(result.kept.map { .string(names[$0]) })), ("dropped", .array(result.dropped.map { .string(names[$0]) })),
                ("undefined", .array(result.undefined.map { .string(names[$0]) })),
            ])
            emit(json, table: {
                alignedTable(["feature", "ICC", "lower", "upper", "kept"], result.features.map { f in
                    [names[f.column], f.estimate.map { formatNumber($0.value) } ?? "NA", f.estimate.map { formatNumber($0.lower) } ?? "NA",
                     f.estimate.map { formatNumber($0.upper) } ?? "NA", f.kept ? "yes" : "no"]
                }) + "\n\(result.kept.count) of \(names.count) features kept (\(iccForm.rawValue) ≥ \(threshold))"
            }, format: format)
        }
    }

    /// Both readers' tables on the same feature columns, rows matched by id (reader 1's order).
    func readPaired() throws -> ([String], [[Double]], [[Double]]) {
        let u1 = URL(fileURLWithPath: reader1), u2 = URL(fileURLWithPath: reader2)
        let h1 = try DataTable.header(of: u1), h2 = try DataTable.header(of: u2)
        guard h1.contains(id) else { throw DataTableError(file: u1.path, line: 1, column: id, reason: "id column not found") }
        guard h2.contains(id) else { throw DataTableError(file: u2.path, line: 1, column: id, reason: "id column not found") }
        let names = h1.filter { $0 != id && !exclude.contains($0) }
        for n in names where !h2.contains(n) {
            throw DataTableError(file: u2.path, line: 1, column: n, reason: "reader 1's feature is missing here")
        }
        let ids1 = try DataTable.textColumn(id, of: u1), ids2 = try DataTable.textColumn(id, of: u2)
        let t1 = try DataTable(contentsOf: u1, columns: names), t2 = try DataTable(contentsOf: u2, columns: names)
        let index2 = Dictionary(ids2.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        var a: [[Double]] = [], b: [[Double]] = []
        for (r, caseId) in ids1.enumerated() {
            guard let r2 = index2[caseId] else {
                throw DataTableError(file: u2.path, line: nil, column: id, reason: "case '\(caseId)' of reader 1 is missing")
            }
            a.append(t1.values.map { $0[r] })
            b.append(t2.values.map { $0[r2] })
        }
        return (names, a, b)
    }
}
