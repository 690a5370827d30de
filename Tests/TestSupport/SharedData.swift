import Foundation

/// Where the project's shared data lives: `$RADFLEET_SHARED_DATA`, else `../shared/data` beside the repository
/// (as CI lays it out). Tests that need it skip with a clear reason when it is absent.
public enum SharedData {
    public static var repositoryRoot: URL {
        // This file is Tests/TestSupport/SharedData.swift.
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    public static var root: URL {
        if let env = ProcessInfo.processInfo.environment["RADFLEET_SHARED_DATA"], !env.isEmpty {
            return URL(fileURLWithPath: env)
        }
        return repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared/data")
    }

    public static var isAvailable: Bool {
        FileManager.default.fileExists(atPath: root.appendingPathComponent("busi/cohort.csv").path)
    }

    public static func url(_ relative: String) -> URL { root.appendingPathComponent(relative) }
}

/// Fixtures committed beside a test target: `Tests/<Target>/Fixtures/<name>`.
public enum Fixtures {
    public static func url(_ name: String, testFile: String = #filePath) -> URL {
        URL(fileURLWithPath: testFile).deletingLastPathComponent().appendingPathComponent("Fixtures").appendingPathComponent(name)
    }

    public static func data(_ name: String, testFile: String = #filePath) throws -> Data {
        try Data(contentsOf: url(name, testFile: testFile))
    }

    /// Decodes a JSON fixture written by a script in scripts/fixtures/.
    public static func json<T: Decodable>(_ type: T.Type, _ name: String, testFile: String = #filePath) throws -> T {
        try JSONDecoder().decode(T.self, from: data(name, testFile: testFile))
    }
}
