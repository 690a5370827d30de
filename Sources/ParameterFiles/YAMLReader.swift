import Foundation
import Yams

/// Typed reads of Yams nodes with PyRadiomics' schema types (pykwalify, as `radiomics/schemas/paramSchema.yaml`
/// uses them): `int` is an integer and never a boolean; `float` is a float, an integer or a string that parses as
/// a number; `bool` is a YAML boolean; `str` is a string. Every failure is a `ParameterFileError` at `path`.
struct YAMLReader {
    let file: String

    func error(_ path: String, _ node: Node?, _ reason: ParameterFileError.Reason) -> ParameterFileError {
        ParameterFileError(file: file, keyPath: path, line: node?.mark?.line, reason: reason)
    }

    /// The YAML type of a node, as a reader would name it.
    static func kind(_ node: Node) -> String {
        switch node {
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        case let .scalar(s):
            switch node.tagName {
            case .null: return "null"
            case .bool: return "a boolean (\(s.string))"
            case .int: return "an integer (\(s.string))"
            case .float: return "a number (\(s.string))"
            default: return "the string '\(s.string)'"
            }
        }
    }

    func isNull(_ node: Node) -> Bool { node.scalar != nil && node.tagName == .null }

    /// The pairs of a mapping in file order; duplicate keys and non-string keys are errors. `nil` for null.
    func mapping(_ node: Node, _ path: String) throws(ParameterFileError) -> [(key: String, value: Node, path: String)]? {
        if isNull(node) { return nil }
        guard case let .mapping(mapping) = node else {
            throw error(path, node, .wrongType(expected: "a mapping", found: Self.kind(node)))
        }
        var seen = Set<String>()
        var pairs: [(key: String, value: Node, path: String)] = []
        for (k, v) in mapping {
            guard case let .scalar(s) = k else {
                throw error(path, k, .wrongType(expected: "string keys", found: Self.kind(k)))
            }
            let key = s.string
            let keyPath = path.isEmpty ? key : "\(path).\(key)"
            guard seen.insert(key).inserted else { throw error(keyPath, k, .duplicateKey) }
            pairs.append((key, v, keyPath))
        }
        return pairs
    }

    /// A mapping where null is not allowed (paramSchema's `type: map`: "Value 'None' is not a dict"); `{}` is.
    func requiredMapping(_ node: Node, _ path: String) throws(ParameterFileError) -> [(key: String, value: Node, path: String)] {
        guard let pairs = try mapping(node, path) else {
            throw error(path, node, .nullNotAllowed(expected: "a mapping (write {} for an empty one)"))
        }
        return pairs
    }

    func int(_ node: Node, _ path: String) throws(ParameterFileError) -> Int {
        guard node.scalar != nil, node.tagName == .int, let v = node.int else {
            throw error(path, node, isNull(node) ? .nullNotAllowed(expected: "an integer")
                                                 : .wrongType(expected: "an integer", found: Self.kind(node)))
        }
        return v
    }

    /// A finite number (NaN and infinities would slip through every range check).
    func float(_ node: Node, _ path: String) throws(ParameterFileError) -> Double {
        if let s = node.scalar {
            var value: Double? = nil
            switch node.tagName {
            case .int, .float: value = node.float
            // pykwalify's float accepts strings Python's float() reads, such as '1e-06' (YAML 1.1 has no float
            // form without a dot).
            case .str: value = Double(s.string.trimmingCharacters(in: .whitespaces))
            default: break
            }
            if let value, value.isFinite { return value }
            if value != nil { throw error(path, node, .wrongType(expected: "a finite number", found: Self.kind(node))) }
        }
        throw error(path, node, isNull(node) ? .nullNotAllowed(expected: "a number")
                                             : .wrongType(expected: "a number", found: Self.kind(node)))
    }

    func bool(_ node: Node, _ path: String) throws(ParameterFileError) -> Bool {
        guard node.scalar != nil, node.tagName == .bool, let v = node.bool else {
            throw error(path, node, isNull(node) ? .nullNotAllowed(expected: "true or false")
                                                 : .wrongType(expected: "true or false", found: Self.kind(node)))
        }
        return v
    }

    func string(_ node: Node, _ path: String) throws(ParameterFileError) -> String {
        guard let s = node.scalar, node.tagName == .str else {
            throw error(path, node, isNull(node) ? .nullNotAllowed(expected: "a string")
                                                 : .wrongType(expected: "a string", found: Self.kind(node)))
        }
        return s.string
    }

    /// A list whose items are read with `item`; item paths are `path[i]`.
    func list<T>(_ node: Node, _ path: String, _ item: (Node, String) throws(ParameterFileError) -> T) throws(ParameterFileError) -> [T] {
        guard case let .sequence(sequence) = node else {
            throw error(path, node, isNull(node) ? .nullNotAllowed(expected: "a list")
                                                 : .wrongType(expected: "a list", found: Self.kind(node)))
        }
        var out: [T] = []
        for (i, n) in sequence.enumerated() { out.append(try item(n, "\(path)[\(i)]")) }
        return out
    }

    // MARK: Ranges (paramSchema.yaml's `range: min / min-ex / max`)

    func check<T: Comparable>(_ value: T, _ node: Node, _ path: String, min: T? = nil, minExclusive: T? = nil,
                              max: T? = nil) throws(ParameterFileError) -> T {
        if let min, value < min { throw error(path, node, .outOfRange("must be ≥ \(min), is \(value)")) }
        if let minExclusive, value <= minExclusive { throw error(path, node, .outOfRange("must be > \(minExclusive), is \(value)")) }
        if let max, value > max { throw error(path, node, .outOfRange("must be ≤ \(max), is \(value)")) }
        return value
    }
}

extension Node {
    /// The resolved tag (`!!int`, `!!float`, `!!bool`, `!!null`, `!!str`, ...), as a comparable name.
    var tagName: Tag.Name { Tag.Name(rawValue: tag.rawValue) }
}
