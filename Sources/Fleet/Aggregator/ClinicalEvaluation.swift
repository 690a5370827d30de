import CaseIO
import Foundation
import Statistics
import Study

/// The study's clinical model and its combined model with the rad-score, as the seed papers build them: every
/// clinical variable of the `clinical:` section screened by a univariable `glm` (Wald p < 0.05), the screened ones
/// reduced by backward stepwise AIC (`ClinicalModelSelection`, identical to R's glm + step; the study's
/// `clinicalModel:` changes the screen, the direction and the criterion), then the same terms
/// plus the rad-score in one `glm`. Both are fitted on the training cases whose clinical values are all valid, and
/// scored on every other cohort with the training coefficients; the rates use each model's training Youden cut-off.
public struct ClinicalEvaluation: Sendable {
    /// One model's predictions on one cohort.
    public struct Scored: Sendable {
        public let cohort: String
        public let caseIds: [String]
        public let outcomes: [Int]
        /// The linear predictor (log-odds) of each case.
        public let scores: [Double]
        public let discrimination: Result<CohortEvaluation.Discrimination, EvaluationError>
        public var events: Int { outcomes.reduce(0, +) }
    }

    /// A fitted model: its terms, `glm` coefficient table (OR with Wald 95% CI and p), and its scores per cohort
    /// (training first).
    public struct Model: Sendable {
        public let name: String
        public let fit: LogisticFit
        public let cutoff: Double
        public let cohorts: [Scored]
    }

    /// Univariable screen of every clinical variable, in the section's order.
    public let univariable: [ScreenedTerm]
    public let clinical: Model
    public let combined: Model
    /// Cases left out of the clinical models (a value missing or outside its levels), with the reason.
    public let excluded: [(id: String, reason: String)]
    /// How the clinical model was selected (the study's `clinicalModel:`).
    public var spec = ClinicalModelSpec()
    /// rms::nomogram of the combined model refitted by lrm on the training cases (`nomogramCaseIds`), or why not.
    public var nomogram: Result<LRMNomogram, EvaluationError> = .failure(EvaluationError("nomogram not computed"))
    public var nomogramCaseIds: [String] = []
    /// The bootstrap optimism-corrected calibration curve of the nomogram's lrm fit (`evaluation.calibration.bootstrap`;
    /// nil: not asked for), or why not.
    public var calibration: Result<NomogramCalibration, EvaluationError>? = nil
}

extension ClinicalEvaluation {
    static let radScoreTerm = "rad_score"

