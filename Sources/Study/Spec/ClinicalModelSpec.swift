import Statistics
import Yams

/// The `clinicalModel:` section: how the clinical model is built from the `clinical:` variables (fitted on the
/// training cohort; the combined model is its terms + the rad-score). All keys are optional; the defaults are the
/// seed papers' usual rule.
///
/// ```yaml
/// clinicalModel:
///   screen: 0.05          # univariable Wald p below which a variable enters the multivariable step (1: keep all)
///   selection: backward   # backward | forward | both | none (all screened variables, no stepwise step)
///   criterion: aic        # aic: R's step() on AIC; p: Wald p-value stepwise with the two thresholds below
///   enter: 0.05           # criterion p: a variable enters while its p < enter (forward, both)
///   stay: 0.05            # criterion p: a variable is dropped while its p > stay (backward, both)
/// ```
/// backward starts from every screened variable, forward from none (R: `step(glm(y ~ 1), scope = ~ screened,
/// direction = "forward")`), both from every screened variable by AIC, and from none with removal for p
/// (Statistics' `ClinicalModelSelection`).
public struct ClinicalModelSpec: Sendable, Equatable {
    public var selection: ClinicalModelSelection.Spec

    public static let keys: Set<String> = ["screen", "selection", "criterion", "enter", "stay"]

    public init(selection: ClinicalModelSelection.Spec = .init()) {
        self.selection = selection
    }

    /// "backward stepwise AIC", "forward stepwise (Wald p, enter 0.05, stay 0.05)", "no stepwise step": for captions.
    public var description: String {
        guard let direction = selection.direction else { return "all screened variables, no stepwise step" }
        switch selection.criterion {
        case .aic: return "\(direction.rawValue) stepwise AIC"
        case let .pValue(enter, stay):
            let thresholds: String
            switch direction {
            case .backward: thresholds = "stay p ≤ \(stay)"
            case .forward: thresholds = "enter p < \(enter)"
            case .both: thresholds = "enter p < \(enter), stay p ≤ \(stay)"
            }
            return "\(direction.rawValue) stepwise by Wald p (\(thresholds))"
        }
    }

    init(_ node: Node, file: String) throws(StudyError) {
        let f = try YAMLFields(node, file: file, prefix: "clinicalModel", known: Self.keys)
        var spec = ClinicalModelSelection.Spec()
        if let screen = try f.number("screen", in: 0...1) {
            guard screen > 0 else { throw f.fail("screen", "must be a p-value threshold in (0, 1] (1 keeps every variable)") }
            spec.screenThreshold = screen
        }
        if let text = try f.text("selection") {
            if text == "none" {
                spec.direction = nil
            } else {
                guard let d = StepDirection(rawValue: text) else { throw f.fail("selection", "must be backward, forward, both or none, got '\(text)'") }
                spec.direction = d
            }
        }
        let criterion = try f.text("criterion") ?? "aic"
        switch criterion {
        case "aic":
            for key in ["enter", "stay"] where f.values[key] != nil { throw f.fail(key, "applies to criterion: p only") }
        case "p":
            let enter = try f.number("enter", in: 0...1) ?? 0.05, stay = try f.number("stay", in: 0...1) ?? 0.05
            guard enter > 0 else { throw f.fail("enter", "must be in (0, 1]") }
            guard stay > 0 else { throw f.fail("stay", "must be in (0, 1]") }
            spec.criterion = .pValue(enter: enter, stay: stay)
        default:
            throw f.fail("criterion", "must be aic or p, got '\(criterion)'")
        }
        selection = spec
    }
}
