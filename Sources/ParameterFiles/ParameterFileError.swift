/// Why a parameter file was rejected: the file, the key path inside it (`setting.binWidth`,
/// `imageType.LoG.sigma[1]`, `featureClass.glcm[2]`), the line when known, and the reason.
public struct ParameterFileError: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Reason: Equatable, Sendable {
        case unreadableFile(String)
        /// The file (or text) is larger than the loader's `maximumBytes`.
        case tooLarge(bytes: Int, limit: Int)
        case invalidYAML(String)
        /// More YAML aliases (`*name`) than the loader's limit (`YAMLReader.maximumAliases`).
        case tooManyAliases(count: Int, limit: Int)
        case emptyFile
        case unknownKey(allowed: [String])
        case duplicateKey
        case wrongType(expected: String, found: String)
        case nullNotAllowed(expected: String)
        case outOfRange(String)
        case notOneOf([String])
        case invalidValue(String)
        case unknownImageType(allowed: [String])
        case unsupportedImageType(String)
        case unknownFeatureClass(allowed: [String])
        case unknownFeature(featureClass: String, feature: String)
        case unsupportedYAML(String)
    }

    public let file: String
    public let keyPath: String
    public let line: Int?
    public let reason: Reason

    public init(file: String, keyPath: String, line: Int? = nil, reason: Reason) {
        self.file = file
        self.keyPath = keyPath
        self.line = line
        self.reason = reason
    }

    public var reasonText: String {
        switch reason {
        case let .unreadableFile(why): return "cannot read the file (\(why))"
        case let .tooLarge(bytes, limit):
            return "file of \(bytes) bytes exceeds the parameter-file size limit of \(limit) bytes"
        case let .tooManyAliases(count, limit):
            return "\(count) YAML aliases (*name) exceed the parameter-file alias limit of \(limit)"
        case let .invalidYAML(why): return "not valid YAML (\(why))"
        case .emptyFile: return "the file holds no parameters (expected setting / imageType / featureClass)"
        case let .unknownKey(allowed): return "unknown key; allowed keys: \(allowed.joined(separator: ", "))"
        case .duplicateKey: return "key given twice"
        case let .wrongType(expected, found): return "expected \(expected), found \(found)"
        case let .nullNotAllowed(expected): return "expected \(expected), found null"
        case let .outOfRange(rule): return "out of range: \(rule)"
        case let .notOneOf(allowed): return "not one of \(allowed.joined(separator: ", "))"
        case let .invalidValue(why): return why
        case let .unknownImageType(allowed): return "unknown image type; available: \(allowed.joined(separator: ", "))"
        case let .unsupportedImageType(why): return "image type not supported by RadFleet (\(why))"
        case let .unknownFeatureClass(allowed):
            return "unknown feature class; available: \(allowed.joined(separator: ", "))"
        case let .unknownFeature(featureClass, feature):
            return "unknown feature '\(feature)' in feature class '\(featureClass)'"
        case let .unsupportedYAML(what): return "unsupported YAML (\(what))"
        }
    }

    public var description: String {
        let place = line.map { "\(file):\($0)" } ?? file
        return keyPath.isEmpty ? "\(place): \(reasonText)" : "\(place): \(keyPath): \(reasonText)"
    }
}
