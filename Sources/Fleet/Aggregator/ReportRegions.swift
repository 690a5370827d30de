import Report
import Statistics

extension RegionEvaluation {
    /// The further ROI's selected features and coefficients (tables/selected-features-<roi>.csv).
    var selectedFeaturesTable: ReportTable {
        let rows = [["(Intercept)", ReportNumber.significant(intercept)]] + selected.map { [$0.name, ReportNumber.significant($0.coefficient)] }
        return ReportTable(name: "selected-features-\(ReportFigure.slug(name))", table: HTMLReport.Table(
            caption: "ROI '\(name)': features kept by its LASSO at \(rule) = \(ReportNumber.significant(lambda)) and their coefficients "
                + "(\(label) = intercept + Σ coefficient × feature value)",
            header: ["Feature", "Coefficient"], rows: rows, textColumns: 1))
    }
}

extension ModelEvaluation {
    /// The tables of the further ROIs that were fitted.
    var regionTables: [ReportTable] { regions.compactMap { try? $0.get().selectedFeaturesTable } }
}

extension ReportDocument {
    /// "Further ROIs": per ROI its LASSO summary and selected features, or why it has no score. Its performance
    /// rows are in the performance table and its curves in the ROC figures.
    func regionSection(_ e: ModelEvaluation) -> HTMLReport.Section? {
        guard !e.regions.isEmpty else { return nil }
        var blocks: [HTMLReport.Block] = [.paragraph(
            "Each further region of interest has its own extraction, feature reduction and cross-validated LASSO (same folds and rule "
            + "as the primary ROI); its rad-score enters the combined model as one more term.")]
        for region in e.regions {
            switch region {
            case let .failure(why): blocks.append(.note(why.description))
            case let .success(r):
                var text = "ROI '\(r.name)': \(r.features.count) features of \(r.caseIds.count) training cases (\(r.events) with the outcome); "
                    + "λ.min = \(ReportNumber.significant(r.cv.lambdaMin)), λ.1se = \(ReportNumber.significant(r.cv.lambda1SE)); "
                    + "\(r.rule) keeps \(r.selected.count) feature(s)"
                if case let .success(d) = r.training {
                    text += "; training AUC \(ReportNumber.interval(d.roc.auc, d.delong.lower, d.delong.upper))"
                }
                if let steps = r.reduction { text += ". Reduction: " + steps.map { "\($0.features) \($0.step)" }.joined(separator: " → ") }
                blocks.append(.paragraph(text + "."))
                blocks.append(.table(r.selectedFeaturesTable.table))
            }
        }
        return .init(id: "regions", title: "Further regions of interest", blocks: blocks)
    }
}

extension ReportDocument {
    /// Why a cohort has no rad-score row (one outcome class, no case scored), and the cases of each cohort left out
    /// because a feature the model uses is missing for them.
    func cohortNotes(_ e: ModelEvaluation) -> [HTMLReport.Block] {
        var blocks: [HTMLReport.Block] = []
        for c in e.cohorts {
            if case let .failure(why) = c.discrimination {
                blocks.append(.note("Cohort '\(c.name)' (\(c.caseIds.count) scored case(s)): the rad-score is not evaluated there — \(why.description)."))
            }
            if !c.excluded.isEmpty {
                blocks.append(.details(summary: "\(c.excluded.count) case(s) of cohort '\(c.name)' left out of its evaluation",
                                       items: c.excluded.map { "\($0.id): \($0.reason)" }))
            }
        }
        return blocks
    }
}
