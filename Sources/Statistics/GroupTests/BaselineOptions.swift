/// One variable of a baseline ("table 1") table: a column of values, one per subject, in the order
/// of the group labels.
public enum BaselineVariable: Sendable {
    /// A continuous variable; NaN marks a missing value.
    case numeric(name: String, values: [Double])
    /// A categorical variable; nil marks a missing value. `levels` fixes the row order (and shows
    /// levels nobody has as 0 rows); nil lists the observed levels in ascending order.
    case categorical(name: String, values: [String?], levels: [String]? = nil)

    public var name: String {
        switch self {
        case .numeric(let name, _), .categorical(let name, _, _): return name
        }
    }
}

/// How a baseline table summarises and tests its variables.
public struct BaselineOptions: Sendable {
    /// The test for continuous variables.
    public enum NumericTest: Sendable, Equatable {
        /// Welch's t test (R's `t.test` default); one-way ANOVA for more than two groups.
        case welch
        /// Student's t test with pooled variance (`var.equal = TRUE`); one-way ANOVA for more than two groups.
        case student
        /// Mann–Whitney U (`wilcox.test`); Kruskal–Wallis for more than two groups.
        case mannWhitney
        /// The usual normality rule of clinical papers: Welch's t test (ANOVA) when every group passes
        /// R's `shapiro.test` (p > `alpha`), otherwise Mann–Whitney (Kruskal–Wallis). A group with
        /// fewer than 3 or more than 5000 values, or all values equal, counts as not normal.
        case shapiroWilk(alpha: Double)
        /// A simpler normality rule: Welch's t test (ANOVA) when every group's sample skewness
        /// g₁ = m₃ / m₂^(3/2) (moments about the mean, divisor n) has |g₁| ≤ `maxAbsSkewness`,
        /// otherwise Mann–Whitney (Kruskal–Wallis).
        case bySkewness(maxAbsSkewness: Double)
    }

    /// How continuous variables are shown.
    public enum NumericSummary: Sendable, Equatable {
        /// "mean ± SD" (R's `mean`, `sd`).
        case meanSD
        /// "median (Q1, Q3)" (R's `quantile`, type 7).
        case medianIQR
        /// "mean ± SD" when a t test / ANOVA was used, "median (Q1, Q3)" after a rank test.
        case followTest
    }

    public var numericTest: NumericTest = .welch
    public var numericSummary: NumericSummary = .followTest
    /// Fisher's exact test instead of χ² when some expected count is below this (papers: 5);
    /// nil always uses χ².
    public var fisherBelowExpected: Double? = 5
    /// Yates' correction for 2 × 2 χ² tests (R's `correct = TRUE`).
    public var yatesCorrection = true
    /// The largest r × c Fisher enumeration allowed; beyond it χ² is used and the row says so.
    public var fisherTableLimit = 20_000_000
    /// Decimals of means, SDs, medians and quartiles.
    public var decimals = 2
    /// Decimals of percentages.
    public var percentDecimals = 1
    /// Decimals of p-values ("<0.001" below 10^−pDecimals).
    public var pDecimals = 3
    /// Adds an "Overall" cell (all subjects) to each row.
    public var includeOverall = true

    public init() {}
}

/// The test behind a baseline-table p-value.
public enum BaselineTest: String, Sendable, CaseIterable {
    case welchT = "Welch t-test"
    case studentT = "Student t-test"
    case mannWhitney = "Mann-Whitney U test"
    case oneWayANOVA = "One-way ANOVA"
    case kruskalWallis = "Kruskal-Wallis test"
    case chiSquare = "Chi-square test"
    case fisher = "Fisher exact test"
}
