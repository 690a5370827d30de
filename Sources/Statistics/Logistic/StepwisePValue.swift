/// Stepwise selection by Wald p-values, the rule of many radiomics papers (no R function: the
/// reference is written out in scripts/fixtures/stats_glm.R on top of `glm`). A term's p-value is
/// `LogisticFit.termPValue`: the z-test for one column, the Wald χ² (bᵀV⁻¹b, df = columns) for a
/// factor.
extension Stepwise {
    /// Backward elimination: refit, drop the term with the largest p (the first in model order on a
    /// tie) while that p > `threshold`.
    public static func backwardByPValue(_ design: DesignMatrix, outcome: [Double], start: [Int],
                                        threshold: Double) throws(LogisticError) -> StepwiseResult {
        try checkThreshold(threshold)
        var current = start
        var fit = try LogisticRegression.fit(design, outcome: outcome, terms: current)
        var path = [record("", fit, design.rows)]
        while !current.isEmpty {
            let p = current.indices.map { fit.termPValue($0) }
            guard let worst = p.indices.filter({ !p[$0].isNaN }).max(by: { p[$0] < p[$1] || (p[$0] == p[$1] && $0 > $1) }),
                  p[worst] > threshold else { break }
            let name = design.termNames[current[worst]]
            current.remove(at: worst)
            fit = try LogisticRegression.fit(design, outcome: outcome, terms: current)
            path.append(record("- " + name, fit, design.rows))
        }
        return StepwiseResult(path: path, terms: current, fit: fit)
    }

    /// Forward selection: among `candidates` not yet in the model (in their order), add the one whose
    /// p in the enlarged model is smallest (first on a tie) while that p < `threshold`.
    /// With `removal`, after each addition any term whose p rose above `removal` is dropped
    /// (largest first), the classic "stepwise (both)" rule; the search stops if a term would re-enter
    /// a model it was just removed from.
    public static func forwardByPValue(_ design: DesignMatrix, outcome: [Double], candidates: [Int],
                                       threshold: Double, removal: Double? = nil) throws(LogisticError) -> StepwiseResult {
        try checkThreshold(threshold)
        if let removal { try checkThreshold(removal) }
        var current: [Int] = []
        var fit = try LogisticRegression.fit(design, outcome: outcome, terms: current)
        var path = [record("", fit, design.rows)]
        var removed: Set<Int> = []
        var guardSteps = 4 * candidates.count + 4
        while guardSteps > 0 {
            guardSteps -= 1
            var best: (term: Int, p: Double, fit: LogisticFit)?
            for t in candidates where !current.contains(t) {
                let f = try LogisticRegression.fit(design, outcome: outcome, terms: current + [t])
                let p = f.termPValue(current.count)
                if !p.isNaN, best == nil || p < best!.p { best = (t, p, f) }
            }
            guard let b = best, b.p < threshold, !removed.contains(b.term) else { break }
            current.append(b.term); fit = b.fit
            path.append(record("+ " + design.termNames[b.term], fit, design.rows))
            guard let removal else { continue }
            while current.count > 1 {
                let p = current.indices.map { fit.termPValue($0) }
                guard let worst = p.indices.filter({ !p[$0].isNaN }).max(by: { p[$0] < p[$1] || (p[$0] == p[$1] && $0 > $1) }),
                      p[worst] > removal else { break }
                let t = current.remove(at: worst)
                removed.insert(t)
                fit = try LogisticRegression.fit(design, outcome: outcome, terms: current)
                path.append(record("- " + design.termNames[t], fit, design.rows))
            }
        }
        return StepwiseResult(path: path, terms: current, fit: fit)
    }

    static func checkThreshold(_ p: Double) throws(LogisticError) {
        guard p > 0 && p <= 1 else { throw .invalidParameter(name: "threshold", value: p) }
    }

    static func record(_ change: String, _ fit: LogisticFit, _ n: Int) -> StepRecord {
        StepRecord(change: change, deviance: fit.deviance, dfResidual: n - fit.rank, aic: fit.aic)
    }
}
