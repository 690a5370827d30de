/// Which moves a stepwise search may make (R's `step(direction = …)`).
public enum StepDirection: String, Sendable, CaseIterable, Codable {
    case both, backward, forward
}

/// One accepted step: R's `step()$anova` row (`Step`, `Resid. Dev`, `Resid. Df`, `AIC`).
public struct StepRecord: Sendable, Equatable {
    /// "" for the start, "- term" or "+ term" afterwards (R's labels).
    public let change: String
    public let deviance: Double
    public let dfResidual: Int
    /// extractAIC(fit, k = k) after the step (for p-value steps: the model's AIC).
    public let aic: Double
}

/// The result of a stepwise search.
public struct StepwiseResult: Sendable {
    public let path: [StepRecord]
    /// Term indices (into the design) of the final model, in model order.
    public let terms: [Int]
    public let fit: LogisticFit
}

/// Stepwise selection by AIC with the semantics of R's `stats::step` on a `glm`:
/// - each round evaluates `drop1` (every term of the current model, in model order; backward and
///   both) and, unless some drop has zero df (an aliased term, dropped at once, the last such first),
///   `add1` (every term of `upper` not in the model, in `upper`'s order; forward and both);
/// - candidate AICs are computed as `add1.glm` / `drop1.glm` do: deviance + k·rank, shifted so the
///   current model's row equals `extractAIC(fit, k)`; rows with zero df are removed;
/// - the candidates are ordered by AIC with a stable sort (ties: `<none>` first, then drops before
///   adds, then term order); if `<none>` comes first the search stops;
/// - after a move, the search stops if the new AIC ≥ old AIC + 1e-7 (R keeps that last fit but
///   does not list it in the path; so do we).
/// `k = 2` is AIC, `k = log(n)` BIC. No lower scope: any term may be dropped.
public enum Stepwise {
    /// - Parameters:
    ///   - start: the starting model's terms (indices into `design.termNames`), e.g. all for backward,
    ///     none for forward.
    ///   - upper: terms forward steps may add (R's `scope`/`scope$upper`); default: `start`, as R
    ///     when `scope` is missing.
    public static func byAIC(_ design: DesignMatrix, outcome: [Double], start: [Int], upper: [Int]? = nil,
                             direction: StepDirection = .both, k: Double = 2, steps: Int = 1000) throws(LogisticError) -> StepwiseResult {
        guard k >= 0, k.isFinite else { throw .invalidParameter(name: "k", value: k) }
        let upper = upper ?? start
        let backward = direction != .forward, forward = direction != .backward
        let n = design.rows
        var current = start
        var fit = try LogisticRegression.fit(design, outcome: outcome, terms: current)
        var bAIC = fit.extractAIC(k: k)
        var path = [StepRecord(change: "", deviance: fit.deviance, dfResidual: n - fit.rank, aic: bAIC)]
        var remaining = steps
        struct Row { let change: String; let terms: [Int]; let df: Int?; let aic: Double }
        while remaining > 0 {
            remaining -= 1
            let aic = bAIC
            let shift = { (dev: Double, rank: Int) in fit.extractAIC(k: k) - (dev + k * Double(rank)) }
            var rows: [Row] = []
            var forced: Row?
            if backward && !current.isEmpty {
                let s = shift(fit.deviance, fit.rank)
                rows.append(Row(change: "<none>", terms: current, df: nil, aic: (fit.deviance + k * Double(fit.rank)) + s))
                for t in current {
                    let reduced = current.filter { $0 != t }
                    let f = try LogisticRegression.fit(design, outcome: outcome, terms: reduced)
                    let row = Row(change: "- " + design.termNames[t], terms: reduced, df: fit.rank - f.rank,
                                  aic: (f.deviance + k * Double(f.rank)) + s)
                    if row.df == 0 { forced = row }
                    rows.append(row)
                }
            }
            let chosen: Row
            if let forced {
                chosen = forced
            } else {
                let candidates = upper.filter { !current.contains($0) }
                if forward && !candidates.isEmpty {
                    // add1.glm refits the current model itself for its `<none>` row.
                    let none = try LogisticRegression.fit(design, outcome: outcome, terms: current)
                    let s = shift(none.deviance, none.rank)
                    if rows.isEmpty {
                        rows.append(Row(change: "<none>", terms: current, df: nil, aic: (none.deviance + k * Double(none.rank)) + s))
                    }
                    for t in candidates {
                        let f = try LogisticRegression.fit(design, outcome: outcome, terms: current + [t])
                        rows.append(Row(change: "+ " + design.termNames[t], terms: current + [t], df: f.rank - none.rank,
                                        aic: (f.deviance + k * Double(f.rank)) + s))
                    }
                }
                rows.removeAll { $0.df == 0 }
                guard !rows.isEmpty else { break }
                let best = rows.indices.min { a, b in rows[a].aic < rows[b].aic || (rows[a].aic == rows[b].aic && a < b) }!
                if best == 0 { break }
                chosen = rows[best]
            }
            current = chosen.terms
            fit = try LogisticRegression.fit(design, outcome: outcome, terms: current)
            bAIC = fit.extractAIC(k: k)
            if bAIC >= aic + 1e-7 { break }
            path.append(StepRecord(change: chosen.change, deviance: fit.deviance, dfResidual: n - fit.rank, aic: bAIC))
        }
        return StepwiseResult(path: path, terms: current, fit: fit)
    }
}
