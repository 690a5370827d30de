import Fleet
import Foundation
import XCTest

/// The job store on a full disk (issue 6): SQLite's page cap stands in for the disk. The failing change is
/// rolled back with an error that says so, what was stored stays, and with space back the run goes on.
final class JobStoreFullTests: XCTestCase {
    var path: String!

    override func setUp() {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("jobstore-full-\(UUID().uuidString).sqlite").path
    }

    override func tearDown() {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }

    func testFullStoreFailsCleanlyAndResumesWithSpace() throws {
        let jobs = (0..<20).map { PlannedJob(id: "extract:\($0)", kind: "extract", sequence: $0, payload: "{\"case\":\($0)}") }
        let big = "{\"values\":\"" + String(repeating: "7", count: 24_000) + "\"}"
        var stored: [String] = []
        do {
            let store = try JobStore(path: path, maxPages: 40)
            try store.add(jobs, now: 0)
            var full: JobStoreError?
            for k in 0..<20 {
                let job = try XCTUnwrap(try store.lease(to: "w1", now: Double(k), leaseSeconds: 60))
                do {
                    try store.complete(jobId: job.id, worker: "w1", attempt: job.attempt, output: big, now: Double(k))
                    stored.append(job.id)
                } catch {
                    full = error
                    break
                }
            }
            let error = try XCTUnwrap(full, "a 40-page store cannot hold twenty 24 kB results")
            XCTAssertEqual(error, .full(path: path))
            XCTAssertTrue(error.description.contains("is full"), error.description)
            XCTAssertTrue(error.description.contains("same --db to resume"), error.description)
            XCTAssertFalse(stored.isEmpty)
            // The failed change is rolled back: its job is still leased, not done, and holds no result.
            XCTAssertEqual(try store.results().map(\.jobId), stored)
            XCTAssertEqual(try store.counts()["extract"]?[.done], stored.count)
        }
        // Space is back (no cap): the same file opens intact, every stored result is there, and the run goes on.
        let store = try JobStore(path: path)
        try store.releaseAllLeases(now: 100)
        XCTAssertEqual(try store.results().map(\.jobId), stored)
        var now = 101.0
        while let job = try store.lease(to: "w2", now: now, leaseSeconds: 60) {
            XCTAssertTrue(try store.complete(jobId: job.id, worker: "w2", attempt: job.attempt, output: big, now: now))
            now += 1
        }
        XCTAssertEqual(try store.counts()["extract"]?[.done], 20)
        XCTAssertEqual(try store.duplicateCount(), 0)
        XCTAssertTrue(try store.isFinished())
    }
}
