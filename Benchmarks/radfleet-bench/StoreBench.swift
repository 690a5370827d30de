import Fleet
import Foundation

/// The coordinator's per-job bookkeeping in the SQLite job store, alone: lease one job, store its result and
/// mark it done, in one transaction per job (as the coordinator does for a single result per loop turn). Reports
/// process CPU per job for results of extract size, the cost that competes with the workers for the cores.
enum StoreBench {
    static func run(jobs: Int, resultBytes: Int) throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("radfleet-store-\(UUID().uuidString).sqlite").path
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        let store = try JobStore(path: path)
        let payload = "{\"caseId\":\"case\",\"image\":\"images/case.png\",\"mask\":\"masks/case.png\",\"parameters\":\""
            + String(repeating: "x", count: 600) + "\"}"
        try store.add((0..<jobs).map { PlannedJob(id: "extract:case-\($0)", kind: "extract", sequence: $0, payload: payload) }, now: 0)
        var values = "[", k = 0
        while values.utf8.count < resultBytes { values += (k == 0 ? "" : ",") + String(Double(k) * 1.234567890123e-3); k += 1 }
        let output = "{\"caseId\":\"case\",\"values\":" + values + "]}"
        let start = processCPUTime(), wall = Date()
        for i in 0..<jobs {
            let now = Double(i)
            try store.batch {
                guard let job = try store.lease(to: "w1", now: now, leaseSeconds: 600) else { return }
                try store.complete(jobId: job.id, worker: "w1", attempt: job.attempt, output: output, now: now)
            }
        }
        let cpu = processCPUTime().total - start.total
        print(String(format: "jobstore     %d jobs, %d-byte results: %.1f µs CPU per job (%.1f µs wall)",
                     jobs, output.utf8.count, cpu / Double(jobs) * 1e6, Date().timeIntervalSince(wall) / Double(jobs) * 1e6))
    }
}
