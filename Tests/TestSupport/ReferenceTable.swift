import Foundation

/// A numeric table in CSV form with an `id` first column, as the PyRadiomics reference outputs are written:
/// header row of column names, then one row per case. Empty or non-numeric cells read as NaN.
public struct ReferenceTable {
    public let columns: [String]
    public let ids: [String]
    public let values: [[Double]]

    public init(contentsOf url: URL) throws {
        let text = try String(contentsOf: url, encoding: .utf8)
        var lines = text.split(whereSeparator: \.isNewline).map(String.init)
        guard !lines.isEmpty else { throw CocoaError(.fileReadCorruptFile) }
        let header = lines.removeFirst().split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        columns = Array(header.dropFirst())
        var ids: [String] = []
        var values: [[Double]] = []
        for line in lines {
            let cells = line.split(separator: ",", omittingEmptySubsequences: false)
            ids.append(String(cells[0]))
            values.append(cells.dropFirst().map { Double($0) ?? .nan })
        }
        self.ids = ids
        self.values = values
    }

    public func row(id: String) -> [String: Double]? {
        guard let i = ids.firstIndex(of: id) else { return nil }
        return Dictionary(uniqueKeysWithValues: zip(columns, values[i]))
    }
}
