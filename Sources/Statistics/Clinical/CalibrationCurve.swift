/// The binned calibration curve: patients grouped at the quantiles of predicted risk (deciles by default), and
/// per group the mean predicted risk against the observed event rate.
///
/// Groups as ResourceSelection::hoslem.test forms them: breaks `unique(quantile(p, seq(0, 1, 1/g)))` (type 7),
/// intervals (b₀, b₁], …, closed on the left for the first (`cut(..., include.lowest = TRUE)`). Empty groups are
/// kept with count 0 and NaN means (R's NA).
public struct CalibrationCurve: Sendable {
    public let breaks: [Double]
    public let count: [Int]
    public let events: [Double]
    /// Mean predicted risk per group.
    public let predicted: [Double]
    /// Observed event rate per group.
    public let observed: [Double]

    public init(risk: [Double], outcome: [Double], groups: Int = 10) throws {
        guard risk.count == outcome.count, !risk.isEmpty else { throw ClinicalStatisticsError.lengthMismatch(risk.count, outcome.count) }
        guard groups >= 1 else { throw ClinicalStatisticsError.invalidArgument("groups must be at least 1") }
        let sorted = risk.sorted()
        var br: [Double] = []
        let by = 1 / Double(groups)
        for k in 0...groups {
            // seq(0, 1, 1/g) is k · (1/g), clamped at 1 (R's seq.default with `by`).
            let q = Quantile.type7(sorted: sorted, min(Double(k) * by, 1))
            if !br.contains(q) { br.append(q) }
        }
        let cells = max(br.count - 1, 1)
        var members = [[Int]](repeating: [], count: cells)
        for (i, r) in risk.enumerated() {
            // Index of the first break ≥ r gives the interval (b[j−1], b[j]]; the lowest break joins group 0.
            var j = 1
            while j < br.count - 1 && r > br[j] { j += 1 }
            members[max(j - 1, 0)].append(i)
        }
        breaks = br
        count = members.map(\.count)
        events = members.map { m in m.reduce(0.0) { $0 + outcome[$1] } }
        predicted = members.map { m in m.isEmpty ? .nan : RSum.mean(m.map { risk[$0] }) }
        observed = members.map { m in m.isEmpty ? .nan : RSum.mean(m.map { outcome[$0] }) }
    }
}




