import Report
import Statistics
import Study

/// `evaluation.ci`: which AUC 95% CI the performance table's main "AUC (95% CI)" column shows. `delong` (default):
/// DeLong's interval on every row. `bootstrap`: the stratified percentile interval of the `bootstrap` jobs where
/// they ran (the rad-score on the training cohort and on each evaluation cohort); every other row keeps DeLong's
/// interval and its "CI method" says "DeLong (no bootstrap)". The bootstrap column shows that interval either way.
extension ModelEvaluation {
    static let bootstrapMethod = "Bootstrap (percentile)"
    static let fallbackMethod = "DeLong (no bootstrap)"

    func withChosenInterval(_ rows: [Performance]) -> [Performance] {
        guard aucInterval == .bootstrap else { return rows }
        return rows.map { p in
            let ci: (method: String, lower: Double, upper: Double)
            if let b = p.bootstrap { ci = (Self.bootstrapMethod, b.lower, b.upper) } else { ci = (Self.fallbackMethod, p.ci.lower, p.ci.upper) }
            return Performance(model: p.model, cohort: p.cohort, cases: p.cases, events: p.events, auc: p.auc, ci: ci,
                               bootstrap: p.bootstrap, metrics: p.metrics)
        }
    }

    /// The performance table's note on its intervals.
    var aucIntervalText: String {
        let replicates = bootstrap.map { "\($0.count) stratified replicates, percentile interval" }
        switch aucInterval {
        case .delong:
            return "AUC 95% CI by DeLong's method" + (replicates.map { "; bootstrap: \($0)" } ?? "")
        case .bootstrap:
            return "AUC 95% CI (main column) by the bootstrap" + (replicates.map { " (\($0))" } ?? "")
                + " where it ran — the rad-score on the training and evaluation cohorts — and by DeLong's method elsewhere (CI method column)"
        }
    }
}
