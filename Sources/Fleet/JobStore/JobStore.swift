/// A job's life in the store: pending → leased → done, or back to pending when its lease expires or its worker
/// dies, or failed after `maxAttempts` (protocol/PROTOCOL.md, "Job states").
public enum JobState: String, Sendable, CaseIterable, Codable {
    case pending, leased, done, failed
}

/// A job as planned: its id (unique in the study), kind, order, JSON payload and attempt budget.
public struct PlannedJob: Sendable, Equatable {
    public let id: String
    public let kind: String
    public let sequence: Int
    public let payload: String
    public let maxAttempts: Int

    public init(id: String, kind: String, sequence: Int, payload: String, maxAttempts: Int = 3) {
        self.id = id
        self.kind = kind
        self.sequence = sequence
        self.payload = payload
        self.maxAttempts = maxAttempts
    }
}

/// A job handed to a worker: which attempt this is, and until when the lease runs.
public struct LeasedJob: Sendable, Equatable {
    public let id: String
    public let kind: String
    public let payload: String
    public let attempt: Int
    public let leaseExpires: Double
}

public struct StoredResult: Sendable, Equatable {
    public let jobId: String
    public let kind: String
    public let sequence: Int
    public let output: String
}

public struct JobFailure: Sendable, Equatable {
    public let jobId: String
    public let kind: String
    public let reason: String
    public let attempts: Int
    public let updated: Double
}

/// The coordinator's durable state in one SQLite file (WAL, one writer, a transaction per state change), so an
/// overnight sweep survives a crash: jobs, their attempts and leases, and results keyed by job id — a result
/// delivered twice is stored once. The only user of CSQLite.
public final class JobStore {
    let db: SQLiteDatabase
    public var path: String { db.path }

    public static let schemaVersion = 1

    /// Opens (or creates) the store at `path`. `maxPages` caps its size in SQLite pages (`PRAGMA max_page_count`,
    /// 4 KiB each): a change that would grow it further fails with `JobStoreError.full`, as on a full disk.
    public init(path: String, maxPages: Int? = nil) throws(JobStoreError) {
        db = try SQLiteDatabase(path: path)
        try db.execute("PRAGMA journal_mode=WAL")
        try db.execute("PRAGMA synchronous=NORMAL")
        if let maxPages { try db.execute("PRAGMA max_page_count=\(max(1, maxPages))") }
        try db.execute("""
            CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS jobs(
                id TEXT PRIMARY KEY, kind TEXT NOT NULL, seq INTEGER NOT NULL, payload TEXT NOT NULL,
                state TEXT NOT NULL CHECK (state IN ('pending', 'leased', 'done', 'failed')),
                attempts INTEGER NOT NULL DEFAULT 0, max_attempts INTEGER NOT NULL,
                worker TEXT, lease_expires REAL, leased_at REAL, error TEXT, updated REAL NOT NULL DEFAULT 0);
            CREATE INDEX IF NOT EXISTS jobs_by_state ON jobs(state, seq);
            CREATE TABLE IF NOT EXISTS results(
                job_id TEXT PRIMARY KEY REFERENCES jobs(id), output TEXT NOT NULL,
                worker TEXT, attempt INTEGER, received REAL NOT NULL);
            CREATE TABLE IF NOT EXISTS duplicates(job_id TEXT NOT NULL, worker TEXT, received REAL NOT NULL);
            """)
        try db.prepare("INSERT OR IGNORE INTO meta(key, value) VALUES ('schemaVersion', ?)").run([.int(Self.schemaVersion)])
    }

    // MARK: Metadata

    public func setMeta(_ key: String, _ value: String) throws(JobStoreError) {
        try db.prepare("INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value")
            .run([.text(key), .text(value)])
    }

    public func meta(_ key: String) throws(JobStoreError) -> String? {
        try db.prepare("SELECT value FROM meta WHERE key = ?").rows([.text(key)]) { $0.text(0) }.first
    }

    // MARK: Planning

    /// Adds jobs not already stored (planning the same study again after a restart adds nothing).
    /// - Returns: how many were new.
    @discardableResult
    public func add(_ jobs: [PlannedJob], now: Double) throws(JobStoreError) -> Int {
        try db.transaction { () throws(JobStoreError) -> Int in
            let insert = try db.prepare("""
                INSERT OR IGNORE INTO jobs(id, kind, seq, payload, state, max_attempts, updated)
                VALUES (?, ?, ?, ?, 'pending', ?, ?)
                """)
            var added = 0
            for j in jobs {
                try insert.run([.text(j.id), .text(j.kind), .int(j.sequence), .text(j.payload), .int(j.maxAttempts), .double(now)])
                added += db.changes
            }
            return added
        }
    }

    // MARK: Leasing

    /// Leases the first pending job (by sequence) to `worker` until `now + leaseSeconds`.
    public func lease(to worker: String, now: Double, leaseSeconds: Double) throws(JobStoreError) -> LeasedJob? {
        try lease(to: worker, count: 1, now: now, leaseSeconds: leaseSeconds).first
    }

