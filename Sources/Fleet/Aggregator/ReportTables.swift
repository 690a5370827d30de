import CaseIO
import Report
import Statistics

/// The study's tables, shaped like the papers' (one value → one printed cell via `ReportNumber`), each written
/// as tables/<name>.csv and shown in report.html.
struct ReportTable {
    let name: String
    let table: HTMLReport.Table
}

extension ModelEvaluation {
    /// Selected features and coefficients, with the PyRadiomics name split into image type, class and feature.
    var selectedFeaturesTable: ReportTable {
        var rows = [["(Intercept)", "", "", "", ReportNumber.significant(intercept)]]
        for s in selected {
            let parts = s.name.split(separator: "_", maxSplits: 2).map(String.init)
            let (image, featureClass, feature) = parts.count == 3 ? (parts[0], parts[1], parts[2]) : ("", "", s.name)
            rows.append([s.name, image, featureClass, feature, ReportNumber.significant(s.coefficient)])
        }
        return ReportTable(name: "selected-features", table: HTMLReport.Table(
            caption: "Features kept by the LASSO at \(rule) = \(ReportNumber.significant(lambda)) and their coefficients "
                + "(rad-score = intercept + Σ coefficient × feature value)",
            header: ["Feature", "Image type", "Class", "Name", "Coefficient"], rows: rows, textColumns: 4))
    }

    /// Model performance, one row per model and cohort: AUC (95% CI), then ACC, SEN, SPE, PPV, NPV at the Youden
    /// cut-off of the training cohort.
    var performanceTable: ReportTable {
        let rows = performance.map { p -> [String] in
            let m = p.metrics
            return [p.model, p.cohort, "\(p.cases) (\(p.events))", ReportNumber.interval(p.auc, p.ci.lower, p.ci.upper), p.ci.method,
                    p.bootstrap.map { ReportNumber.fixed($0.lower) + "–" + ReportNumber.fixed($0.upper) } ?? "",
                    ReportNumber.fixed(m.threshold), ReportNumber.fixed(m.accuracy), ReportNumber.fixed(m.sensitivity),
                    ReportNumber.fixed(m.specificity), ReportNumber.fixed(m.ppv), ReportNumber.fixed(m.npv)]
        }
        return ReportTable(name: "model-performance", table: HTMLReport.Table(
            caption: "Model performance per cohort (ACC, SEN, SPE, PPV, NPV at the Youden cut-off of the training cohort)",
            header: ["Model", "Cohort", "N (events)", "AUC (95% CI)", "CI method", "AUC 95% CI (bootstrap)", "Cut-off",
                     "ACC", "SEN", "SPE", "PPV", "NPV"],
            rows: rows, textColumns: 2))
    }
}

extension SVMEvaluation {
    /// The SVM grid: each setting's cross-validated AUC (pooled held-out decision values) and per-fold AUCs.
    var gridTable: ReportTable {
        let rows = grid.enumerated().map { i, g -> [String] in
            [i == best ? "✓" : "", ReportNumber.significant(g.cost), g.gamma.map { ReportNumber.significant($0) } ?? "",
             ReportNumber.fixed(g.auc), g.foldAUC.map { $0.map { ReportNumber.fixed($0) } ?? "–" }.joined(separator: " ")]
        }
        return ReportTable(name: "svm-grid", table: HTMLReport.Table(
            caption: "SVM grid (\(spec.kernel.rawValue) kernel, e1071 scaling) on the \(features.count) LASSO-selected features, "
                + "\(Set(folds).count)-fold cross-validation with the LASSO's folds; ✓ the chosen setting",
            header: ["Chosen", "Cost", "γ", "CV AUC", "Fold AUCs"], rows: rows, textColumns: 1))
    }
}

extension ClinicalEvaluation {
    /// The papers' odds-ratio table: each variable's univariable p, then the clinical and the combined model's
    /// terms with OR (95% CI) and p.
    var oddsRatioTable: ReportTable {
        var rows = univariable.map { t in ["Univariable", t.term, "", ReportNumber.pValue(t.pValue) + (t.selected ? " ✓" : "")] }
        for m in [clinical, combined] {
            for k in m.fit.coefficients where k.term != "(Intercept)" {
                rows.append([m.name, k.term, ReportNumber.interval(k.oddsRatio, k.ciLower, k.ciUpper), ReportNumber.pValue(k.pValue)])
            }
        }
        return ReportTable(name: "clinical-models", table: HTMLReport.Table(
            caption: "Clinical variables: univariable screen (✓ p < \(ReportNumber.significant(spec.selection.screenThreshold))), then the "
                + "clinical model (\(spec.description)) and the combined model (its terms + rad-score), odds ratios with Wald 95% CI, "
                + "fitted on the training cohort",
            header: ["Model", "Term", "OR (95% CI)", "p"], rows: rows, textColumns: 2))
    }
}

enum ReportTables {
    /// What was left out of the study and why: failed jobs (a case whose image could not be read, …) and feature
    /// columns the model could not use.
    static func exclusions(failures: [JobFailure], droppedFeatures: [String], cases: [(id: String, reason: String)] = []) -> ReportTable {
        let jobs = failures.map { f -> [String] in
            let kind = f.jobId.hasPrefix("extract:") ? "case" : "job"
            let id = kind == "case" ? String(f.jobId.dropFirst("extract:".count)) : f.jobId
            return [kind, id, f.reason]
        }
        let features = droppedFeatures.map { ["feature", $0, "not offered to the LASSO: constant or missing in some case, or removed by the feature reduction"] }
        return ReportTable(name: "exclusions", table: HTMLReport.Table(
            caption: "Excluded cases, jobs and features, with the reason",
            header: ["Kind", "Id", "Reason"], rows: jobs + cases.map { ["case", $0.id, $0.reason] } + features, textColumns: 3))
    }
}
