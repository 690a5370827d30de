import XCTest
import Statistics

/// NRI / IDI parity with Hmisc::improveProb as PredictABEL::reclassification calls it (fixture clinical_nri.json
/// from scripts/fixtures/stats_clinical.R), plus a hand-worked case.
final class ReclassificationTests: XCTestCase {
    let fields: [(String, KeyPath<ImprovementStatistics, Double>)] = [
        ("pup.ev", \.pupEv), ("pup.ne", \.pupNe), ("pdown.ev", \.pdownEv), ("pdown.ne", \.pdownNe),
        ("nri", \.nri), ("se.nri", \.seNri), ("z.nri", \.zNri), ("nri.ev", \.nriEv), ("se.nri.ev", \.seNriEv),
        ("z.nri.ev", \.zNriEv), ("nri.ne", \.nriNe), ("se.nri.ne", \.seNriNe), ("z.nri.ne", \.zNriNe),
        ("improveSens", \.improveSens), ("improveSpec", \.improveSpec), ("idi", \.idi), ("se.idi", \.seIdi), ("z.idi", \.zIdi),
    ]

    func testMatchesImproveProbAndPredictABEL() throws {
        let f = try EvalFixture.load("clinical_nri.json")
        let y = try f.doubles("outcome"), old = try f.doubles("p_old"), new = try f.doubles("p_new")
        var compared = 0, worst = 0.0
        for key in ["cut3", "cut4", "rounded"] {
            let r = try f.sub(key)
            let (o, n) = key == "rounded" ? (old.map { ($0 * 10).rounded() / 10 }, new.map { ($0 * 10).rounded() / 10 }) : (old, new)
            let rc = try Reclassification(old: o, new: n, outcome: y, cutoffs: try r.doubles("cutoff"))
            for (stats, part) in [(rc.categorical, "categorical"), (rc.continuous, "continuous")] {
                let e = try r.sub(part)
                XCTAssertEqual(Double(stats.n), try e.double("n")); XCTAssertEqual(Double(stats.na), try e.double("na"))
                for (name, path) in fields {
                    let (c, w) = compareSeries([stats[keyPath: path]], [try e.double(name)], tolerance: 1e-12, "\(key) \(part) \(name)")
                    compared += c; worst = max(worst, w)
                }
            }
            compareSeries([rc.categorical.pNri, rc.continuous.pNri, rc.continuous.pIdi],
                          [try r.double("p_categorical"), try r.double("p_continuous"), try r.double("p_idi")], tolerance: 1e-9, "\(key) p")
            XCTAssertEqual(rc.tableAbsent.map { $0.map(Double.init) }, try r.matrix("table_absent"), key)
            XCTAssertEqual(rc.tablePresent.map { $0.map(Double.init) }, try r.matrix("table_present"), key)
            XCTAssertEqual(rc.tableAll.map { $0.map(Double.init) }, try r.matrix("table_all"), key)
        }
        print("NRI/IDI parity: \(compared) values, max rel diff \(worst)")
    }

    /// Hand-worked: events (old → new) 0.1→0.3, 0.5→0.4, 0.2→0.2; non-events 0.6→0.3, 0.3→0.1.
    /// Events: up 1, down 1 → NRI_ev 0; non-events: down 2 → NRI_ne = 1; NRI = 1.
    /// var_ev = 2/9 − 0 = 2/9, var_ne = 2/4 − 4/8 = 0 → SE = √(2/9).
    /// IDI = mean(0.2, −0.1, 0) − mean(−0.3, −0.2) = 1/30 + 0.25.
    func testHandWorked() throws {
        let s = try ImprovementStatistics(old: [0.1, 0.5, 0.2, 0.6, 0.3], new: [0.3, 0.4, 0.2, 0.3, 0.1], outcome: [1, 1, 1, 0, 0])
        XCTAssertEqual(s.nri, 1, accuracy: 1e-15)
        XCTAssertEqual(s.seNri, (2.0 / 9).squareRoot(), accuracy: 1e-15)
        XCTAssertEqual(s.idi, 1.0 / 30 + 0.25, accuracy: 1e-15)
        // Categories [0, 0.25), [0.25, 1]: events 0→1, 1→1, 0→0; non-events 1→1, 1→0.
        let r = try Reclassification(old: [0.1, 0.5, 0.2, 0.6, 0.3], new: [0.3, 0.4, 0.2, 0.3, 0.1], outcome: [1, 1, 1, 0, 0], cutoffs: [0, 0.25, 1])
        XCTAssertEqual(r.tablePresent, [[1, 1], [0, 1]])
        XCTAssertEqual(r.tableAbsent, [[0, 0], [1, 1]])
        XCTAssertEqual(r.categorical.nri, 1.0 / 3 + 0.5, accuracy: 1e-15)
    }
}
