import Statistics
import Yams

/// The `model:` section of a study file: a rad-score by cross-validated LASSO logistic regression on the extracted
/// features, a bootstrap of its AUC, and optionally an SVM grid on the LASSO-selected features. Each part becomes
/// fleet jobs (`fit`, `cvfold`, `bootstrap`, `gridpoint`).
///
/// ```yaml
/// model:
///   lasso: {folds: 5, measure: deviance, rule: lambda.min}
///   bootstrap: 1000
///   bootstrapBlock: 100
///   svm:                        # optional: e1071::svm C-classification (scale = TRUE) on the selected features
///     kernel: radial            # radial | linear
///     cost: [0.1, 1, 10]        # one number or a list (default 1)
///     gamma: [0.01, 0.1]        # radial only (default e1071's 1 / number of features); ignored for linear
///     measure: auc              # the grid's CV score: AUC of the pooled held-out decision values
/// ```
/// The grid is every cost with every gamma (cost outer, gamma inner), each setting scored over the LASSO's folds
/// (`gridpoint:svm:<i>`); the best (highest CV AUC, the first on ties) is refitted on all cases (`fit:svm`).
public struct ModelSpec: Sendable, Equatable {
    public enum FoldSource: Sendable, Equatable {
        /// K folds assigned from the study seed (balanced, shuffled; not R's `sample()`).
        case seeded(Int)
        /// Fold numbers 1…K from a cohort column.
        case column(String)
    }

    public var folds: FoldSource = .seeded(10)
    public var measure: LassoMeasure = .deviance
    public var alpha: Double = 1
    /// `lambda.min` or `lambda.1se`.
    public var rule: String = "lambda.min"
    public var bootstrap: Int = 1000
    public var bootstrapBlock: Int = 100
    /// The SVM grid; nil: no SVM.
    public var svm: SVMSpec? = nil

    public static let keys: Set<String> = ["lasso", "bootstrap", "bootstrapBlock", "svm"]
    public static let lassoKeys: Set<String> = ["folds", "foldColumn", "measure", "alpha", "rule"]

    public init() {}

    init(_ node: Node, file: String) throws(StudyError) {
        func fail(_ key: String, _ reason: String) -> StudyError { StudyError(file: file, key: key, reason: reason) }
        guard let map = node.mapping else { throw fail("model", "must be a mapping") }
        for (k, v) in map {
            guard let key = k.string, Self.keys.contains(key) else {
                throw fail("model.\(k.string ?? "?")", "unknown key (known: \(Self.keys.sorted().joined(separator: ", ")))")
            }
            switch key {
            case "bootstrap":
                guard let b = v.int, b >= 0, b <= 1_000_000 else { throw fail("model.bootstrap", "must be a whole number 0…1000000") }
                bootstrap = b
            case "bootstrapBlock":
                guard let b = v.int, b >= 1, b <= 100_000 else { throw fail("model.bootstrapBlock", "must be a whole number 1…100000") }
                bootstrapBlock = b
            case "svm":
                svm = try SVMSpec(v, file: file)
            default:
                guard let lasso = v.mapping else { throw fail("model.lasso", "must be a mapping") }
                for (lk, lv) in lasso {
                    guard let name = lk.string, Self.lassoKeys.contains(name) else {
                        throw fail("model.lasso.\(lk.string ?? "?")", "unknown key (known: \(Self.lassoKeys.sorted().joined(separator: ", ")))")
                    }
                    let text = lv.scalar?.string ?? ""
                    switch name {
                    case "folds":
                        guard let k = lv.int, (3...100).contains(k) else { throw fail("model.lasso.folds", "must be a whole number 3…100") }
                        folds = .seeded(k)
                    case "foldColumn":
                        guard !text.isEmpty else { throw fail("model.lasso.foldColumn", "must name a cohort column") }
                        folds = .column(text)
                    case "measure":
                        guard let m = LassoMeasure(rawValue: text) else {
                            throw fail("model.lasso.measure", "must be deviance, auc or class, got '\(text)'")
                        }
                        measure = m
                    case "alpha":
                        guard let a = Double(text), a > 0, a <= 1 else { throw fail("model.lasso.alpha", "must be in (0, 1]") }
                        alpha = a
                    default:
                        guard ["lambda.min", "lambda.1se"].contains(text) else { throw fail("model.lasso.rule", "must be lambda.min or lambda.1se, got '\(text)'") }
                        rule = text
                    }
                }
            }
        }
    }
}

/// `model.svm`: an SVM hyperparameter grid scored by cross-validation (see `ModelSpec`).
public struct SVMSpec: Sendable, Equatable {
    public enum Kernel: String, Sendable, Codable, CaseIterable { case radial, linear }

    public var kernel: Kernel = .radial
    public var costs: [Double] = [1]
    /// nil: e1071's default γ = 1 / (number of features).
    public var gammas: [Double]? = nil
    /// The CV score; only `auc` so far.
    public var measure: String = "auc"

    public static let keys: Set<String> = ["kernel", "cost", "gamma", "measure"]
    /// Most values in a `cost` or `gamma` list (the grid has at most 100 × 100 settings).
    public static let maxValues = 100

    public init(kernel: Kernel = .radial, costs: [Double] = [1], gammas: [Double]? = nil) {
        self.kernel = kernel
        self.costs = costs
        self.gammas = gammas
    }

    /// The grid of settings (cost outer, γ inner; one per cost for the linear kernel).
    public var grid: SVMGrid { SVMGrid(linear: kernel == .linear, costs: costs, gammas: gammas ?? [nil]) }

    init(_ node: Node, file: String) throws(StudyError) {
        func fail(_ key: String, _ reason: String) -> StudyError { StudyError(file: file, key: "model.svm.\(key)", reason: reason) }
        guard let map = node.mapping else { throw StudyError(file: file, key: "model.svm", reason: "must be a mapping") }
        /// One positive number or a non-empty list of them, without repeats.
        func positives(_ key: String, _ v: Node) throws(StudyError) -> [Double] {
            let items: [Node] = v.sequence.map { Array($0) } ?? [v]
            guard !items.isEmpty, items.count <= Self.maxValues else {
                throw fail(key, "must be a positive number or a list of 1…\(Self.maxValues) of them")
            }
            var out: [Double] = []
            for item in items {
                let text = item.scalar?.string ?? ""
                guard let x = Double(text), x.isFinite, x > 0 else {
                    throw fail(key, "must be a positive number or a list of them, got '\(item.scalar?.string ?? "a list or mapping")'")
                }
                guard !out.contains(x) else { throw fail(key, "lists \(text) twice") }
                out.append(x)
            }
            return out
        }
        for (k, v) in map {
            guard let key = k.string, Self.keys.contains(key) else {
                throw fail(k.string ?? "?", "unknown key (known: \(Self.keys.sorted().joined(separator: ", ")))")
            }
            let text = v.scalar?.string ?? ""
            switch key {
            case "kernel":
                guard let kernel = Kernel(rawValue: text) else { throw fail("kernel", "must be radial or linear, got '\(text)'") }
                self.kernel = kernel
            case "cost":
                costs = try positives("cost", v)
            case "gamma":
                gammas = try positives("gamma", v)
            default:
                guard text == "auc" else { throw fail("measure", "must be auc (the AUC of the pooled held-out decision values), got '\(text)'") }
                measure = text
            }
        }
    }
}
