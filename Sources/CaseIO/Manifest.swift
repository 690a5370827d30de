import CSV
import Foundation

/// One row of a cohort manifest: a case id, its image and mask files, and an optional pixel spacing (mm).
public struct ManifestCase: Sendable, Equatable {
    public let id: String
    public let image: URL
    public let mask: URL
    public let spacing: Double?
    /// 1-based line number in the manifest file (header is line 1), for error messages.
    public let line: Int
}

/// A cohort manifest (`id,image,mask[,spacing]`, other columns ignored), paths relative to the manifest's folder.
public struct Manifest: Sendable {
    public let url: URL
    public let cases: [ManifestCase]

    public static let requiredColumns = ["id", "image", "mask"]

    public init(contentsOf url: URL) throws {
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw ManifestError(file: url.path, line: nil, reason: "cannot read the file (\(error.localizedDescription))")
        }
        try self.init(text: text, url: url)
    }

    public init(text: String, url: URL) throws {
        self.url = url
        let base = url.deletingLastPathComponent()
        let reader: CSVReader
        do {
            reader = try CSVReader(string: text, hasHeaderRow: true, trimFields: true)
        } catch {
            throw ManifestError(file: url.path, line: 1, reason: "not a CSV file (\(error))")
        }
        let header = reader.headerRow ?? []
        for column in Self.requiredColumns where !header.contains(column) {
            throw ManifestError(file: url.path, line: 1, reason: "missing column '\(column)' (columns found: \(header.joined(separator: ", ")))")
        }
        let idIndex = header.firstIndex(of: "id")!, imageIndex = header.firstIndex(of: "image")!
        let maskIndex = header.firstIndex(of: "mask")!, spacingIndex = header.firstIndex(of: "spacing")
        var cases: [ManifestCase] = []
        var seen = Set<String>()
        var line = 1
        while let row = reader.next() {
            line += 1
            if row.allSatisfy({ $0.isEmpty }) { continue }
            guard row.count == header.count else {
                throw ManifestError(file: url.path, line: line, reason: "has \(row.count) fields, the header has \(header.count)")
            }
            let id = row[idIndex]
            guard !id.isEmpty else { throw ManifestError(file: url.path, line: line, reason: "empty id") }
            guard seen.insert(id).inserted else {
                throw ManifestError(file: url.path, line: line, reason: "duplicate id '\(id)'")
            }
            for (column, index) in [("image", imageIndex), ("mask", maskIndex)] where row[index].isEmpty {
                throw ManifestError(file: url.path, line: line, reason: "case '\(id)': empty \(column) path")
            }
            var spacing: Double? = nil
            if let s = spacingIndex, !row[s].isEmpty {
                guard let v = Double(row[s]), v > 0, v.isFinite else {
                    throw ManifestError(file: url.path, line: line, reason: "case '\(id)': spacing '\(row[s])' is not a positive number")
                }
                spacing = v
            }
            cases.append(ManifestCase(id: id, image: Self.resolve(row[imageIndex], base: base),
                                      mask: Self.resolve(row[maskIndex], base: base), spacing: spacing, line: line))
        }
        if let error = reader.error {
            throw ManifestError(file: url.path, line: line + 1, reason: "malformed CSV (\(error))")
        }
        self.cases = cases
    }

    public static func resolve(_ path: String, base: URL) -> URL {
        path.hasPrefix("/") ? URL(fileURLWithPath: path) : base.appendingPathComponent(path)
    }
}

public struct ManifestError: Error, Equatable, CustomStringConvertible {
    public let file: String
    public let line: Int?
    public let reason: String

    public var description: String {
        if let line { return "\(file):\(line): \(reason)" }
        return "\(file): \(reason)"
    }
}
