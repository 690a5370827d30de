import Statistics
import Yams

/// The `features:` section: the reduction between extraction and the LASSO (Statistics' `FeatureSelectionSpec`,
/// fitted on the training cohort), plus where the second reader's masks are for the ICC step.
///
/// ```yaml
/// features:
///   icc: {threshold: 0.75, form: "ICC(2,1)", readerMask: mask_reader2}   # cases with a second-reader mask
///                               # (readerMask here, or per ROI in `rois:`); each ROI's ICC is on its own readers
///   redundancy: {method: hierarchical, threshold: 0.95, linkage: complete}  # or method: greedy
///   mutualInformation: {top: 20, bins: 10}
/// ```
public struct FeatureReduction: Sendable, Equatable {
    public var selection: FeatureSelectionSpec
    /// The cohort column with the second reader's mask (empty cells: that case has none).
    public var readerMaskColumn: String?

    public static let keys: Set<String> = ["icc", "redundancy", "mutualInformation"]

    public init(selection: FeatureSelectionSpec = FeatureSelectionSpec(), readerMaskColumn: String? = nil) {
        self.selection = selection
        self.readerMaskColumn = readerMaskColumn
    }

    init(_ node: Node, file: String) throws(StudyError) {
        let f = try YAMLFields(node, file: file, prefix: "features", known: Self.keys)
        selection = FeatureSelectionSpec()
        if let n = f.values["icc"] {
            let g = try YAMLFields(n, file: file, prefix: "features.icc", known: ["threshold", "form", "lowerBound", "readerMask"])
            guard let threshold = try g.number("threshold", in: -1...1) else { throw g.fail("threshold", "missing: e.g. 0.75") }
            var step = FeatureSelectionSpec.ICCStep(threshold: threshold)
            if let form = try g.text("form") {
                guard let v = ICCForm(rawValue: form) else {
                    throw g.fail("form", "must be one of \(ICCForm.allCases.map(\.rawValue).joined(separator: ", ")), got '\(form)'")
                }
                step.form = v
            }
            step.lowerBound = try g.flag("lowerBound") ?? false
            // Required unless `rois:` names each ROI's reader column (checked by StudyFile).
            readerMaskColumn = try g.text("readerMask")
            selection.icc = step
        }
        if let n = f.values["redundancy"] {
            let g = try YAMLFields(n, file: file, prefix: "features.redundancy", known: ["method", "threshold", "linkage"])
            guard let threshold = try g.number("threshold", in: 0...0.999999) else { throw g.fail("threshold", "missing: e.g. 0.9") }
            let methodText = try g.text("method") ?? "greedy"
            guard let method = FeatureSelectionSpec.RedundancyMethod(rawValue: methodText) else {
                throw g.fail("method", "must be greedy or hierarchical, got '\(methodText)'")
            }
            let linkage = try g.text("linkage") ?? Linkage.complete.rawValue
            guard Linkage(rawValue: linkage) != nil else {
                throw g.fail("linkage", "must be one of \(Linkage.allCases.map(\.rawValue).joined(separator: ", ")), got '\(linkage)'")
            }
            selection.redundancy = .init(threshold: threshold, method: method, linkage: linkage)
        }
        if let n = f.values["mutualInformation"] {
            let g = try YAMLFields(n, file: file, prefix: "features.mutualInformation", known: ["top", "bins"])
            guard let top = try g.integer("top", in: 1...100_000) else { throw g.fail("top", "missing: how many features to keep") }
            selection.mutualInformation = .init(top: top, bins: try g.integer("bins", in: 2...1000) ?? 10)
        }
    }
}
