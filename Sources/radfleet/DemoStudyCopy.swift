import Foundation

/// `radfleet demo --study FILE`: puts an example study beside the demo cohort. Every `.yaml` / `.yml` file of
/// FILE's folder (the example's parameter files, e.g. a 0.2 mm resampling params.yaml, replacing the built-in one)
/// is copied into the demo folder, then FILE itself as study.yaml. Other files (README, cohort tables) are not
/// copied, so the demo's own cohort.csv and deep_features.csv stay.
enum DemoStudyCopy {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    static func copy(study: URL, into dir: URL) throws {
        let fm = FileManager.default
        guard fm.fileExists(atPath: study.path) else { throw Failure(description: "\(study.path): no such study file") }
        let folder = study.deletingLastPathComponent()
        let names = try fm.contentsOfDirectory(atPath: folder.path).sorted()
        for name in names where ["yaml", "yml"].contains((name as NSString).pathExtension.lowercased()) {
            let source = folder.appendingPathComponent(name)
            var isDirectory: ObjCBool = false
            guard fm.fileExists(atPath: source.path, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
            try replace(dir.appendingPathComponent(name), with: source)
        }
        try replace(dir.appendingPathComponent("study.yaml"), with: study)
    }

    private static func replace(_ target: URL, with source: URL) throws {
        let data = try Data(contentsOf: source)
        try data.write(to: target, options: .atomic)
    }
}
