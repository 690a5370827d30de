import XCTest
import Statistics

/// Calibration parity (fixture clinical_calibration.json from scripts/fixtures/stats_clinical.R): binned curves
/// (hoslem.test-style decile groups), rms::val.prob statistics, and rms::calibrate(lrm fit, method = "boot",
/// B = 200) with the bootstrap index sets R drew (set.seed(2024); the script checks that its plain-R
/// recomputation from those indices equals calibrate's optimism to 1e-12); and (clinical_calibrate_seeded.json)
/// `set.seed(s); calibrate(lrm(…), B = 200)` reproduced from the seed with RSample draws and LRMFit refits.
final class CalibrationTests: XCTestCase {
    func testBinnedCurves() throws {
        let f = try EvalFixture.load("clinical_calibration.json")
        let y = try f.doubles("outcome")
        for (key, score, g) in [("binned_new", "p_new", 10), ("binned_old", "p_old", 10), ("binned_5", "p_new", 5)] {
            let r = try f.sub(key)
            let c = try CalibrationCurve(risk: try f.doubles(score), outcome: y, groups: g)
            XCTAssertEqual(c.breaks, try r.doubles("breaks"), key)
            XCTAssertEqual(c.count.map(Double.init), try r.doubles("count"), key)
            XCTAssertEqual(c.events, try r.doubles("events"), key)
            compareSeries(c.predicted, try r.doubles("predicted"), tolerance: 1e-14, "\(key) predicted")
            compareSeries(c.observed, try r.doubles("observed"), tolerance: 1e-14, "\(key) observed")
        }
    }

    func testValProbStatistics() throws {
        let f = try EvalFixture.load("clinical_calibration.json")
        let y = try f.doubles("outcome")
        var worst = 0.0
        // The glm fits' own risks are calibrated in-sample (intercept 0, slope 1 up to the fitters' convergence:
        // compared absolutely); the shrunk score is not, and is compared relatively.
        for (key, score) in [("stats_new", "p_new"), ("stats_old", "p_old"), ("stats_shrunk", "p_shrunk")] {
            let r = try f.sub(key), vp = try r.sub("val_prob")
            let s = try CalibrationStatistics(risk: try f.doubles(score), outcome: y)
            let pairs: [(Double, String)] = [(s.brier, "Brier"), (s.intercept, "Intercept"), (s.slope, "Slope"), (s.emax, "Emax"),
                                              (s.e90, "E90"), (s.eavg, "Eavg"), (s.spiegelhalterZ, "S:z"), (s.spiegelhalterP, "S:p")]
            for (mine, name) in pairs {
                if key != "stats_shrunk" && name == "Intercept" {
                    assertClose(mine, try vp.double(name), 1e-9, "\(key) \(name)")
                    continue
                }
                let (_, w) = compareSeries([mine], [try vp.double(name)], tolerance: 1e-9, "\(key) \(name)")
                worst = max(worst, w)
            }
            if key == "stats_shrunk" {
                let (_, w) = compareSeries([s.interceptInTheLarge], [try r.double("intercept_in_the_large")], tolerance: 1e-9, "\(key) in the large")
                worst = max(worst, w)
            } else {
                assertClose(s.interceptInTheLarge, try r.double("intercept_in_the_large"), 1e-9, "\(key) in the large")
            }
        }
        print("val.prob parity: 27 values, max rel diff (relative comparisons) \(worst)")
    }

    /// Exact inputs: R's bootstrap samples and R's refitted coefficients (lrm.fit, tol = 1e-13).
    func testBootstrapCalibrationWithRsSamplesAndFits() throws {
        let b = try EvalFixture.load("clinical_calibration.json").sub("boot")
        let x = try b.matrix("x"), y = try EvalFixture.load("clinical_calibration.json").doubles("outcome")
        let indices = try b.matrix("indices").map { $0.map { Int($0) - 1 } }
        let coefs = try b.matrix("boot_coefficients").map { Optional($0) }
        XCTAssertEqual(indices.count, 200)
        let cal = try BootstrapCalibration(x: x, outcome: y, coefficients: try b.doubles("coefficients"),
                                           bootstrapIndices: indices, bootstrapCoefficients: coefs)
        try assertMatchesRms(cal, b, tolerance: 1e-9, label: "R fits")
    }

