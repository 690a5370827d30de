/// A baseline-characteristics table ("table 1") of subjects split into groups (cohorts, or outcome
/// yes/no): per continuous variable one row with "mean ± SD" or "median (Q1, Q3)" per group and the
/// test's p-value; per categorical variable one row carrying the p-value, then one row per level with
/// "n (%)" per group (percent of the group's non-missing values). Pure data: a CSV or report writer
/// prints `header` and each row's `fields`.
///
/// Tests (see `BaselineOptions`; t or rank test chosen by the caller, by Shapiro–Wilk or by skewness):
/// two groups → Welch / Student t, or Mann–Whitney U; more groups →
/// one-way ANOVA or Kruskal–Wallis; categorical → χ² (Yates for 2 × 2) or, when an expected count is
/// below `fisherBelowExpected`, Fisher's exact test. Each matches its R function (`TTest`, …).
public struct BaselineTable: Sendable {
    public let groups: [String]
    public let groupSizes: [Int]
    public let includesOverall: Bool
    public let rows: [BaselineRow]

    /// - Parameters:
    ///   - groupLabels: the group of each subject.
    ///   - groupOrder: the column order; nil sorts the labels (only listed groups are kept).
    ///   - variables: the columns, each with one value per subject.
    /// - Throws: `GroupTestError.lengthMismatch` when a variable's length differs from the labels';
    ///   test errors (e.g. a group with too few values) propagate.
    public init(groupLabels: [String], groupOrder: [String]? = nil, variables: [BaselineVariable],
                options: BaselineOptions = BaselineOptions()) throws {
        let order = groupOrder ?? Array(Set(groupLabels)).sorted()
        let groupIndex = groupLabels.map { order.firstIndex(of: $0) }
        groups = order
        groupSizes = order.indices.map { g in groupIndex.filter { $0 == g }.count }
        includesOverall = options.includeOverall
        var rows: [BaselineRow] = []
        for variable in variables {
            switch variable {
            case .numeric(let name, let values):
                guard values.count == groupLabels.count else {
                    throw GroupTestError.lengthMismatch(variable: name, values: values.count, labels: groupLabels.count)
                }
                let samples = order.indices.map { g in values.indices.filter { groupIndex[$0] == g && !values[$0].isNaN }.map { values[$0] } }
                rows.append(try Self.numericRow(name, samples, options))
            case .categorical(let name, let values, let levels):
                guard values.count == groupLabels.count else {
                    throw GroupTestError.lengthMismatch(variable: name, values: values.count, labels: groupLabels.count)
                }
                rows += try Self.categoricalRows(name, values, levels, groupIndex, order.count, options)
            }
        }
        self.rows = rows
    }

    /// Column names: Variable, Level, [Overall,] one per group "name (n = k)", p, Test.
    public var header: [String] {
        ["Variable", "Level"] + (includesOverall ? ["Overall (n = \(groupSizes.reduce(0, +)))"] : [])
            + zip(groups, groupSizes).map { "\($0) (n = \($1))" } + ["p", "Test"]
    }

    private static func numericRow(_ name: String, _ samples: [[Double]], _ o: BaselineOptions) throws -> BaselineRow {
        let parametric: Bool
        switch o.numericTest {
        case .welch, .student: parametric = true
        case .mannWhitney: parametric = false
        case .bySkewness(let limit): parametric = samples.allSatisfy { abs(Self.skewness($0)) <= limit }
        case .shapiroWilk(let alpha): parametric = samples.allSatisfy { ((try? ShapiroWilkTest($0))?.pValue ?? 0) > alpha }
        }
        let test: BaselineTest, p: Double
        if samples.count == 2 {
            if parametric {
                let student = o.numericTest == .student
                test = student ? .studentT : .welchT
                p = try TTest(samples[0], samples[1], varianceEqual: student).pValue
            } else {
                test = .mannWhitney
                p = try MannWhitneyTest(samples[0], samples[1]).pValue
            }
        } else {
            let x = samples.flatMap { $0 }
            let g = samples.indices.flatMap { i in Array(repeating: i, count: samples[i].count) }
            test = parametric ? .oneWayANOVA : .kruskalWallis
            p = parametric ? try OneWayANOVA(x, groups: g).pValue : try KruskalWallisTest(x, groups: g).pValue
        }
        let meanSD = o.numericSummary == .meanSD || (o.numericSummary == .followTest && parametric)
        let cell = { (s: [Double]) in meanSD ? Self.meanSD(s, o.decimals) : Self.medianIQR(s, o.decimals) }
        return BaselineRow(variable: name, level: nil, overall: o.includeOverall ? cell(samples.flatMap { $0 }) : nil,
                           cells: samples.map(cell), test: test, pValue: p,
                           formattedP: FixedFormat.pValue(p, decimals: o.pDecimals), note: nil)
    }

