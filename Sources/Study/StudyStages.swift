import CaseIO
import FleetProtocol
import Foundation
import Statistics

/// The stages after extraction, planned from stored results only — so a restarted coordinator plans exactly the
/// jobs it planned before, and nothing done is planned again:
/// 1. `extract:<case>` for every case (`StudyPlan.extractionJobs`), and per further ROI and second reader;
/// 2. `fit:lasso` — the whole-data path on the extracted features (each further ROI: `fit:lasso:<roi>`);
/// 3. `cvfold:lasso:<k>` for k = 1…K — the folds of `cv.glmnet` (`cvfold:lasso:<roi>:<k>`); a further ROI's
///    rad-score ends here: it enters the combined model, not the bootstrap or SVM stages;
/// 4. `bootstrap:radscore:<b>` — blocks of the rad-score's AUC bootstrap, and with `model.svm`, in the same stage,
///    `gridpoint:svm:<i>` — setting i of the SVM grid cross-validated on the LASSO-selected features over the
///    LASSO's folds (none when the LASSO selected no feature);
///    and the rad-score's bootstrap blocks on each evaluation cohort k, `bootstrap:radscore:c<k>:<b>` (CohortBootstrapStage.swift);
/// 5. `fit:svm` — the best grid setting (highest CV AUC, the first on ties) on every case, once every gridpoint
///    has a result.
/// `nextJobs(results:)` returns the next stage's jobs (all of them, done or not: adding is idempotent); an empty
/// answer, or only jobs already stored, means the study's jobs are all planned.
extension StudyPlan {
    public static let lassoFitId = "fit:lasso"
    public static func lassoFoldId(_ k: Int) -> String { "cvfold:lasso:\(k)" }
    /// The LASSO job ids of ROI `region` (the primary ROI's are `lassoFitId` and `lassoFoldId(k)`).
    public func lassoFitId(region: Int) -> String { Self.lassoFitId + study.regions[region].suffix(index: region) }
    public func lassoFoldId(_ k: Int, region: Int) -> String {
        region == 0 ? Self.lassoFoldId(k) : "cvfold:lasso\(study.regions[region].suffix(index: region)):\(k)"
    }
    public static func bootstrapId(_ b: Int) -> String { "bootstrap:radscore:\(b)" }
    public static let svmFitId = "fit:svm"
    public static func gridPointId(_ i: Int) -> String { "gridpoint:svm:\(i)" }

    /// Sequence numbers (leasing order) of the later stages, after every extraction job; bootstrap blocks
    /// (at most 1,000,000) before the gridpoints (at most 100 × 100), the SVM's fit last.
    static let fitSequence = 10_000_000, foldSequence = 10_000_100, bootstrapSequence = 11_000_000
    static let gridPointSequence = 12_000_000, svmFitSequence = 13_000_000

    public func nextJobs(results: [String: String]) throws -> [(job: Job, sequence: Int)] {
        guard let model = study.model else { return [] }
        // Each further ROI's LASSO runs alongside the primary one (sequence numbers after the primary's stages). A
        // further ROI that cannot be modelled (its ICC subset too small, …) stops only itself: the aggregator
        // reports why (RegionEvaluation), from the same call.
        var others: [(job: Job, sequence: Int)] = []
        for region in study.regions.indices.dropFirst() {
            guard let data = try? modelData(results: results, region: region), Self.modelIneligibility(data) == nil else { continue }
            others += try lassoStage(model, data: data, region: region, results: results) ?? []
        }
        let data = try modelData(results: results)
        guard Self.modelIneligibility(data) == nil else { return others }
        if let stage = try lassoStage(model, data: data, region: 0, results: results) { return stage + others }
        let full = try decode(LogisticLassoPath.self, results[Self.lassoFitId]!, job: Self.lassoFitId)
        return try modelStage(model, data: data, full: full, results: results) + others
    }

    /// The next LASSO jobs of ROI `region` (`fit:lasso`, then its folds), or nil once every one has a result.
    func lassoStage(_ model: ModelSpec, data: ModelData, region: Int, results: [String: String]) throws -> [(job: Job, sequence: Int)]? {
        let options = LassoOptions(alpha: model.alpha)
        let offset = region * Self.regionSequenceStride
        let fitId = lassoFitId(region: region)
        guard let fitText = results[fitId] else {
            let input = LassoFitJobInput(data: data, options: options)
            return [(try job(fitId, .fit, input), Self.fitSequence + offset)]
        }
        let full = try decode(LogisticLassoPath.self, fitText, job: fitId)
        let folds = Set(data.foldIDs).count
        guard (1...folds).contains(where: { results[lassoFoldId($0, region: region)] == nil }) else { return nil }
        return try (1...folds).map { k in
            let input = LassoFoldJobInput(data: data, options: options, measure: model.measure, full: full, fold: k)
            return (try job(lassoFoldId(k, region: region), .cvfold, input), Self.foldSequence + offset + k)
        }
    }

    /// Sequence spacing of a further ROI's LASSO jobs (its fit and folds sit between the primary's folds and
    /// the bootstrap blocks).
    static let regionSequenceStride = 1_000

