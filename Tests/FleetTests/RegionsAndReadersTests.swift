import CaseIO
import Fleet
import Foundation
import ImageIO
import RadiomicsCore
import Statistics
import Study
import XCTest

/// A study with two ROIs (`rois:`), second-reader masks and the ICC step, and the seeded random split: the jobs the
/// plan makes, the ICC step against Statistics' filter on the two readers' stored rows, the further ROI's rad-score
/// by hand from its own extraction rows, and the per-(ROI, reader) feature tables.
final class RegionsAndReadersTests: XCTestCase {
    private var dir: URL!
    private let count = 60

    override func setUpWithError() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("radfleet-rois-\(UUID().uuidString)")
        let cohort = DemoCohort(count: count, seed: 11, size: 96)
        try DemoCohortWriter.write(cohort, to: dir)
        // A second ROI (the lesion's core: its mask eroded by 3 px) and, for every second case, both ROIs outlined
        // again by a "second reader" (the first reader's mask dilated by 1 px).
        var lines = try String(contentsOf: dir.appendingPathComponent("cohort.csv"), encoding: .utf8).split(separator: "\n").map(String.init)
        // The demo's original ten columns only: its own node_mask / mask_reader2 / … columns are replaced below.
        lines = lines.map { $0.split(separator: ",", omittingEmptySubsequences: false).prefix(10).joined(separator: ",") }
        lines[0] += ",node_mask,mask_reader2,node_mask_reader2"
        for (k, c) in cohort.cases.enumerated() {
            let core = Self.morph(c.mask, steps: 3, grow: false)
            let coreName = "images/\(c.id)_core.png"
            try PNGWriter.write(PNGWriter.encode(core), to: dir.appendingPathComponent(coreName).path)
            var extra = ",\(coreName),,"
            if k % 2 == 0 {
                let r2 = "images/\(c.id)_r2.png", coreR2 = "images/\(c.id)_core_r2.png"
                try PNGWriter.write(PNGWriter.encode(Self.morph(c.mask, steps: 1, grow: true)), to: dir.appendingPathComponent(r2).path)
                try PNGWriter.write(PNGWriter.encode(Self.morph(core, steps: 1, grow: true)), to: dir.appendingPathComponent(coreR2).path)
                extra = ",\(coreName),\(r2),\(coreR2)"
            }
            lines[k + 1] += extra
        }
        try (lines.joined(separator: "\n") + "\n").write(to: dir.appendingPathComponent("cohort.csv"), atomically: true, encoding: .utf8)
    }

    override func tearDown() {
        try? FileManager.default.removeItem(at: dir)
    }

    /// The mask grown or shrunk by `steps` 4-neighbour steps.
    static func morph(_ mask: LabelMap, steps: Int, grow: Bool) -> LabelMap {
        var labels = mask.labels
        let w = mask.width, h = mask.height
        for _ in 0..<steps {
            var next = labels
            for y in 0..<h {
                for x in 0..<w {
                    let neighbours = [(x - 1, y), (x + 1, y), (x, y - 1), (x, y + 1)].map { nx, ny in
                        nx >= 0 && ny >= 0 && nx < w && ny < h ? labels[ny * w + nx] != 0 : false
                    }
                    if grow, labels[y * w + x] == 0, neighbours.contains(true) { next[y * w + x] = 255 }
                    if !grow, labels[y * w + x] != 0, neighbours.contains(false) { next[y * w + x] = 0 }
                }
            }
            labels = next
        }
        return LabelMap(width: w, height: h, spacing: mask.spacing, labels: labels)
    }

    func writeStudy(_ text: String) throws -> URL {
        let url = dir.appendingPathComponent("study-rois.yaml")
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    static let twoROIStudy = """
    name: rois
    seed: 7
    cohort: cohort.csv
    outcome: alnm
    extraction: {params: params.yaml}
    output: results-rois
    cohorts: {column: cohort, training: training}
    rois:
      tumour: {mask: mask, readerMask: mask_reader2}
      node: {mask: node_mask, readerMask: node_mask_reader2}
    features:
      icc: {threshold: 0.75}
      redundancy: {method: greedy, threshold: 0.9}
    model:
      lasso: {folds: 5, measure: deviance, rule: lambda.min}
      bootstrap: 0

    """

    func testTwoROIsWithSecondReadersRunTheICCAndAScorePerROI() throws {
        let url = try writeStudy(Self.twoROIStudy)
        let (plan, results, _) = try InProcessStudy.run(studyFile: url, dataRoot: dir)
        XCTAssertEqual(plan.study.regions.map(\.name), ["tumour", "node"])

        // Extraction: every case for both ROIs, and the second reader of every second case for both.
        let extractIds = results.keys.filter { $0.hasPrefix("extract:") }
        XCTAssertEqual(extractIds.count, 2 * count + 2 * (count / 2))
        XCTAssertNotNil(results["extract:demo-001"])
        XCTAssertNotNil(results["extract:demo-001:node"])
        XCTAssertNotNil(results["extract:demo-001:reader2"])
        XCTAssertNotNil(results["extract:demo-001:node:reader2"])
        XCTAssertNil(results["extract:demo-002:reader2"])
        // A LASSO per ROI.
        XCTAssertNotNil(results["fit:lasso"])
        XCTAssertNotNil(results["fit:lasso:node"])
        XCTAssertNotNil(results["cvfold:lasso:node:5"])

        for region in 0..<2 {
            // The ICC step, against Statistics' filter on the two readers' rows of the usable columns.
            let data = try plan.modelData(results: results, region: region)
            let steps = try XCTUnwrap(data.reduction)
            XCTAssertEqual(steps.map(\.step), ["usable", "icc", "constant", "redundancy"])
            let training = try plan.extractedCases(results: results, region: region).filter(\.training)
            let usable = ModelData(rows: training.map { ($0.id, $0.names, $0.values) }, outcomes: training.map(\.outcome),
                                   foldIDs: training.map { _ in 1 })
            let pairs = try plan.readerPairs(results: results, region: region, features: usable.features)
            XCTAssertEqual(pairs.first.count, count / 2)
            let icc = try iccFilter(reader1: pairs.first, reader2: pairs.second, form: .icc2_1, threshold: 0.75, basis: .estimate)
            XCTAssertEqual(steps[1].features, icc.kept.count)
            XCTAssertLessThan(icc.kept.count, usable.features.count, "the dilated masks should make some features unstable")
            XCTAssertTrue(Set(data.features).isSubset(of: Set(icc.kept.map { usable.features[$0] })))
        }

        guard case let .evaluated(e)? = ModelSection.evaluate(study: plan.study, results: results) else {
            return XCTFail("the model is not evaluated")
        }
        XCTAssertEqual(e.regions.count, 1)
        let node = try e.regions[0].get()
        XCTAssertEqual(node.label, "Rad-score (node)")
        // The node score of a validation case by hand: its node row, z-scored with the node model's training scale.
        let nodeData = try plan.modelData(results: results, region: 1)
        let scaling = try XCTUnwrap(nodeData.scaling)
        let validation = try XCTUnwrap(node.cohorts.first)
        XCTAssertEqual(validation.name, "validation")
        XCTAssertFalse(validation.caseIds.isEmpty)
        for (id, score) in zip(validation.caseIds, validation.radScores) {
            let row = try ExtractJobOutput(jsonText: try XCTUnwrap(results["extract:\(id):node"]))
            var expected = node.intercept
            for s in node.selected {
                let j = try XCTUnwrap(nodeData.features.firstIndex(of: s.name))
                let raw = try XCTUnwrap(row.values[try XCTUnwrap(row.names.firstIndex(of: s.name))])
                expected += s.coefficient * (raw - scaling.mean[j]) / scaling.sd[j]
            }
            XCTAssertEqual(score, expected, accuracy: 1e-10 * max(1, abs(expected)), id)
        }
        XCTAssertTrue(e.performance.contains { $0.model == "Rad-score (node)" && $0.cohort == "validation" })

        // Feature tables: reader 1 of the primary ROI in features.csv, each other (ROI, reader) in its own.
        let store = try InProcessStudy.store(results, at: dir.appendingPathComponent("rois.sqlite").path)
        let outputs = try Aggregator(study: plan.study, version: "test").assemble(from: store)
        XCTAssertEqual(outputs.featureTable.rows.count, count)
        XCTAssertEqual(outputs.otherFeatureTables.map(\.name), ["features_node", "features_node_reader2", "features_reader2"])
        XCTAssertEqual(outputs.otherFeatureTables.map(\.table.rows.count), [count, count / 2, count / 2])
        XCTAssertTrue(outputs.resultsJSON.rendered().contains("\"otherFeatureTables\""))
        XCTAssertTrue(outputs.resultsJSON.rendered().contains("\"regions\""))
    }

    func testUnknownOrIncompleteROIsAreNamed() throws {
        func error(_ yaml: String) -> String {
            do { _ = try StudyFile(yaml: yaml, url: dir.appendingPathComponent("s.yaml")); return "no error" } catch { return "\(error)" }
        }
        let base = "cohort: cohort.csv\noutcome: alnm\n"
        XCTAssertTrue(error(base + "rois:\n  node: {mask: node_mask, colour: red}\n").contains("rois.node.colour: unknown key"))
        XCTAssertTrue(error(base + "rois:\n  node: {image: node_image}\n").contains("rois.node.mask: missing"))
        XCTAssertTrue(error(base + "rois:\n  reader2: {mask: m}\n").contains("reserved"))
        XCTAssertTrue(error(base + "features:\n  icc: {threshold: 0.8}\n").contains("features.icc.readerMask: missing"))
        XCTAssertTrue(error(base + "rois:\n  t: {mask: mask, readerMask: r}\n  n: {mask: n}\nfeatures:\n  icc: {threshold: 0.8}\n")
            .contains("rois.n.readerMask: missing"))
        XCTAssertTrue(error(base + "cohorts: {split: 1.5}\n").contains("cohorts.split"))
        XCTAssertTrue(error(base + "cohorts: {split: 0.7, column: cohort}\n").contains("not both"))
        // A cohort without the ROI's column: named at planning.
        let url = try writeStudy(base + "rois:\n  node: {mask: no_such_column}\n")
        XCTAssertThrowsError(try StudyPlan(study: try StudyFile(contentsOf: url))) { e in
            XCTAssertTrue("\(e)".contains("rois.node.mask") && "\(e)".contains("no_such_column"), "\(e)")
        }
    }

    func testRandomSplitIsStratifiedAndSeeded() throws {
        let split = CohortSplit(randomFraction: 0.75)
        let strata = (0..<100).map { $0 % 4 == 0 ? "1" : "0" }   // 25 events, 75 non-events
        let a = split.randomCohorts(strata: strata, seed: 42)
        XCTAssertEqual(a, split.randomCohorts(strata: strata, seed: 42))
        XCTAssertNotEqual(a, split.randomCohorts(strata: strata, seed: 43))
        let trainingEvents = zip(a, strata).filter { $0.0 == "training" && $0.1 == "1" }.count
        let trainingNonEvents = zip(a, strata).filter { $0.0 == "training" && $0.1 == "0" }.count
        XCTAssertEqual(trainingEvents, 19)       // round(0.75 × 25)
        XCTAssertEqual(trainingNonEvents, 56)    // round(0.75 × 75)
        XCTAssertEqual(a.filter { $0 == "test" }.count, 25)

        // In a study: the plan's cohorts follow the same rule with the study's derived seed.
        let url = try writeStudy("cohort: cohort.csv\noutcome: alnm\nseed: 5\ncohorts: {split: 0.75}\n")
        let plan = try StudyPlan(study: try StudyFile(contentsOf: url))
        let cohortFile = dir.appendingPathComponent("cohort.csv")
        let ids = try DataTable.textColumn("id", of: cohortFile)
        let expected = CohortSplit(randomFraction: 0.75).randomCohorts(strata: try DataTable.textColumn("alnm", of: cohortFile),
                                                                      seed: JobSeed.derive(studySeed: 5, jobId: "cohorts:split"))
        let names = try plan.study.cohortNames()
        XCTAssertEqual(ids.map { names[$0]! }, expected)
        XCTAssertEqual(Set(expected), ["training", "test"])
    }
}
