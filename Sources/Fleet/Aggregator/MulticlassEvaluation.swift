import CaseIO
import Foundation
import Statistics
import Study

/// The study's multiclass outcome (`multiclass:`, e.g. N0 / N1–2 / N≥3 as in seed 004): a baseline-category
/// multinomial logit (`nnet::multinom`, first level the reference) on the rad-score and/or clinical variables, fitted
/// on the training cases and applied with the training coefficients to every cohort. Per cohort: the class
/// probabilities, the predicted class (highest probability; the first level on an exact tie), the confusion matrix,
/// the overall accuracy, each class's one-vs-rest AUC of its probability with DeLong's 95% CI (pROC
/// `roc(class == c, p_c, direction = "<")`, `ci.auc(method = "delong")`) and their mean, the macro-average AUC.
public struct MulticlassEvaluation: Sendable {
    /// One class's one-vs-rest discrimination.
    public struct ClassAUC: Sendable {
        public let roc: ROCCurve
        public let delong: DeLongInterval
    }

    public struct Cohort: Sendable {
        public let name: String
        public let caseIds: [String]
        /// Class index (into `levels`) of each case.
        public let classes: [Int]
        /// cases × levels.
        public let probabilities: [[Double]]
        public let predicted: [Int]
        /// `confusion[true][predicted]`.
        public let confusion: [[Int]]
        /// One per level: its one-vs-rest AUC, or why there is none (the cohort lacks the class, or has only it).
        public let auc: [Result<ClassAUC, EvaluationError>]

        public var accuracy: Double {
            Double(confusion.indices.reduce(0) { $0 + confusion[$1][$1] }) / Double(max(1, caseIds.count))
        }

        /// The mean of the per-class AUCs; nil unless every class has one.
        public var macroAUC: Double? {
            var sum = 0.0
            for r in auc {
                guard case let .success(a) = r else { return nil }
                sum += a.roc.auc
            }
            return sum / Double(auc.count)
        }
    }

    /// The cases of one cohort as the model sees them: class indices and the design of the predictors.
    public struct Sample: Sendable {
        public let name: String
        public let caseIds: [String]
        public let classes: [Int]
        public let design: DesignMatrix

        public init(name: String, caseIds: [String], classes: [Int], design: DesignMatrix) {
            self.name = name
            self.caseIds = caseIds
            self.classes = classes
            self.design = design
        }
    }

    public let spec: MulticlassSpec
    public let fit: MultinomialFit
    /// Training first, then the other cohorts in cohort-file order.
    public let cohorts: [Cohort]
    /// Cases left out (a class outside the levels, or an invalid clinical predictor), with the reason.
    public let excluded: [(id: String, reason: String)]
}

extension MulticlassEvaluation {
    /// Fits on `training` (every level must have a case there) and evaluates every sample, training first.
    public static func evaluate(spec: MulticlassSpec, training: Sample, others: [Sample],
                                excluded: [(id: String, reason: String)] = []) throws -> MulticlassEvaluation {
        for (c, level) in spec.levels.enumerated() where !training.classes.contains(c) {
            throw EvaluationError("no training case is in class \(level); the multinomial model needs every level in training")
        }
        let fit: MultinomialFit
        do { fit = try MultinomialLogit.fit(training.design, classes: training.classes, levels: spec.levels) } catch .singularInformation {
            throw EvaluationError("the multinomial fit has a singular information matrix: a class is (quasi-)separated by the predictors, "
                                  + "or predictors are aliased; too few training cases in some class?")
        }
        let cohorts = try ([training] + others).map { try cohort($0, fit: fit) }
        return MulticlassEvaluation(spec: spec, fit: fit, cohorts: cohorts, excluded: excluded)
    }

