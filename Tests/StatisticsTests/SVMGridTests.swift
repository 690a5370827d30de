import XCTest
import Statistics

/// SVM grid cross-validation parity with e1071 + pROC: fixture svm_grid.json, written by
/// scripts/fixtures/stats_svm_grid.R (`svm(x[fold != k, ], factor(y[fold != k]), type = "C-classification")`,
/// held-out `decision.values`, `auc(roc(y, f, levels = c(0, 1), direction = "<"))`), 120 WDBC rows × 5 columns,
/// 5 fixed folds.
final class SVMGridTests: XCTestCase {
    private struct Table {
        let rows: [[Double]], outcomes: [Int], folds: [Int]
    }

    private func table(_ f: EvalFixture) throws -> Table {
        Table(rows: try f.matrix("x"), outcomes: try f.doubles("y").map { Int($0) }, folds: try f.doubles("fold").map { Int($0) })
    }

    private func parameters(_ s: EvalFixture) throws -> SVMParameters {
        let given = try s.double("gamma_given")
        let kernel: SVMKernel = try s.string("kernel") == "linear" ? .linear : .radial(gamma: given.isNaN ? nil : given)
        return SVMParameters(kernel: kernel, cost: try s.double("cost"))
    }

    func testHeldOutDecisionValuesAndCVAUCMatchE1071() throws {
        let fixture = try EvalFixture.load("svm_grid.json")
        let t = try table(fixture)
        var compared = 0, worst = 0.0
        for s in try fixture.subs("settings") {
            let name = "\(try s.string("kernel")) cost \(try s.double("cost")) gamma \(try s.double("gamma_given"))"
            let cv = try crossValidateSVM(rows: t.rows, outcomes: t.outcomes, foldIDs: t.folds, parameters: try parameters(s))
            let theirs = try s.doubles("held_out")
            XCTAssertEqual(cv.heldOut.count, theirs.count, name)
            for (a, b) in zip(cv.heldOut, theirs) {
                worst = max(worst, abs(a - b) / abs(b))
                assertClose(a, b, 1e-9, relative: true, name)
                compared += 1
            }
            XCTAssertEqual(cv.folds, [1, 2, 3, 4, 5], name)
            // The AUCs count orderings of held-out values, which agree: they are the same doubles.
            XCTAssertEqual(cv.auc, try s.double("auc"), name)
            XCTAssertEqual(cv.foldAUC, try s.doubles("fold_auc"), name)
            let gamma = try s.double("gamma")
            if gamma.isNaN { XCTAssertNil(cv.gamma, name) } else { XCTAssertEqual(cv.gamma, gamma, name) }
        }
        print("SVM grid parity: \(compared) held-out decision values, max relative diff \(worst)")
    }

    func testGridOrderAndBestSettingMatchTheFixture() throws {
        let fixture = try EvalFixture.load("svm_grid.json")
        let t = try table(fixture)
        let grid = SVMGrid(linear: false, costs: [0.5, 4], gammas: [0.05, 0.5])
        let search = try svmGridSearch(rows: t.rows, outcomes: t.outcomes, foldIDs: t.folds, grid: grid)
        let radial = try Array(fixture.subs("settings").prefix(4))
        XCTAssertEqual(search.settings.map(\.cost), try radial.map { try $0.double("cost") })
        XCTAssertEqual(search.settings.map(\.gamma), try radial.map { try $0.double("gamma") })
        XCTAssertEqual(search.settings.map(\.auc), try radial.map { try $0.double("auc") })
        let rAUC = try radial.map { try $0.double("auc") }
        XCTAssertEqual(search.best, rAUC.firstIndex(of: rAUC.max()!))
    }

    func testLinearGridIgnoresGamma() {
        let grid = SVMGrid(linear: true, costs: [0.1, 1, 10], gammas: [0.01, 0.1])
        XCTAssertEqual(grid.settings.count, 3)
        XCTAssertEqual(grid.settings.map(\.kernel), [.linear, .linear, .linear])
        XCTAssertEqual(SVMGrid(linear: false, costs: [0.1, 1], gammas: [0.01, 0.1, 1]).settings.map(\.cost), [0.1, 0.1, 0.1, 1, 1, 1])
    }

    func testBestIsTheFirstHighestAndNeverNaN() {
        XCTAssertEqual(SVMGrid.best([0.5, 0.7, 0.7, 0.6]), 1)
        XCTAssertEqual(SVMGrid.best([.nan, 0.5, .nan]), 1)
        XCTAssertNil(SVMGrid.best([.nan]))
    }
}
