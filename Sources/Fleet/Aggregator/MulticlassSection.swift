import CaseIO
import Foundation
import Report
import Statistics
import Study

/// results.json's `model.multiclass` and `model.deepFeatures`, the report's "Three-class outcome" section and its
/// tables (tables/multiclass_confusion.csv, multiclass_performance.csv, multiclass_coefficients.csv), and the
/// deep-feature note of the feature-selection section — all rendered from the same evaluated values.
enum MulticlassSection {

    /// The fields the model section gains from `deepFeatures:` and `multiclass:` (none without them).
    static func modelFields(_ e: ModelEvaluation) -> [(String, OrderedJSON)] {
        var fields: [(String, OrderedJSON)] = []
        if let deep = e.deepFeatures { fields.append(("deepFeatures", render(deep, selected: e.selected.map(\.name)))) }
        if let m = e.multiclass {
            switch m {
            case let .failure(why): fields.append(("multiclass", .object([("status", .string("not fitted: \(why.description)"))])))
            case let .success(m): fields.append(("multiclass", render(m)))
            }
        }
        return fields
    }

    static func render(_ d: DeepFeatureProjection, selected: [String]) -> OrderedJSON {
        .object([
            ("table", .string(d.spec.table.lastPathComponent)),
            ("columns", .integer(d.columns.count)),
            ("components", .integer(d.names.count)),
            ("scale", .bool(d.spec.scale)),
            ("trainingCases", .integer(d.trainingCases)),
            ("varianceExplained", .array(d.varianceExplained.map(ModelSection.finite))),
            ("totalVarianceExplained", ModelSection.finite(d.totalVarianceExplained)),
            ("selectedByLasso", .array(selected.filter { d.names.contains($0) }.map(OrderedJSON.string))),
            ("excluded", .array(d.excluded.map { .object([("id", .string($0.id)), ("reason", .string($0.reason))]) })),
        ])
    }

    static func render(_ m: MulticlassEvaluation) -> OrderedJSON {
        let fit = m.fit, levels = m.spec.levels
        var table: [OrderedJSON] = []
        let z = Normal.quantile(0.975)
        for (a, c) in fit.classes.enumerated() {
            for (j, term) in fit.columnNames.enumerated() {
                let b = fit.coefficients[a][j], se = fit.stdError[a][j]
                table.append(.object([
                    ("class", .string(levels[c])), ("term", .string(term)), ("estimate", ModelSection.finite(b)), ("stdError", ModelSection.finite(se)),
                    ("z", ModelSection.finite(fit.zValue[a][j])), ("pValue", ModelSection.finite(fit.pValue[a][j])), ("oddsRatio", ModelSection.finite(Foundation.exp(b))),
                    ("ciLower", ModelSection.finite(Foundation.exp(b - z * se))), ("ciUpper", ModelSection.finite(Foundation.exp(b + z * se))),
                ]))
            }
        }
        let cohorts: [OrderedJSON] = m.cohorts.map { c in
            let auc: [OrderedJSON] = zip(levels, c.auc).map { level, r in
                switch r {
                case let .failure(why): return .object([("class", .string(level)), ("status", .string("not evaluated: \(why.description)"))])
                case let .success(a):
                    return .object([("class", .string(level)), ("auc", .number(a.roc.auc)),
                                    ("ci", .object([("method", .string("delong")), ("lower", ModelSection.finite(a.delong.lower)),
                                                    ("upper", ModelSection.finite(a.delong.upper))]))])
                }
            }
            return .object([
                ("name", .string(c.name)), ("cases", .integer(c.caseIds.count)),
                ("classCounts", .object(levels.indices.map { k in (levels[k], OrderedJSON.integer(c.classes.filter { $0 == k }.count)) })),
                ("confusion", .object([("rows", .string("true class")), ("columns", .string("predicted class")),
                                       ("levels", .array(levels.map(OrderedJSON.string))),
                                       ("counts", .array(c.confusion.map { .array($0.map(OrderedJSON.integer)) }))])),
                ("accuracy", ModelSection.finite(c.accuracy)),
                ("auc", .array(auc)),
                ("macroAUC", c.macroAUC.map(ModelSection.finite) ?? .null),
                ("probabilities", .object(zip(c.caseIds, c.probabilities).map { ($0, OrderedJSON.array($1.map(ModelSection.finite))) })),
                ("predicted", .object(zip(c.caseIds, c.predicted).map { ($0, OrderedJSON.string(levels[$1])) })),
            ])
        }
        return .object([
            ("column", .string(m.spec.column)), ("levels", .array(levels.map(OrderedJSON.string))),
            ("reference", .string(levels[fit.reference])), ("predictors", .array(m.spec.predictors.map(OrderedJSON.string))),
            ("model", .string("baseline-category multinomial logit (nnet::multinom), fitted on the training cohort")),
            ("converged", .bool(fit.converged)), ("iterations", .integer(fit.iterations)),
            ("deviance", ModelSection.finite(fit.deviance)), ("aic", ModelSection.finite(fit.aic)),
            ("coefficients", .array(table)),
            ("cohorts", .array(cohorts)),
            ("excluded", .array(m.excluded.map { .object([("id", .string($0.id)), ("reason", .string($0.reason))]) })),
        ])
    }
}

extension MulticlassEvaluation {
    /// The confusion matrix of every cohort: one row per cohort and true class, one column per predicted class.
    var confusionTable: ReportTable {
        let levels = spec.levels
        var rows: [[String]] = []
        for c in cohorts {
            for (t, counts) in c.confusion.enumerated() {
                rows.append([c.name, levels[t]] + counts.map(String.init) + [String(counts.reduce(0, +))])
            }
        }
        return ReportTable(name: "multiclass_confusion", table: HTMLReport.Table(
            caption: "Confusion matrix of the \(levels.count)-class model (rows: true \(spec.column); columns: predicted, the class of highest "
                + "probability)",
            header: ["Cohort", "True class"] + levels.map { "Predicted \($0)" } + ["Total"], rows: rows, textColumns: 2))
    }

