import Foundation

/// How the report prints numbers, as the papers' tables do: rates and AUCs with 3 decimals, an AUC with its
/// interval as "0.812 (0.760–0.864)", coefficients with 4 significant digits, p-values with 3 decimals or "<0.001".
/// Every printed number is one of these functions of a value in results.json, so a reader (or a test) can redo it.
public enum ReportNumber {
    /// `value` with exactly `decimals` decimals (C's "%.*f", R's `formatC(format = "f")`); "NA" when not finite.
    public static func fixed(_ value: Double, _ decimals: Int = 3) -> String {
        value.isFinite ? String(format: "%.\(decimals)f", value) : "NA"
    }

    /// "estimate (lower–upper)" with `decimals` decimals.
    public static func interval(_ estimate: Double, _ lower: Double, _ upper: Double, decimals: Int = 3) -> String {
        "\(fixed(estimate, decimals)) (\(fixed(lower, decimals))–\(fixed(upper, decimals)))"
    }

    /// `value` with `digits` significant digits (C's "%.*g": 0.01234, 1.234e-05); "NA" when not finite.
    public static func significant(_ value: Double, _ digits: Int = 4) -> String {
        value.isFinite ? String(format: "%.\(digits)g", value) : "NA"
    }

    /// A p-value: "<0.001" below 0.001, else 3 decimals.
    public static func pValue(_ p: Double) -> String {
        guard p.isFinite else { return "NA" }
        return p < 0.001 ? "<0.001" : fixed(p, 3)
    }
}
