import Fleet
import Foundation
import XCTest

final class JobStoreTests: XCTestCase {
    var path: String!

    override func setUp() {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("jobstore-\(UUID().uuidString).sqlite").path
    }

    override func tearDown() {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }

    func plan(_ n: Int, maxAttempts: Int = 3) -> [PlannedJob] {
        (0..<n).map { PlannedJob(id: "extract:\($0)", kind: "extract", sequence: $0, payload: "{\"case\":\($0)}", maxAttempts: maxAttempts) }
    }

    func testPlanningTwiceAddsNothingNew() throws {
        let store = try JobStore(path: path)
        XCTAssertEqual(try store.add(plan(5), now: 0), 5)
        XCTAssertEqual(try store.add(plan(5), now: 1), 0)
        XCTAssertEqual(try store.counts()["extract"]?[.pending], 5)
    }

    func testLeasesInPlanOrderAndStoresEachResultOnce() throws {
        let store = try JobStore(path: path)
        try store.add(plan(3), now: 0)
        let a = try XCTUnwrap(try store.lease(to: "w1", now: 1, leaseSeconds: 10))
        let b = try XCTUnwrap(try store.lease(to: "w2", now: 1, leaseSeconds: 10))
        XCTAssertEqual([a.id, b.id], ["extract:0", "extract:1"])
        XCTAssertEqual(a.attempt, 1)
        XCTAssertTrue(try store.complete(jobId: a.id, worker: "w1", attempt: 1, output: "{\"x\":1}", now: 2))
        XCTAssertFalse(try store.complete(jobId: a.id, worker: "w1", attempt: 1, output: "{\"x\":1}", now: 3))
        XCTAssertEqual(try store.duplicateCount(), 1)
        XCTAssertEqual(try store.results().map(\.jobId), ["extract:0"])
        XCTAssertThrowsError(try store.complete(jobId: "nope", worker: "w1", attempt: 1, output: "{}", now: 3))
    }

    func testExpiredLeaseIsRetriedThenFailedAfterMaxAttempts() throws {
        let store = try JobStore(path: path)
        try store.add(plan(1, maxAttempts: 2), now: 0)
        _ = try store.lease(to: "w1", now: 0, leaseSeconds: 5)
        XCTAssertEqual(try store.expireLeases(now: 4), [])
        XCTAssertEqual(try store.expireLeases(now: 6), ["extract:0"])
        XCTAssertEqual(try store.state(of: "extract:0")?.state, .pending)
        let second = try XCTUnwrap(try store.lease(to: "w2", now: 7, leaseSeconds: 5))
        XCTAssertEqual(second.attempt, 2)
        try store.expireLeases(now: 20)
        let s = try XCTUnwrap(try store.state(of: "extract:0"))
        XCTAssertEqual(s.state, .failed)
        XCTAssertEqual(s.error, "lease expired (worker w2)")
        XCTAssertTrue(try store.isFinished())
    }

    func testLateResultAfterLeaseExpiryIsStoredOnce() throws {
        let store = try JobStore(path: path)
        try store.add(plan(1), now: 0)
        _ = try store.lease(to: "slow", now: 0, leaseSeconds: 1)
        try store.expireLeases(now: 2)
        _ = try store.lease(to: "fast", now: 2, leaseSeconds: 10)
        XCTAssertTrue(try store.complete(jobId: "extract:0", worker: "slow", attempt: 1, output: "{}", now: 3))
        XCTAssertFalse(try store.complete(jobId: "extract:0", worker: "fast", attempt: 2, output: "{}", now: 4))
        XCTAssertEqual(try store.results().count, 1)
        XCTAssertEqual(try store.state(of: "extract:0")?.state, .done)
    }

    func testFinalFailureIsNotRetriedAndKeepsItsReason() throws {
        let store = try JobStore(path: path)
        try store.add(plan(2), now: 0)
        let j = try XCTUnwrap(try store.lease(to: "w", now: 0, leaseSeconds: 5))
        try store.fail(jobId: j.id, worker: "w", reason: "case 'c0' (c0.png): not a PNG file", final: true, now: 1)
        XCTAssertEqual(try store.failures().map(\.reason), ["case 'c0' (c0.png): not a PNG file"])
        let k = try XCTUnwrap(try store.lease(to: "w", now: 1, leaseSeconds: 5))
        try store.fail(jobId: k.id, worker: "w", reason: "worker out of memory", final: false, now: 2)
        XCTAssertEqual(try store.state(of: k.id)?.state, .pending)
    }

    func testStateSurvivesReopeningAndVoidsOldLeases() throws {
        do {
            let store = try JobStore(path: path)
            try store.add(plan(3), now: 0)
            let j = try XCTUnwrap(try store.lease(to: "w", now: 0, leaseSeconds: 100))
            try store.complete(jobId: j.id, worker: "w", attempt: 1, output: "{\"done\":true}", now: 1)
            _ = try store.lease(to: "w", now: 1, leaseSeconds: 100)
        }
        let reopened = try JobStore(path: path)
        XCTAssertEqual(try reopened.releaseAllLeases(now: 2), ["extract:1"])
        XCTAssertEqual(try reopened.results().map(\.output), ["{\"done\":true}"])
        XCTAssertEqual(try reopened.counts()["extract"]?[.pending], 2)
    }

    func testUnwritableLocationIsAClearError() {
        XCTAssertThrowsError(try JobStore(path: "/nonexistent-dir/run.sqlite")) { error in
            XCTAssertTrue("\(error)".contains("/nonexistent-dir/run.sqlite"), "\(error)")
        }
    }
}
