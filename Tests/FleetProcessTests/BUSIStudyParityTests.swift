import Foundation
import TestSupport
import XCTest

/// The example study examples/busi-benign-malignant run end to end by the real `radfleet run` on the shared BUSI
/// cases, against its oracle (Fixtures/busi_study_oracle.json, made by scripts/oracle/busi_study.py and
/// busi_study.R: glmnet's `cv.glmnet` with the same folds, lambda.min, the rad-score, pROC), under the project's
/// rule |a − b| ≤ 1e-6 · max(1, |b|) (coefficients also relative to themselves, |a − b| ≤ 1e-6 · |b|):
/// 1. the extracted features against PyRadiomics 3.1.4's reference table (all 97,644 values);
/// 2. against the R pipeline on PyRadiomics' features (`pyradiomics`): kept and dropped columns, the λ sequence,
///    `lambda.min`, `lambda.1se`, the selected features, their coefficients and the intercept, every case's
///    rad-score, the AUC with its DeLong 95% CI and the Youden cut-off's metrics. The `cvm`/`cvsd` curves and
///    `nzero` are printed, not asserted, here: with 474 features on 206 cases (collinear pairs such as
///    Energy and TotalEnergy), glmnet turns the ≤ 1e-14 differences between RadFleet's and PyRadiomics' features
///    into differences up to 1e-4 in `cvm` at small λ — as it does between two PyRadiomics runs with other NumPy
///    and PyWavelets versions (the example's README);
/// 3. against the same R pipeline on the very features this run modelled (`radfleetFeatures`, recognised by the
///    fingerprint of features.csv): everything of 2 and the whole `cvm`, `cvsd` and `nzero` curves.
/// The bootstrap CI is not compared: RadFleet draws its replicates with its own generator, not R's `sample()`.
final class BUSIStudyParityTests: XCTestCase {
    struct Oracle: Decodable {
        struct Interval: Decodable { let lower, upper: Double }
        struct Youden: Decodable { let threshold, accuracy, sensitivity, specificity, ppv, npv, tp, fp, tn, fn: Double }
        let cases, events, features: Int
        let dropped: [String]
        let lambda, cvm, cvsd: [Double]
        let nzero: [Int]
        let lambda_min, lambda_1se, intercept: Double
        let selected: [String]
        let coefficients: [Double]
        let radscore_ids: [String]
        let radscore: [Double]
        let auc: Double
        let delong: Interval
        let youden: Youden
        /// FNV-1a 64 of the features.csv modelled (`radfleetFeatures` only).
        let digest: String?
    }

    struct Fixture: Decodable {
        let pyradiomics: Oracle
        let radfleetFeatures: Oracle
    }

    /// The parts of results.json compared here.
    struct Results: Decodable {
        struct Model: Decodable {
            struct Lasso: Decodable {
                let measure: String
                let folds: Int
                let lambda, cvm, cvsd: [Double]
                let nzero: [Int]
                let lambdaMin, lambda1SE: Double
                let rule: String
                let coefficients: [String: Double]
            }
            struct Evaluation: Decodable {
                struct Interval: Decodable { let method: String; let lower, upper: Double }
                let auc: Double
                let ci: Interval
                let youden: Oracle.Youden
            }
            let cases, features: Int
            let droppedFeatures: [String]
            let lasso: Lasso
            let radScore: [String: Double]
            let evaluation: Evaluation
        }
        let model: Model
    }

    static let example = SharedData.repositoryRoot.appendingPathComponent("examples/busi-benign-malignant")

