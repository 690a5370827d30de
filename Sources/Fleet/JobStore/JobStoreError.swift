/// A failure of the job store, naming the database file.
public enum JobStoreError: Error, Equatable, CustomStringConvertible {
    case database(path: String, message: String)
    case unknownJob(String)
    /// The disk, or the store's own size limit (`maxPages`), is full: the transaction was rolled back.
    case full(path: String)

    public var description: String {
        switch self {
        case let .database(path, message): return "job store \(path): \(message)"
        case let .unknownJob(id): return "unknown job '\(id)'"
        case let .full(path):
            return "job store \(path) is full (no space left on its disk, or its size limit reached): the last change was "
                + "rolled back and everything stored before it is intact; free space, then start the coordinator again with "
                + "the same --db to resume"
        }
    }
}