    /// The same samples refitted here by `LRMFit` (rms lrm.fit's Newton–Raphson with its early stop, eps = 0.025
    /// on −2 log L): the refits are R's coefficients, and the curve is rms's to 1e-9.
    func testBootstrapCalibrationWithSwiftRefits() throws {
        let f = try EvalFixture.load("clinical_calibration.json")
        let b = try f.sub("boot")
        let x = try b.matrix("x"), y = try f.doubles("outcome")
        let indices = try b.matrix("indices").map { $0.map { Int($0) - 1 } }
        let original = try LRMFit(x: x, outcome: y)
        var (compared, worst) = compareSeries(original.coefficients, try b.doubles("coefficients"), tolerance: 1e-13, "original lrm fit")
        for (sample, rCoefficients) in zip(indices, try b.matrix("boot_coefficients")) {
            let refit = try LRMFit(x: sample.map { x[$0] }, outcome: sample.map { y[$0] }, tolerance: 1e-13)
            let (c, w) = compareSeries(refit.coefficients, rCoefficients, tolerance: 1e-13, "lrm.fit refit")
            compared += c; worst = max(worst, w)
        }
        print("lrm.fit parity: \(compared) coefficients, max rel diff \(worst)")
        let cal = try BootstrapCalibration(x: x, outcome: y, bootstrapIndices: indices)
        try assertMatchesRms(cal, b, tolerance: 1e-9, label: "Swift refits")
    }

    /// The whole path from the seed: `set.seed(s); calibrate(lrm(y ~ x, x = TRUE, y = TRUE), B)` (fixture
    /// clinical_calibrate_seeded.json) against R's draws by RSample and refits by LRMFit.
    func testBootstrapCalibrationFromRSeed() throws {
        let f = try EvalFixture.load("clinical_calibrate_seeded.json")
        let x = try f.matrix("x"), y = try f.doubles("outcome")
        let seed = try XCTUnwrap(Int32(exactly: try f.double("seed"))), replicates = Int(try f.double("B"))
        let samples = BootstrapCalibration.rSamples(rows: y.count, replicates: replicates, seed: seed)
        XCTAssertEqual(samples.first?.prefix(10).map { Double($0 + 1) }, try f.doubles("first_sample_head"))
        // lrm.fit fails (no convergence in maxit = 12) on exactly R's nearly separated samples.
        let failing = samples.indices.filter { b in
            (try? LRMFit(x: samples[b].map { x[$0] }, outcome: samples[b].map { y[$0] }, tolerance: 1e-13)) == nil
        }
        XCTAssertEqual(failing.map { Double($0 + 1) }, try f.doubles("failed_replicates"))
        let cal = try BootstrapCalibration(x: x, outcome: y, bootstrapIndices: samples)
        compareSeries(try LRMFit(x: x, outcome: y).coefficients, try f.doubles("coefficients"), tolerance: 1e-13, "lrm fit")
        try assertMatchesRms(cal, f, tolerance: 1e-9, failedFits: failing.count, label: "R seed \(seed)")
    }

    func assertMatchesRms(_ cal: BootstrapCalibration, _ b: EvalFixture, tolerance: Double, failedFits: Int = 0, label: String) throws {
        XCTAssertEqual(cal.failedFits, failedFits, label)
        var worst = 0.0, compared = 0
        for (mine, key) in [(cal.predy, "predy"), (cal.calibratedOriginal, "calibrated_orig"), (cal.calibratedCorrected, "calibrated_corrected"),
                            (cal.training, "training"), (cal.test, "test"), (cal.optimism, "optimism"), (cal.n.map(Double.init), "n")] {
            let (c, w) = compareSeries(mine, try b.doubles(key), tolerance: tolerance, "\(label) \(key)")
            compared += c; worst = max(worst, w)
        }
        print("rms::calibrate parity (\(label)): \(compared) values, max rel diff \(worst)")
    }
}