    /// Leases up to `count` pending jobs (the first by sequence) to `worker`, in plan order.
    public func lease(to worker: String, count: Int, now: Double, leaseSeconds: Double) throws(JobStoreError) -> [LeasedJob] {
        guard count > 0 else { return [] }
        return try db.transaction { () throws(JobStoreError) -> [LeasedJob] in
            try db.statement("""
                UPDATE jobs SET state = 'leased', worker = ?, lease_expires = ?, leased_at = ?, attempts = attempts + 1, updated = ?
                WHERE id IN (SELECT id FROM jobs WHERE state = 'pending' ORDER BY seq LIMIT ?)
                RETURNING id, kind, payload, attempts, lease_expires, seq
                """).rows([.text(worker), .double(now + leaseSeconds), .double(now), .double(now), .int(count)]) {
                (LeasedJob(id: $0.text(0), kind: $0.text(1), payload: $0.text(2), attempt: $0.int(3), leaseExpires: $0.double(4)), $0.int(5))
            }.sorted { $0.1 < $1.1 }.map(\.0)
        }
    }

    /// Runs `body` as one transaction (the coordinator groups the state changes of one loop turn).
    public func batch<T>(_ body: () throws -> T) throws -> T {
        var value: T?
        var failure: Error?
        try db.transaction { () throws(JobStoreError) in
            do { value = try body() } catch let e as JobStoreError { throw e } catch { failure = error }
        }
        if let failure { throw failure }
        return value!
    }

    /// Extends a live lease (the worker is still at it).
    public func renewLease(jobId: String, worker: String, until: Double) throws(JobStoreError) {
        try db.prepare("UPDATE jobs SET lease_expires = ? WHERE id = ? AND worker = ? AND state = 'leased'")
            .run([.double(until), .text(jobId), .text(worker)])
    }

    /// Returns leased jobs whose lease ran out to pending (or failed, when out of attempts).
    /// - Returns: the ids of the jobs taken back.
    @discardableResult
    public func expireLeases(now: Double) throws(JobStoreError) -> [String] {
        try release(where: "state = 'leased' AND lease_expires < ?", [.double(now)], reason: "lease expired", now: now)
    }

    /// Returns every job leased to `worker` (it died or disconnected).
    @discardableResult
    public func releaseJobs(of worker: String, reason: String, now: Double) throws(JobStoreError) -> [String] {
        try release(where: "state = 'leased' AND worker = ?", [.text(worker)], reason: reason, now: now)
    }

    /// Leases that never reached their worker (the send failed): back to pending, the attempt not counted.
    public func returnUnsent(_ jobIds: [String], now: Double) throws(JobStoreError) {
        guard !jobIds.isEmpty else { return }
        try db.transaction { () throws(JobStoreError) in
            for id in jobIds {
                try db.prepare("""
                    UPDATE jobs SET state = 'pending', attempts = MAX(attempts - 1, 0), worker = NULL,
                        lease_expires = NULL, updated = ?
                    WHERE id = ? AND state = 'leased'
                    """).run([.double(now), .text(id)])
            }
        }
    }

    /// When the first finished job was leased and the last one finished: the span in which the fleet worked.
    public func workSpan() throws(JobStoreError) -> (first: Double, last: Double)? {
        let rows = try db.prepare("SELECT MIN(leased_at), MAX(updated) FROM jobs WHERE state = 'done' AND leased_at IS NOT NULL")
            .rows([]) { ($0.double(0), $0.double(1)) }
        guard let (first, last) = rows.first, last > first else { return nil }
        return (first, last)
    }

    /// After a coordinator restart: every lease from before is void.
    @discardableResult
    public func releaseAllLeases(now: Double) throws(JobStoreError) -> [String] {
        try release(where: "state = 'leased'", [], reason: "coordinator restarted", now: now)
    }

    private func release(where condition: String, _ values: [SQLiteStatement.Value], reason: String,
                         now: Double) throws(JobStoreError) -> [String] {
        try db.transaction { () throws(JobStoreError) -> [String] in
            try db.prepare("""
                UPDATE jobs SET
                    state = CASE WHEN attempts >= max_attempts THEN 'failed' ELSE 'pending' END,
                    error = ? || CASE WHEN worker IS NULL THEN '' ELSE ' (worker ' || worker || ')' END,
                    worker = NULL, lease_expires = NULL, updated = ?
                WHERE \(condition)
                RETURNING id
                """).rows([.text(reason), .double(now)] + values) { $0.text(0) }
        }
    }

    // MARK: Results

