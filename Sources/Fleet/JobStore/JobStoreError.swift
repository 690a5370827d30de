/// A failure of the job store, naming the database file.
public enum JobStoreError: Error, Equatable, CustomStringConvertible {
    case database(path: String, message: String)
    case unknownJob(String)

    public var description: String {
        switch self {
        case let .database(path, message): return "job store \(path): \(message)"
        case let .unknownJob(id): return "unknown job '\(id)'"
        }
    }
}
