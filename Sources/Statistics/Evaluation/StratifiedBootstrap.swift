/// A stratified bootstrap for the fleet: replicate b resamples the m cases and the n controls with
/// replacement, drawing from its own generator `SeededGenerator(seed: seed, stream: b)` (cases first,
/// then controls, `uniform(below:)`), so replicate b is the same whatever job computes it:
/// `replicates(range:)` over 0..<1000 equals the concatenation of any split of that range, and
/// blocks of replicates can go to different workers and be merged by index.
///
/// Not R's stream (use `PROCBootstrap` to reproduce pROC under `set.seed`); the statistic on a
/// replicate is the same: `aucReplicates` is pROC's trapezoid AUC of the resampled curve with the
/// original direction, computed from multiplicities per tied-score group in O(m + n) without sorting.
public struct StratifiedBootstrap: Sendable, Equatable {
    public let caseCount: Int
    public let controlCount: Int
    public let seed: UInt64

    /// One replicate: indices into the cases and into the controls (with repetitions).
    public struct Sample: Sendable, Equatable {
        public let cases: [Int]
        public let controls: [Int]
    }

    public init(cases: Int, controls: Int, seed: UInt64) {
        precondition(cases > 0 && controls > 0, "a stratified bootstrap needs cases and controls")
        caseCount = cases
        controlCount = controls
        self.seed = seed
    }

    /// Replicate `b`'s resample.
    public func sample(_ b: Int) -> Sample {
        var g = SeededGenerator(seed: seed, stream: UInt64(b))
        let c = (0..<caseCount).map { _ in g.uniform(below: caseCount) }
        let k = (0..<controlCount).map { _ in g.uniform(below: controlCount) }
        return Sample(cases: c, controls: k)
    }

    /// The resamples of replicates `range` (same samples however the range is split).
    public func replicates(range: Range<Int>) -> [Sample] { range.map(sample) }

    /// Any statistic of each replicate in `range`.
    public func replicates(range: Range<Int>, statistic: (Sample) -> Double) -> [Double] {
        range.map { statistic(sample($0)) }
    }

    /// pROC's trapezoid AUC of each replicate of `curve` in `range` (curve's direction kept).
    public func aucReplicates(_ curve: ROCCurve, range: Range<Int>) -> [Double] {
        precondition(curve.cases.count == caseCount && curve.controls.count == controlCount, "curve does not match the bootstrap")
        let groups = curve.groups
        let m = caseCount, n = controlCount
        var caseCounts = [Int](repeating: 0, count: groups.values.count), controlCounts = caseCounts
        var out: [Double] = []
        out.reserveCapacity(range.count)
        groups.caseGroup.withUnsafeBufferPointer { caseGroup in
            groups.controlGroup.withUnsafeBufferPointer { controlGroup in
                for b in range {
                    for k in caseCounts.indices { caseCounts[k] = 0; controlCounts[k] = 0 }
                    var g = SeededGenerator(seed: seed, stream: UInt64(b))
                    for _ in 0..<m { caseCounts[Int(caseGroup[g.uniform(below: m)])] += 1 }
                    for _ in 0..<n { controlCounts[Int(controlGroup[g.uniform(below: n)])] += 1 }
                    out.append(groups.pROCAUC(caseCounts: caseCounts, controlCounts: controlCounts, m: m, n: n, direction: curve.direction))
                }
            }
        }
        return out
    }

    /// Percentile interval of the AUC over replicates 0..<count.
    public func aucInterval(_ curve: ROCCurve, count: Int, level: Double = 0.95) -> BootstrapInterval {
        BootstrapInterval(replicates: aucReplicates(curve, range: 0..<count), level: level)
    }
}