    /// Per cohort: cases, overall accuracy, each class's one-vs-rest AUC (95% CI, DeLong) and the macro-average AUC.
    var performanceTable: ReportTable {
        let rows = cohorts.map { c -> [String] in
            let aucs = c.auc.map { r -> String in
                guard case let .success(a) = r else { return "–" }
                return ReportNumber.interval(a.roc.auc, a.delong.lower, a.delong.upper)
            }
            return [c.name, String(c.caseIds.count), ReportNumber.fixed(c.accuracy)] + aucs + [c.macroAUC.map { ReportNumber.fixed($0) } ?? "–"]
        }
        return ReportTable(name: "multiclass_performance", table: HTMLReport.Table(
            caption: "\(spec.levels.count)-class model per cohort: overall accuracy, one-vs-rest AUC of each class's probability (95% CI, "
                + "DeLong) and the macro-average AUC; fitted on the training cohort",
            header: ["Cohort", "N", "Accuracy"] + spec.levels.map { "AUC \($0) vs rest (95% CI)" } + ["Macro AUC"], rows: rows, textColumns: 1))
    }

    /// The multinomial coefficients: per non-reference class, each term's coefficient, SE, z, p and OR (95% CI).
    var coefficientTable: ReportTable {
        let z = Normal.quantile(0.975)
        var rows: [[String]] = []
        for (a, c) in fit.classes.enumerated() {
            for (j, term) in fit.columnNames.enumerated() {
                let b = fit.coefficients[a][j], se = fit.stdError[a][j]
                rows.append(["\(spec.levels[c]) vs \(spec.levels[fit.reference])", term, ReportNumber.significant(b), ReportNumber.significant(se),
                             ReportNumber.fixed(fit.zValue[a][j], 2), ReportNumber.pValue(fit.pValue[a][j]),
                             term == "(Intercept)" ? "" : ReportNumber.interval(Foundation.exp(b), Foundation.exp(b - z * se), Foundation.exp(b + z * se))])
            }
        }
        return ReportTable(name: "multiclass_coefficients", table: HTMLReport.Table(
            caption: "Multinomial logit (baseline category \(spec.levels[fit.reference])): coefficients, Wald SE, z, p and odds ratios "
                + "(95% CI) per class",
            header: ["Class", "Term", "Coefficient", "SE", "z", "p", "OR (95% CI)"], rows: rows, textColumns: 2))
    }

    var tables: [ReportTable] { [confusionTable, performanceTable, coefficientTable] }
}

extension ReportDocument {
    /// The deep-feature note of the feature-selection section (nothing without `deepFeatures:`).
    func deepFeatureBlocks(_ e: ModelEvaluation) -> [HTMLReport.Block] {
        guard let d = e.deepFeatures else { return [] }
        let chosen = e.selected.filter { d.names.contains($0.name) }.count
        var blocks: [HTMLReport.Block] = [
            .paragraph("Deep features: PCA of the \(d.columns.count) columns of \(d.spec.table.lastPathComponent), fitted on the "
                + "\(d.trainingCases) training cases (centred\(d.spec.scale ? " and scaled" : "")); \(d.names.count) component(s) "
                + "\(d.names.first ?? "")…\(d.names.last ?? "") added to the radiomics features, explaining "
                + "\(ReportNumber.fixed(100 * d.totalVarianceExplained, 1))% of the training variance; the LASSO kept \(chosen) of them."),
        ]
        if !d.excluded.isEmpty {
            blocks.append(.details(summary: "\(d.excluded.count) case(s) left out of the models (no row in the deep-feature table)",
                                   items: d.excluded.map(\.reason)))
        }
        return blocks
    }

    /// The "Three-class outcome" section (nothing without `multiclass:`).
    func multiclassSections(_ e: ModelEvaluation) -> [HTMLReport.Section] {
        guard let outcome = e.multiclass else { return [] }
        let title = "Three-class outcome"
        switch outcome {
        case let .failure(why):
            return [.init(id: "multiclass", title: title, blocks: [.note("Multiclass model not fitted: \(why.description).")])]
        case let .success(m):
            var blocks: [HTMLReport.Block] = [
                .paragraph("Baseline-category multinomial logit of \(m.spec.column) (\(m.spec.levels.joined(separator: " / ")); reference "
                    + "\(m.spec.levels[m.fit.reference])) on \(m.spec.predictors.joined(separator: " + ")), fitted on the training cohort and "
                    + "applied with its coefficients to every cohort; the predicted class is the one of highest probability."),
            ]
            blocks += m.tables.map { .table($0.table) }
            if !m.excluded.isEmpty {
                blocks.append(.details(summary: "\(m.excluded.count) case(s) left out of the multiclass model", items: m.excluded.map(\.reason)))
            }
            return [.init(id: "multiclass", title: title, blocks: blocks)]
        }
    }
}

extension ModelEvaluation {
    /// Adds the parts of `deepFeatures:` and `multiclass:` to an evaluated model.
    mutating func addDeepFeaturesAndMulticlass(study: StudyFile, plan: StudyPlan) {
        deepFeatures = try? plan.deepFeatureProjection()
        guard let spec = study.multiclass else { return }
        multiclass = MulticlassEvaluation.evaluate(study: study, spec: spec, training: (caseIds, radScores),
                                                   others: cohorts.map { ($0.name, $0.caseIds, $0.radScores) })
    }
}