    /// Stores the result of `jobId` unless one is stored already (a re-delivered or late result), and marks the
    /// job done. - Returns: false for a duplicate, which is counted but not stored.
    @discardableResult
    public func complete(jobId: String, worker: String, attempt: Int, output: String, now: Double) throws(JobStoreError) -> Bool {
        try db.transaction { () throws(JobStoreError) -> Bool in
            // One statement in the usual case: stored only if the job exists and has no result yet.
            try db.statement("""
                INSERT OR IGNORE INTO results(job_id, output, worker, attempt, received)
                SELECT ?1, ?2, ?3, ?4, ?5 WHERE EXISTS (SELECT 1 FROM jobs WHERE id = ?1)
                """).run([.text(jobId), .text(output), .text(worker), .int(attempt), .double(now)])
            guard db.changes == 1 else {
                let known = try db.statement("SELECT 1 FROM jobs WHERE id = ?").rows([.text(jobId)]) { _ in true }
                guard !known.isEmpty else { throw .unknownJob(jobId) }
                try db.statement("INSERT INTO duplicates(job_id, worker, received) VALUES (?, ?, ?)")
                    .run([.text(jobId), .text(worker), .double(now)])
                return false
            }
            try db.statement("""
                UPDATE jobs SET state = 'done', error = NULL, worker = NULL, lease_expires = NULL, updated = ? WHERE id = ?
                """).run([.double(now), .text(jobId)])
            return true
        }
    }

    /// Records a failed attempt: retried while attempts remain and the error is not `final` (a broken input file
    /// fails the same way every time), else the job is failed with `reason`.
    public func fail(jobId: String, worker: String, reason: String, final: Bool, now: Double) throws(JobStoreError) {
        try db.prepare("""
            UPDATE jobs SET
                state = CASE WHEN ? OR attempts >= max_attempts THEN 'failed' ELSE 'pending' END,
                error = ?, worker = NULL, lease_expires = NULL, updated = ?
            WHERE id = ? AND state IN ('leased', 'pending')
            """).run([.int(final ? 1 : 0), .text(reason), .double(now), .text(jobId)])
    }

    // MARK: Queries

    /// Job counts by kind and state.
    public func counts() throws(JobStoreError) -> [String: [JobState: Int]] {
        var out: [String: [JobState: Int]] = [:]
        let rows = try db.prepare("SELECT kind, state, COUNT(*) FROM jobs GROUP BY kind, state").rows {
            ($0.text(0), JobState(rawValue: $0.text(1)) ?? .failed, $0.int(2))
        }
        for (kind, state, n) in rows { out[kind, default: [:]][state] = n }
        return out
    }

    /// Results in plan order (optionally of one kind): the aggregator's input, independent of completion order.
    public func results(kind: String? = nil) throws(JobStoreError) -> [StoredResult] {
        let sql = "SELECT r.job_id, j.kind, j.seq, r.output FROM results r JOIN jobs j ON j.id = r.job_id"
            + (kind == nil ? "" : " WHERE j.kind = ?") + " ORDER BY j.seq"
        return try db.prepare(sql).rows(kind.map { [.text($0)] } ?? []) {
            StoredResult(jobId: $0.text(0), kind: $0.text(1), sequence: $0.int(2), output: $0.text(3))
        }
    }

    public func failures(limit: Int = 20) throws(JobStoreError) -> [JobFailure] {
        try db.prepare("SELECT id, kind, error, attempts, updated FROM jobs WHERE state = 'failed' ORDER BY updated DESC, seq LIMIT ?")
            .rows([.int(limit)]) {
                JobFailure(jobId: $0.text(0), kind: $0.text(1), reason: $0.text(2), attempts: $0.int(3), updated: $0.double(4))
            }
    }

    public func duplicateCount() throws(JobStoreError) -> Int {
        try db.prepare("SELECT COUNT(*) FROM duplicates").rows { $0.int(0) }.first ?? 0
    }

    public func state(of jobId: String) throws(JobStoreError) -> (state: JobState, attempts: Int, error: String?)? {
        try db.prepare("SELECT state, attempts, error FROM jobs WHERE id = ?").rows([.text(jobId)]) {
            (JobState(rawValue: $0.text(0)) ?? .failed, $0.int(1), $0.isNull(2) ? nil : $0.text(2))
        }.first
    }

    /// True when no job is pending or leased.
    public func isFinished() throws(JobStoreError) -> Bool {
        try db.statement("SELECT EXISTS(SELECT 1 FROM jobs WHERE state IN ('pending', 'leased'))").rows { $0.int(0) }.first == 0
    }
}

extension JobStore {
    /// One stored result, or nil.
    public func result(jobId: String) throws(JobStoreError) -> StoredResult? {
        try db.prepare("SELECT r.job_id, j.kind, j.seq, r.output FROM results r JOIN jobs j ON j.id = r.job_id WHERE r.job_id = ?")
            .rows([.text(jobId)]) { StoredResult(jobId: $0.text(0), kind: $0.text(1), sequence: $0.int(2), output: $0.text(3)) }.first
    }
}

extension JobStore {
    /// Seconds from the last lease of each done job to its stored result (for the round-trip benchmark).
    public func leaseToResultSeconds() throws(JobStoreError) -> [Double] {
        try db.prepare("SELECT r.received - j.leased_at FROM results r JOIN jobs j ON j.id = r.job_id WHERE j.leased_at IS NOT NULL")
            .rows { $0.double(0) }
    }
}
