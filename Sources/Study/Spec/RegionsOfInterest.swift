import Foundation
import Yams

/// One region of interest a study extracts and scores: its image and mask columns in the cohort CSV, its
/// PyRadiomics parameter file, and optionally a second reader's mask column (for the ICC step of `features:`).
///
/// The `rois:` section lists them in order; the first is the primary ROI (its jobs keep the single-ROI ids
/// `extract:<case>`, `fit:lasso`, …), every other ROI gets its own extraction jobs (`extract:<case>:<roi>`) and its
/// own cross-validated LASSO rad-score (`fit:lasso:<roi>`, `cvfold:lasso:<roi>:<k>`), which the combined model
/// takes as one more term — the tumour score and lymph-node score of seed 001.
///
/// ```yaml
/// rois:
///   tumour: {mask: mask, readerMask: mask_reader2}                 # image column defaults to `image`
///   node:   {image: node_image, mask: node_mask, params: node.yaml, readerMask: node_mask_reader2}
/// ```
/// Without `rois:` the study has one ROI, `tumour`, from the `image` and `mask` columns and `extraction.params`
/// (and `features.icc.readerMask` as its second reader). A second-reader cell left empty means that case was read
/// once; its reader-2 job is `extract:<case>:reader2` (primary ROI) or `extract:<case>:<roi>:reader2`.
public struct RegionOfInterest: Sendable, Equatable {
    public let name: String
    public let imageColumn: String
    public let maskColumn: String
    /// nil: PyRadiomics defaults (no parameter file).
    public let parameterFile: URL?
    public let readerMaskColumn: String?

    public static let keys: Set<String> = ["image", "mask", "params", "readerMask"]

    public init(name: String, imageColumn: String = "image", maskColumn: String = "mask", parameterFile: URL? = nil,
                readerMaskColumn: String? = nil) {
        self.name = name
        self.imageColumn = imageColumn
        self.maskColumn = maskColumn
        self.parameterFile = parameterFile
        self.readerMaskColumn = readerMaskColumn
    }

    /// The job-id suffix of this ROI's jobs: empty for the primary ROI (index 0), `:<name>` otherwise.
    public func suffix(index: Int) -> String { index == 0 ? "" : ":\(name)" }

    /// Parses `rois:`; `defaultParameters` is `extraction.params`, used by an ROI without `params`.
    static func parse(_ node: Node, file: String, defaultParameters: URL?, resolve: (String) -> URL) throws(StudyError) -> [RegionOfInterest] {
        guard let map = node.mapping, !map.isEmpty else {
            throw StudyError(file: file, key: "rois", reason: "must be a mapping of ROI names to {image, mask, params, readerMask}")
        }
        var out: [RegionOfInterest] = []
        for (k, v) in map {
            guard let name = k.string, !name.isEmpty,
                  name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") }) else {
                throw StudyError(file: file, key: "rois.\(k.string ?? "?")", reason: "an ROI name is letters, digits, '_' or '-'")
            }
            guard name != "reader2" else { throw StudyError(file: file, key: "rois.reader2", reason: "'reader2' is reserved for second-reader jobs") }
            guard !out.contains(where: { $0.name == name }) else { throw StudyError(file: file, key: "rois.\(name)", reason: "listed twice") }
            let f = try YAMLFields(v, file: file, prefix: "rois.\(name)", known: keys)
            guard let mask = try f.text("mask") else { throw f.fail("mask", "missing: the cohort column of this ROI's masks") }
            out.append(RegionOfInterest(name: name, imageColumn: try f.text("image") ?? "image", maskColumn: mask,
                                        parameterFile: try f.text("params").map(resolve) ?? defaultParameters,
                                        readerMaskColumn: try f.text("readerMask")))
        }
        return out
    }
}
