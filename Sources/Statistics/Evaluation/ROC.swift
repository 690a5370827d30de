/// Which side of a threshold counts as positive, as pROC's `direction`:
/// "<" (controls < cases): positive when score ≥ threshold; ">" (controls > cases): positive when
/// score ≤ threshold.
public enum ROCDirection: String, Sendable, Codable, CaseIterable {
    case controlsBelowCases = "<"
    case controlsAboveCases = ">"

    /// pROC's `direction = "auto"` (roc.default): "<" when median(controls) ≤ median(cases), else
    /// ">" — decided on medians, not on the AUC, so a weak score can get "<" and an AUC below ½.
    /// Medians as R's `median` (mean of the two middle values for an even count, R's `mean`).
    public static func auto(controls: [Double], cases: [Double]) -> ROCDirection {
        median(controls) <= median(cases) ? .controlsBelowCases : .controlsAboveCases
    }

    static func median(_ x: [Double]) -> Double {
        let s = x.sorted(), n = s.count
        if n % 2 == 1 { return s[n / 2] }
        return RSum.mean([s[n / 2 - 1], s[n / 2]])
    }
}

public enum ROCError: Error, Equatable, Sendable, CustomStringConvertible {
    case lengthMismatch(scores: Int, outcomes: Int)
    /// An outcome other than 0 or 1 (its index and value).
    case outcomeNotBinary(index: Int, value: Double)
    case noCases
    case noControls
    /// A NaN or infinite score (its index). pROC returns NaN for a curve with infinite scores.
    case nonFiniteScore(index: Int)

    public var description: String {
        switch self {
        case let .lengthMismatch(scores, outcomes): return "\(scores) scores for \(outcomes) outcomes"
        case let .outcomeNotBinary(index, value): return "outcome \(value) at row \(index + 1) is neither 0 nor 1"
        case .noCases: return "no cases (outcome 1): a ROC curve needs both outcome classes"
        case .noControls: return "no controls (outcome 0): a ROC curve needs both outcome classes"
        case let .nonFiniteScore(index): return "score at row \(index + 1) is not a finite number"
        }
    }
}

/// An empirical ROC curve exactly as `pROC::roc(response, predictor)` (pROC 1.18, levels 0 =
/// control, 1 = case) builds it:
///
/// - thresholds (roc.utils.thresholds): −∞, the midpoints (a + b)/2 of consecutive sorted unique
///   scores (a/2 + b/2 when |a + b|/2 > 1e100), +∞; a midpoint that rounds onto one of its two
///   neighbours is moved onto the upper one for "<" and onto the lower one for ">", so every
///   threshold still separates the same scores;
/// - sensitivities tp/m and specificities (n − fp)/n at each threshold (roc.utils.perfs.all.fast),
///   m cases and n controls;
/// - points ordered by increasing specificity (pROC's sort.roc): the first point is (se 1, sp 0)
///   at threshold −∞ for "<" (+∞ for ">"), so thresholds increase for "<" and decrease for ">";
/// - `auc`, pROC's trapezoid (`AUC.trapezoidAUC`), bit for bit.
///
/// The direction is pROC's "auto" unless given (`ROCDirection.auto`). Ties between cases and controls
/// make diagonal segments; their area is counted half, which is the Mann–Whitney AUC.
public struct ROCCurve: Sendable {
    public let controls: [Double]
    public let cases: [Double]
    public let direction: ROCDirection
    public let thresholds: [Double]
    public let sensitivities: [Double]
    public let specificities: [Double]
    public let auc: Double
    package let groups: ROCGroups

    /// The curve of `scores` against 0/1 `outcomes` (1 = case).
    public init(outcomes: [Double], scores: [Double], direction: ROCDirection? = nil) throws {
        guard outcomes.count == scores.count else { throw ROCError.lengthMismatch(scores: scores.count, outcomes: outcomes.count) }
        var controls: [Double] = [], cases: [Double] = []
        for (i, (y, s)) in zip(outcomes, scores).enumerated() {
            guard y == 0 || y == 1 else { throw ROCError.outcomeNotBinary(index: i, value: y) }
            guard s.isFinite else { throw ROCError.nonFiniteScore(index: i) }
            if y == 1 { cases.append(s) } else { controls.append(s) }
        }
        try self.init(controls: controls, cases: cases, direction: direction)
    }

    /// The curve of the two samples (controls' and cases' scores, in their own orders).
    public init(controls: [Double], cases: [Double], direction: ROCDirection? = nil) throws {
        guard !controls.isEmpty else { throw ROCError.noControls }
        guard !cases.isEmpty else { throw ROCError.noCases }
        if let i = controls.firstIndex(where: { !$0.isFinite }) { throw ROCError.nonFiniteScore(index: i) }
        if let i = cases.firstIndex(where: { !$0.isFinite }) { throw ROCError.nonFiniteScore(index: controls.count + i) }
        let dir = direction ?? .auto(controls: controls, cases: cases)
        let g = ROCGroups(cases: cases, controls: controls)
        self.controls = controls
        self.cases = cases
        self.direction = dir
        self.groups = g
        let points = g.pROCPoints(caseCounts: g.caseCounts, controlCounts: g.controlCounts, direction: dir)
        sensitivities = points.se
        specificities = points.sp
        let th = Self.pROCThresholds(g.values, direction: dir)
        thresholds = dir == .controlsBelowCases ? th : th.reversed()
        auc = AUC.trapezoidAUC(sensitivities: sensitivities, specificities: specificities)
    }

