import Foundation

extension HTMLReport.Table {
    /// The table as CSV (RFC 4180: fields with a comma, quote or line break are quoted, quotes doubled; lines end
    /// in "\n"), header first — the same cells the report shows, so tables/*.csv and report.html agree.
    public func csv() -> String {
        ([header] + rows).map { $0.map(Self.field).joined(separator: ",") + "\n" }.joined()
    }

    static func field(_ s: String) -> String {
        guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
