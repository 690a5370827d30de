import Foundation
import Statistics
import Study

/// One model's scores on one cohort, the unit every comparison and per-cohort curve is built from. `scores` are
/// the model's linear predictor (log-odds) — or, for a model that is not a risk model (an SVM's decision values),
/// any score with larger = outcome 1 and `isRisk` false, so it enters the DeLong tests but not the risk curves.
public struct ScoredModel: Sendable {
    public let model: String
    public let caseIds: [String]
    public let outcomes: [Int]
    public let scores: [Double]
    /// The scores are log-odds: plogis(score) is a predicted risk (calibration, HL, DCA, NRI, IDI).
    public let isRisk: Bool

    public init(model: String, caseIds: [String], outcomes: [Int], scores: [Double], isRisk: Bool = true) {
        self.model = model
        self.caseIds = caseIds
        self.outcomes = outcomes
        self.scores = scores
        self.isRisk = isRisk
    }

    public var risk: [Double] { scores.map { 1 / (1 + Foundation.exp(-$0)) } }

    /// This model and `other` on their common cases, in this model's order: (outcomes, own scores, other's scores).
    func paired(with other: ScoredModel) -> (ids: [String], outcomes: [Int], a: [Double], b: [Double]) {
        let index = Dictionary(other.caseIds.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        var ids: [String] = [], y: [Int] = [], a: [Double] = [], b: [Double] = []
        for (i, id) in caseIds.enumerated() {
            guard let j = index[id] else { continue }
            ids.append(id); y.append(outcomes[i]); a.append(scores[i]); b.append(other.scores[j])
        }
        return (ids, y, a, b)
    }
}

/// The seed papers' model comparisons, per cohort, for the models scored on it (`ScoredModel`s, in the order
/// given): DeLong's paired test between every pair of models on their common cases (pROC `roc.test(r1, r2, method =
/// "delong", paired = TRUE)`, both curves with direction "<"), and the NRI and IDI of a new risk model over an old
/// one (Hmisc::improveProb on plogis(score); the NRI categorical with the study's `evaluation.nri.categories`,
/// PredictABEL::reclassification, else continuous).
public struct ModelComparison: Sendable {
    public struct DeLong: Sendable {
        public let model1: String, model2: String
        public let cases: Int, events: Int
        public let test: Result<DeLongPairedTest, EvaluationError>
    }

    public struct Improvement: Sendable {
        public let newModel: String, oldModel: String
        public let cases: Int, events: Int
        /// The NRI (categorical when `categories` is set, else continuous) and the IDI, from improveProb.
        public let nri: Result<ImprovementStatistics, EvaluationError>
        public let idi: Result<ImprovementStatistics, EvaluationError>
        public let categories: [Double]?
    }

    public struct Cohort: Sendable {
        public let name: String
        public let models: [String]
        public let delong: [DeLong]
        public let improvements: [Improvement]
    }

    public let cohorts: [Cohort]
    /// The (new, old) model pairs of the NRI / IDI, when both are scored on a cohort.
    public static let improvementPairs = [("Combined", "Clinical"), ("Combined", "Rad-score"), ("Rad-score", "Clinical")]

    public init(cohorts: [(name: String, models: [ScoredModel])], nriCategories: [Double]?) {
        self.cohorts = cohorts.map { cohort in
            let models = cohort.models
            var delong: [DeLong] = []
            for i in models.indices {
                for j in models.indices where j > i {
                    delong.append(Self.delong(models[i], models[j]))
                }
            }
            let improvements: [Improvement] = Self.improvementPairs.compactMap { pair in
                guard let new = models.first(where: { $0.model == pair.0 && $0.isRisk }),
                      let old = models.first(where: { $0.model == pair.1 && $0.isRisk }) else { return nil }
                return Self.improvement(new: new, old: old, categories: nriCategories)
            }
            return Cohort(name: cohort.name, models: models.map(\.model), delong: delong, improvements: improvements)
        }
    }

    static func delong(_ a: ScoredModel, _ b: ScoredModel) -> DeLong {
        let p = a.paired(with: b)
        let events = p.outcomes.reduce(0, +)
        let test: Result<DeLongPairedTest, EvaluationError>
        if events == 0 || events == p.outcomes.count {
            test = .failure(EvaluationError("the common cases hold one outcome class only"))
        } else {
            do {
                let y = p.outcomes.map(Double.init)
                let ra = try ROCCurve(outcomes: y, scores: p.a, direction: .controlsBelowCases)
                let rb = try ROCCurve(outcomes: y, scores: p.b, direction: .controlsBelowCases)
                test = .success(try DeLongPairedTest(ra, rb))
            } catch {
                test = .failure(EvaluationError("\(error)"))
            }
        }
        return DeLong(model1: a.model, model2: b.model, cases: p.ids.count, events: events, test: test)
    }

    static func improvement(new: ScoredModel, old: ScoredModel, categories: [Double]?) -> Improvement {
        let p = new.paired(with: old)
        let y = p.outcomes.map(Double.init)
        let newRisk = p.a.map { 1 / (1 + Foundation.exp(-$0)) }, oldRisk = p.b.map { 1 / (1 + Foundation.exp(-$0)) }
        let idi: Result<ImprovementStatistics, EvaluationError>
        do { idi = .success(try ImprovementStatistics(old: oldRisk, new: newRisk, outcome: y)) } catch { idi = .failure(EvaluationError("\(error)")) }
        var nri = idi
        if let categories {
            do {
                nri = .success(try Reclassification(old: oldRisk, new: newRisk, outcome: y, cutoffs: [0] + categories + [1]).categorical)
            } catch {
                nri = .failure(EvaluationError("\(error)"))
            }
        }
        return Improvement(newModel: new.model, oldModel: old.model, cases: p.ids.count, events: p.outcomes.reduce(0, +),
                           nri: nri, idi: idi, categories: categories)
    }
}

extension ImprovementStatistics {
    /// Estimate ± z₀.₉₇₅ · SE, the 95% CI the papers print next to the NRI and the IDI.
    static let z975 = Normal.quantile(0.975)
    var nriInterval: (lower: Double, upper: Double) { (nri - Self.z975 * seNri, nri + Self.z975 * seNri) }
    var idiInterval: (lower: Double, upper: Double) { (idi - Self.z975 * seIdi, idi + Self.z975 * seIdi) }
}
