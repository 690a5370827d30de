import Foundation
import Study
import XCTest

/// `deepFeatures:`: the PCA of the deep-feature table fitted on the training cohort's rows only and applied to every
/// case, against R's `prcomp` + `predict` (fixture deep_pca.json, scripts/fixtures/study_deep_multiclass.R), and the
/// table's and the section's errors.
final class DeepFeatureTests: XCTestCase {
    struct Fixture: Decodable {
        struct Case: Decodable {
            let scale: Bool
            let sdev: [Double]
            let rotation: [[Double]]
            let center: [Double]
            let variance_proportion: [Double]
            let scores_k3: [[Double]]
        }
        let ids: [String]
        let training_ids: [String]
        let cases: [Case]
    }

    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
    private var dir: URL!

    override func setUpWithError() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("radfleet-deep-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: Self.fixtures.appendingPathComponent("deep_pca_table.csv"), to: dir.appendingPathComponent("deep.csv"))
    }

    override func tearDown() { try? FileManager.default.removeItem(at: dir) }

    /// A study on cases d01…d14 of the table (d01…d10 training) plus d15, which has no row in it.
    private func study(_ deep: String) throws -> StudyFile {
        var csv = "id,image,mask,cohort,alnm\n"
        for i in 1...15 { csv += "d\(String(format: "%02d", i)),i.png,m.png,\(i <= 10 ? "training" : "validation"),\(i % 2)\n" }
        try csv.write(to: dir.appendingPathComponent("cohort.csv"), atomically: true, encoding: .utf8)
        let yaml = """
        cohort: cohort.csv
        outcome: alnm
        cohorts: {column: cohort, training: training}
        model: {lasso: {folds: 3}}
        deepFeatures: \(deep)

        """
        let url = dir.appendingPathComponent("study.yaml")
        try yaml.write(to: url, atomically: true, encoding: .utf8)
        return try StudyFile(contentsOf: url)
    }

    func testComponentsMatchPrcompOnTheTrainingRows() throws {
        let f = try JSONDecoder().decode(Fixture.self, from: Data(contentsOf: Self.fixtures.appendingPathComponent("deep_pca.json")))
        var worst = 0.0, compared = 0
        for c in f.cases {
            let p = try DeepFeatureProjection(study: try study("{table: deep.csv, pca: 3, scale: \(c.scale)}"))
            XCTAssertEqual(p.trainingCases, f.training_ids.count)
            XCTAssertEqual(p.columns, ["f1", "f2", "f3", "f4", "f5", "f6"])
            XCTAssertEqual(p.names, ["deep_PC1", "deep_PC2", "deep_PC3"])
            XCTAssertEqual(p.excluded.map(\.id), ["d15"])
            XCTAssertTrue(p.excluded[0].reason.contains("line 16, case 'd15'"), p.excluded[0].reason)
            for (a, b) in zip(p.model.center, c.center) { XCTAssertEqual(a, b, accuracy: 1e-13 * max(1, abs(b))) }
            for k in 0..<3 {
                XCTAssertEqual(p.model.standardDeviations[k], c.sdev[k], accuracy: 1e-10 * c.sdev[k])
                XCTAssertEqual(p.varianceExplained[k], c.variance_proportion[k], accuracy: 1e-10 * c.variance_proportion[k])
                // Components are defined up to sign (prcomp's come from LAPACK): align on the loadings.
                let sign = (0..<6).map { p.model.rotation[k][$0] * c.rotation[$0][k] }.reduce(0, +) > 0 ? 1.0 : -1.0
                for j in 0..<6 {
                    worst = max(worst, abs(p.model.rotation[k][j] - sign * c.rotation[j][k])); compared += 1
                    XCTAssertEqual(p.model.rotation[k][j], sign * c.rotation[j][k], accuracy: 1e-9)
                }
                // Every case, training and validation, projected with the training rotation.
                for (i, id) in f.ids.enumerated() {
                    let ours = try XCTUnwrap(p.scores[id])[k], theirs = sign * c.scores_k3[i][k]
                    worst = max(worst, abs(ours - theirs) / max(1, abs(theirs))); compared += 1
                    XCTAssertEqual(ours, theirs, accuracy: 1e-9 * max(1, abs(theirs)), "\(id) PC\(k + 1) scale \(c.scale)")
                }
            }
        }
        print("deep-feature PCA parity: \(compared) values, max difference \(worst)")
    }

    func testExtractedCasesGainTheComponents() throws {
        let p = try DeepFeatureProjection(study: try study("{table: deep.csv, pca: 2}"))
        XCTAssertFalse(p.spec.scale, "prcomp's default: no scaling")
        XCTAssertEqual(p.varianceExplained.count, 2)
        XCTAssertLessThan(p.totalVarianceExplained, 1)
    }

    func testErrorsNameTheKeyFileLineCaseAndColumn() throws {
        func reason(_ deep: String) -> String {
            do { _ = try DeepFeatureProjection(study: try study(deep)); return "no error" } catch { return "\(error)" }
        }
        // More components than training cases − 1, or than columns.
        let tooMany = reason("{table: deep.csv, pca: 10}")
        XCTAssertTrue(tooMany.contains("deepFeatures.pca") && tooMany.contains("at most 9"), tooMany)
        // 7 ≤ 9 but the table has 6 columns.
        let wide = reason("{table: deep.csv, pca: 7}")
        XCTAssertTrue(wide.contains("deepFeatures.pca") && wide.contains("6 feature column"), wide)
        // A bad cell: file, line, case, column.
        let url = dir.appendingPathComponent("deep.csv")
        var lines = try String(contentsOf: url, encoding: .utf8).components(separatedBy: "\n")
        var fields = lines[3].components(separatedBy: ",")
        fields[4] = "abc"
        lines[3] = fields.joined(separator: ",")
        try lines.joined(separator: "\n").write(to: dir.appendingPathComponent("bad.csv"), atomically: true, encoding: .utf8)
        let bad = reason("{table: bad.csv, pca: 2}")
        XCTAssertTrue(bad.contains("bad.csv") && bad.contains("line 4") && bad.contains("case 'd03'") && bad.contains("column f4")
                      && bad.contains("'abc' is not a number"), bad)
        // A constant training column cannot be scaled.
        var constant = try String(contentsOf: url, encoding: .utf8).components(separatedBy: "\n")
        for i in 1..<constant.count where !constant[i].isEmpty {
            var f = constant[i].components(separatedBy: ","); f[2] = "1"; constant[i] = f.joined(separator: ",")
        }
        try constant.joined(separator: "\n").write(to: dir.appendingPathComponent("constant.csv"), atomically: true, encoding: .utf8)
        let scaled = reason("{table: constant.csv, pca: 2, scale: true}")
        XCTAssertTrue(scaled.contains("deepFeatures.scale") && scaled.contains("column f2"), scaled)
        // Section keys.
        XCTAssertThrowsError(try study("{table: deep.csv, pca: 2, whiten: true}")) { XCTAssertTrue("\($0)".contains("deepFeatures.whiten"), "\($0)") }
        XCTAssertThrowsError(try study("{table: deep.csv}")) { XCTAssertTrue("\($0)".contains("deepFeatures.pca"), "\($0)") }
    }
}
