import Foundation
import XCTest
import Statistics
import TestSupport

/// glmnet parity of the binomial elastic-net path and of cv.glmnet. Fixtures lasso_wdbc.json and lasso_busi.json
/// are written by scripts/fixtures/stats_lasso.R (glmnet 4.1-6) from
///   glmnet(x, y, family = "binomial"[, alpha = 0.5 | lambda.min.ratio = 1e-4]) and
///   cv.glmnet(x, y, family = "binomial", foldid, type.measure = "deviance" | "auc" | "class"[, alpha = 0.5]);
/// the inputs are read here from the same CSVs under ../shared/data.
final class LassoTests: XCTestCase {
    // MARK: - Data

    struct Table {
        let header: [String]
        let rows: [[String]]
        func column(_ name: String) -> [String] {
            let j = header.firstIndex(of: name)!
            return rows.map { $0[j] }
        }
    }

    static func readCSV(_ relative: String) throws -> Table {
        let url = SharedData.url(relative)
        guard FileManager.default.fileExists(atPath: url.path) else { throw XCTSkip("shared data not found: \(url.path)") }
        let text = try String(contentsOf: url, encoding: .utf8)
        let lines = text.split(whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }).filter { !$0.isEmpty }
        let split = lines.map { $0.split(separator: ",", omittingEmptySubsequences: false).map { String($0).trimmingCharacters(in: CharacterSet(charactersIn: "\"\r")) } }
        return Table(header: split[0], rows: Array(split.dropFirst()))
    }

    struct Dataset {
        let x: LassoMatrix
        let positive: [Bool]
        let foldID: [Int]
        /// SD with divisor n of each column (glmnet's standardization), to compare coefficients on that scale.
        let sd: [Double]
    }

    static func matrix(_ table: Table, features: [String], rows: [Int]) throws -> (LassoMatrix, [Double]) {
        var values: [Double] = []
        var sd: [Double] = []
        for f in features {
            let col = table.column(f)
            let v = rows.map { Double(col[$0])! }
            values += v
            let mean = v.reduce(0, +) / Double(v.count)
            sd.append((v.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(v.count)).squareRoot())
        }
        return (try LassoMatrix(columnMajor: values, rowCount: rows.count, columnCount: features.count), sd)
    }

    static func wdbc(_ fixture: EvalFixture, featuresKey: String = "features") throws -> Dataset {
        let t = try readCSV("stats/wdbc.csv")
        let features = try fixture.value(featuresKey).array().map { v -> String in
            guard case .string(let s) = v else { throw FixtureError.shape("feature name") }
            return s
        }
        let (x, sd) = try matrix(t, features: features, rows: Array(t.rows.indices))
        return Dataset(x: x, positive: t.column("malignant").map { $0 == "1" }, foldID: t.column("fold").map { Int($0)! }, sd: sd)
    }

    static func busi(_ fixture: EvalFixture) throws -> Dataset {
        let features = try fixture.value("features").array().map { v -> String in
            guard case .string(let s) = v else { throw FixtureError.shape("feature name") }
            return s
        }
        let cohort = try readCSV("busi/cohort.csv")
        let table = try readCSV("busi/reference/pyradiomics_default.csv")
        let ids = table.column("id")
        let rows = cohort.column("id").map { ids.firstIndex(of: $0)! }
        let (x, sd) = try matrix(table, features: features, rows: rows)
        let foldID = try fixture.doubles("foldid").map { Int($0) }
        return Dataset(x: x, positive: cohort.column("malignant").map { $0 == "1" }, foldID: foldID, sd: sd)
    }

    // MARK: - Comparison

    /// Worst error over compared values: |a − b| / max(scale, |b|).
    struct Tally {
        var count = 0
        var worst = 0.0
        mutating func add(_ a: Double, _ b: Double, scale: Double = 1e-300) -> Double {
            count += 1
            let e = a == b ? 0 : abs(a - b) / max(scale, abs(b))
            worst = max(worst, e)
            return e
        }
    }

    /// Path values: λ and dev.ratio relative; a₀ and β on glmnet's standardized scale (β_j·sd_j), relative to
    /// max(1e-2, |value|) so coefficients that just left zero are judged against the size of the others.
    func comparePath(_ path: LogisticLassoPath, _ r: EvalFixture, sd: [Double], tolerance: Double, label: String,
                     tally: inout Tally) throws {
        let lambda = try r.doubles("lambda")
        XCTAssertEqual(path.lambda.count, lambda.count, "\(label): path length")
        guard path.lambda.count == lambda.count else { return }
        let a0 = try r.doubles("a0"), beta = try r.matrix("beta"), dev = try r.doubles("dev_ratio")
        for m in lambda.indices {
            XCTAssertLessThanOrEqual(tally.add(path.lambda[m], lambda[m]), tolerance, "\(label) lambda[\(m)]")
            XCTAssertLessThanOrEqual(tally.add(path.devianceRatio[m], dev[m], scale: 1e-2), tolerance, "\(label) dev[\(m)]")
            XCTAssertLessThanOrEqual(tally.add(path.intercept[m], a0[m], scale: 1e-2), tolerance, "\(label) a0[\(m)]")
            for j in sd.indices {
                XCTAssertLessThanOrEqual(tally.add(path.beta[m][j] * sd[j], beta[m][j] * sd[j], scale: 1e-2), tolerance,
                                         "\(label) beta[\(m)][\(j)] \(path.beta[m][j]) vs \(beta[m][j])")
            }
        }
        XCTAssertLessThanOrEqual(tally.add(path.nullDeviance, try r.double("nulldev")), 1e-12, label)
    }

    func compareCV(_ cv: CrossValidatedLasso, _ r: EvalFixture, data: Dataset, label: String,
                   path pathTally: inout Tally, stats: inout Tally) throws {
        let lambda = try r.doubles("lambda"), cvm = try r.doubles("cvm"), cvsd = try r.doubles("cvsd")
        XCTAssertEqual(cv.measure.name, try r.string("name"), label)
        XCTAssertEqual(cv.lambda.count, lambda.count, "\(label): lambda count")
        guard cv.lambda.count == lambda.count else { return }
        for j in lambda.indices {
            XCTAssertLessThanOrEqual(pathTally.add(cv.lambda[j], lambda[j]), 1e-5, "\(label) lambda[\(j)]")
            XCTAssertLessThanOrEqual(stats.add(cv.cvm[j], cvm[j]), 1e-6, "\(label) cvm[\(j)]")
            XCTAssertLessThanOrEqual(stats.add(cv.cvsd[j], cvsd[j]), 1e-6, "\(label) cvsd[\(j)]")
        }
        XCTAssertEqual(cv.indexMin + 1, Int(try r.double("index_min")), "\(label) index of lambda.min")
        XCTAssertEqual(cv.index1SE + 1, Int(try r.double("index_1se")), "\(label) index of lambda.1se")
        XCTAssertLessThanOrEqual(pathTally.add(cv.lambdaMin, try r.double("lambda_min")), 1e-5, label)
        XCTAssertLessThanOrEqual(pathTally.add(cv.lambda1SE, try r.double("lambda_1se")), 1e-5, label)
        for (key, s) in [("coef_min", cv.lambdaMin), ("coef_1se", cv.lambda1SE)] {
            let theirs = try r.doubles(key), ours = cv.coefficients(at: s)
            XCTAssertLessThanOrEqual(pathTally.add(ours.intercept, theirs[0], scale: 1e-2), 1e-5, "\(label) \(key) intercept")
            for j in data.sd.indices {
                XCTAssertLessThanOrEqual(pathTally.add(ours.beta[j] * data.sd[j], theirs[j + 1] * data.sd[j], scale: 1e-2), 1e-5,
                                         "\(label) \(key)[\(j)]")
            }
        }
        let link = try cv.linearPredictor(data.x, lambda: cv.lambdaMin)
        for (a, b) in zip(link, try r.doubles("link_min")) {
            XCTAssertLessThanOrEqual(pathTally.add(a, b, scale: 1), 1e-5, "\(label) rad-score")
        }
    }

    // MARK: - Parity

    func testPathsMatchGlmnet() throws {
        var tally = Tally()
        let w = try EvalFixture.load("lasso_wdbc.json")
        let wdbc = try Self.wdbc(w)
        try comparePath(try fitLogisticLasso(wdbc.x, positive: wdbc.positive), w.sub("path_alpha1"), sd: wdbc.sd,
                        tolerance: 1e-5, label: "wdbc alpha 1", tally: &tally)
        try comparePath(try fitLogisticLasso(wdbc.x, positive: wdbc.positive, options: LassoOptions(alpha: 0.5)),
                        w.sub("path_alpha05"), sd: wdbc.sd, tolerance: 1e-5, label: "wdbc alpha 0.5", tally: &tally)
        let small = try Self.wdbc(w, featuresKey: "small_features")
        try comparePath(try fitLogisticLasso(small.x, positive: small.positive), w.sub("path_small"), sd: small.sd,
                        tolerance: 1e-5, label: "wdbc 3 predictors (early stop)", tally: &tally)

        let b = try EvalFixture.load("lasso_busi.json")
        let busi = try Self.busi(b)
        try comparePath(try fitLogisticLasso(busi.x, positive: busi.positive), b.sub("path_alpha1"), sd: busi.sd,
                        tolerance: 1e-5, label: "BUSI n < p", tally: &tally)
        try comparePath(try fitLogisticLasso(busi.x, positive: busi.positive, options: LassoOptions(lambdaMinRatio: 1e-4)),
                        b.sub("path_ratio_1e4"), sd: busi.sd, tolerance: 1e-5, label: "BUSI ratio 1e-4", tally: &tally)
        print("glmnet path parity: \(tally.count) values, max relative error \(tally.worst)")
    }

    func testCrossValidationMatchesCvGlmnet() throws {
        var pathTally = Tally(), stats = Tally()
        let w = try EvalFixture.load("lasso_wdbc.json")
        let wdbc = try Self.wdbc(w)
        for c in try w.subs("cv") {
            let measure = LassoMeasure(rawValue: try c.string("measure"))!
            let alpha = try c.double("alpha")
            let cv = try crossValidateLogisticLasso(wdbc.x, positive: wdbc.positive, foldID: wdbc.foldID, measure: measure,
                                                    options: LassoOptions(alpha: alpha))
            try compareCV(cv, c, data: wdbc, label: "wdbc \(measure) alpha \(alpha)", path: &pathTally, stats: &stats)
        }
        let small = try Self.wdbc(w, featuresKey: "small_features")
        let cvSmall = try crossValidateLogisticLasso(small.x, positive: small.positive, foldID: small.foldID)
        try compareCV(cvSmall, w.sub("cv_small"), data: small, label: "wdbc 3 predictors", path: &pathTally, stats: &stats)

        let b = try EvalFixture.load("lasso_busi.json")
        let busi = try Self.busi(b)
        for c in try b.subs("cv") {
            let measure = LassoMeasure(rawValue: try c.string("measure"))!
            let cv = try crossValidateLogisticLasso(busi.x, positive: busi.positive, foldID: busi.foldID, measure: measure)
            try compareCV(cv, c, data: busi, label: "BUSI \(measure)", path: &pathTally, stats: &stats)
        }
        print("cv.glmnet parity: \(stats.count) cvm/cvsd values, max relative error \(stats.worst); "
              + "\(pathTally.count) lambdas/coefficients/rad-scores, max relative error \(pathTally.worst)")
    }

    // MARK: - Behaviour

    func testConstantPredictorIsExcludedWithoutChangingTheFit() throws {
        let w = try EvalFixture.load("lasso_wdbc.json")
        let small = try Self.wdbc(w, featuresKey: "small_features")
        let n = small.x.rowCount
        let padded = try LassoMatrix(columnMajor: small.x.values + [Double](repeating: 3.5, count: n), rowCount: n,
                                     columnCount: small.x.columnCount + 1)
        let a = try fitLogisticLasso(small.x, positive: small.positive)
        let b = try fitLogisticLasso(padded, positive: small.positive)
        XCTAssertEqual(b.included, [true, true, true, false])
        XCTAssertEqual(a.lambda, b.lambda)
        XCTAssertEqual(a.intercept, b.intercept)
        XCTAssertEqual(a.beta, b.beta.map { Array($0.prefix(3)) })
        XCTAssertTrue(b.beta.allSatisfy { $0[3] == 0 })
    }

    func testOneOutcomeClassIsRejected() throws {
        let x = try LassoMatrix(rows: (0..<20).map { [Double($0), Double($0 * $0 % 7)] })
        XCTAssertThrowsError(try fitLogisticLasso(x, positive: [Bool](repeating: false, count: 20))) {
            XCTAssertEqual($0 as? LassoError, .tooFewInClass(positives: 0, negatives: 20, fold: nil))
        }
        // Both positives in fold 1: fold 1's training rows have a single class.
        var positive = [Bool](repeating: false, count: 20)
        positive[0] = true; positive[3] = true
        let foldID = (0..<20).map { $0 % 3 == 0 ? 1 : ($0 % 3 == 1 ? 2 : 3) }
        XCTAssertThrowsError(try crossValidateLogisticLasso(x, positive: positive, foldID: foldID)) {
            XCTAssertEqual($0 as? LassoError, .tooFewInClass(positives: 0, negatives: 13, fold: 1))
        }
    }

    func testAUCNeedsBothClassesInEveryFold() throws {
        let x = try LassoMatrix(rows: (0..<60).map { [Double($0 % 11), Double($0 * $0 % 13)] })
        let positive = (0..<60).map { $0 % 2 == 0 && $0 >= 20 }   // fold 1 = rows 0..<20: negatives only
        let foldID = (0..<60).map { $0 / 20 + 1 }
        XCTAssertThrowsError(try crossValidateLogisticLasso(x, positive: positive, foldID: foldID, measure: .auc)) {
            guard case .invalidFoldIDs = $0 as? LassoError else { return XCTFail("\($0)") }
        }
    }

    func testFoldIDsAreValidated() throws {
        let x = try LassoMatrix(rows: (0..<12).map { [Double($0), Double($0 % 5)] })
        let positive = (0..<12).map { $0 % 2 == 0 }
        XCTAssertThrowsError(try crossValidateLogisticLasso(x, positive: positive, foldID: (0..<12).map { $0 % 2 + 1 })) {
            guard case .invalidFoldIDs = $0 as? LassoError else { return XCTFail("\($0)") }
        }
        XCTAssertThrowsError(try crossValidateLogisticLasso(x, positive: positive, foldID: (0..<12).map { $0 % 3 + 2 })) {
            guard case .invalidFoldIDs = $0 as? LassoError else { return XCTFail("\($0)") }
        }
        XCTAssertThrowsError(try crossValidateLogisticLasso(x, positive: positive, foldID: [1, 2, 3])) {
            XCTAssertEqual($0 as? LassoError, .foldIDCountMismatch(rows: 12, foldIDs: 3))
        }
    }

    func testSeededFoldsAreBalancedAndReproducible() {
        var g1 = SeededGenerator(seed: 42), g2 = SeededGenerator(seed: 42), g3 = SeededGenerator(seed: 43)
        let a = lassoFoldIDs(count: 103, folds: 10, generator: &g1)
        XCTAssertEqual(a, lassoFoldIDs(count: 103, folds: 10, generator: &g2))
        XCTAssertNotEqual(a, lassoFoldIDs(count: 103, folds: 10, generator: &g3))
        let sizes = (1...10).map { k in a.filter { $0 == k }.count }
        XCTAssertEqual(sizes, [11, 11, 11, 10, 10, 10, 10, 10, 10, 10])
    }

    func testInterpolationBetweenPathLambdas() throws {
        let w = try EvalFixture.load("lasso_wdbc.json")
        let small = try Self.wdbc(w, featuresKey: "small_features")
        let path = try fitLogisticLasso(small.x, positive: small.positive)
        // At a path lambda: that solution exactly; halfway (in lambda) between two: the mean of the two.
        XCTAssertEqual(path.coefficients(at: path.lambda[10]).beta, path.beta[10])
        let mid = (path.lambda[10] + path.lambda[11]) / 2
        for (j, b) in path.coefficients(at: mid).beta.enumerated() {
            XCTAssertEqual(b, (path.beta[10][j] + path.beta[11][j]) / 2, accuracy: 1e-12 * max(1, abs(b)))
        }
        // Above lambda_1 and below the last lambda: clamped to the end solutions.
        XCTAssertEqual(path.coefficients(at: 10 * path.lambda[0]).beta, path.beta[0])
        XCTAssertEqual(path.coefficients(at: 0).beta, path.beta[path.beta.count - 1])
    }
}

