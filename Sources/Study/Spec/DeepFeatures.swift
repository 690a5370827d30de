import CaseIO
import Foundation
import Yams

/// The `deepFeatures:` section: an imported table of deep (CNN) features, one row per case, reduced by PCA to `pca`
/// components that join the radiomics features before the feature reduction and the LASSO — seed 004's
/// "2048 → 128 by PCA".
///
/// ```yaml
/// deepFeatures:
///   table: deep_features.csv    # id + numeric columns (e.g. cnn_0 … cnn_2047); path relative to the study file
///   pca: 128                    # components kept: deep_PC1 … deep_PC128
///   scale: true                 # prcomp(scale. = TRUE): columns divided by their training SD (default false)
/// ```
/// The PCA is R's `prcomp(x, center = TRUE, scale. = scale)` fitted on the training cohort's rows of the table only;
/// every case is projected with the training centres, scales and rotation (`predict(prcomp_fit, newdata)`). A cohort
/// case without a row in the table is left out of the models, with the reason.
public struct DeepFeatures: Sendable, Equatable {
    public var table: URL
    public var components: Int
    public var scale: Bool

    public static let keys: Set<String> = ["table", "pca", "scale"]

    public init(table: URL, components: Int, scale: Bool = false) {
        self.table = table
        self.components = components
        self.scale = scale
    }

    init(_ node: Node, file: String, base: URL) throws(StudyError) {
        let f = try YAMLFields(node, file: file, prefix: "deepFeatures", known: Self.keys)
        guard let path = try f.text("table") else { throw f.fail("table", "missing: the CSV of deep features (id + numeric columns)") }
        table = path.hasPrefix("/") ? URL(fileURLWithPath: path) : base.appendingPathComponent(path)
        guard let k = try f.integer("pca", in: 1...100_000) else { throw f.fail("pca", "missing: the number of principal components to keep") }
        components = k
        scale = try f.flag("scale") ?? false
    }

    /// Reads the table: an `id` column and numeric columns (every other column). A cell that is missing or not a
    /// number, a duplicate id or a short row is an error naming the file, line, case id and column.
    public func load() throws(StudyError) -> DeepFeatureTable {
        let path = table.path
        func fail(_ reason: String) -> StudyError { StudyError(file: path, key: "deepFeatures.table", reason: reason) }
        let text: String
        do { text = try String(contentsOf: table, encoding: .utf8) } catch { throw fail("cannot read the file") }
        let header: [String]
        do { header = try DataTable.header(of: table) } catch { throw fail("\(error)") }
        guard header.contains("id") else { throw fail("line 1: no 'id' column (columns: \(header.prefix(5).joined(separator: ", "))…)") }
        let numeric = header.filter { $0 != "id" }
        guard !numeric.isEmpty else { throw fail("line 1: no feature column besides 'id'") }
        let ids: [String]
        do { ids = try DataTable.textColumn("id", of: table) } catch { throw fail("\(error)") }
        let values: DataTable
        do { values = try DataTable(text: text, file: path, columns: numeric) } catch let e as DataTableError {
            // Name the case of the failing line (its first field, or the id column's cell).
            var reason = e.reason.replacingOccurrences(of: " (use --drop-missing to drop such rows)", with: "")
            var place = e.line.map { "line \($0)" } ?? ""
            if let line = e.line, line >= 2 {
                let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
                if line - 1 < lines.count, let column = header.firstIndex(of: "id") {
                    let fields = lines[line - 1].split(separator: ",", omittingEmptySubsequences: false)
                    if column < fields.count {
                        let id = fields[column].trimmingCharacters(in: CharacterSet(charactersIn: "\" \r"))
                        place += ", case '\(id)'"
                    }
                }
            }
            if let column = e.column { place += ", column \(column)" }
            if reason.isEmpty { reason = "unreadable" }
            throw fail("\(place): \(reason)")
        } catch {
            throw fail("\(error)")
        }
        guard ids.count == values.rowCount else { throw fail("\(ids.count) ids for \(values.rowCount) rows") }
        var rowOf: [String: Int] = [:]
        for (i, raw) in ids.enumerated() {
            let id = raw.trimmingCharacters(in: .whitespaces)
            guard !id.isEmpty else { throw fail("line \(values.lines[i]): empty case id") }
            if let first = rowOf[id] { throw fail("line \(values.lines[i]), case '\(id)': also on line \(values.lines[first])") }
            rowOf[id] = i
        }
        return DeepFeatureTable(file: path, columns: numeric, values: values.values, rowOf: rowOf)
    }
}

/// A deep-feature table as read: `values[column][row]`, and the row of each case id.
public struct DeepFeatureTable: Sendable {
    public let file: String
    public let columns: [String]
    public let values: [[Double]]
    public let rowOf: [String: Int]

    /// The feature row of case `id`, nil when the table has none.
    public func row(_ id: String) -> [Double]? {
        guard let i = rowOf[id] else { return nil }
        return values.map { $0[i] }
    }
}
