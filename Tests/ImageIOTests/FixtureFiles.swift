import Foundation

/// Files beside this test target (`Tests/ImageIOTests/Fixtures/`) and the project's shared data
/// (`$RADFLEET_SHARED_DATA`, else `../shared/data` beside the repository).
enum FixtureFiles {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    static func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

    static func bytes(_ name: String) throws -> [UInt8] { [UInt8](try Data(contentsOf: folder.appendingPathComponent(name))) }

    static var sharedData: URL {
        if let env = ProcessInfo.processInfo.environment["RADFLEET_SHARED_DATA"], !env.isEmpty {
            return URL(fileURLWithPath: env)
        }
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        return repository.deletingLastPathComponent().appendingPathComponent("shared/data")
    }

    /// The expectations written by scripts/fixtures/png_cases.py.
    struct Expected: Decodable {
        struct Case: Decodable {
            let file: String
            let width: Int
            let height: Int
            let bitDepth: Int
            let colorType: Int
            let interlaced: Bool
            let spacing: [Double]?
            let conversion: String
            let oracle: String
            let intensities: [Double]
            let labels: [Int]
        }
        struct Failure: Decodable {
            let file: String
            let error: String
        }
        struct BUSIFull: Decodable {
            let file: String
            let width: Int
            let height: Int
            let fnv1a64: String
            let sum: Double
            let first: Double
            let middle: Double
        }
        let cases: [Case]
        let errors: [Failure]
        let busiFull: BUSIFull
    }

    static func expected() throws -> Expected {
        try JSONDecoder().decode(Expected.self, from: Data(contentsOf: folder.appendingPathComponent("expected.json")))
    }
}