    /// pROC's roc.utils.thresholds over ascending unique values, in ascending order.
    static func pROCThresholds(_ u: [Double], direction: ROCDirection) -> [Double] {
        let g = u.count
        var th = [Double](repeating: 0, count: g + 1)
        th[0] = -.infinity
        th[g] = .infinity
        for k in 1..<max(g, 1) {
            let a = u[k - 1], b = u[k]
            let mid = (a + b) / 2
            th[k] = abs(mid) > 1e100 ? a / 2 + b / 2 : mid
            if direction == .controlsBelowCases, th[k] == a { th[k] = b }
            if direction == .controlsAboveCases, th[k] == b { th[k] = a }
        }
        return th
    }
}

/// The pooled sample grouped by tied score: the ascending unique values, each case's and control's
/// group, and how many cases and controls fall in each group. A bootstrap replicate only changes the
/// counts (multiplicities), so a resampled curve or AUC costs O(groups) without sorting again.
package struct ROCGroups: Sendable {
    package let values: [Double]
    package let caseGroup: [Int32]
    package let controlGroup: [Int32]
    package let caseCounts: [Int]
    package let controlCounts: [Int]

    package init(cases: [Double], controls: [Double]) {
        let m = cases.count
        let pooled = cases + controls
        let order = pooled.indices.sorted { pooled[$0] < pooled[$1] }
        var values: [Double] = []
        var groupOf = [Int32](repeating: 0, count: pooled.count)
        var caseCounts: [Int] = [], controlCounts: [Int] = []
        for i in order {
            if values.last != pooled[i] {
                values.append(pooled[i])
                caseCounts.append(0)
                controlCounts.append(0)
            }
            let g = values.count - 1
            groupOf[i] = Int32(g)
            if i < m { caseCounts[g] += 1 } else { controlCounts[g] += 1 }
        }
        self.values = values
        caseGroup = Array(groupOf[..<m])
        controlGroup = Array(groupOf[m...])
        self.caseCounts = caseCounts
        self.controlCounts = controlCounts
    }

    /// 2U, U = Σ over cases of (#controls strictly below + ½ #controls tied), for given multiplicities.
    @inline(__always)
    package func twiceMannWhitneyU(caseCounts: [Int], controlCounts: [Int]) -> Int {
        var below = 0, twiceU = 0
        for g in 0..<values.count {
            let nc = controlCounts[g]
            twiceU += caseCounts[g] * (2 * below + nc)
            below += nc
        }
        return twiceU
    }

    /// pROC's (se, sp) points for the given multiplicities, sorted by increasing specificity. Groups
    /// with no member are not thresholds of that sample and are skipped.
    package func pROCPoints(caseCounts: [Int], controlCounts: [Int], direction: ROCDirection) -> (se: [Double], sp: [Double]) {
        let m = caseCounts.reduce(0, +), n = controlCounts.reduce(0, +)
        var tp = m, fp = n
        var se = [Double(tp) / Double(m)], sp = [Double(n - fp) / Double(n)]
        forEachGroupFromAllPositive(direction) { g in
            let c = caseCounts[g], k = controlCounts[g]
            if c == 0 && k == 0 { return }
            tp -= c
            fp -= k
            se.append(Double(tp) / Double(m))
            sp.append(Double(n - fp) / Double(n))
        }
        return (se, sp)
    }

    /// pROC's trapezoid AUC (auc.roc) of the sample with the given multiplicities (m cases, n
    /// controls), summed in pROC's order without building the point arrays.
    @inline(__always)
    package func pROCAUC(caseCounts: [Int], controlCounts: [Int], m: Int, n: Int, direction: ROCDirection) -> Double {
        var tp = m, fp = n
        var se0 = 1.0, sp0 = Double(n - fp) / Double(n)
        var s = RSum()
        forEachGroupFromAllPositive(direction) { g in
            let c = caseCounts[g], k = controlCounts[g]
            if c == 0 && k == 0 { return }
            tp -= c
            fp -= k
            let se1 = Double(tp) / Double(m), sp1 = Double(n - fp) / Double(n)
            s.add((se1 + se0) / 2 * (sp1 - sp0))
            se0 = se1
            sp0 = sp1
        }
        return s.value
    }

    /// Visits the groups from the all-positive end of the curve: ascending scores for "<"
    /// (raising the threshold past each group), descending for ">".
    @inline(__always)
    private func forEachGroupFromAllPositive(_ direction: ROCDirection, _ body: (Int) -> Void) {
        if direction == .controlsBelowCases {
            for g in 0..<values.count { body(g) }
        } else {
            for g in stride(from: values.count - 1, through: 0, by: -1) { body(g) }
        }
    }
}