    func testStudyMatchesPyRadiomicsGlmnetAndPROC() throws {
        let busi = SharedData.url("busi")
        guard SharedData.isAvailable else {
            throw XCTSkip("the shared BUSI cases are not at \(busi.path) (set RADFLEET_SHARED_DATA): the BUSI study parity test needs them")
        }
        let h = try FleetHarness()
        let dir = h.dir.appendingPathComponent("busi-study")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        // The study folder: the example's files, the cohort with its folds rebuilt here by the documented rule (and
        // checked against the committed one), the images through a `busi` link below the data root.
        let cohort = try Self.cohortWithFolds(busi: busi)
        XCTAssertEqual(cohort, try String(contentsOf: Self.example.appendingPathComponent("cohort.csv"), encoding: .utf8),
                       "the committed cohort.csv is not the shared BUSI cohort with the README's fold rule")
        try cohort.write(to: dir.appendingPathComponent("cohort.csv"), atomically: true, encoding: .utf8)
        XCTAssertEqual(try Data(contentsOf: Self.example.appendingPathComponent("params.yaml")),
                       try Data(contentsOf: SharedData.url("params/default.yaml")),
                       "params.yaml should be the shared default.yaml the reference features were made with")
        for name in ["study.yaml", "params.yaml"] {
            try FileManager.default.copyItem(at: Self.example.appendingPathComponent(name), to: dir.appendingPathComponent(name))
        }
        try FileManager.default.createSymbolicLink(at: dir.appendingPathComponent("busi"), withDestinationURL: busi)

        let run = try h.run(["run", dir.appendingPathComponent("study.yaml").path, "--workers", "2", "--quiet"], timeout: 900)
        XCTAssertEqual(run.status, 0, run.output)
        let results = dir.appendingPathComponent("results")
        let model = try JSONDecoder().decode(Results.self, from: Data(contentsOf: results.appendingPathComponent("results.json"))).model
        let fixture = try Fixtures.json(Fixture.self, "busi_study_oracle.json")

        // 1. Features against PyRadiomics.
        let features = try ReferenceTable(contentsOf: results.appendingPathComponent("features.csv"))
        let reference = try ReferenceTable(contentsOf: busi.appendingPathComponent("reference/pyradiomics_default.csv"))
        XCTAssertEqual(features.columns, reference.columns)
        var featureCheck = Check()
        for (id, row) in zip(features.ids, features.values) {
            guard let i = reference.ids.firstIndex(of: id) else { XCTFail("case \(id) is not in the reference"); continue }
            for (j, (a, b)) in zip(row, reference.values[i]).enumerated() { featureCheck.compare(a, b, "\(id) \(features.columns[j])") }
        }
        XCTAssertEqual(featureCheck.compared, 206 * 474)

        // 2. The R pipeline on PyRadiomics' features.
        var endToEnd = Check()
        endToEnd.compareModel(model, fixture.pyradiomics, curves: false)
        let cvm = zip(model.lasso.cvm, fixture.pyradiomics.cvm).map { relativeError($0, $1) }.max() ?? 0
        let cvsd = zip(model.lasso.cvsd, fixture.pyradiomics.cvsd).map { relativeError($0, $1) }.max() ?? 0

        // 3. The R pipeline on this run's own features.
        var sameInputs = Check()
        let digest = Self.fnv1a64(try Data(contentsOf: results.appendingPathComponent("features.csv")))
        if digest == fixture.radfleetFeatures.digest {
            sameInputs.compareModel(model, fixture.radfleetFeatures, curves: true)
        } else {
            XCTFail("features.csv (FNV-1a \(digest)) is not the table the fixture's R run modelled (\(fixture.radfleetFeatures.digest ?? "none")): "
                    + "RadFleet's features changed; regenerate the fixture (scripts/oracle/busi_study.py --radfleet-features <run>/results/features.csv)")
        }
        print("BUSI study parity: features \(featureCheck.summary); with R on PyRadiomics' features \(endToEnd.summary) "
              + "(not asserted: cvm max relative difference \(cvm), cvsd \(cvsd)); with R on this run's features \(sameInputs.summary); "
              + "\(fixture.pyradiomics.selected.count) features selected")
    }

    /// Counts values compared under the 1e-6 rule, asserts each, keeps the largest difference.
    struct Check {
        var compared = 0, worst = 0.0, worstName = ""

        var summary: String { "\(compared) values, max relative difference \(worst)" + (worstName.isEmpty ? "" : " (\(worstName))") }

        mutating func compare(_ a: Double, _ b: Double, _ name: String, selfRelative: Bool = false) {
            compared += 1
            let error = selfRelative ? (a == b ? 0 : abs(a - b) / abs(b)) : relativeError(a, b)
            if error > worst { (worst, worstName) = (error, name) }
            XCTAssertTrue(error <= 1e-6, "\(name): RadFleet \(a), oracle \(b) (relative error \(error))")
        }

        mutating func compare(_ a: [Double], _ b: [Double], _ name: String) {
            XCTAssertEqual(a.count, b.count, "\(name): \(a.count) values, the oracle has \(b.count)")
            for (i, (x, y)) in zip(a, b).enumerated() { compare(x, y, "\(name)[\(i)]") }
        }

