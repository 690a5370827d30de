import Statistics
import Yams

/// The `model:` section of a study file: a rad-score by cross-validated LASSO logistic regression on the extracted
/// features, and a bootstrap of its AUC. Each part becomes fleet jobs (`fit`, `cvfold`, `bootstrap`).
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

    public static let keys: Set<String> = ["lasso", "bootstrap", "bootstrapBlock"]
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
