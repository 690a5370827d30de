import Foundation
import Yams

/// A study file (YAML), minimal form for the fleet: which cohort, which PyRadiomics parameter file, which seed,
/// where the outputs go. Paths are relative to the study file. Unknown keys are errors that name the key.
///
/// ```yaml
/// name: demo-alnm
/// seed: 2026
/// cohort: cohort.csv          # id,image,mask[,spacing] + outcome and clinical columns
/// outcome: alnm
/// extraction:
///   params: params.yaml       # a PyRadiomics parameter file
///   clipPercentiles: [0.5, 99.5]   # optional (ClipPercentiles): clip each image to its percentiles first
/// output: results
/// cohorts: {column: cohort, training: training}   # optional (CohortSplit): fit on one cohort, evaluate all
/// features:                   # optional (FeatureReduction): ICC, redundancy, mutual information
///   redundancy: {method: hierarchical, threshold: 0.95}
/// rois:                       # optional (RegionOfInterest): more ROIs, each with its own rad-score, and second readers
///   tumour: {mask: mask, readerMask: mask_reader2}
///   node: {image: node_image, mask: node_mask, readerMask: node_mask_reader2}
/// clinical:                   # optional (ClinicalVariable): typed clinical columns
///   age: numeric
///   grade: {type: categorical, levels: ["1", "2", "3"], reference: "1"}
/// clinicalModel: {screen: 0.05, selection: backward, criterion: aic}   # optional (ClinicalModelSpec)
/// evaluation:                 # optional (EvaluationSpec): DCA thresholds, calibration groups, NRI categories
///   dca: {from: 0, to: 0.99, by: 0.01}
///   calibration: {groups: 10}
///   nri: {categories: [0.3, 0.6]}
///   ci: delong                # or bootstrap: the performance table's main AUC CI
/// model:                      # optional: a rad-score by cross-validated LASSO, evaluated (fleet jobs)
///   lasso:
///     folds: 5                # K folds drawn from the study seed, or
///     foldColumn: fold        # a cohort column of fold numbers 1…K
///     measure: deviance       # deviance | auc | class
///     alpha: 1                # 1 = LASSO, 0 < alpha < 1 elastic net
///     rule: lambda.min        # lambda.min | lambda.1se
///   bootstrap: 1000           # replicates of the rad-score's AUC CI (0: none)
///   bootstrapBlock: 100       # replicates per bootstrap job
///   svm:                      # optional: an SVM grid on the LASSO-selected features, same folds (see ModelSpec)
///     kernel: radial          # radial | linear
///     cost: [0.1, 1, 10]      # the grid: every cost with every gamma
///     gamma: [0.01, 0.1]      # radial only; default 1 / number of features
///     measure: auc            # CV AUC of the pooled held-out decision values
/// deepFeatures: {table: deep_features.csv, pca: 128, scale: true}   # optional (DeepFeatures): CNN features → PCs
/// multiclass: {column: n_stage, levels: [N0, N1-2, N3+], predictors: [rad_score]}   # optional (MulticlassSpec)
/// outputs: {figures: [roc, calibration], tables: all, report: true}   # optional (OutputSpec): default all
/// ```
public struct StudyFile: Sendable, Equatable {
    public let url: URL
    public let name: String
    public let seed: UInt64
    public let cohort: URL
    public let outcome: String?
    public let parameterFile: URL?
    public let output: URL
    public let model: ModelSpec?
    public let cohortSplit: CohortSplit?
    public let featureReduction: FeatureReduction?
    public let clinical: [ClinicalVariable]
    /// The regions of interest, primary first (one `tumour` ROI from `image`/`mask` without a `rois:` section).
    public let regions: [RegionOfInterest]
    public let outputs: OutputSpec
    /// `extraction.clipPercentiles` (ClipPercentiles): each image clipped to these percentiles before extraction.
    public let clipPercentiles: [Double]?
    /// How the clinical model is selected (defaults: screen 0.05, backward stepwise AIC).
    public let clinicalModel: ClinicalModelSpec
    /// DCA thresholds, calibration groups and NRI categories (defaults: today's).
    public let evaluation: EvaluationSpec

    public static let keys: Set<String> = ["name", "seed", "cohort", "outcome", "extraction", "output", "model", "cohorts", "features", "clinical",
                                           "rois", "outputs", "clinicalModel", "evaluation",
                                           "deepFeatures", "multiclass"]
    public static let extractionKeys: Set<String> = ["params", "clipPercentiles"]
    public let deepFeatures: DeepFeatures?
    public let multiclass: MulticlassSpec?

    public init(contentsOf url: URL) throws(StudyError) {
        let text: String
        do { text = try String(contentsOf: url, encoding: .utf8) } catch {
            throw StudyError(file: url.path, key: nil, reason: "cannot read the file")
        }
        try self.init(yaml: text, url: url)
    }