    private static func categoricalRows(_ name: String, _ values: [String?], _ given: [String]?, _ groupIndex: [Int?],
                                        _ groupCount: Int, _ o: BaselineOptions) throws -> [BaselineRow] {
        let levels = given ?? Array(Set(values.compactMap { $0 })).sorted()
        var counts = [[Int]](repeating: [Int](repeating: 0, count: groupCount), count: levels.count)
        for (v, g) in zip(values, groupIndex) {
            guard let v, let g, let l = levels.firstIndex(of: v) else { continue }
            counts[l][g] += 1
        }
        // Levels nobody has are shown but left out of the test (R's table would give a zero row).
        let tested = counts.filter { $0.contains { $0 > 0 } }
        var test: BaselineTest? = nil, p: Double? = nil, note: String? = nil
        if tested.count >= 2 && groupCount >= 2 && tested[0].indices.allSatisfy({ j in tested.contains { $0[j] > 0 } }) {
            let chi = try ChiSquareTest(tested, correct: o.yatesCorrection)
            test = .chiSquare
            p = chi.pValue
            if let limit = o.fisherBelowExpected, chi.expected.contains(where: { $0.contains { $0 < limit } }) {
                do {
                    p = try FisherExactTest(tested, tableLimit: o.fisherTableLimit).pValue
                    test = .fisher
                } catch GroupTestError.tooManyTables {
                    note = "Fisher enumeration over the table limit; chi-square used"
                }
            }
        } else {
            note = "fewer than two levels or groups with data; no test"
        }
        let groupTotals = (0..<groupCount).map { g in counts.reduce(0) { $0 + $1[g] } }
        let total = groupTotals.reduce(0, +)
        var rows = [BaselineRow(variable: name, level: nil, overall: o.includeOverall ? "" : nil,
                                cells: Array(repeating: "", count: groupCount), test: test, pValue: p,
                                formattedP: p.map { FixedFormat.pValue($0, decimals: o.pDecimals) } ?? "", note: note)]
        for (l, level) in levels.enumerated() {
            let cells = (0..<groupCount).map { Self.countPercent(counts[l][$0], groupTotals[$0], o.percentDecimals) }
            let overall = o.includeOverall ? Self.countPercent(counts[l].reduce(0, +), total, o.percentDecimals) : nil
            rows.append(BaselineRow(variable: name, level: level, overall: overall, cells: cells, test: nil, pValue: nil,
                                    formattedP: "", note: nil))
        }
        return rows
    }

    /// "mean ± SD" with R's mean and sd.
    static func meanSD(_ s: [Double], _ decimals: Int) -> String {
        FixedFormat.string(RSum.mean(s), decimals: decimals) + " ± " + FixedFormat.string(RSum.variance(s).squareRoot(), decimals: decimals)
    }

    /// "median (Q1, Q3)" with R's type-7 quantiles.
    static func medianIQR(_ s: [Double], _ decimals: Int) -> String {
        let q = Quantile.type7(s, [0.25, 0.5, 0.75])
        return FixedFormat.string(q[1], decimals: decimals) + " (" + FixedFormat.string(q[0], decimals: decimals) + ", "
            + FixedFormat.string(q[2], decimals: decimals) + ")"
    }

    /// "n (p%)"; "0 (NaN%)" is avoided: an empty group shows "0 (-)".
    static func countPercent(_ n: Int, _ total: Int, _ decimals: Int) -> String {
        guard total > 0 else { return "\(n) (-)" }
        return "\(n) (" + FixedFormat.string(100 * Double(n) / Double(total), decimals: decimals) + "%)"
    }

    /// Moment skewness g₁ = m₃ / m₂^(3/2), divisor n (0 for fewer than 3 values or no spread).
    static func skewness(_ s: [Double]) -> Double {
        guard s.count >= 3 else { return 0 }
        let m = RSum.mean(s)
        var m2 = RSum(), m3 = RSum()
        for v in s { let d = v - m; m2.add(d * d); m3.add(d * d * d) }
        let n = Double(s.count), v2 = m2.value / n
        guard v2 > 0 else { return 0 }
        return (m3.value / n) / (v2 * v2.squareRoot())
    }
}

/// One line of a `BaselineTable`.
public struct BaselineRow: Sendable, Equatable {
    /// The variable's name (repeated on its level rows).
    public let variable: String
    /// The category for a level row; nil on a variable's own row.
    public let level: String?
    /// The all-subjects cell when the table has one.
    public let overall: String?
    /// One cell per group, in the table's group order ("" on a categorical variable's own row).
    public let cells: [String]
    /// The test used (on the variable's own row).
    public let test: BaselineTest?
    public let pValue: Double?
    /// The p-value as printed ("<0.001", "0.042"); "" on level rows.
    public let formattedP: String
    /// Why the test differs from the rule, or why there is none.
    public let note: String?

    /// The printable fields in `BaselineTable.header` order.
    public var fields: [String] {
        [variable, level ?? ""] + (overall.map { [$0] } ?? []) + cells + [formattedP, test?.rawValue ?? ""]
    }
}
