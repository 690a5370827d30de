import CaseIO
import FleetProtocol
import Foundation
import Statistics

/// The stages after extraction, planned from stored results only — so a restarted coordinator plans exactly the
/// jobs it planned before, and nothing done is planned again:
/// 1. `extract:<case>` for every case (`StudyPlan.extractionJobs`);
/// 2. `fit:lasso` — the whole-data path on the extracted features;
/// 3. `cvfold:lasso:<k>` for k = 1…K — the folds of `cv.glmnet`;
/// 4. `bootstrap:radscore:<b>` — blocks of the rad-score's AUC bootstrap, and with `model.svm`, in the same stage,
///    `gridpoint:svm:<i>` — setting i of the SVM grid cross-validated on the LASSO-selected features over the
///    LASSO's folds (none when the LASSO selected no feature);
/// 5. `fit:svm` — the best grid setting (highest CV AUC, the first on ties) on every case, once every gridpoint
///    has a result.
/// `nextJobs(results:)` returns the next stage's jobs (all of them, done or not: adding is idempotent); an empty
/// answer, or only jobs already stored, means the study's jobs are all planned.
extension StudyPlan {
    public static let lassoFitId = "fit:lasso"
    public static func lassoFoldId(_ k: Int) -> String { "cvfold:lasso:\(k)" }
    public static func bootstrapId(_ b: Int) -> String { "bootstrap:radscore:\(b)" }
    public static let svmFitId = "fit:svm"
    public static func gridPointId(_ i: Int) -> String { "gridpoint:svm:\(i)" }

    /// Sequence numbers (leasing order) of the later stages, after every extraction job; bootstrap blocks
    /// (at most 1,000,000) before the gridpoints (at most 100 × 100), the SVM's fit last.
    static let fitSequence = 10_000_000, foldSequence = 10_000_100, bootstrapSequence = 11_000_000
    static let gridPointSequence = 12_000_000, svmFitSequence = 13_000_000

    public func nextJobs(results: [String: String]) throws -> [(job: Job, sequence: Int)] {
        guard let model = study.model else { return [] }
        let data = try modelData(results: results)
        guard Self.modelIneligibility(data) == nil else { return [] }
        let options = LassoOptions(alpha: model.alpha)
        guard let fitText = results[Self.lassoFitId] else {
            let input = LassoFitJobInput(data: data, options: options)
            return [(try job(Self.lassoFitId, .fit, input), Self.fitSequence)]
        }
        let full = try decode(LogisticLassoPath.self, fitText, job: Self.lassoFitId)
        let folds = Set(data.foldIDs).count
        let foldIds = (1...folds).map(Self.lassoFoldId)
        if foldIds.contains(where: { results[$0] == nil }) {
            return try (1...folds).map { k in
                let input = LassoFoldJobInput(data: data, options: options, measure: model.measure, full: full, fold: k)
                return (try job(Self.lassoFoldId(k), .cvfold, input), Self.foldSequence + k)
            }
        }
        guard model.bootstrap > 0 || model.svm != nil else { return [] }
        let model_ = try lassoModel(data: data, full: full, results: results)
        let seed = JobSeed.derive(studySeed: study.seed, jobId: "bootstrap:radscore")
        let blocks = stride(from: 0, to: model.bootstrap, by: model.bootstrapBlock).enumerated().map { b, first in
            (b, first, min(model.bootstrapBlock, model.bootstrap - first))
        }
        var stage = try blocks.map { b, first, count in
            let input = BootstrapJobInput(scores: model_.radScores, outcomes: data.outcomes, seed: seed, first: first, count: count)
            return (try job(Self.bootstrapId(b), .bootstrap, input), Self.bootstrapSequence + b)
        }
        if let svm = model.svm, let svmData = Self.svmData(data, model_) {
            let settings = SVMSetting.grid(svm)
            stage += try settings.enumerated().map { i, setting in
                let input = SVMGridPointJobInput(data: svmData, setting: setting, index: i)
                return (try job(Self.gridPointId(i), .gridpoint, input), Self.gridPointSequence + i)
            }
            if let best = try bestGridPoint(settings.count, results: results) {
                let input = SVMFitJobInput(data: svmData, setting: settings[best])
                stage.append((try job(Self.svmFitId, .fit, input), Self.svmFitSequence))
            }
        }
        return stage
    }

