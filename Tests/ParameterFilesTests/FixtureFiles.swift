import Foundation
import RadiomicsCore

/// Files beside this test target (`Tests/ParameterFilesTests/Fixtures/`) and the oracle's JSON.
enum FixtureFiles {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    static func path(_ relative: String) -> String { folder.appendingPathComponent(relative).path }

    static func names(in subfolder: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: path(subfolder)).sorted()
    }

    /// What PyRadiomics made of each file (scripts/fixtures/param_cases.py).
    static func oracle() throws -> JSONValue {
        try JSONDecoder().decode(JSONValue.self, from: Data(contentsOf: folder.appendingPathComponent("expected.json")))
    }
}

/// A JSON value that keeps booleans and numbers apart, for comparing with PyRadiomics' Python values.
indirect enum JSONValue: Decodable, Equatable, CustomStringConvertible {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() { self = .null } else if let b = try? c.decode(Bool.self) { self = .bool(b) } else if let d = try? c.decode(Double.self) {
            self = .number(d)
        } else if let s = try? c.decode(String.self) { self = .string(s) } else if let a = try? c.decode([JSONValue].self) {
            self = .array(a)
        } else { self = .object(try c.decode([String: JSONValue].self)) }
    }

    subscript(key: String) -> JSONValue? { if case let .object(o) = self { return o[key] } else { return nil } }
    var array: [JSONValue] { if case let .array(a) = self { return a } else { return [] } }
    var object: [String: JSONValue] { if case let .object(o) = self { return o } else { return [:] } }
    var string: String? { if case let .string(s) = self { return s } else { return nil } }

    var description: String {
        switch self {
        case .null: return "null"
        case let .bool(b): return "\(b)"
        case let .number(d): return "\(d)"
        case let .string(s): return "'\(s)'"
        case let .array(a): return "[" + a.map(\.description).joined(separator: ", ") + "]"
        case let .object(o): return "{" + o.keys.sorted().map { "\($0): \(o[$0]!)" }.joined(separator: ", ") + "}"
        }
    }
}

extension RadiomicsSettings {
    /// The value of the setting PyRadiomics calls `key`, as PyRadiomics would hold it (nil for keys RadFleet
    /// accepts but does not keep, i.e. the LBP settings).
    func pyradiomicsValue(_ key: String) -> JSONValue? {
        func num(_ v: Double?) -> JSONValue { v.map { .number($0) } ?? .null }
        func int(_ v: Int?) -> JSONValue { v.map { .number(Double($0)) } ?? .null }
        func list(_ v: [Double]?) -> JSONValue { v.map { .array($0.map { .number($0) }) } ?? .null }
        switch key {
        case "minimumROIDimensions": return int(minimumROIDimensions)
        case "minimumROISize": return int(minimumROISize)
        case "geometryTolerance": return num(geometryTolerance)
        case "correctMask": return .bool(correctMask)
        case "additionalInfo": return .bool(additionalInfo)
        case "label": return int(label)
        case "label_channel": return int(labelChannel)
        case "binWidth": return num(binWidth)
        case "binCount": return int(binCount)
        case "normalize": return .bool(normalize)
        case "normalizeScale": return num(normalizeScale)
        case "removeOutliers": return num(removeOutliers)
        case "resampledPixelSpacing": return list(resampledPixelSpacing)
        case "interpolator": return .string(interpolator.rawValue)
        case "padDistance": return int(padDistance)
        case "distances": return .array(distances.map { .number(Double($0)) })
        case "force2D": return .bool(force2D)
        case "force2Ddimension": return int(force2Ddimension)
        case "resegmentRange": return list(resegmentRange)
        case "resegmentMode": return .string(resegmentMode.rawValue)
        case "resegmentShape": return .bool(resegmentShape)
        case "preCrop": return .bool(preCrop)
        case "sigma": return list(sigma)
        case "start_level": return int(startLevel)
        case "level": return int(level)
        case "wavelet": return .string(wavelet)
        case "gradientUseSpacing": return .bool(gradientUseSpacing)
        case "voxelArrayShift": return num(voxelArrayShift)
        case "symmetricalGLCM": return .bool(symmetricalGLCM)
        case "weightingNorm": return weightingNorm.map { .string($0.rawValue) } ?? .null
        case "gldm_a": return num(gldmA)
        default: return nil
        }
    }
}
