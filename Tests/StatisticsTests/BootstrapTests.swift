import Foundation
import XCTest
import Statistics

/// R's sample() and quantile(type = 7), pROC's stratified bootstrap under set.seed, and the fleet
/// bootstrap's split invariance (Fixtures/roc_rsample.json, roc_wdbc.json).
final class BootstrapTests: XCTestCase {
    func testRSampleWithReplacementMatchesR() throws {
        for c in try EvalFixture.load("roc_rsample.json").subs("sample") {
            let seed = Int32(try c.double("seed")), n = Int(try c.double("n")), size = Int(try c.double("size"))
            var rng = RMersenneTwister(setSeed: seed)
            let draws = rng.sampleWithReplacement(n: n, size: size).map { Double($0 + 1) }
            XCTAssertEqual(draws, try c.doubles("draws"), "seed \(seed), n \(n)")
            // The stream continues where R's does (same number of unif_rand() consumed).
            XCTAssertEqual(rng.unifRand(), try c.double("after"), "seed \(seed), n \(n)")
        }
    }

    func testQuantileType7MatchesR() throws {
        let f = try EvalFixture.load("roc_rsample.json")
        let probs = try f.doubles("quantile_probs")
        for c in try f.subs("quantile") {
            XCTAssertEqual(Quantile.type7(try c.doubles("x"), probs), try c.doubles("q"))
        }
        XCTAssertEqual(Quantile.type7([3, 1, 2], [0.5, 0.25]), [2, 1.5])
    }

    func testPROCStratifiedBootstrapIsDrawForDrawIdentical() throws {
        let f = try EvalFixture.load("roc_wdbc.json").sub("cases")
        for name in f.object.keys.sorted() {
            let c = try f.sub(name)
            let r = try ROCCurve(outcomes: c.doubles("response"), scores: c.doubles("score"))
            let seed = Int32(try c.double("boot_seed")), b = Int(try c.double("boot_n"))
            let reps = PROCBootstrap.aucReplicates(r, count: b, seed: seed)
            XCTAssertEqual(Array(reps.prefix(10)), try c.doubles("boot_aucs_head"), name)
            let ci = BootstrapInterval(replicates: reps)
            let e = try c.doubles("ci_boot")
            XCTAssertEqual([ci.lower, ci.median, ci.upper], e, name)
            XCTAssertEqual(e, try c.doubles("ci_boot_replay"), name)
            XCTAssertEqual(ci.count, b)
        }
    }

    /// The generic R-compatible path (statistic on the resampled values) gives the AUC path's numbers.
    func testGenericPROCReplicatesAgreeWithTheAUCPath() throws {
        let c = try EvalFixture.load("roc_wdbc.json").sub("cases").sub("concave_points_2dp")
        let r = try ROCCurve(outcomes: c.doubles("response"), scores: c.doubles("score"))
        let fast = PROCBootstrap.aucReplicates(r, count: 20, seed: 5)
        let generic = PROCBootstrap.replicates(controls: r.controls, cases: r.cases, count: 20, seed: 5) { controls, cases in
            (try? ROCCurve(controls: controls, cases: cases, direction: r.direction).auc) ?? .nan
        }
        XCTAssertEqual(fast, generic)
    }

    func testFleetBootstrapIsIndependentOfHowTheRangeIsSplit() throws {
        let c = try EvalFixture.load("roc_wdbc.json").sub("cases").sub("mean_radius")
        let r = try ROCCurve(outcomes: c.doubles("response"), scores: c.doubles("score"))
        let boot = StratifiedBootstrap(cases: r.cases.count, controls: r.controls.count, seed: 2024)
        let whole = boot.aucReplicates(r, range: 0..<300)
        let parts = boot.aucReplicates(r, range: 0..<7) + boot.aucReplicates(r, range: 7..<150) + boot.aucReplicates(r, range: 150..<300)
        XCTAssertEqual(whole, parts)
        XCTAssertEqual(boot.replicates(range: 5..<9), boot.replicates(range: 0..<20)[5..<9].map { $0 })
        // Each replicate's AUC is the pROC AUC of the resampled curve.
        for (b, s) in zip(10..<14, boot.replicates(range: 10..<14)) {
            let rc = try ROCCurve(controls: s.controls.map { r.controls[$0] }, cases: s.cases.map { r.cases[$0] }, direction: r.direction)
            XCTAssertEqual(rc.auc, whole[b])
        }
        XCTAssertNotEqual(whole[0], whole[1])
        let other = StratifiedBootstrap(cases: r.cases.count, controls: r.controls.count, seed: 2025)
        XCTAssertNotEqual(other.aucReplicates(r, range: 0..<5), Array(whole.prefix(5)))
        // The interval brackets the point estimate on this strong score.
        let ci = boot.aucInterval(r, count: 300)
        XCTAssertLessThan(ci.lower, r.auc)
        XCTAssertGreaterThan(ci.upper, r.auc)
    }
}
