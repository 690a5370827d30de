/// Net reclassification improvement and integrated discrimination improvement of a new risk model over an old
/// one, as Hmisc::improveProb (Pencina et al. 2008) — which PredictABEL::reclassification calls for both
/// its categorical and its continuous NRI.
///
/// With d = new − old, events (na) and non-events (nb):
///
///     NRI = [P(up | event) − P(down | event)] − [P(up | non-event) − P(down | non-event)]
///     var(NRI_ev) = (up + down)/na² − (up − down)²/na³  (likewise for non-events), SE = √(var_ev + var_ne)
///     IDI = mean(d | event) − mean(d | non-event),  SE = √(var(d | event)/na + var(d | non-event)/nb)
///
/// z = estimate / SE, p = 2Φ(−|z|).
public struct ImprovementStatistics: Sendable, Equatable {
    public let n: Int, na: Int, nb: Int
    public let pupEv: Double, pupNe: Double, pdownEv: Double, pdownNe: Double
    public let nri: Double, seNri: Double, zNri: Double
    public let nriEv: Double, seNriEv: Double, zNriEv: Double
    public let nriNe: Double, seNriNe: Double, zNriNe: Double
    public let improveSens: Double, improveSpec: Double
    public let idi: Double, seIdi: Double, zIdi: Double

    public var pNri: Double { 2 * Normal.cdf(-abs(zNri)) }
    public var pIdi: Double { 2 * Normal.cdf(-abs(zIdi)) }

    /// - Parameters: old and new risks in [0, 1] (or category scores), 0/1 outcomes. Rows where any of the three
    ///   is NaN are dropped, as improveProb drops NA.
    public init(old x1In: [Double], new x2In: [Double], outcome yIn: [Double]) throws {
        guard x1In.count == x2In.count, x1In.count == yIn.count else { throw ClinicalStatisticsError.lengthMismatch(x1In.count, yIn.count) }
        let keep = yIn.indices.filter { !(x1In[$0] + x2In[$0] + yIn[$0]).isNaN }
        let x1 = keep.map { x1In[$0] }, x2 = keep.map { x2In[$0] }, y = keep.map { yIn[$0] }
        for (i, o) in y.enumerated() where o != 0 && o != 1 { throw ClinicalStatisticsError.outcomeNotBinary(row: keep[i], value: o) }
        guard y.contains(0), y.contains(1) else { throw ClinicalStatisticsError.singleClass }
        for (i, r) in (x1 + x2).enumerated() where !(r >= 0 && r <= 1) {
            throw ClinicalStatisticsError.riskOutOfRange(row: keep[i % keep.count], value: r)
        }
        let d = zip(x2, x1).map { $0 - $1 }
        let dEv = d.indices.filter { y[$0] == 1 }.map { d[$0] }
        let dNe = d.indices.filter { y[$0] == 0 }.map { d[$0] }
        n = y.count; na = dEv.count; nb = dNe.count
        let fa = Double(na), fb = Double(nb)
        let upEv = Double(dEv.filter { $0 > 0 }.count), downEv = Double(dEv.filter { $0 < 0 }.count)
        let upNe = Double(dNe.filter { $0 > 0 }.count), downNe = Double(dNe.filter { $0 < 0 }.count)
        pupEv = upEv / fa; pdownEv = downEv / fa; pupNe = upNe / fb; pdownNe = downNe / fb
        nriEv = pupEv - pdownEv
        let vEv = (upEv + downEv) / (fa * fa) - ((upEv - downEv) * (upEv - downEv)) / (fa * fa * fa)
        seNriEv = vEv.squareRoot(); zNriEv = nriEv / seNriEv
        nriNe = pdownNe - pupNe
        let vNe = (downNe + upNe) / (fb * fb) - ((downNe - upNe) * (downNe - upNe)) / (fb * fb * fb)
        seNriNe = vNe.squareRoot(); zNriNe = nriNe / seNriNe
        nri = pupEv - pdownEv - (pupNe - pdownNe)
        seNri = (vEv + vNe).squareRoot(); zNri = nri / seNri
        improveSens = RSum.of(dEv) / fa
        improveSpec = -RSum.of(dNe) / fb
        idi = RSum.mean(dEv) - RSum.mean(dNe)
        seIdi = (RSum.variance(dEv) / fa + RSum.variance(dNe) / fb).squareRoot()
        zIdi = idi / seIdi
    }
}

/// PredictABEL::reclassification: risk categories from `cutoffs` (intervals [c₀, c₁), …, [cₖ₋₁, cₖ], as
/// `cut(..., include.lowest = TRUE, right = FALSE)`; a risk outside them has no category and leaves the
/// categorical NRI), the reclassification tables, the categorical NRI (improveProb on category / k), and the
/// continuous (category-free) NRI and IDI (improveProb on the risks).
public struct Reclassification: Sendable {
    public let cutoffs: [Double]
    /// counts[old category][new category] among non-events, events and everyone.
    public let tableAbsent: [[Int]], tablePresent: [[Int]], tableAll: [[Int]]
    public let categorical: ImprovementStatistics
    public let continuous: ImprovementStatistics

    public init(old: [Double], new: [Double], outcome: [Double], cutoffs cutoffsIn: [Double]) throws {
        let cutoffs = cutoffsIn.sorted()
        guard cutoffs.count >= 2 else { throw ClinicalStatisticsError.invalidArgument("need at least two cut-offs (e.g. 0, 0.2, 0.4, 1)") }
        guard Set(cutoffs).count == cutoffs.count else { throw ClinicalStatisticsError.invalidArgument("cut-offs must be distinct") }
        guard old.count == new.count, old.count == outcome.count else { throw ClinicalStatisticsError.lengthMismatch(old.count, outcome.count) }
        let k = cutoffs.count - 1
        let c1 = old.map { Reclassification.category($0, cutoffs) }, c2 = new.map { Reclassification.category($0, cutoffs) }
        var absent = [[Int]](repeating: [Int](repeating: 0, count: k), count: k), present = absent, all = absent
        for i in outcome.indices {
            guard let a = c1[i], let b = c2[i] else { continue }
            all[a][b] += 1
            if outcome[i] == 1 { present[a][b] += 1 } else if outcome[i] == 0 { absent[a][b] += 1 }
        }
        self.cutoffs = cutoffs
        tableAbsent = absent; tablePresent = present; tableAll = all
        let score = { (c: Int?) -> Double in c.map { Double($0 + 1) * (1 / Double(k)) } ?? .nan }
        categorical = try ImprovementStatistics(old: c1.map(score), new: c2.map(score), outcome: outcome)
        continuous = try ImprovementStatistics(old: old, new: new, outcome: outcome)
    }

    /// 0-based category of `r`: [cⱼ, cⱼ₊₁), the last interval closed; nil outside [c₀, cₖ] or NaN.
    static func category(_ r: Double, _ c: [Double]) -> Int? {
        guard r >= c[0], r <= c[c.count - 1] else { return nil }
        if r == c[c.count - 1] { return c.count - 2 }
        var j = 0
        while r >= c[j + 1] { j += 1 }
        return j
    }
}