    /// The SVM's training data: the cases of `data` with the features the LASSO selected (non-zero coefficient
    /// at the chosen λ), in column order; nil when it selected none.
    public static func svmData(_ data: ModelData, _ lasso: LassoStudyModel) -> ModelData? {
        let selected = lasso.coefficients.beta.indices.filter { lasso.coefficients.beta[$0] != 0 }
        return selected.isEmpty ? nil : data.selecting(columns: selected)
    }

    /// The stored gridpoint outputs in grid order, or nil while any of the `count` has no result.
    public func gridPointOutputs(_ count: Int, results: [String: String]) throws -> [SVMGridPointJobOutput]? {
        var outputs: [SVMGridPointJobOutput] = []
        for i in 0..<count {
            guard let text = results[Self.gridPointId(i)] else { return nil }
            outputs.append(try decode(SVMGridPointJobOutput.self, text, job: Self.gridPointId(i)))
        }
        return outputs
    }

    /// The grid setting the SVM is refitted with: the highest CV AUC, the first in grid order on ties; nil while a
    /// gridpoint has no result.
    public func bestGridPoint(_ count: Int, results: [String: String]) throws -> Int? {
        guard let outputs = try gridPointOutputs(count, results: results) else { return nil }
        return SVMGrid.best(outputs.map(\.auc))
    }

    /// Why `data` cannot be modelled (too few cases or events for its folds), or nil when it can.
    public static func modelIneligibility(_ data: ModelData) -> String? {
        let folds = Set(data.foldIDs).count
        let events = data.outcomes.filter { $0 == 1 }.count, nonEvents = data.outcomes.count - events
        if data.features.isEmpty { return "no usable feature column (all constant or with missing values)" }
        if data.caseIds.count < 20 { return "\(data.caseIds.count) extracted training cases; a cross-validated model needs at least 20" }
        if min(events, nonEvents) < folds {
            return "\(min(events, nonEvents)) cases in the smaller outcome class for \(folds) folds; needs at least one per fold"
        }
        return nil
    }

    /// The model's training data: the cases whose extraction succeeded (cohort order), their outcome and fold.
    public func modelData(results: [String: String]) throws -> ModelData {
        guard let model = study.model else { throw StudyError(file: study.url.path, key: "model", reason: "no model section") }
        let cohort = study.cohort
        let training = try extractedCases(results: results).filter(\.training)
        let rows = training.map { (id: $0.id, names: $0.names, values: $0.values) }
        let outcomes = training.map(\.outcome)
        let ids = try DataTable.textColumn("id", of: cohort)
        guard Set(outcomes).count == 2 else {
            throw StudyError(file: cohort.path, key: study.outcome,
                             reason: "the extracted \(study.cohortSplit == nil ? "" : "training ")cases hold one outcome class only; a model needs both")
        }
        let folds: [Int]
        switch model.folds {
        case let .seeded(k):
            var g = SeededGenerator(seed: JobSeed.derive(studySeed: study.seed, jobId: "folds:lasso"))
            folds = lassoFoldIDs(count: rows.count, folds: min(k, rows.count), generator: &g)
        case let .column(name):
            let text = try DataTable.textColumn(name, of: cohort)
            var foldOf: [String: Int] = [:]
            for (i, (id, t)) in zip(ids, text).enumerated() {
                guard let k = Int(t.trimmingCharacters(in: .whitespaces)), k >= 1 else {
                    throw StudyError(file: cohort.path, key: name, reason: "line \(i + 2), case '\(id)': fold '\(t)' is not a number 1…K")
                }
                foldOf[id] = k
            }
            folds = rows.map { foldOf[$0.id] ?? 1 }
        }
        let usable = ModelData(rows: rows, outcomes: outcomes, foldIDs: folds)
        guard let reduction = study.featureReduction, !usable.features.isEmpty else { return usable }
        do { return try usable.reduced(by: reduction.selection) } catch {
            throw StudyError(file: study.url.path, key: "features", reason: "\(error)")
        }
    }

    /// One extracted case: its feature row, outcome, cohort name and whether it trains the models.
    public struct ExtractedCase: Sendable {
        public let id: String
        public let names: [String]
        public let values: [Double?]
        public let outcome: Int
        public let cohort: String
        public let training: Bool
    }

