import Foundation
import Yams

/// Typed reads of Yams nodes with PyRadiomics' schema types (pykwalify, as `radiomics/schemas/paramSchema.yaml`
/// uses them): `int` is an integer and never a boolean; `float` is a float, an integer or a string that parses as
/// a number; `bool` is a YAML boolean; `str` is a string. Every failure is a `ParameterFileError` at `path`.
package struct YAMLReader {
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
        guard let s = node.scalar, node.tagName == .int else {
            throw error(path, node, isNull(node) ? .nullNotAllowed(expected: "an integer")
                                                 : .wrongType(expected: "an integer", found: Self.kind(node)))
        }
        // YAML 1.1 base-60 integers (`1:30` = 90) are read here: Yams' own reading multiplies without an overflow
        // check and trapped on `1:0:0:0:0:0:0:0:0:0:0:0` (found by Fuzz/FuzzParameterFile).
        let text = s.string.replacingOccurrences(of: "_", with: "")
        let value = text.contains(":") ? Self.sexagesimal(text) : node.int
        guard let value else {
            throw error(path, node, .outOfRange("\(s.string) does not fit a 64-bit integer"))
        }
        return value
    }

    /// A base-60 integer `[-+]?d(:d)*` (PyYAML's `construct_yaml_int`), or nil when it overflows `Int`.
    package static func sexagesimal(_ text: String) -> Int? {
        var digits = Substring(text)
        let negative = digits.first == "-"
        if negative || digits.first == "+" { digits = digits.dropFirst() }
        var value = 0
        for part in digits.split(separator: ":", omittingEmptySubsequences: false) {
            guard let d = Int(part, radix: 10), d >= 0 else { return nil }
            let (shifted, o1) = value.multipliedReportingOverflow(by: 60)
            let (sum, o2) = shifted.addingReportingOverflow(d)
            guard !o1, !o2 else { return nil }
            value = sum
        }
        return negative ? -value : value
    }

    /// A finite number (NaN and infinities would slip through every range check).
    func float(_ node: Node, _ path: String) throws(ParameterFileError) -> Double {
        if let s = node.scalar {
            var value: Double? = nil
            switch node.tagName {
            // Integers through `int` (base 60, hex and octal as PyYAML reads them), then as a Double.
            case .int: value = try Double(int(node, path))
            case .float: value = node.float
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

// MARK: Aliases

extension YAMLReader {
    /// Most alias nodes (`*name`) a parameter file may hold. Yams expands aliases while composing and hashes every
    /// mapping key to find duplicates, so a few hundred bytes of nested aliases used as a key ("billion laughs")
    /// kept it busy for minutes (found while writing Fuzz/FuzzParameterFile). A chain of anchors with `n` aliases in
    /// all expands at most about 3^(n/3)-fold, so 10 leave room for the rare file that reuses a block and bound the
    /// work to a few dozen times the file's size.
    package static let maximumAliases = 10

    /// How many alias nodes `text` may hold, counted without parsing: every `*` that starts a token (at the start of
    /// a line or after whitespace, `[`, `{`, `,`, `:` or a non-ASCII byte) and is followed by an anchor character. Full-line comments
    /// are skipped; other stars that are not aliases (in quoted or block scalars, trailing comments) are counted too,
    /// which errs on the safe side. One pass over the bytes, before Yams sees them.
    package static func aliasCandidates(in text: String) -> Int {
        var count = 0
        var lineStart = true, inComment = false
        var previous: UInt8 = 0x0A
        var bytes = text.utf8.makeIterator()
        var current = bytes.next()
        while let b = current {
            let next = bytes.next()
            if b == 0x0A || b == 0x0D {
                lineStart = true
                inComment = false
            } else if inComment {
                // skip to the end of the line
            } else if lineStart && (b == 0x20 || b == 0x09) {
                // indentation
            } else {
                if lineStart && b == UInt8(ascii: "#") { inComment = true }
                if b == UInt8(ascii: "*"), lineStart || Self.opensToken(previous), let n = next, Self.isAnchorCharacter(n) {
                    count += 1
                }
                lineStart = false
            }
            previous = b
            current = next
        }
        return count
    }

    /// A byte after which a token may start: whitespace and control bytes, `[`, `{`, `,`, `:`, and every non-ASCII
    /// byte (YAML 1.1 also breaks lines at NEL, U+2028 and U+2029, and a stream may start with a BOM).
    private static func opensToken(_ b: UInt8) -> Bool {
        b < 0x21 || b > 0x7E || b == UInt8(ascii: "[") || b == UInt8(ascii: "{") || b == UInt8(ascii: ",") || b == UInt8(ascii: ":")
    }

    /// YAML's `ns-anchor-char`: any non-space character but the flow indicators.
    private static func isAnchorCharacter(_ b: UInt8) -> Bool {
        !(b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D || b == UInt8(ascii: ",") || b == UInt8(ascii: "[")
          || b == UInt8(ascii: "]") || b == UInt8(ascii: "{") || b == UInt8(ascii: "}"))
    }
}

extension Node {
    /// The resolved tag (`!!int`, `!!float`, `!!bool`, `!!null`, `!!str`, ...), as a comparable name.
    var tagName: Tag.Name { Tag.Name(rawValue: tag.rawValue) }
}
