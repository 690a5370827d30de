import Yams

/// The `outputs:` section: which figures and tables the study writes (figures/, tables/) and shows in report.html,
/// and whether it writes report.html at all. Everything is written by default; results.json always holds every
/// number, whatever this section says.
///
/// ```yaml
/// outputs:
///   figures: [roc, calibration, decisionCurve, nomogram]   # or all (default), or none
///   tables: all                                            # or none, or a list: [model-performance, baseline_by_cohort]
///   report: true                                           # false: no report.html
/// ```
///
/// Figure names are kinds: `roc` is every ROC figure (training and each other cohort), `calibration`,
/// `decisionCurve`, `clinicalImpact`, `nomogram` likewise; `lassoCV`, `lassoPath`, `coefficients` the feature-selection
/// figures. Table names are the tables/ file names (`model-performance`, `baseline_by_cohort`, …). Names are matched
/// ignoring case, hyphens and underscores (`decision-curve` = `decisionCurve`); an unknown name is an error naming the
/// key and listing the known names.
public struct OutputSpec: Sendable, Equatable {
    /// All, or the listed names (normalised: lower case, no hyphens or underscores).
    public enum Selection: Sendable, Equatable {
        case all
        case only(Set<String>)

        public func contains(_ normalisedName: String) -> Bool {
            switch self {
            case .all: return true
            case let .only(names): return names.contains(normalisedName)
            }
        }
    }

    public var figures: Selection
    public var tables: Selection
    public var report: Bool

    public static let all = OutputSpec(figures: .all, tables: .all, report: true)
    public static let keys: Set<String> = ["figures", "tables", "report"]

    /// Figure kinds, each with the prefix of its file names in figures/ (`roc` covers roc.svg and roc-<cohort>.svg).
    public static let figureKinds: [(name: String, filePrefix: String)] = [
        ("lassoCV", "lasso-cv"), ("lassoPath", "lasso-path"), ("coefficients", "coefficients"), ("roc", "roc"),
        ("calibration", "calibration"), ("decisionCurve", "decision-curve"), ("clinicalImpact", "clinical-impact"),
        ("nomogram", "nomogram"),
    ]
    /// Table names, as their tables/<name>.csv files.
    public static let tableNames = [
        "exclusions", "selected-features", "model-performance", "svm-grid", "clinical-models", "baseline_by_cohort",
        "baseline_by_outcome", "delong", "nri_idi", "nomogram",
        "multiclass_confusion", "multiclass_performance", "multiclass_coefficients",
        "calibration-bootstrap",
    ]

    public init(figures: Selection, tables: Selection, report: Bool) {
        self.figures = figures
        self.tables = tables
        self.report = report
    }

    /// "decision-curve", "Decision_Curve" and "decisionCurve" all read "decisioncurve".
    public static func normalised(_ name: String) -> String {
        String(name.lowercased().filter { $0 != "-" && $0 != "_" })
    }

    /// The kind of a figure file name (`roc-validation` → `roc`), nil for a figure of no listed kind.
    public static func figureKind(ofFile name: String) -> String? {
        figureKinds.first { name == $0.filePrefix || name.hasPrefix($0.filePrefix + "-") }?.name
    }

    /// Whether figures/<fileName>.svg is written and shown (a figure of no listed kind only with `all`).
    public func includesFigure(file fileName: String) -> Bool {
        guard case .only = figures else { return true }
        return Self.figureKind(ofFile: fileName).map { figures.contains(Self.normalised($0)) } ?? false
    }

    /// Whether tables/<name>.csv is written and shown.
    public func includesTable(_ name: String) -> Bool { tables.contains(Self.normalised(name)) }

    init(_ node: Node, file: String) throws(StudyError) {
        let f = try YAMLFields(node, file: file, prefix: "outputs", known: Self.keys)
        figures = try Self.selection(f, "figures", known: Self.figureKinds.map(\.name))
        tables = try Self.selection(f, "tables", known: Self.tableNames)
        report = try f.flag("report") ?? true
    }

    static func selection(_ f: YAMLFields, _ key: String, known: [String]) throws(StudyError) -> Selection {
        guard let node = f.values[key] else { return .all }
        if let word = node.scalar?.string {
            switch word.lowercased() {
            case "all": return .all
            case "none": return .only([])
            default: throw f.fail(key, "write all, none or a list of names (known: \(known.joined(separator: ", ")))")
            }
        }
        guard let items = node.sequence else { throw f.fail(key, "write all, none or a list of names (known: \(known.joined(separator: ", ")))") }
        let knownSet = Set(known.map(normalised))
        var names = Set<String>()
        for item in items {
            guard let name = item.scalar?.string, !name.isEmpty else { throw f.fail(key, "each entry is a name") }
            guard knownSet.contains(normalised(name)) else {
                throw f.fail(key, "unknown name '\(name)' (known: \(known.joined(separator: ", ")))")
            }
            names.insert(normalised(name))
        }
        return .only(names)
    }
}
