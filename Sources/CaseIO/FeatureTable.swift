import Foundation

/// Feature rows of a cohort, written as PyRadiomics-style CSV (`id` first, then features in PyRadiomics order).
/// Columns are those of the first case appended; a later case with other columns is an error of that case,
/// never a silently ragged table.
public struct FeatureTable: Sendable {
    public private(set) var columns: [String] = []
    public private(set) var rows: [(id: String, cells: [String])] = []

    public init() {}

    public struct ColumnMismatch: Error, CustomStringConvertible {
        public let id: String
        public var description: String { "case '\(id)': its features differ from the other cases' (different settings?)" }
    }

    public mutating func append(id: String, cells: [(name: String, value: String)]) throws {
        let names = cells.map(\.name)
        if rows.isEmpty && columns.isEmpty {
            columns = names
        } else if names != columns {
            throw ColumnMismatch(id: id)
        }
        rows.append((id, cells.map(\.value)))
    }

    /// The shortest decimal that reads back as the same Double (as Python's `repr`); `nan`/`inf` as NumPy writes them.
    public static func format(_ v: Double) -> String {
        if v.isNaN { return "nan" }
        if v.isInfinite { return v > 0 ? "inf" : "-inf" }
        return "\(v)"
    }

    public func csv() -> String {
        var out = (["id"] + columns).map(Self.escape).joined(separator: ",") + "\n"
        for row in rows {
            out += ([row.id] + row.cells).map(Self.escape).joined(separator: ",") + "\n"
        }
        return out
    }

    static func escape(_ s: String) -> String {
        if s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
            return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return s
    }
}
