import FleetProtocol
import Foundation
import Statistics
import Study
import XCTest

/// The `fit:svm` job scoring a validation cohort: its decision values on the cohort's rows against e1071's
/// `predict(m, x_valid, decision.values = TRUE)` of the same fit (scripts/fixtures/stats_svm_predict.R), and the
/// formats written before cohorts were scored still decode.
final class SVMCohortParityTests: XCTestCase {
    struct Fixture: Decodable {
        struct Setting: Decodable {
            let kernel: String
            let cost: Double
            let gamma_given: Double?
            let gamma: Double?
            let support_vectors: Int
            let rho: Double
            let training: [Double]
            let validation: [Double]
            let validation_auc: Double
        }
        let columns: [String]
        let x: [[Double]]
        let y: [Int]
        let x_validation: [[Double]]
        let y_validation: [Int]
        let settings: [Setting]
    }

    static func fixture() throws -> Fixture {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/svm_cohort_predict.json")
        return try JSONDecoder().decode(Fixture.self, from: Data(contentsOf: url))
    }

    func testFitSVMScoresTheValidationRowsAsE1071Predict() throws {
        let f = try Self.fixture()
        let n = f.x.count
        let data = ModelData(caseIds: (0..<n).map { "t\($0)" }, features: f.columns,
                             values: f.columns.indices.flatMap { j in f.x.map { $0[j] } }, outcomes: f.y,
                             foldIDs: [Int](repeating: 1, count: n), dropped: [])
        let validation = SVMCohortRows(cohort: "validation", caseIds: f.x_validation.indices.map { "v\($0)" }, rows: f.x_validation)
        XCTAssertEqual(f.settings.count, 3)
        var compared = 0, worst = 0.0
        for s in f.settings {
            let kernel: SVMSpec.Kernel = s.kernel == "linear" ? .linear : .radial
            let input = SVMFitJobInput(data: data, setting: SVMSetting(kernel: kernel, cost: s.cost, gamma: s.gamma_given),
                                       cohorts: [validation])
            // Through the wire, as a worker receives it.
            let received = try JSONValue(encoding: input).decode(SVMFitJobInput.self)
            XCTAssertEqual(received, input)
            let output = try JSONValue(encoding: try received.run()).decode(SVMFitJobOutput.self)
            XCTAssertEqual(output.supportVectors, s.support_vectors, s.kernel)
            let scored = try XCTUnwrap(output.cohorts?.first)
            XCTAssertEqual(scored.cohort, "validation")
            XCTAssertEqual(scored.decisionValues.count, f.x_validation.count)
            for (a, b) in Array(zip(output.decisionValues, s.training)) + Array(zip(scored.decisionValues, s.validation)) {
                let error = abs(a - b) / max(1, abs(b))
                worst = max(worst, error)
                XCTAssertLessThanOrEqual(error, 1e-9, "\(s.kernel) C = \(s.cost): \(a) vs e1071 \(b)")
                compared += 1
            }
            let roc = try ROCCurve(outcomes: f.y_validation.map(Double.init), scores: scored.decisionValues, direction: .controlsBelowCases)
            XCTAssertEqual(roc.auc, s.validation_auc, accuracy: 1e-12, "pROC's AUC on the validation rows")
        }
        XCTAssertEqual(compared, 3 * (f.x.count + f.x_validation.count))
        print("svm cohort parity: \(compared) decision values, max relative difference \(worst)")
    }

    func testInputsAndOutputsWithoutCohortsStillDecode() throws {
        let old = #"{"model": "svm", "data": {"caseIds": ["a", "b"], "features": ["x"], "values": [1, 2], "outcomes": [0, 1], "#
            + #""foldIDs": [1, 1], "dropped": []}, "setting": {"kernel": "radial", "cost": 1, "gamma": 0.5}}"#
        let input = try JSONDecoder().decode(SVMFitJobInput.self, from: Data(old.utf8))
        XCTAssertNil(input.cohorts)
        XCTAssertFalse(String(decoding: try JSONEncoder().encode(input), as: UTF8.self).contains("cohorts"),
                       "an input without cohorts is written as before")
        let output = try JSONDecoder().decode(SVMFitJobOutput.self, from: Data(
            #"{"cost": 1, "gamma": 0.5, "supportVectors": 2, "rho": 0.1, "decisionValues": [-1, 1]}"#.utf8))
        XCTAssertNil(output.cohorts)
        let bootstrap = try JSONDecoder().decode(BootstrapJobInput.self, from: Data(
            #"{"scores": [0.1, 0.9], "outcomes": [0, 1], "seed": "7", "first": 0, "count": 2}"#.utf8))
        XCTAssertNil(bootstrap.cohort)
        XCTAssertNil(bootstrap.direction)
    }
}
