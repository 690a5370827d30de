import Yams

/// The `evaluation:` section: the thresholds of the decision and clinical impact curves, the risk groups of the
/// calibration curves and the Hosmer–Lemeshow test, and the risk categories of the NRI. Every key is optional.
///
/// ```yaml
/// evaluation:
///   dca: {from: 0, to: 0.99, by: 0.01}   # threshold probabilities, R's seq(from, to, by); default 0, 0.01, …, 0.99
///   calibration: {groups: 10, bootstrap: 1000}
///                                        # groups: quantile groups of predicted risk (hoslem.test's g); default 10
///                                        # bootstrap: B of the combined model's (the nomogram's lrm) bootstrap
///                                        # optimism-corrected calibration curve on the training cohort, as
///                                        # set.seed(s); rms::calibrate(fit, method = "boot", B); 0 or absent: none;
///                                        # needs `clinical:`. s: the low 31 bits of JobSeed(study seed,
///                                        # "calibration:combined") (`NomogramCalibration.rSeed`)
///   ci: delong                           # the AUC 95% CI of the performance table's main column for the rad-score
///                                        # rows: delong (default) or bootstrap (the stratified percentile interval of
///                                        # `model.bootstrap`, on the training and validation cohorts; a row without
///                                        # bootstrap replicates falls back to DeLong and its CI method says so)
///   nri: {categories: [0.3, 0.6]}        # categorical NRI with risk categories [0, 0.3), [0.3, 0.6), [0.6, 1];
///                                        # without it the NRI is the continuous (category-free) one
/// ```
public struct EvaluationSpec: Sendable, Equatable {
    /// Threshold probabilities of the decision and clinical impact curves (rmda's rule: high risk = risk > pt).
    public var thresholds: [Double]
    public var calibrationGroups: Int
    /// Inner cut-offs of the NRI risk categories (ascending, in (0, 1)); nil: continuous NRI.
    public var nriCategories: [Double]?
    /// B of the combined model's bootstrap calibration curve (`evaluation.calibration.bootstrap`); 0: none.
    public var calibrationBootstrap = 0
    /// Which AUC 95% CI the performance table's main column shows (`evaluation.ci`).
    public enum AUCInterval: String, Sendable, Equatable, CaseIterable { case delong, bootstrap }
    public var ci: AUCInterval = .delong

    public static let keys: Set<String> = ["dca", "calibration", "nri", "ci"]
    public static let maxCalibrationBootstrap = 100_000
    /// 0, 0.01, …, 0.99 (as i / 100).
    public static let defaultThresholds = (0..<100).map { Double($0) / 100 }
    public static let maxThresholds = 10_000

    public init(thresholds: [Double] = EvaluationSpec.defaultThresholds, calibrationGroups: Int = 10, nriCategories: [Double]? = nil) {
        self.thresholds = thresholds
        self.calibrationGroups = calibrationGroups
        self.nriCategories = nriCategories
    }

    /// The NRI's category bounds for Statistics' `Reclassification`: 0, the inner cut-offs, 1.
    public var nriCutoffs: [Double]? { nriCategories.map { [0] + $0 + [1] } }

    init(_ node: Node, file: String) throws(StudyError) {
        self.init()
        let f = try YAMLFields(node, file: file, prefix: "evaluation", known: Self.keys)
        if let n = f.values["dca"] {
            let g = try YAMLFields(n, file: file, prefix: "evaluation.dca", known: ["from", "to", "by"])
            let from = try g.number("from", in: 0...0.999999) ?? 0
            let to = try g.number("to", in: 0...0.999999) ?? 0.99
            let by = try g.number("by", in: 1e-6...1) ?? 0.01
            guard to > from else { throw g.fail("to", "must be above from (\(from)), got \(to)") }
            // R's seq.default(from, to, by): from + (0:n) * by, n = floor((to - from) / by + 1e-10).
            let count = Int(((to - from) / by + 1e-10).rounded(.down)) + 1
            guard count <= Self.maxThresholds else { throw g.fail("by", "gives \(count) thresholds; at most \(Self.maxThresholds)") }
            thresholds = (0..<count).map { from + Double($0) * by }
        }
        if let n = f.values["calibration"] {
            let g = try YAMLFields(n, file: file, prefix: "evaluation.calibration", known: ["groups", "bootstrap"])
            calibrationGroups = try g.integer("groups", in: 2...100) ?? 10
            calibrationBootstrap = try g.integer("bootstrap", in: 0...Self.maxCalibrationBootstrap) ?? 0
        }
        if let text = try f.text("ci") {
            guard let method = AUCInterval(rawValue: text.lowercased()) else {
                throw f.fail("ci", "must be delong or bootstrap, got '\(text)'")
            }
            ci = method
        }
        if let n = f.values["nri"] {
            let g = try YAMLFields(n, file: file, prefix: "evaluation.nri", known: ["categories"])
            guard let node = g.values["categories"] else { throw g.fail("categories", "missing: the risk cut-offs, e.g. [0.3, 0.6]") }
            let items: [Node] = node.sequence.map { Array($0) } ?? [node]
            var cuts: [Double] = []
            for item in items {
                let text = item.scalar?.string ?? ""
                guard let x = Double(text), x > 0, x < 1 else { throw g.fail("categories", "each cut-off is a risk in (0, 1), got '\(text)'") }
                guard cuts.last.map({ x > $0 }) ?? true else { throw g.fail("categories", "cut-offs must be in ascending order without repeats") }
                cuts.append(x)
            }
            guard !cuts.isEmpty else { throw g.fail("categories", "give at least one cut-off") }
            nriCategories = cuts
        }
    }
}
