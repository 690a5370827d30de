import CSV
import Foundation

/// A numeric table read from CSV for the statistics commands: named columns of `Double`, one row per case.
/// A non-numeric or missing cell is an error naming its file, line and column, unless `dropMissing` drops the
/// row (and says so); text columns that are not used can be excluded before parsing.
public struct DataTable: Sendable {
    public let file: String
    public let columns: [String]
    /// `values[column][row]`.
    public let values: [[Double]]
    /// 1-based line numbers in the file of the rows kept.
    public let lines: [Int]
    /// Lines dropped for missing values (with `dropMissing`).
    public let droppedLines: [Int]

    public var rowCount: Int { lines.count }

    public func column(_ name: String) throws -> [Double] {
        guard let i = columns.firstIndex(of: name) else {
            throw DataTableError(file: file, line: nil, column: name, reason: "no such column (columns: \(columns.joined(separator: ", ")))")
        }
        return values[i]
    }

    /// Reads `columns` (all, when nil) of a CSV file with a header row.
    public init(contentsOf url: URL, columns wanted: [String]? = nil, dropMissing: Bool = false) throws {
        let text: String
        do { text = try String(contentsOf: url, encoding: .utf8) } catch {
            throw DataTableError(file: url.path, line: nil, column: nil, reason: "cannot read the file")
        }
        try self.init(text: text, file: url.path, columns: wanted, dropMissing: dropMissing)
    }

    public init(text: String, file: String, columns wanted: [String]? = nil, dropMissing: Bool = false) throws {
        self.file = file
        let reader: CSVReader
        do { reader = try CSVReader(string: text, hasHeaderRow: true, trimFields: true) } catch {
            throw DataTableError(file: file, line: 1, column: nil, reason: "not a CSV file (\(error))")
        }
        let header = reader.headerRow ?? []
        let names = wanted ?? header
        var indices: [Int] = []
        for name in names {
            guard let i = header.firstIndex(of: name) else {
                throw DataTableError(file: file, line: 1, column: name, reason: "no such column (columns: \(header.joined(separator: ", ")))")
            }
            indices.append(i)
        }
        var cols = Array(repeating: [Double](), count: names.count)
        var lines: [Int] = [], dropped: [Int] = []
        var line = 1
        rows: while let row = reader.next() {
            line += 1
            if row.allSatisfy(\.isEmpty) { continue }
            guard row.count == header.count else {
                throw DataTableError(file: file, line: line, column: nil, reason: "has \(row.count) fields, the header has \(header.count)")
            }
            var parsed = [Double](repeating: 0, count: names.count)
            for (k, i) in indices.enumerated() {
                let cell = row[i]
                if Self.isMissing(cell) {
                    if dropMissing { dropped.append(line); continue rows }
                    throw DataTableError(file: file, line: line, column: names[k], reason: "missing value (use --drop-missing to drop such rows)")
                }
                guard let v = Double(cell), v.isFinite else {
                    throw DataTableError(file: file, line: line, column: names[k], reason: "'\(cell)' is not a number")
                }
                parsed[k] = v
            }
            for k in 0..<names.count { cols[k].append(parsed[k]) }
            lines.append(line)
        }
        if let error = reader.error {
            throw DataTableError(file: file, line: line + 1, column: nil, reason: "malformed CSV (\(error))")
        }
        columns = names
        values = cols
        self.lines = lines
        droppedLines = dropped
    }

    /// R's and pandas' spellings of a missing value.
    static func isMissing(_ cell: String) -> Bool {
        cell.isEmpty || cell == "NA" || cell == "NaN" || cell == "nan" || cell == "null" || cell == "."
    }

    /// The header of a CSV file, for choosing columns by exclusion.
    public static func header(of url: URL) throws -> [String] {
        let text: String
        do { text = try String(contentsOf: url, encoding: .utf8) } catch {
            throw DataTableError(file: url.path, line: nil, column: nil, reason: "cannot read the file")
        }
        let reader = try CSVReader(string: text, hasHeaderRow: true, trimFields: true)
        return reader.headerRow ?? []
    }

    /// One column as text (case ids), in file order; blank lines skipped as in the numeric reading.
    public static func textColumn(_ name: String, of url: URL) throws -> [String] {
        let text: String
        do { text = try String(contentsOf: url, encoding: .utf8) } catch {
            throw DataTableError(file: url.path, line: nil, column: nil, reason: "cannot read the file")
        }
        let reader = try CSVReader(string: text, hasHeaderRow: true, trimFields: true)
        guard let i = reader.headerRow?.firstIndex(of: name) else {
            throw DataTableError(file: url.path, line: 1, column: name, reason: "no such column")
        }
        var out: [String] = []
        while let row = reader.next() {
            if row.allSatisfy(\.isEmpty) { continue }
            out.append(i < row.count ? row[i] : "")
        }
        return out
    }

    /// Columns with one value only (zero variance): the statistics commands drop and report them.
    public var constantColumns: [String] {
        zip(columns, values).compactMap { name, v in
            guard let first = v.first else { return nil }
            return v.allSatisfy { $0 == first } ? name : nil
        }
    }
}

public struct DataTableError: Error, Equatable, CustomStringConvertible {
    public let file: String
    public let line: Int?
    public let column: String?
    public let reason: String

    public init(file: String, line: Int?, column: String?, reason: String) {
        self.file = file
        self.line = line
        self.column = column
        self.reason = reason
    }

    public var description: String {
        var where_ = file
        if let line { where_ += ":\(line)" }
        if let column { where_ += ": column '\(column)'" }
        return "\(where_): \(reason)"
    }
}
