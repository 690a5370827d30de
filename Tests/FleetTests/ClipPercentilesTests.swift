import CaseIO
import Fleet
import FleetProtocol
import Foundation
import Study
import XCTest

/// `extraction: {clipPercentiles: [low, high]}`: parsed and checked, carried in every extract job (old messages
/// without it still decode), and applied by the worker to the whole image before extraction — the features equal
/// PyRadiomics' on the image clipped with numpy (Fixtures/clip_percentiles.json, scripts/fixtures/clip_percentiles.py).
final class ClipPercentilesTests: XCTestCase {
    struct Fixture: Decodable {
        struct Case: Decodable {
            let id: String
            let low: Double
            let high: Double
            let features: [String: Double]
        }

        let percentiles: [Double]
        let parameters: String
        let cases: [Case]
    }

    func testParsedCheckedAndCarriedInEveryExtractJob() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("radfleet-clip-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        try DemoCohortWriter.write(DemoCohort(count: 3, seed: 5, size: 48), to: dir)
        let url = dir.appendingPathComponent("study.yaml")
        func study(_ extraction: String) throws(StudyError) -> StudyFile {
            try StudyFile(yaml: "cohort: cohort.csv\nextraction: \(extraction)\n", url: url)
        }
        XCTAssertNil(try study("{params: params.yaml}").clipPercentiles)
        let clipped = try study("{params: params.yaml, clipPercentiles: [0.5, 99.5]}")
        XCTAssertEqual(clipped.clipPercentiles, [0.5, 99.5])
        for job in try StudyPlan(study: clipped).extractionJobs() {
            XCTAssertEqual(try job.input.decode(ExtractJobInput.self).clipPercentiles, [0.5, 99.5], job.id)
        }
        for bad in ["[99.5, 0.5]", "[0.5]", "[-1, 50]", "[1, 101]", "[a, 90]", "5"] {
            do {
                _ = try study("{clipPercentiles: \(bad)}")
                XCTFail("\(bad) accepted")
            } catch {
                XCTAssertEqual(error.key, "extraction.clipPercentiles", bad)
            }
        }
        do { _ = try study("{clip: [1, 99]}"); XCTFail("unknown key accepted") } catch {
            XCTAssertEqual(error.key, "extraction.clip")
            XCTAssertTrue(error.reason.contains("clipPercentiles"), error.reason)
        }
        // A message from before the field existed decodes, without clipping; a new one round-trips.
        let old = try JSONDecoder().decode(ExtractJobInput.self, from: Data(#"{"caseId":"a","image":"a.png","mask":"m.png","spacing":0.1}"#.utf8))
        XCTAssertNil(old.clipPercentiles)
        let new = ExtractJobInput(caseId: "a", image: "a.png", mask: "m.png", spacing: nil, parameters: nil, clipPercentiles: [1, 99])
        XCTAssertEqual(try JSONValue(encoding: new).decode(ExtractJobInput.self), new)
        XCTAssertFalse(String(decoding: try JSONEncoder().encode(old), as: UTF8.self).contains("clipPercentiles"), "absent stays absent")
    }

    func testWorkerFeaturesEqualPyRadiomicsOnTheNumpyClippedImage() throws {
        let env = ProcessInfo.processInfo.environment["RADFLEET_SHARED_DATA"].flatMap { $0.isEmpty ? nil : $0 }
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let busi = (env.map { URL(fileURLWithPath: $0) } ?? repository.deletingLastPathComponent().appendingPathComponent("shared/data"))
            .appendingPathComponent("busi")
        guard FileManager.default.fileExists(atPath: busi.appendingPathComponent("cohort.csv").path) else {
            throw XCTSkip("the shared BUSI data is not at \(busi.path) (set RADFLEET_SHARED_DATA)")
        }
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/clip_percentiles.json")
        let fixture = try JSONDecoder().decode(Fixture.self, from: Data(contentsOf: url))
        let runner = StandardJobRunner(dataRoot: busi)
        func extract(_ id: String, clip: [Double]?) throws -> [String: Double] {
            let input = ExtractJobInput(caseId: id, image: "\(id).png", mask: "\(id)_mask.png", spacing: 0.1,
                                        parameters: fixture.parameters, clipPercentiles: clip)
            let job = Job(id: "extract:\(id)", kind: .extract, seed: 1, input: try JSONValue(encoding: input))
            switch runner.run(job) {
            case let .success(value):
                let out = try ExtractJobOutput(jsonText: RawJSON(value).text)
                return Dictionary(uniqueKeysWithValues: zip(out.names, out.values.map { $0 ?? .nan }))
            case let .failure(f):
                XCTFail("\(id): \(f.reason)")
                return [:]
            }
        }
        var compared = 0, worst = 0.0, changed = 0, exact = 0
        for c in fixture.cases {
            let got = try extract(c.id, clip: fixture.percentiles)
            XCTAssertEqual(Set(got.keys), Set(c.features.keys), c.id)
            for (name, want) in c.features {
                let v = try XCTUnwrap(got[name], "\(c.id) \(name)")
                let err = abs(v - want) / max(1, abs(want))
                worst = max(worst, err)
                XCTAssertLessThanOrEqual(err, 1e-6, "\(c.id) \(name): \(v) vs PyRadiomics \(want)")
                compared += 1
            }
            // Where the ROI reaches a cut-off, numpy's percentile is met exactly (linear interpolation, same double).
            for (name, cut) in [("original_firstorder_Minimum", c.low), ("original_firstorder_Maximum", c.high)] where c.features[name] == cut {
                XCTAssertEqual(got[name], cut, "\(c.id) \(name)")
                exact += 1
            }
            let unclipped = try extract(c.id, clip: nil)
            changed += c.features.keys.filter { abs((unclipped[$0] ?? .nan) - c.features[$0]!) > 1e-6 * max(1, abs(c.features[$0]!)) }.count
        }
        XCTAssertEqual(compared, 174)
        XCTAssertEqual(exact, 4, "cut-offs the ROI reaches in the fixture: both in benign-414, the low one in malignant-206, the high (interpolated) one in benign-234-rgb")
        XCTAssertGreaterThan(changed, 60, "clipping changes many of these features; without it they should differ")
        print("clipPercentiles parity: \(compared) values, max relative difference \(worst); \(changed) differ without clipping")
    }
}