    /// The primary ROI's stages after its LASSO: the bootstrap blocks and the SVM grid, then the SVM's fit.
    func modelStage(_ model: ModelSpec, data: ModelData, full: LogisticLassoPath, results: [String: String]) throws -> [(job: Job, sequence: Int)] {
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
        stage += try cohortBootstrapJobs(data: data, model: model_, results: results)
        if let svm = model.svm, let svmData = Self.svmData(data, model_) {
            let settings = SVMSetting.grid(svm)
            stage += try settings.enumerated().map { i, setting in
                let input = SVMGridPointJobInput(data: svmData, setting: setting, index: i)
                return (try job(Self.gridPointId(i), .gridpoint, input), Self.gridPointSequence + i)
            }
            if let best = try bestGridPoint(settings.count, results: results) {
                let input = SVMFitJobInput(data: svmData, setting: settings[best],
                                           cohorts: try svmCohortRows(data: data, model: model_, results: results))
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

    /// The model's training data for ROI `region`: the cases whose extraction succeeded (cohort order), their
    /// outcome and fold, reduced by `features:` (the ICC step on this ROI's two readers).
    public func modelData(results: [String: String], region: Int = 0) throws -> ModelData {
        guard let model = study.model else { throw StudyError(file: study.url.path, key: "model", reason: "no model section") }
        let cohort = study.cohort
        let training = try extractedCases(results: results, region: region).filter(\.training)
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
        let readers = reduction.selection.icc == nil ? nil : try readerPairs(results: results, region: region, features: usable.features)
        do { return try usable.reduced(by: reduction.selection, readers: readers) } catch {
            throw StudyError(file: study.url.path, key: "features", reason: "ROI '\(study.regions[region].name)': \(error)")
        }
    }

    /// The ICC subset of ROI `region`: every case (any cohort) with both readers' extraction results, their two
    /// rows of `features` (cohort order). Fewer than two such cases is an error naming the reader column.
    public func readerPairs(results: [String: String], region: Int, features: [String]) throws -> (first: [[Double]], second: [[Double]]) {
        var first: [[Double]] = [], second: [[Double]] = []
        func row(_ id: String) throws -> [Double]? {
            guard let text = results[id] else { return nil }
            let out: ExtractJobOutput
            do { out = try ExtractJobOutput(jsonText: text) } catch {
                throw StudyError(file: study.url.path, key: nil, reason: "result of job \(id) is not usable: \(error)")
            }
            let index = Dictionary(out.names.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
            return features.map { name in index[name].flatMap { out.values[$0] } ?? .nan }
        }
        for t in targets where t.region == region && t.reader == 2 {
            guard let a = try row(extractId(caseId: t.caseId, region: region)), let b = try row(t.jobId) else { continue }
            first.append(a)
            second.append(b)
        }
        guard first.count >= 2 else {
            let column = study.regions[region].readerMaskColumn ?? "readerMask"
            throw StudyError(file: study.cohort.path, key: column,
                             reason: "ROI '\(study.regions[region].name)': \(first.count) case(s) extracted by both readers; the ICC needs at least 2")
        }
        return (first, second)
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

    /// The cases whose extraction of ROI `region` (reader 1) succeeded, in cohort order, with their outcome and
    /// cohort (every case is `training` without a `cohorts:` section).
    public func extractedCases(results: [String: String], region: Int = 0) throws -> [ExtractedCase] {
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
        if study.cohortSplit != nil { cohortOf = try study.cohortNames() }
        var out: [ExtractedCase] = []
        for c in manifest.cases {
            let jobId = extractId(caseId: c.id, region: region)
            guard let text = results[jobId] else { continue }
            let row: ExtractJobOutput
            do { row = try ExtractJobOutput(jsonText: text) } catch {
                throw StudyError(file: study.url.path, key: nil, reason: "result of job \(jobId) is not usable: \(error)")
            }
            guard let outcome = outcomeOf[c.id] else {
                throw StudyError(file: cohort.path, key: outcomeColumn, reason: "case '\(c.id)' has no outcome")
            }
            let name = cohortOf[c.id] ?? "training"
            out.append(ExtractedCase(id: c.id, names: row.names, values: row.values, outcome: outcome, cohort: name,
                                     training: study.cohortSplit.map { name == $0.training } ?? true))
        }
        return region == 0 ? try appendingDeepFeatures(out) : out
    }

    /// The cohorts the models are evaluated on but not fitted to (internal, external, prospective, …), each with
    /// its extracted cases, in order of first appearance in the cohort file.
    public func evaluationCohorts(results: [String: String], region: Int = 0) throws -> [(name: String, cases: [ExtractedCase])] {
        var order: [String] = [], byName: [String: [ExtractedCase]] = [:]
        for c in try extractedCases(results: results, region: region) where !c.training {
            if byName[c.cohort] == nil { order.append(c.cohort) }
            byName[c.cohort, default: []].append(c)
        }
        return order.map { ($0, byName[$0]!) }
    }

    /// The cross-validated LASSO and its rad-score, from the `fit` and `cvfold` results.
    public func lassoModel(data: ModelData, full: LogisticLassoPath, results: [String: String], region: Int = 0) throws -> LassoStudyModel {
        guard let model = study.model else { throw StudyError(file: study.url.path, key: "model", reason: "no model section") }
        let any = LassoFoldJobInput(data: data, options: LassoOptions(alpha: model.alpha), measure: model.measure, full: full, fold: 1)
        let plan = try any.plan()
        let folds = try (1...plan.foldCount).map { k in
            let id = lassoFoldId(k, region: region)
            guard let text = results[id] else {
                throw StudyError(file: study.url.path, key: nil, reason: "job \(id) has no result (see failures)")
            }
            return try decode(LassoFoldLinks.self, text, job: id)
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