    public init(yaml: String, url: URL) throws(StudyError) {
        self.url = url
        let base = url.deletingLastPathComponent()
        let node: Node?
        do { node = try Yams.compose(yaml: yaml) } catch {
            throw StudyError(file: url.path, key: nil, reason: "not valid YAML (\(error))")
        }
        guard let root = node?.mapping else { throw StudyError(file: url.path, key: nil, reason: "a study file is a YAML mapping") }
        var values: [String: Node] = [:]
        for (k, v) in root {
            guard let key = k.string, Self.keys.contains(key) else {
                throw StudyError(file: url.path, key: k.string ?? "?", reason: "unknown key (known: \(Self.keys.sorted().joined(separator: ", ")))")
            }
            values[key] = v
        }
        func string(_ key: String, in map: [String: Node], prefix: String = "") throws(StudyError) -> String? {
            guard let n = map[key] else { return nil }
            guard let s = n.scalar?.string, !s.isEmpty else {
                throw StudyError(file: url.path, key: prefix + key, reason: "must be a non-empty text value")
            }
            return s
        }
        func resolve(_ path: String) -> URL { path.hasPrefix("/") ? URL(fileURLWithPath: path) : base.appendingPathComponent(path) }

        name = try string("name", in: values) ?? url.deletingPathExtension().lastPathComponent
        if let s = try string("seed", in: values) {
            guard let v = UInt64(s) else { throw StudyError(file: url.path, key: "seed", reason: "must be a whole number ≥ 0, got '\(s)'") }
            seed = v
        } else {
            seed = 1
        }
        guard let cohortPath = try string("cohort", in: values) else {
            throw StudyError(file: url.path, key: "cohort", reason: "missing: the cohort CSV (id,image,mask[,spacing], ...)")
        }
        cohort = resolve(cohortPath)
        outcome = try string("outcome", in: values)
        output = resolve(try string("output", in: values) ?? "results")
        if let ex = values["extraction"] {
            guard let map = ex.mapping else { throw StudyError(file: url.path, key: "extraction", reason: "must be a mapping") }
            var sub: [String: Node] = [:]
            for (k, v) in map {
                guard let key = k.string, Self.extractionKeys.contains(key) else {
                    throw StudyError(file: url.path, key: "extraction.\(k.string ?? "?")", reason: "unknown key (known: \(Self.extractionKeys.sorted().joined(separator: ", ")))")
                }
                sub[key] = v
            }
            parameterFile = try string("params", in: sub, prefix: "extraction.").map(resolve)
            clipPercentiles = try sub["clipPercentiles"].map { n throws(StudyError) in try ClipPercentiles.parse(n, file: url.path) }
        } else {
            parameterFile = nil
            clipPercentiles = nil
        }
        cohortSplit = try values["cohorts"].map { n throws(StudyError) in try CohortSplit(n, file: url.path) }
        let reduction = try values["features"].map { n throws(StudyError) in try FeatureReduction(n, file: url.path) }
        featureReduction = reduction
        regions = try Self.regions(values["rois"], reduction: reduction, parameterFile: parameterFile, file: url.path, resolve: resolve)
        clinical = try values["clinical"].map { n throws(StudyError) in try ClinicalVariable.parse(n, file: url.path) } ?? []
        outputs = try values["outputs"].map { n throws(StudyError) in try OutputSpec(n, file: url.path) } ?? .all
        clinicalModel = try values["clinicalModel"].map { n throws(StudyError) in try ClinicalModelSpec(n, file: url.path) } ?? ClinicalModelSpec()
        evaluation = try values["evaluation"].map { n throws(StudyError) in try EvaluationSpec(n, file: url.path) } ?? EvaluationSpec()
        deepFeatures = try values["deepFeatures"].map { n throws(StudyError) in try DeepFeatures(n, file: url.path, base: base) }
        let declared = clinical
        multiclass = try values["multiclass"].map { n throws(StudyError) in try MulticlassSpec(n, file: url.path, clinical: declared) }
        let needsModel = ["deepFeatures", "multiclass"].filter { values[$0] != nil }
        if let key = needsModel.first, values["model"] == nil {
            throw StudyError(file: url.path, key: key, reason: "needs the model: section (the rad-score and its cohorts)")
        }
        if let m = values["model"] {
            model = try ModelSpec(m, file: url.path)
            if outcome == nil { throw StudyError(file: url.path, key: "outcome", reason: "missing: a model needs the outcome column") }
        } else {
            model = nil
        }
    }
}

extension StudyFile {
    /// The ROIs of `rois:` (or the one default ROI), each with its second-reader column: the ROI's own
    /// `readerMask`, else — for the primary ROI — `features.icc.readerMask`. With `features.icc` every ROI needs one.
    static func regions(_ node: Node?, reduction: FeatureReduction?, parameterFile: URL?, file: String,
                        resolve: (String) -> URL) throws(StudyError) -> [RegionOfInterest] {
        var regions = try node.map { n throws(StudyError) in
            try RegionOfInterest.parse(n, file: file, defaultParameters: parameterFile, resolve: resolve)
        } ?? [RegionOfInterest(name: "tumour", parameterFile: parameterFile)]
        if let column = reduction?.readerMaskColumn {
            let primary = regions[0]
            if let own = primary.readerMaskColumn, own != column {
                throw StudyError(file: file, key: "features.icc.readerMask",
                                 reason: "'\(column)' differs from rois.\(primary.name).readerMask '\(own)'; give it in one place")
            }
            regions[0] = RegionOfInterest(name: primary.name, imageColumn: primary.imageColumn, maskColumn: primary.maskColumn,
                                          parameterFile: primary.parameterFile, readerMaskColumn: column)
        }
        if reduction?.selection.icc != nil, let r = regions.first(where: { $0.readerMaskColumn == nil }) {
            throw StudyError(file: file, key: node == nil ? "features.icc.readerMask" : "rois.\(r.name).readerMask",
                             reason: "missing: the ICC step needs the cohort column of the second reader's masks for ROI '\(r.name)'")
        }
        return regions
    }
}

/// A study file problem, naming the file and the key.
public struct StudyError: Error, Equatable, CustomStringConvertible {
    public let file: String
    public let key: String?
    public let reason: String

    public var description: String { "\(file): " + (key.map { "\($0): " } ?? "") + reason }
}
