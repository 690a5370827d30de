import Foundation
import Statistics
import Study
import XCTest

/// The study file's sections for cohorts, feature reduction and clinical variables: parsed into typed values,
/// every problem named by file and full key.
final class StudyFileTests: XCTestCase {
    let url = URL(fileURLWithPath: "/studies/seed-000/study.yaml")

    func parse(_ yaml: String) throws -> StudyFile { try StudyFile(yaml: yaml, url: url) }

    func refusal(_ yaml: String) -> StudyError? {
        do { _ = try StudyFile(yaml: yaml, url: url); return nil } catch { return error }
    }

    let base = "cohort: cohort.csv\noutcome: alnm\n"

    func testFullSectionsParse() throws {
        let s = try parse(base + """
            cohorts: {column: cohort, training: train}
            features:
              icc: {threshold: 0.75, form: "ICC(3,1)", lowerBound: true, readerMask: mask_r2}
              redundancy: {method: hierarchical, threshold: 0.95, linkage: average}
              mutualInformation: {top: 20}
            clinical:
              age: numeric
              grade: {type: categorical, levels: ["1", "2", "3"], reference: "2"}
              us_aln: {type: categorical, levels: ["0", "1"]}
            """)
        XCTAssertEqual(s.cohortSplit, CohortSplit(column: "cohort", training: "train"))
        XCTAssertEqual(s.featureReduction?.readerMaskColumn, "mask_r2")
        XCTAssertEqual(s.featureReduction?.selection, FeatureSelectionSpec(
            icc: .init(threshold: 0.75, form: .icc3_1, lowerBound: true),
            redundancy: .init(threshold: 0.95, method: .hierarchical, linkage: "average"),
            mutualInformation: .init(top: 20, bins: 10)))
        XCTAssertEqual(s.clinical, [
            ClinicalVariable(name: "age", kind: .numeric),
            ClinicalVariable(name: "grade", kind: .categorical(levels: ["1", "2", "3"], reference: "2")),
            ClinicalVariable(name: "us_aln", kind: .categorical(levels: ["0", "1"], reference: "0")),
        ])
    }

    func testSectionsAreOptional() throws {
        let s = try parse(base)
        XCTAssertNil(s.cohortSplit)
        XCTAssertNil(s.featureReduction)
        XCTAssertEqual(s.clinical, [])
    }

    func testEachProblemNamesItsKey() {
        let cases: [(String, String, String)] = [
            ("cohorts: {column: cohort, trainig: x}", "cohorts.trainig", "unknown key"),
            ("cohorts: {training: x}", "cohorts.column", "missing"),
            ("features: {spearman: 0.9}", "features.spearman", "unknown key"),
            ("features: {icc: {threshold: 1.5, readerMask: m}}", "features.icc.threshold", "[-1.0, 1.0]"),
            ("features: {icc: {threshold: 0.8}}", "features.icc.readerMask", "missing"),
            ("features: {icc: {threshold: 0.8, readerMask: m, form: ICC21}}", "features.icc.form", "ICC(2,1)"),
            ("features: {redundancy: {threshold: 0.9, method: pearson}}", "features.redundancy.method", "greedy or hierarchical"),
            ("features: {redundancy: {threshold: 1}}", "features.redundancy.threshold", "must be a number"),
            ("features: {redundancy: {threshold: 0.9, linkage: ward}}", "features.redundancy.linkage", "complete"),
            ("features: {mutualInformation: {top: 0}}", "features.mutualInformation.top", "1…100000"),
            ("clinical: {age: number}", "clinical.age", "numeric"),
            ("clinical: {grade: {type: categorical}}", "clinical.grade.levels", "missing"),
            ("clinical: {grade: {type: categorical, levels: [a, a]}}", "clinical.grade.levels", "twice"),
            ("clinical: {grade: {type: categorical, levels: [a, b], reference: c}}", "clinical.grade.reference", "not one of the levels"),
            ("clinical: {grade: {type: categorical, levels: [a, b], colour: red}}", "clinical.grade.colour", "unknown key"),
        ]
        for (yaml, key, reason) in cases {
            guard let e = refusal(base + yaml) else { XCTFail("accepted: \(yaml)"); continue }
            XCTAssertEqual(e.key, key, yaml)
            XCTAssertTrue(e.reason.contains(reason), "\(yaml): \(e.reason)")
            XCTAssertEqual(e.file, url.path)
        }
    }

    func testClinicalValuesOutsideTheirLevelsAreReportedByRow() {
        let grade = ClinicalVariable(name: "grade", kind: .categorical(levels: ["1", "2", "3"], reference: "1"))
        let problems = grade.check(ids: ["a", "b", "c", "d"], values: ["1", "4", "", " 3 "])
        XCTAssertEqual(problems.map(\.row), [1, 2])
        XCTAssertEqual(problems.map(\.reason), ["line 3, case 'b': grade '4' is not one of the levels 1, 2, 3",
                                                "line 4, case 'c': grade is missing"])
        let age = ClinicalVariable(name: "age", kind: .numeric)
        XCTAssertEqual(age.check(ids: ["a", "b"], values: ["61", "sixty"]).map(\.reason), ["line 3, case 'b': age 'sixty' is not a number"])
    }

    func testCohortSplitNeedsTrainingCases() throws {
        let split = CohortSplit(column: "cohort", training: "training")
        XCTAssertEqual(try split.cohorts(ids: ["a", "b"], values: ["training", " external"], file: "c.csv"), ["training", "external"])
        XCTAssertThrowsError(try split.cohorts(ids: ["a", "b"], values: ["internal", "external"], file: "c.csv")) {
            XCTAssertTrue("\($0)".contains("no case in the training cohort 'training' (found: external, internal)"), "\($0)")
        }
        XCTAssertThrowsError(try split.cohorts(ids: ["a", "b"], values: ["training", ""], file: "c.csv")) {
            XCTAssertTrue("\($0)".contains("line 3, case 'b': no cohort"), "\($0)")
        }
    }

    func testThePlanRefusesWhatItCannotApply() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("studyfile-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try "id,image,mask,alnm\n".write(to: dir.appendingPathComponent("cohort.csv"), atomically: true, encoding: .utf8)
        for (section, key, reason) in [("features: {icc: {threshold: 0.75, readerMask: mask_r2}}", "features.icc.readerMask", "no column 'mask_r2'"),
                                       ("clinical: {age: numeric}", "clinical", "need the model: section"),
                                       ("evaluation: {calibration: {bootstrap: 200}}", "evaluation.calibration.bootstrap", "needs the clinical: section")] {
            let study = try StudyFile(yaml: base + section, url: dir.appendingPathComponent("study.yaml"))
            XCTAssertThrowsError(try StudyPlan(study: study)) {
                XCTAssertEqual(($0 as? StudyError)?.key, key)
                XCTAssertTrue("\($0)".contains(reason), "\($0)")
            }
        }
    }
}
