import Foundation
import Statistics
import Study
import XCTest

/// The `model.svm` section of a study file: the grid it gives, and errors that name `model.svm.<key>`.
final class SVMSpecTests: XCTestCase {
    private func study(_ svm: String) throws -> StudyFile {
        let yaml = """
        cohort: cohort.csv
        outcome: y
        model:
          lasso: {folds: 5}
          svm: \(svm)

        """
        return try StudyFile(yaml: yaml, url: URL(fileURLWithPath: "/tmp/study.yaml"))
    }

    private func error(_ svm: String) -> StudyError? {
        do { _ = try study(svm); return nil } catch { return error as? StudyError }
    }

    func testGridIsCostOuterGammaInner() throws {
        let spec = try XCTUnwrap(try study("{kernel: radial, cost: [0.1, 1, 10], gamma: [0.01, 0.1], measure: auc}").model?.svm)
        XCTAssertEqual(spec.kernel, .radial)
        let settings = SVMSetting.grid(spec)
        XCTAssertEqual(settings.map(\.cost), [0.1, 0.1, 1, 1, 10, 10])
        XCTAssertEqual(settings.map(\.gamma), [0.01, 0.1, 0.01, 0.1, 0.01, 0.1])
    }

    func testDefaultsAndScalars() throws {
        let spec = try XCTUnwrap(try study("{cost: 2}").model?.svm)
        XCTAssertEqual(SVMSetting.grid(spec), [SVMSetting(kernel: .radial, cost: 2, gamma: nil)])
        XCTAssertNil(try study("{cost: 1}").model?.svm?.gammas)
        XCTAssertEqual(try study("{}").model?.svm?.costs, [1])
    }

    func testLinearKernelIgnoresGamma() throws {
        let spec = try XCTUnwrap(try study("{kernel: linear, cost: [1, 10], gamma: [0.5, 2]}").model?.svm)
        XCTAssertEqual(SVMSetting.grid(spec), [SVMSetting(kernel: .linear, cost: 1, gamma: nil), SVMSetting(kernel: .linear, cost: 10, gamma: nil)])
    }

    func testNoSVMSectionMeansNoSVM() throws {
        let yaml = "cohort: cohort.csv\noutcome: y\nmodel:\n  lasso: {folds: 5}\n"
        XCTAssertNil(try StudyFile(yaml: yaml, url: URL(fileURLWithPath: "/tmp/study.yaml")).model?.svm)
    }

    func testEveryKeyIsValidatedByName() {
        XCTAssertEqual(error("{kernel: sigmoid}")?.key, "model.svm.kernel")
        XCTAssertEqual(error("{cost: [1, -2]}")?.key, "model.svm.cost")
        XCTAssertEqual(error("{cost: []}")?.key, "model.svm.cost")
        XCTAssertEqual(error("{cost: [1, 1]}")?.key, "model.svm.cost")
        XCTAssertEqual(error("{cost: abc}")?.key, "model.svm.cost")
        XCTAssertEqual(error("{gamma: [0]}")?.key, "model.svm.gamma")
        XCTAssertEqual(error("{gamma: [[0.1]]}")?.key, "model.svm.gamma")
        XCTAssertEqual(error("{measure: deviance}")?.key, "model.svm.measure")
        XCTAssertEqual(error("{degree: 3}")?.key, "model.svm.degree")
        XCTAssertEqual(error("[1, 2]")?.key, "model.svm")
        XCTAssertTrue(error("{degree: 3}")?.reason.contains("unknown key") ?? false)
    }
}