        /// results.json's model against one oracle run; `curves`: also cvm, cvsd and nzero.
        mutating func compareModel(_ model: Results.Model, _ oracle: Oracle, curves: Bool) {
            let source = oracle.digest == nil ? "R on PyRadiomics' features" : "R on this run's features"
            XCTAssertEqual(model.cases, oracle.cases, source)
            XCTAssertEqual(model.features, oracle.features, source)
            XCTAssertEqual(model.droppedFeatures, oracle.dropped, source)
            XCTAssertEqual(model.lasso.measure, "deviance")
            XCTAssertEqual(model.lasso.rule, "lambda.min")
            XCTAssertEqual(model.lasso.folds, 10)
            compare(model.lasso.lambda, oracle.lambda, "lambda")
            if curves {
                XCTAssertEqual(model.lasso.nzero, oracle.nzero, source)
                compare(model.lasso.cvm, oracle.cvm, "cvm")
                compare(model.lasso.cvsd, oracle.cvsd, "cvsd")
            }
            compare(model.lasso.lambdaMin, oracle.lambda_min, "lambda.min")
            compare(model.lasso.lambda1SE, oracle.lambda_1se, "lambda.1se")

            XCTAssertEqual(Set(model.lasso.coefficients.keys), Set(["(Intercept)"] + oracle.selected), "selected features, \(source)")
            compare(model.lasso.coefficients["(Intercept)"] ?? .nan, oracle.intercept, "(Intercept)", selfRelative: true)
            for (name, b) in zip(oracle.selected, oracle.coefficients) {
                compare(model.lasso.coefficients[name] ?? .nan, b, name, selfRelative: true)
            }

            XCTAssertEqual(Set(model.radScore.keys), Set(oracle.radscore_ids), source)
            for (id, b) in zip(oracle.radscore_ids, oracle.radscore) { compare(model.radScore[id] ?? .nan, b, "radScore[\(id)]") }

            let e = model.evaluation
            compare(e.auc, oracle.auc, "AUC")
            XCTAssertEqual(e.ci.method, "delong")
            compare(e.ci.lower, oracle.delong.lower, "DeLong lower")
            compare(e.ci.upper, oracle.delong.upper, "DeLong upper")
            let y = e.youden, o = oracle.youden
            for (name, a, b) in [("threshold", y.threshold, o.threshold), ("accuracy", y.accuracy, o.accuracy),
                                 ("sensitivity", y.sensitivity, o.sensitivity), ("specificity", y.specificity, o.specificity),
                                 ("ppv", y.ppv, o.ppv), ("npv", y.npv, o.npv), ("tp", y.tp, o.tp), ("fp", y.fp, o.fp),
                                 ("tn", y.tn, o.tn), ("fn", y.fn, o.fn)] {
                compare(a, b, "youden.\(name)")
            }
        }
    }

    /// FNV-1a (64-bit) of `data`, as scripts/oracle/busi_study.py fingerprints the features.csv it modelled.
    static func fnv1a64(_ data: Data) -> String {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in data { h = (h ^ UInt64(byte)) &* 0x100_0000_01b3 }
        let hex = String(h, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    /// The example's cohort from the shared BUSI cohort.csv (id,image,mask,malignant,spacing,colour): paths through
    /// `busi/`, and folds 1…10 balanced by class — the cases ordered benign first then malignant (cohort order within
    /// each class), the n-th of that order (from 0) in fold n mod 10 + 1.
    static func cohortWithFolds(busi: URL) throws -> String {
        let source = try String(contentsOf: busi.appendingPathComponent("cohort.csv"), encoding: .utf8)
        let lines = source.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        let header = lines.first?.split(separator: ",").map(String.init) ?? []
        guard header == ["id", "image", "mask", "malignant", "spacing", "colour"] else {
            throw XCTSkip("unexpected BUSI cohort header \(header)")
        }
        let rows = lines.dropFirst().filter { !$0.isEmpty }.map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        var fold = [Int](repeating: 0, count: rows.count), position = 0
        for outcome in ["0", "1"] {
            for i in rows.indices where rows[i][3] == outcome {
                fold[i] = position % 10 + 1
                position += 1
            }
        }
        XCTAssertEqual(position, rows.count, "every case is benign (0) or malignant (1)")
        var csv = "id,image,mask,spacing,malignant,colour,fold\n"
        for (r, k) in zip(rows, fold) { csv += "\(r[0]),busi/\(r[1]),busi/\(r[2]),\(r[4]),\(r[3]),\(r[5]),\(k)\n" }
        return csv
    }
}
