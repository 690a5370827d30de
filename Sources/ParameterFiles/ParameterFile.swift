import Foundation
import RadiomicsCore
import Yams

/// A PyRadiomics parameter file (YAML or JSON), read into `ExtractionParameters` with PyRadiomics' schema
/// (`radiomics/schemas/paramSchema.yaml`) and defaults (`RadiomicsFeatureExtractor._applyParams`):
/// - `setting:` the global settings (every PyRadiomics key, plus RadFleet's `radfleetClipPercentiles`);
/// - `imageType:` image types in file order, each with its own settings over the global ones; missing or empty
///   means Original only; LBP2D/LBP3D are rejected as unsupported;
/// - `featureClass:` classes in file order, `null`/`[]` = all features, a list = those features; missing or empty
///   means every class;
/// - `voxelSetting:` checked and ignored (RadFleet computes segment-based features), with a note.
/// Anything unknown or out of range is a `ParameterFileError` naming the file, key path and reason.
public struct ParameterFile: Sendable {
    /// The path, or the label given for a string.
    public let source: String
    public let parameters: ExtractionParameters
    /// Things the user should know that are not errors (ignored blocks, classes not computed for 2D input).
    public let notes: [String]

    static let topLevelKeys = ["setting", "imageType", "featureClass", "voxelSetting"]

    /// Largest parameter file read, in bytes. PyRadiomics' own files are a few kilobytes; the cap keeps a wrong path
    /// (an image, a log) or a hostile file from being loaded whole and parsed.
    public static let defaultMaximumBytes = 1 << 20

    /// Reads the parameter file at `path`; a file over `maximumBytes` is refused before it is read.
    public init(path: String, maximumBytes: Int = ParameterFile.defaultMaximumBytes) throws {
        let text: String
        do {
            guard !path.isEmpty else { throw CocoaError(.fileNoSuchFile) }
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
                throw ParameterFileError(file: path, keyPath: "", reason: .unreadableFile("is a directory"))
            }
            if let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size]) as? NSNumber,
               size.intValue > maximumBytes {
                throw ParameterFileError(file: path, keyPath: "", reason: .tooLarge(bytes: size.intValue, limit: maximumBytes))
            }
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch let e as ParameterFileError {
            throw e
        } catch {
            let why = path.isEmpty ? "no file name given" : (error as NSError).localizedDescription
            throw ParameterFileError(file: path.isEmpty ? "(empty path)" : path, keyPath: "", reason: .unreadableFile(why))
        }
        try self.init(yaml: text, source: path, maximumBytes: maximumBytes)
    }

    /// Reads parameters from YAML (or JSON, which is YAML) text; `source` names it in errors. Text over
    /// `maximumBytes` (UTF-8) is refused before it is parsed.
    public init(yaml: String, source: String = "<string>", maximumBytes: Int = ParameterFile.defaultMaximumBytes) throws {
        guard yaml.utf8.count <= maximumBytes else {
            throw ParameterFileError(file: source, keyPath: "", reason: .tooLarge(bytes: yaml.utf8.count, limit: maximumBytes))
        }
        let aliases = YAMLReader.aliasCandidates(in: yaml)
        guard aliases <= YAMLReader.maximumAliases else {
            throw ParameterFileError(file: source, keyPath: "", reason: .tooManyAliases(count: aliases, limit: YAMLReader.maximumAliases))
        }
        let r = YAMLReader(file: source)
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch {
            throw ParameterFileError(file: source, keyPath: "", reason: .invalidYAML("\(error)"))
        }
        guard let root, !r.isNull(root) else { throw ParameterFileError(file: source, keyPath: "", reason: .emptyFile) }
        guard let top = try r.mapping(root, "") else { throw ParameterFileError(file: source, keyPath: "", reason: .emptyFile) }
        var blocks: [String: Node] = [:]
        for (key, value, path) in top {
            guard Self.topLevelKeys.contains(key) else { throw r.error(path, value, .unknownKey(allowed: Self.topLevelKeys)) }
            blocks[key] = value
        }
        var notes: [String] = []
        // The global settings first, whatever the order of the blocks: image types merge over them.
        var settings = RadiomicsSettings()
        if let node = blocks["setting"] {
            try SettingKeys.apply(r.requiredMapping(node, "setting"), to: &settings, reader: r)
        }
        if let node = blocks["voxelSetting"] {
            try VoxelSettings.check(node, reader: r)
            notes.append("voxelSetting ignored: RadFleet computes segment-based features only (no feature maps)")
        }
        let imageTypes = try blocks["imageType"].flatMap { (n) throws(ParameterFileError) in
            try ImageTypeBlock.read(n, global: settings, reader: r)
        }
        let featureClasses = try blocks["featureClass"].flatMap { (n) throws(ParameterFileError) in
            try FeatureClassBlock.read(n, reader: r, notes: &notes)
        }
        self.source = source
        self.parameters = ExtractionParameters(settings: settings, imageTypes: imageTypes, featureClasses: featureClasses)
        self.notes = notes
    }

    /// The parameters of the file at `path` (what the CLI needs; notes dropped).
    public static func load(path: String, maximumBytes: Int = ParameterFile.defaultMaximumBytes) throws -> ExtractionParameters {
        try ParameterFile(path: path, maximumBytes: maximumBytes).parameters
    }

    /// The parameters in YAML/JSON text.
    public static func parse(yaml: String, source: String = "<string>") throws -> ExtractionParameters {
        try ParameterFile(yaml: yaml, source: source).parameters
    }
}