    /// The cases whose extraction succeeded, in cohort order, with their outcome and cohort (every case is
    /// `training` without a `cohorts:` section).
    public func extractedCases(results: [String: String]) throws -> [ExtractedCase] {
        guard let outcomeColumn = study.outcome else { throw StudyError(file: study.url.path, key: "outcome", reason: "missing") }
        let cohort = study.cohort
        let ids = try DataTable.textColumn("id", of: cohort)
        let outcomeText = try DataTable.textColumn(outcomeColumn, of: cohort)
        var outcomeOf: [String: Int] = [:]
        for (i, (id, text)) in zip(ids, outcomeText).enumerated() {
            guard let v = Int(text.trimmingCharacters(in: .whitespaces)), v == 0 || v == 1 else {
                throw StudyError(file: cohort.path, key: outcomeColumn, reason: "line \(i + 2), case '\(id)': outcome '\(text)' is not 0 or 1")
            }
            outcomeOf[id] = v
        }
        var cohortOf: [String: String] = [:]
        if let split = study.cohortSplit {
            let names = try split.cohorts(ids: ids, values: try DataTable.textColumn(split.column, of: cohort), file: cohort.path)
            cohortOf = Dictionary(zip(ids, names), uniquingKeysWith: { a, _ in a })
        }
        var out: [ExtractedCase] = []
        for c in manifest.cases {
            guard let text = results["extract:\(c.id)"] else { continue }
            let row: ExtractJobOutput
            do { row = try ExtractJobOutput(jsonText: text) } catch {
                throw StudyError(file: study.url.path, key: nil, reason: "result of job extract:\(c.id) is not usable: \(error)")
            }
            guard let outcome = outcomeOf[c.id] else {
                throw StudyError(file: cohort.path, key: outcomeColumn, reason: "case '\(c.id)' has no outcome")
            }
            let name = cohortOf[c.id] ?? "training"
            out.append(ExtractedCase(id: c.id, names: row.names, values: row.values, outcome: outcome, cohort: name,
                                     training: study.cohortSplit.map { name == $0.training } ?? true))
        }
        return try appendingDeepFeatures(out)
    }

    /// The cohorts the models are evaluated on but not fitted to (internal, external, prospective, …), each with
    /// its extracted cases, in order of first appearance in the cohort file.
    public func evaluationCohorts(results: [String: String]) throws -> [(name: String, cases: [ExtractedCase])] {
        var order: [String] = [], byName: [String: [ExtractedCase]] = [:]
        for c in try extractedCases(results: results) where !c.training {
            if byName[c.cohort] == nil { order.append(c.cohort) }
            byName[c.cohort, default: []].append(c)
        }
        return order.map { ($0, byName[$0]!) }
    }

    /// The cross-validated LASSO and its rad-score, from the `fit` and `cvfold` results.
    public func lassoModel(data: ModelData, full: LogisticLassoPath, results: [String: String]) throws -> LassoStudyModel {
        guard let model = study.model else { throw StudyError(file: study.url.path, key: "model", reason: "no model section") }
        let any = LassoFoldJobInput(data: data, options: LassoOptions(alpha: model.alpha), measure: model.measure, full: full, fold: 1)
        let plan = try any.plan()
        let folds = try (1...plan.foldCount).map { k in
            guard let text = results[Self.lassoFoldId(k)] else {
                throw StudyError(file: study.url.path, key: nil, reason: "job \(Self.lassoFoldId(k)) has no result (see failures)")
            }
            return try decode(LassoFoldLinks.self, text, job: Self.lassoFoldId(k))
        }
        let cv = try plan.combine(folds)
        let lambda = model.rule == "lambda.1se" ? cv.lambda1SE : cv.lambdaMin
        return LassoStudyModel(cv: cv, rule: model.rule, lambda: lambda, coefficients: cv.coefficients(at: lambda),
                               radScores: try cv.linearPredictor(data.matrix, lambda: lambda))
    }

    func job<T: Encodable>(_ id: String, _ kind: JobKind, _ input: T) throws -> Job {
        Job(id: id, kind: kind, seed: JobSeed.derive(studySeed: study.seed, jobId: id), input: try JSONValue(encoding: input))
    }

    func decode<T: Decodable>(_ type: T.Type, _ text: String, job: String) throws -> T {
        do { return try JSONDecoder().decode(T.self, from: Data(text.utf8)) } catch {
            throw StudyError(file: study.url.path, key: nil, reason: "result of job \(job) is not usable: \(error)")
        }
    }
}

/// The study's rad-score model: cross-validation, the chosen λ, its coefficients and each case's rad-score.
public struct LassoStudyModel: Sendable {
    public let cv: CrossValidatedLasso
    public let rule: String
    public let lambda: Double
    public let coefficients: LassoCoefficients
    public let radScores: [Double]
}
