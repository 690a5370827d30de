import Fleet
import Foundation
import Statistics
import Study
import XCTest

/// The multiclass model against R: `nnet::multinom` on (rad-score[, grade], class) of a training cohort, applied to
/// training and validation, with pROC one-vs-rest AUCs (fixture multiclass.json, scripts/fixtures/study_deep_multiclass.R).
final class MulticlassParityTests: XCTestCase {
    struct Fixture: Decodable {
        struct Cohort: Decodable {
            let ids: [String]
            let rad_score: [Double]
            let grade: [String]
            let cls: [String]
        }
        struct AUC: Decodable { let auc: Double; let lower: Double; let upper: Double }
        struct Evaluated: Decodable {
            let ids: [String]
            let classes: [Int]
            let probabilities: [[Double]]
            let predicted: [Int]
            let confusion: [[Int]]
            let accuracy: Double
            let auc: [AUC]
            let macro_auc: Double
        }
        struct Fit: Decodable {
            let name: String
            let convergence: Int
            let columns: [String]
            let coefficients: [[Double]]
            let std_error: [[Double]]
            let deviance: Double
            let training: Evaluated
            let validation: Evaluated
        }
        let levels: [String]
        let training: Cohort
        let validation: Cohort
        let fits: [Fit]
    }

    func testMatchesNnetMultinomAndPROC() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/multiclass.json")
        let f = try JSONDecoder().decode(Fixture.self, from: Data(contentsOf: url))
        var worstCoefficient = 0.0, coefficients = 0, exact = 0
        for r in f.fits {
            XCTAssertEqual(r.convergence, 0, "nnet converged")
            let withGrade = r.name.contains("grade")
            let spec = MulticlassSpec(column: "cls", levels: f.levels, predictors: withGrade ? ["rad_score", "grade"] : ["rad_score"])
            func sample(_ name: String, _ c: Fixture.Cohort) throws -> MulticlassEvaluation.Sample {
                var predictors: [Predictor] = [.numeric(name: "rad_score", values: c.rad_score)]
                if withGrade {
                    predictors.append(.categorical(name: "grade", levels: ["1", "2", "3"], codes: c.grade.map { Int($0)! - 1 }, reference: 0))
                }
                return .init(name: name, caseIds: c.ids, classes: c.cls.map { f.levels.firstIndex(of: $0)! }, design: try DesignMatrix(predictors))
            }
            let m = try MulticlassEvaluation.evaluate(spec: spec, training: try sample("training", f.training),
                                                      others: [try sample("validation", f.validation)])
            XCTAssertTrue(m.fit.converged)
            XCTAssertEqual(m.fit.columnNames, r.columns)
            for (key, ours, theirs) in [("coef", m.fit.coefficients, r.coefficients), ("se", m.fit.stdError, r.std_error)] {
                for (a, b) in zip(ours.joined(), theirs.joined()) {
                    let d = abs(a - b) / abs(b)
                    worstCoefficient = max(worstCoefficient, d); coefficients += 1
                    XCTAssertLessThan(d, 1e-6, "\(r.name) \(key): \(a) vs \(b)")
                }
            }
            XCTAssertEqual(m.fit.deviance, r.deviance, accuracy: 1e-9 * r.deviance)
            XCTAssertEqual(m.cohorts.map(\.name), ["training", "validation"])
            for (ours, theirs) in zip(m.cohorts, [r.training, r.validation]) {
                XCTAssertEqual(ours.caseIds, theirs.ids)
                XCTAssertEqual(ours.classes, theirs.classes)
                for (a, b) in zip(ours.probabilities.joined(), theirs.probabilities.joined()) { XCTAssertEqual(a, b, accuracy: 1e-6 * max(b, 1e-3)) }
                XCTAssertEqual(ours.predicted, theirs.predicted, "\(r.name) \(ours.name): predicted classes")
                XCTAssertEqual(ours.confusion, theirs.confusion.indices.map { t in theirs.confusion.indices.map { theirs.confusion[t][$0] } },
                               "\(r.name) \(ours.name): confusion")
                XCTAssertEqual(ours.accuracy, theirs.accuracy)
                for (k, (a, b)) in zip(ours.auc, theirs.auc).enumerated() {
                    guard case let .success(auc) = a else { return XCTFail("class \(k) has no AUC") }
                    XCTAssertEqual(auc.roc.auc, b.auc, "\(r.name) \(ours.name) AUC \(f.levels[k])")
                    XCTAssertEqual(auc.delong.lower, b.lower, accuracy: 1e-12)
                    XCTAssertEqual(auc.delong.upper, b.upper, accuracy: 1e-12)
                    exact += 1
                }
                XCTAssertEqual(try XCTUnwrap(ours.macroAUC), theirs.macro_auc, accuracy: 1e-15)
            }
        }
        print("multiclass parity: \(coefficients) coefficients/SEs, max relative difference \(worstCoefficient); \(exact) AUCs exact")
    }

    func testAClassMissingFromTrainingIsReported() throws {
        let design = try DesignMatrix([.numeric(name: "rad_score", values: [0.1, 0.5, -0.3, 1.2, 0.8, -1.0])])
        let spec = MulticlassSpec(column: "cls", levels: ["N0", "N1-2", "N3+"])
        let training = MulticlassEvaluation.Sample(name: "training", caseIds: (1...6).map(String.init), classes: [0, 1, 0, 1, 1, 0], design: design)
        XCTAssertThrowsError(try MulticlassEvaluation.evaluate(spec: spec, training: training, others: [])) {
            XCTAssertTrue("\($0)".contains("N3+"), "\($0)")
        }
    }

    func testStudyFileSectionAndItsErrors() throws {
        let url = URL(fileURLWithPath: "/tmp/study.yaml")
        func parse(_ multiclass: String, model: Bool = true) throws -> StudyFile {
            try StudyFile(yaml: "cohort: c.csv\noutcome: alnm\nclinical: {age: numeric}\n" + (model ? "model: {lasso: {folds: 5}}\n" : "")
                          + "multiclass: \(multiclass)\n", url: url)
        }
        let ok = try parse("{column: n_stage, levels: [N0, N1-2, N3+]}")
        XCTAssertEqual(ok.multiclass, MulticlassSpec(column: "n_stage", levels: ["N0", "N1-2", "N3+"], predictors: ["rad_score"]))
        XCTAssertEqual(try parse("{column: n, levels: [a, b, c], predictors: [rad_score, age]}").multiclass?.predictors, ["rad_score", "age"])
        for (text, key, words) in [
            ("{column: n, levels: [a, b, c], predictors: [grade]}", "multiclass.predictors", "'grade' is neither rad_score"),
            ("{column: n, levels: [a, a, c]}", "multiclass.levels", "listed twice"),
            ("{column: n, levels: [a]}", "multiclass.levels", "at least 2"),
            ("{levels: [a, b, c]}", "multiclass.column", "missing"),
            ("{column: n, levels: [a, b], weights: x}", "multiclass.weights", "unknown key"),
        ] {
            XCTAssertThrowsError(try parse(text)) { error in
                let e = error as? StudyError
                XCTAssertEqual(e?.key, key, text)
                XCTAssertTrue(e?.reason.contains(words) == true, "\(error)")
            }
        }
        XCTAssertThrowsError(try parse("{column: n, levels: [a, b, c]}", model: false)) { XCTAssertEqual(($0 as? StudyError)?.key, "multiclass") }
    }
}
