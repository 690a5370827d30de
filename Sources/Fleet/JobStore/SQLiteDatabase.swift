import CSQLite

/// A thin owner of one sqlite3 connection (the only user of CSQLite): prepared statements, typed binding,
/// transactions. Closed in `deinit`.
final class SQLiteDatabase {
    private(set) var handle: OpaquePointer?
    let path: String
    private var statements: [String: SQLiteStatement] = [:]
    private var constantStatements: [UnsafeRawPointer: SQLiteStatement] = [:]
    private var transactionDepth = 0

    init(path: String) throws(JobStoreError) {
        self.path = path
        var db: OpaquePointer?
        let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX
        let rc = sqlite3_open_v2(path, &db, flags, nil)
        handle = db
        guard rc == SQLITE_OK else {
            let message = db.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            sqlite3_close(db)
            handle = nil
            throw .database(path: path, message: message)
        }
        sqlite3_busy_timeout(db, 5000)
    }

    deinit {
        constantStatements.removeAll()
        statements.removeAll()
        sqlite3_close_v2(handle)
    }

    var lastError: String { String(cString: sqlite3_errmsg(handle)) }

    /// The error for the last failed call: a full disk or store (SQLITE_FULL) is its own case, since the remedy
    /// differs (free space, then resume) and nothing stored is lost.
    func failure(_ message: String? = nil) -> JobStoreError {
        if sqlite3_errcode(handle) & 0xFF == SQLITE_FULL { return .full(path: path) }
        return .database(path: path, message: message ?? lastError)
    }

    func execute(_ sql: String) throws(JobStoreError) {
        var error: UnsafeMutablePointer<CChar>?
        if sqlite3_exec(handle, sql, nil, nil, &error) != SQLITE_OK {
            let message = error.map { String(cString: $0) } ?? lastError
            sqlite3_free(error)
            throw failure(message)
        }
    }

    /// A prepared statement for `sql`, prepared once and reused (statements are the hot path of the job store).
    func prepare(_ sql: String) throws(JobStoreError) -> SQLiteStatement {
        if let cached = statements[sql] { return cached }
        var stmt: OpaquePointer?
        guard sqlite3_prepare_v2(handle, sql, -1, &stmt, nil) == SQLITE_OK, let stmt else {
            throw .database(path: path, message: "\(lastError) in: \(sql)")
        }
        let statement = SQLiteStatement(stmt, database: self)
        statements[sql] = statement
        return statement
    }

    /// A prepared statement for a constant `sql`, cached by the address of its text: the hot paths of the job store
    /// run these several times per job, and hashing the SQL text each time showed in profiles.
    func statement(_ sql: StaticString) throws(JobStoreError) -> SQLiteStatement {
        let key = UnsafeRawPointer(sql.utf8Start)
        if let cached = constantStatements[key] { return cached }
        let text = sql.withUTF8Buffer { String(decoding: $0, as: UTF8.self) }
        let statement = try prepare(text)
        constantStatements[key] = statement
        return statement
    }

    /// Runs `body` in one IMMEDIATE transaction: all of it is stored, or none. Nested calls join the outer one.
    func transaction<T>(_ body: () throws(JobStoreError) -> T) throws(JobStoreError) -> T {
        if transactionDepth > 0 {
            transactionDepth += 1
            defer { transactionDepth -= 1 }
            return try body()
        }
        try statement("BEGIN IMMEDIATE").run()
        transactionDepth = 1
        do {
            let value = try body()
            transactionDepth = 0
            try statement("COMMIT").run()
            return value
        } catch {
            transactionDepth = 0
            try? execute("ROLLBACK")
            throw error
        }
    }

    var changes: Int { Int(sqlite3_changes(handle)) }
}

/// One prepared statement; finalised in `deinit`.
final class SQLiteStatement {
    private let stmt: OpaquePointer
    private unowned let database: SQLiteDatabase

    init(_ stmt: OpaquePointer, database: SQLiteDatabase) {
        self.stmt = stmt
        self.database = database
    }

    deinit { sqlite3_finalize(stmt) }

    enum Value {
        case int(Int)
        case double(Double)
        case text(String)
        case null
    }

    @discardableResult
    func bind(_ values: [Value]) -> SQLiteStatement {
        sqlite3_reset(stmt)
        // Every parameter is rebound below; clearing them too would free the buffers SQLite keeps for text values
        // and allocate them again on each run, so clear only when some would be left over from the last run.
        if values.count < Int(sqlite3_bind_parameter_count(stmt)) { sqlite3_clear_bindings(stmt) }
        for (i, v) in values.enumerated() {
            let index = Int32(i + 1)
            switch v {
            case let .int(x): sqlite3_bind_int64(stmt, index, sqlite3_int64(x))
            case let .double(x): sqlite3_bind_double(stmt, index, x)
            case let .text(s): sqlite3_bind_text(stmt, index, s, -1, CSQLite_transient())
            case .null: sqlite3_bind_null(stmt, index)
            }
        }
        return self
    }

    /// Steps once: true while a row is available.
    func step() throws(JobStoreError) -> Bool {
        switch sqlite3_step(stmt) {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default: throw database.failure()
        }
    }

    /// Runs a statement that returns no rows.
    func run(_ values: [Value] = []) throws(JobStoreError) {
        bind(values)
        while try step() {}
    }

    /// All rows, each mapped by `row`.
    func rows<T>(_ values: [Value] = [], _ row: (SQLiteStatement) -> T) throws(JobStoreError) -> [T] {
        bind(values)
        var out: [T] = []
        while try step() { out.append(row(self)) }
        return out
    }

    func int(_ column: Int32) -> Int { Int(sqlite3_column_int64(stmt, column)) }
    func double(_ column: Int32) -> Double { sqlite3_column_double(stmt, column) }
    func isNull(_ column: Int32) -> Bool { sqlite3_column_type(stmt, column) == SQLITE_NULL }
    func text(_ column: Int32) -> String {
        guard let p = sqlite3_column_text(stmt, column) else { return "" }
        return String(cString: p)
    }
}
