import CaseIO
import Fleet
import Foundation
import Statistics
import Study
import XCTest

/// A demo-like study run in process with `deepFeatures:` and `multiclass:`: a deep-feature table whose first
/// principal component carries the outcome, so the PCs join the radiomics features and the LASSO keeps one; and a
/// three-class column (with one case outside the levels, one blank) modelled on the rad-score and evaluated on both
/// cohorts — checked against the same numbers computed by hand from the model's own rad-scores.
final class DeepMulticlassStudyTests: XCTestCase {
    private var dir: URL!
    static let levels = ["N0", "N1-2", "N3+"]

    override func setUpWithError() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("radfleet-deepmc-\(UUID().uuidString)")
        try DemoCohortWriter.write(DemoCohort(count: 60, seed: 11, size: 96), to: dir)
        let cohortURL = dir.appendingPathComponent("cohort.csv")
        var lines = try String(contentsOf: cohortURL, encoding: .utf8).components(separatedBy: "\n").filter { !$0.isEmpty }
        let header = lines[0].components(separatedBy: ",")
        let idColumn = header.firstIndex(of: "id")!, alnmColumn = header.firstIndex(of: "alnm")!
        // A latent burden per case: higher with ALNM; the deep table's first 10 columns load on it.
        var g = SeededGenerator(seed: 404)
        func normal() -> Double {
            let u = Double.random(in: Double.ulpOfOne..<1, using: &g), v = Double.random(in: 0..<1, using: &g)
            return (-2 * Foundation.log(u)).squareRoot() * Foundation.cos(2 * Double.pi * v)
        }
        var deep = "id," + (0..<20).map { "cnn_\($0)" }.joined(separator: ",") + "\n"
        lines[0] += ",burden"
        for i in 1..<lines.count {
            let fields = lines[i].components(separatedBy: ",")
            let id = fields[idColumn], alnm = Double(fields[alnmColumn])!
            let latent = 2.5 * alnm + normal()
            if i != 5 {  // the 5th case has no deep-feature row
                let row = (0..<20).map { j in j < 10 ? latent * (1 + 0.1 * Double(j)) + 0.3 * normal() : 3 * normal() + Double(j) }
                deep += id + "," + row.map { String($0) }.joined(separator: ",") + "\n"
            }
            let burden = i == 7 ? "N4" : i == 9 ? "" : latent < 1 ? "N0" : latent < 2.2 ? "N1-2" : "N3+"
            lines[i] += "," + burden
        }
        try (lines.joined(separator: "\n") + "\n").write(to: cohortURL, atomically: true, encoding: .utf8)
        try deep.write(to: dir.appendingPathComponent("deep_features.csv"), atomically: true, encoding: .utf8)
        let study = """
        name: deep-multiclass
        seed: 2026
        cohort: cohort.csv
        outcome: alnm
        extraction:
          params: params.yaml
        output: results
        cohorts: {column: cohort, training: training}
        deepFeatures: {table: deep_features.csv, pca: 3, scale: true}
        multiclass: {column: burden, levels: [N0, N1-2, N3+], predictors: [rad_score]}
        model:
          lasso: {folds: 5, measure: deviance, rule: lambda.min}
          bootstrap: 0

        """
        try study.write(to: dir.appendingPathComponent("study.yaml"), atomically: true, encoding: .utf8)
    }

    override func tearDown() { try? FileManager.default.removeItem(at: dir) }

    func testDeepComponentsReachTheLassoAndTheThreeClassModelIsEvaluated() throws {
        let (plan, results, _) = try InProcessStudy.run(studyFile: dir.appendingPathComponent("study.yaml"), dataRoot: dir)
        let cohortFile = dir.appendingPathComponent("cohort.csv")
        let ids = try DataTable.textColumn("id", of: cohortFile)
        let missing = ids[4]

        // Deep features: fitted on the training cases, appended as deep_PC1…3, the case without a row left out.
        let projection = try XCTUnwrap(try plan.deepFeatureProjection())
        XCTAssertEqual(projection.excluded.map(\.id), [missing])
        let data = try plan.modelData(results: results)
        XCTAssertFalse(data.caseIds.contains(missing))
        XCTAssertTrue(["deep_PC1", "deep_PC2", "deep_PC3"].allSatisfy(data.features.contains), "the PCs are offered to the LASSO")
        let cases = try plan.extractedCases(results: results)
        let first = try XCTUnwrap(cases.first)
        XCTAssertEqual(Array(first.names.suffix(3)), ["deep_PC1", "deep_PC2", "deep_PC3"])
        XCTAssertEqual(first.values.suffix(3).map { $0! }, projection.scores[first.id]!)

        guard case let .evaluated(e)? = ModelSection.evaluate(study: plan.study, results: results) else {
            return XCTFail("model not evaluated: \(String(describing: ModelSection.evaluate(study: plan.study, results: results)))")
        }
        XCTAssertTrue(e.selected.contains { $0.name.hasPrefix("deep_PC") }, "the LASSO keeps a deep component: \(e.selected.map(\.name))")
        XCTAssertNotNil(e.deepFeatures)

        // Three classes: by hand from the model's rad-scores, the class column and the multinomial fit.
        guard case let .success(m)? = e.multiclass else { return XCTFail("multiclass not fitted: \(String(describing: e.multiclass))") }
        let burden = Dictionary(uniqueKeysWithValues: zip(ids, try DataTable.textColumn("burden", of: cohortFile)))
        XCTAssertEqual(Set(m.excluded.map(\.id)), [ids[6], ids[8]], "the case outside the levels and the blank one")
        XCTAssertTrue(m.excluded.contains { $0.reason.contains("'N4' is not one of the levels N0, N1-2, N3+") }, "\(m.excluded)")
        let training = e.caseIds.indices.filter { Self.levels.contains(burden[e.caseIds[$0]]!) }
        let fit = try MultinomialLogit.fit(try DesignMatrix([.numeric(name: "rad_score", values: training.map { e.radScores[$0] })]),
                                           classes: training.map { Self.levels.firstIndex(of: burden[e.caseIds[$0]]!)! }, levels: Self.levels)
        XCTAssertEqual(m.fit.coefficients, fit.coefficients)
        XCTAssertEqual(m.cohorts.map(\.name), ["training"] + e.cohorts.map(\.name))
        let validation = try XCTUnwrap(e.cohorts.first)
        let v = try XCTUnwrap(m.cohorts.last)
        var confusion = [[Int]](repeating: [0, 0, 0], count: 3)
        for (id, score) in zip(validation.caseIds, validation.radScores) {
            guard let t = Self.levels.firstIndex(of: burden[id]!) else { continue }
            let eta = [0] + fit.coefficients.map { $0[0] + $0[1] * score }
            confusion[t][eta.indices.max { eta[$0] < eta[$1] }!] += 1
        }
        XCTAssertEqual(v.confusion, confusion)
        XCTAssertEqual(v.accuracy, Double(confusion[0][0] + confusion[1][1] + confusion[2][2]) / Double(confusion.joined().reduce(0, +)))

        // results.json, tables and report.
        let json = ModelSection.render(.evaluated(e)).rendered()
        for key in ["\"deepFeatures\"", "\"varianceExplained\"", "\"multiclass\"", "\"confusion\"", "\"macroAUC\""] {
            XCTAssertTrue(json.contains(key), "results.json holds \(key)")
        }
        try StudyReportWriter(study: plan.study, version: "test").write(featureTable: FeatureTable(), failures: [], model: .evaluated(e))
        let tables = plan.study.output.appendingPathComponent("tables")
        let confusionCSV = try String(contentsOf: tables.appendingPathComponent("multiclass_confusion.csv"), encoding: .utf8)
        XCTAssertTrue(confusionCSV.hasPrefix("Cohort,True class,Predicted N0,Predicted N1-2,Predicted N3+,Total"), confusionCSV)
        XCTAssertEqual(confusionCSV.split(separator: "\n").count, 1 + 3 * m.cohorts.count)
        // The case without a deep-feature row is an exclusion, with its reason.
        let exclusions = try String(contentsOf: tables.appendingPathComponent("exclusions.csv"), encoding: .utf8)
        XCTAssertTrue(exclusions.contains("case,\(missing),") && exclusions.contains("no row in the deep-feature table"), exclusions)
        let performance = try String(contentsOf: tables.appendingPathComponent("multiclass_performance.csv"), encoding: .utf8)
        XCTAssertTrue(performance.contains("validation"))
        let report = try String(contentsOf: plan.study.output.appendingPathComponent("report.html"), encoding: .utf8)
        XCTAssertTrue(report.contains("Three-class outcome"))
        XCTAssertTrue(report.contains("Deep features: PCA of the 20 columns of deep_features.csv"))

        // A clinical predictor beside the rad-score, from the same jobs (categorical coding: MulticlassParityTests).
        let withAge = dir.appendingPathComponent("study-age.yaml")
        try String(contentsOf: dir.appendingPathComponent("study.yaml"), encoding: .utf8)
            .replacingOccurrences(of: "predictors: [rad_score]}", with: "predictors: [rad_score, age]}\nclinical: {age: numeric}")
            .write(to: withAge, atomically: true, encoding: .utf8)
        let ageStudy = try StudyFile(contentsOf: withAge)
        guard case let .evaluated(e2)? = ModelSection.evaluate(study: ageStudy, results: results),
              case let .success(m2)? = e2.multiclass else {
            return XCTFail("multiclass with age not fitted: \(String(describing: ModelSection.evaluate(study: ageStudy, results: results)))")
        }
        XCTAssertEqual(m2.fit.columnNames, ["(Intercept)", "rad_score", "age"])
        let age = Dictionary(uniqueKeysWithValues: zip(ids, try DataTable.textColumn("age", of: cohortFile)))
        let ageFit = try MultinomialLogit.fit(try DesignMatrix([
            .numeric(name: "rad_score", values: training.map { e.radScores[$0] }),
            .numeric(name: "age", values: training.map { Double(age[e.caseIds[$0]]!)! }),
        ]), classes: training.map { Self.levels.firstIndex(of: burden[e.caseIds[$0]]!)! }, levels: Self.levels)
        XCTAssertEqual(m2.fit.coefficients, ageFit.coefficients)
    }
}