    /// Builds both models from the cohort file's clinical columns and the rad-scores (training and other cohorts).
    /// `regionScores`: each further ROI's rad-score by case id and its term name (`rad_score_<roi>`), which the
    /// combined model takes after `rad_score`; a case without one of them is left out of both models, with the reason.
    static func evaluate(study: StudyFile, variables: [ClinicalVariable], training: (ids: [String], outcomes: [Int], scores: [Double]),
                         others: [(name: String, ids: [String], outcomes: [Int], scores: [Double])],
                         regionScores: [(term: String, byId: [String: Double])] = []) -> Result<ClinicalEvaluation, EvaluationError> {
        do {
            let ids = try DataTable.textColumn("id", of: study.cohort)
            var valuesOf: [String: [String: String]] = [:]
            var excluded: [(id: String, reason: String)] = []
            var bad = Set<String>()
            for v in variables {
                let column = try DataTable.textColumn(v.name, of: study.cohort)
                for (row, reason) in v.check(ids: ids, values: column) where !bad.contains(ids[row]) {
                    bad.insert(ids[row])
                    excluded.append((ids[row], reason))
                }
                for (id, value) in zip(ids, column) { valuesOf[id, default: [:]][v.name] = value.trimmingCharacters(in: .whitespaces) }
            }
            let scored = Set(training.ids + others.flatMap(\.ids))
            for id in ids where scored.contains(id) && !bad.contains(id) {
                if let missing = regionScores.first(where: { $0.byId[id] == nil }) {
                    bad.insert(id)
                    excluded.append((id, "case '\(id)': no \(missing.term) (that ROI's extraction failed or a feature its score uses is missing)"))
                }
            }
            func design(_ caseIds: [String], scores: [Double]?) throws -> DesignMatrix {
                try DesignMatrix(predictors(caseIds, scores: scores), rows: caseIds.count)
            }
            func predictors(_ caseIds: [String], scores: [Double]?) -> [Predictor] {
                var predictors: [Predictor] = variables.map { v in
                    let column = caseIds.map { valuesOf[$0]?[v.name] ?? "" }
                    switch v.kind {
                    case .numeric: return .numeric(name: v.name, values: column.map { Double($0) ?? .nan })
                    case let .categorical(levels, reference):
                        return .categorical(name: v.name, levels: levels, codes: column.map { levels.firstIndex(of: $0) ?? -1 },
                                            reference: levels.firstIndex(of: reference) ?? 0)
                    }
                }
                if let scores {
                    predictors.append(.numeric(name: radScoreTerm, values: scores))
                    for r in regionScores { predictors.append(.numeric(name: r.term, values: caseIds.map { r.byId[$0] ?? .nan })) }
                }
                return predictors
            }
            func keep(_ ids: [String], _ outcomes: [Int], _ scores: [Double]) -> (ids: [String], outcomes: [Int], scores: [Double]) {
                let k = ids.indices.filter { !bad.contains(ids[$0]) }
                return (k.map { ids[$0] }, k.map { outcomes[$0] }, k.map { scores[$0] })
            }
            let train = keep(training.ids, training.outcomes, training.scores)
            guard Set(train.outcomes).count == 2 else { throw EvaluationError("the training cases with valid clinical values hold one outcome class only") }
            let y = train.outcomes.map(Double.init)
            let trainDesign = try design(train.ids, scores: train.scores)
            let clinicalTerms = Array(variables.indices)
            let selection = try ClinicalModelSelection.run(try design(train.ids, scores: nil), outcome: y, spec: study.clinicalModel.selection)
            let combinedTerms = selection.terms + Array(clinicalTerms.count...(clinicalTerms.count + regionScores.count))
            let combinedFit = try LogisticRegression.fit(trainDesign, outcome: y, terms: combinedTerms)

            func model(_ name: String, _ fit: LogisticFit, terms: [Int]) throws -> Model {
                func scored(_ cohort: String, _ set: (ids: [String], outcomes: [Int], scores: [Double]), cutoff: Double?) throws -> Scored {
                    let d = try design(set.ids, scores: set.scores)
                    let (x, names, _) = d.modelMatrix(terms: terms)
                    let beta = Dictionary(uniqueKeysWithValues: fit.coefficients.map { ($0.term, $0.estimate.isNaN ? 0 : $0.estimate) })
                    let n = set.ids.count
                    var lp = [Double](repeating: 0, count: n)
                    for (j, column) in names.enumerated() {
                        let b = beta[column] ?? 0
                        for i in 0..<n { lp[i] += b * x[j * n + i] }
                    }
                    let discrimination: Result<CohortEvaluation.Discrimination, EvaluationError>
                    if Set(set.outcomes).count == 2 {
                        discrimination = .success(try .init(outcomes: set.outcomes, scores: lp, cutoff: cutoff))
                    } else {
                        discrimination = .failure(EvaluationError("the cohort's cases hold one outcome class only"))
                    }
                    return Scored(cohort: cohort, caseIds: set.ids, outcomes: set.outcomes, scores: lp, discrimination: discrimination)
                }
                let trained = try scored("training", train, cutoff: nil)
                guard case let .success(d) = trained.discrimination else { throw EvaluationError("the \(name) model has no training ROC") }
                let cutoff = d.metrics.threshold
                let rest = try others.map { try scored($0.name, keep($0.ids, $0.outcomes, $0.scores), cutoff: cutoff) }
                return Model(name: name, fit: fit, cutoff: cutoff, cohorts: [trained] + rest)
            }
            var evaluation = ClinicalEvaluation(univariable: selection.univariable,
                                                clinical: try model("Clinical", selection.fit, terms: selection.terms),
                                                combined: try model("Combined", combinedFit, terms: combinedTerms),
                                                excluded: excluded)
            evaluation.spec = study.clinicalModel
            let all = predictors(train.ids, scores: train.scores)
            do {
                evaluation.nomogram = .success(try LRMNomogram(predictors: combinedTerms.map { all[$0] }, outcome: y))
            } catch let ClinicalStatisticsError.fitFailed(why) {
                evaluation.nomogram = .failure(EvaluationError("nomogram not computed: rms lrm fit of the combined model failed (\(why))"))
            } catch let ClinicalStatisticsError.invalidArgument(why) {
                evaluation.nomogram = .failure(EvaluationError("nomogram not computed: \(why)"))
            } catch {
                evaluation.nomogram = .failure(EvaluationError("nomogram not computed: \(error)"))
            }
            evaluation.nomogramCaseIds = train.ids
            if study.evaluation.calibrationBootstrap > 0 {
                evaluation.calibration = NomogramCalibration.evaluate(predictors: combinedTerms.map { all[$0] }, outcome: y,
                                                                      replicates: study.evaluation.calibrationBootstrap, studySeed: study.seed)
            }
            return .success(evaluation)
        } catch let e as EvaluationError {
            return .failure(e)
        } catch {
            return .failure(EvaluationError("\(error)"))
        }
    }
}