    /// The training coefficients applied to one sample.
    static func cohort(_ s: Sample, fit: MultinomialFit) throws -> Cohort {
        let k = fit.levels.count, n = s.caseIds.count
        let (x, names, _) = s.design.modelMatrix(terms: Array(s.design.termNames.indices))
        guard names == fit.columnNames else {
            throw EvaluationError("cohort \(s.name): model columns \(names) differ from the training columns \(fit.columnNames)")
        }
        var probabilities: [[Double]] = [], predicted: [Int] = []
        for i in 0..<n {
            var eta = [Double](repeating: 0, count: k)
            for (a, c) in fit.classes.enumerated() {
                var sum = 0.0
                for j in names.indices { sum += x[j * n + i] * fit.coefficients[a][j] }
                eta[c] = sum
            }
            let top = eta.max() ?? 0
            let e = eta.map { Foundation.exp($0 - top) }
            let z = e.reduce(0, +)
            let p = e.map { $0 / z }
            probabilities.append(p)
            var best = 0
            for c in 1..<k where p[c] > p[best] { best = c }
            predicted.append(best)
        }
        var confusion = [[Int]](repeating: [Int](repeating: 0, count: k), count: k)
        for (t, p) in zip(s.classes, predicted) { confusion[t][p] += 1 }
        let auc: [Result<ClassAUC, EvaluationError>] = (0..<k).map { c in
            let outcomes = s.classes.map { $0 == c ? 1.0 : 0.0 }
            let cases = outcomes.filter { $0 == 1 }.count
            guard cases > 0, cases < n else {
                return .failure(EvaluationError(cases == 0 ? "no case of class \(fit.levels[c]) in this cohort"
                                                : "every case of this cohort is in class \(fit.levels[c])"))
            }
            do {
                let roc = try ROCCurve(outcomes: outcomes, scores: probabilities.map { $0[c] }, direction: .controlsBelowCases)
                return .success(ClassAUC(roc: roc, delong: DeLongInterval(roc)))
            } catch {
                return .failure(EvaluationError("\(error)"))
            }
        }
        return Cohort(name: s.name, caseIds: s.caseIds, classes: s.classes, probabilities: probabilities, predicted: predicted,
                      confusion: confusion, auc: auc)
    }

    /// The study's multiclass model from the cohort file's class (and clinical) columns and the rad-scores of the
    /// training cohort and the others.
    static func evaluate(study: StudyFile, spec: MulticlassSpec, training: (ids: [String], scores: [Double]),
                         others: [(name: String, ids: [String], scores: [Double])]) -> Result<MulticlassEvaluation, EvaluationError> {
        do {
            let ids = try DataTable.textColumn("id", of: study.cohort).map { $0.trimmingCharacters(in: .whitespaces) }
            let classText = try DataTable.textColumn(spec.column, of: study.cohort)
            var classOf: [String: Int] = [:], problem: [String: String] = [:]
            for (i, (id, raw)) in zip(ids, classText).enumerated() {
                let v = raw.trimmingCharacters(in: .whitespaces)
                if let c = spec.levels.firstIndex(of: v) { classOf[id] = c; continue }
                problem[id] = "line \(i + 2), case '\(id)': " + (v.isEmpty ? "\(spec.column) is missing"
                    : "\(spec.column) '\(v)' is not one of the levels \(spec.levels.joined(separator: ", "))")
            }
            let variables = spec.predictors.compactMap { p in study.clinical.first { $0.name == p } }
            var valueOf: [String: [String: String]] = [:]
            for v in variables {
                let column = try DataTable.textColumn(v.name, of: study.cohort)
                for (row, reason) in v.check(ids: ids, values: column) where problem[ids[row]] == nil { problem[ids[row]] = reason }
                for (id, value) in zip(ids, column) { valueOf[id, default: [:]][v.name] = value.trimmingCharacters(in: .whitespaces) }
            }
            var excluded: [(id: String, reason: String)] = []
            func sample(_ name: String, _ caseIds: [String], _ scores: [Double]) throws -> Sample? {
                var kept: [Int] = []
                for (i, id) in caseIds.enumerated() {
                    if let why = problem[id] { excluded.append((id, why)) } else if classOf[id] != nil { kept.append(i) }
                }
                let keptIds = kept.map { caseIds[$0] }
                let predictors: [Predictor] = spec.predictors.map { p in
                    if p == MulticlassSpec.radScore { return .numeric(name: p, values: kept.map { scores[$0] }) }
                    let v = variables.first { $0.name == p }!
                    let column = keptIds.map { valueOf[$0]?[p] ?? "" }
                    switch v.kind {
                    case .numeric: return .numeric(name: p, values: column.map { Double($0) ?? .nan })
                    case let .categorical(levels, reference):
                        return .categorical(name: p, levels: levels, codes: column.map { levels.firstIndex(of: $0) ?? -1 },
                                            reference: levels.firstIndex(of: reference) ?? 0)
                    }
                }
                guard !keptIds.isEmpty else { return nil }
                return Sample(name: name, caseIds: keptIds, classes: keptIds.map { classOf[$0]! }, design: try DesignMatrix(predictors))
            }
            guard let train = try sample("training", training.ids, training.scores) else {
                throw EvaluationError("no training case has a valid \(spec.column)")
            }
            // A cohort the rad-score could not score (its scores missing) is left out rather than misaligned.
            let rest = try others.filter { $0.scores.count == $0.ids.count }.compactMap { try sample($0.name, $0.ids, $0.scores) }
            return .success(try evaluate(spec: spec, training: train, others: rest, excluded: excluded))
        } catch let e as EvaluationError {
            return .failure(e)
        } catch {
            return .failure(EvaluationError("\(error)"))
        }
    }
}
