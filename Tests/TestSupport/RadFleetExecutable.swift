import Foundation

/// The `radfleet` executable that SwiftPM built beside the test bundle, for tests that run it as a user would.
public enum RadFleetExecutable {
    public static var url: URL {
        var candidates: [URL] = []
        var url = Bundle.main.bundleURL
        for _ in 0..<3 {
            candidates.append(url.appendingPathComponent("radfleet"))
            url = url.deletingLastPathComponent()
        }
        let argument0 = URL(fileURLWithPath: CommandLine.arguments[0])
        candidates.append(argument0.deletingLastPathComponent().appendingPathComponent("radfleet"))
        candidates.append(argument0.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("radfleet"))
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[0]
    }

    /// Runs `radfleet arguments…` to the end and returns its exit status, stdout and stderr.
    public static func run(_ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        let p = Process()
        p.executableURL = url
        p.arguments = arguments
        // stderr to a file, stdout through a pipe read to the end before waiting (a large output cannot stall it).
        let errURL = FileManager.default.temporaryDirectory.appendingPathComponent("radfleet-stderr-\(UUID().uuidString)")
        FileManager.default.createFile(atPath: errURL.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: errURL) }
        let out = Pipe()
        p.standardOutput = out
        p.standardError = try FileHandle(forWritingTo: errURL)
        try p.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        let stderr = (try? Data(contentsOf: errURL)) ?? Data()
        return (p.terminationStatus, String(decoding: stdout, as: UTF8.self), String(decoding: stderr, as: UTF8.self))
    }
}
