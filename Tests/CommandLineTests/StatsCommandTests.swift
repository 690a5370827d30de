import Foundation
import TestSupport
import XCTest

/// `radfleet stats …` as a user runs it, on the real wdbc table: the numbers that reach stdout are R's (the same
/// R fixtures the Statistics tests use), and bad tables are refused with the line and column named.
final class StatsCommandTests: XCTestCase {
    private var wdbc: URL { SharedData.url("stats/wdbc.csv") }
    private let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("radfleet-cli-\(UUID().uuidString)")

    override func setUpWithError() throws {
        guard FileManager.default.fileExists(atPath: wdbc.path) else { throw XCTSkip("shared data not found at \(wdbc.path)") }
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    }

    override func tearDown() {
        try? FileManager.default.removeItem(at: scratch)
    }

    private func fixture(_ name: String) throws -> [String: Any] {
        let url = SharedData.repositoryRoot.appendingPathComponent("Tests/StatisticsTests/Fixtures/\(name)")
        return try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
    }

    private func json(_ text: String) throws -> [String: Any] {
        try XCTUnwrap(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any], text)
    }

    /// Every column of wdbc.csv except `keep`, the outcome and the id, as `--exclude` arguments.
    private func excludingAllBut(_ keep: [String]) throws -> [String] {
        let header = try String(contentsOf: wdbc, encoding: .utf8).prefix { $0 != "\n" && $0 != "\r" }
        let columns = header.split(separator: ",").map(String.init)
        return ["--exclude"] + columns.filter { !keep.contains($0) && $0 != "malignant" }
    }

    func testLogitPrintsRsGlmEstimatesForTheSameColumns() throws {
        let reference = try XCTUnwrap((try fixture("glm_wdbc.json")["cases"] as? [[String: Any]])?.first)
        let terms = try XCTUnwrap(reference["terms"] as? [String])
        let estimates = try XCTUnwrap(reference["estimate"] as? [Double])
        let errors = try XCTUnwrap(reference["stdError"] as? [Double])
        let r = try RadFleetExecutable.run(["stats", "logit", "--data", wdbc.path, "--outcome", "malignant"]
                                           + (try excludingAllBut(Array(terms.dropFirst()))))
        XCTAssertEqual(r.status, 0, r.stderr)
        let rows = try XCTUnwrap(try json(r.stdout)["coefficients"] as? [[String: Any]])
        XCTAssertEqual(rows.compactMap { $0["term"] as? String }, terms)
        for (row, (b, se)) in zip(rows, zip(estimates, errors)) {
            let mine = try XCTUnwrap(row["estimate"] as? Double), mineSE = try XCTUnwrap(row["stdError"] as? Double)
            XCTAssertLessThanOrEqual(abs(mine - b), 1e-7 * abs(b), "\(row["term"] ?? "")")
            XCTAssertLessThanOrEqual(abs(mineSE - se), 1e-7 * abs(se), "\(row["term"] ?? "")")
        }
    }

    func testROCPrintsPROCsAUCAndDeLongInterval() throws {
        let cases = try XCTUnwrap(try fixture("roc_wdbc.json")["cases"] as? [String: Any])
        let reference = try XCTUnwrap(cases["mean_radius"] as? [String: Any])
        let auc = try XCTUnwrap(reference["auc"] as? Double)
        let ci = try XCTUnwrap(reference["ci_delong"] as? [Double])
        let r = try RadFleetExecutable.run(["stats", "roc", "--data", wdbc.path, "--outcome", "malignant", "--score", "mean_radius"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let score = try XCTUnwrap((try json(r.stdout)["scores"] as? [[String: Any]])?.first)
        XCTAssertEqual(score["auc"] as? Double, auc)
        let interval = try XCTUnwrap(score["ci"] as? [String: Any])
        let lower = try XCTUnwrap(interval["lower"] as? Double), upper = try XCTUnwrap(interval["upper"] as? Double)
        XCTAssertLessThanOrEqual(abs(lower - ci[0]), 1e-9)
        XCTAssertLessThanOrEqual(abs(upper - ci[2]), 1e-9)
    }

    func testLassoPrintsCvGlmnetsLambdasAndCoefficientsWithTheSameFolds() throws {
        let fixture = try fixture("lasso_wdbc.json")
        let features = try XCTUnwrap(fixture["features"] as? [String])
        let reference = try XCTUnwrap((fixture["cv"] as? [[String: Any]])?.first { $0["measure"] as? String == "deviance" })
        let r = try RadFleetExecutable.run(["stats", "lasso", "--data", wdbc.path, "--outcome", "malignant", "--exclude", "id",
                                            "--foldid", "fold", "--measure", "deviance"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let out = try json(r.stdout)
        for (mine, theirs) in [("lambdaMin", "lambda_min"), ("lambda1SE", "lambda_1se")] {
            let a = try XCTUnwrap(out[mine] as? Double), b = try XCTUnwrap(reference[theirs] as? Double)
            XCTAssertLessThanOrEqual(abs(a - b), 1e-5 * b, mine)
        }
        let coefficients = try XCTUnwrap(out["coefficients"] as? [String: Any])
        let atMin = try XCTUnwrap(coefficients["lambdaMin"] as? [String: Any])
        let expected = try XCTUnwrap(reference["coef_min"] as? [Double])
        for (name, b) in zip(["(Intercept)"] + features, expected) {
            let a = atMin[name] as? Double ?? 0
            XCTAssertLessThanOrEqual(abs(a - b), 1e-5 * max(abs(b), 1e-12), name)
        }
    }

    func testMissingAndNonNumericCellsAreNamedByLineAndColumn() throws {
        let table = scratch.appendingPathComponent("bad.csv")
        try "y,a,b\n0,1.5,2\n1,,3\n0,2.5,4\n1,3.5,x\n".write(to: table, atomically: true, encoding: .utf8)
        let missing = try RadFleetExecutable.run(["stats", "logit", "--data", table.path, "--outcome", "y", "--exclude", "b"])
        XCTAssertNotEqual(missing.status, 0)
        XCTAssertTrue(missing.stderr.contains("bad.csv:3: column 'a': missing value"), missing.stderr)
        XCTAssertTrue(missing.stdout.isEmpty, "no partial JSON on stdout: \(missing.stdout)")

        let dropped = try RadFleetExecutable.run(["stats", "logit", "--data", table.path, "--outcome", "y", "--exclude", "b",
                                                  "--drop-missing"])
        XCTAssertEqual(dropped.status, 0, dropped.stderr)
        XCTAssertEqual(try json(dropped.stdout)["n"] as? Int, 3, "the row with the missing cell is dropped, the others kept")

        let text = try RadFleetExecutable.run(["stats", "roc", "--data", table.path, "--outcome", "y", "--score", "b"])
        XCTAssertNotEqual(text.status, 0)
        XCTAssertTrue(text.stderr.contains("bad.csv:5: column 'b': 'x' is not a number"), text.stderr)
    }

    func testOneOutcomeClassIsRefused() throws {
        let table = scratch.appendingPathComponent("one-class.csv")
        try "y,a\n1,1\n1,2\n1,3\n1,4\n".write(to: table, atomically: true, encoding: .utf8)
        for command in [["logit"], ["roc", "--score", "a"]] {
            let r = try RadFleetExecutable.run(["stats"] + command + ["--data", table.path, "--outcome", "y"])
            XCTAssertNotEqual(r.status, 0, "\(command)")
            XCTAssertTrue(r.stderr.contains("both"), r.stderr)
        }
    }
}
