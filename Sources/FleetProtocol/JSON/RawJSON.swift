/// JSON text carried as it is, for a value that is only passed on (a result's output goes from the worker's socket to
/// the job store without being decoded and encoded again). Built by the codec from a validated frame, or from a
/// `JSONValue` by `JSONWriter`.
public struct RawJSON: Sendable, Hashable, Codable, CustomStringConvertible {
    /// Compact JSON text of one value.
    public let text: String

    /// `text` if it is one valid JSON value (surrounding whitespace allowed).
    public init(validating text: String) throws(JSONSyntaxError) {
        try Array(text.utf8).withUnsafeBufferPointer { (buffer) throws(JSONSyntaxError) in
            var reader = JSONReader(buffer)
            try reader.validateDocument()
        }
        self.text = text
    }

    /// Text already validated (by the codec).
    init(unchecked text: String) { self.text = text }

    /// `value` as compact JSON, keys sorted.
    public init(_ value: JSONValue) {
        var writer = JSONWriter(capacity: 64)
        writer.write(value)
        text = String(decoding: writer.bytes, as: UTF8.self)
    }

    /// The value (numbers as `Double`); `.null` if the text were not JSON, which `init(validating:)` excludes.
    public var value: JSONValue { node.jsonValue }

    /// The value with integers exact.
    public var node: JSONNode { (try? JSONReader.parse(text)) ?? .null }

    /// True when the text is JSON `null`.
    public var isNull: Bool { text == "null" }

    public var description: String { text }

    public init(from decoder: Decoder) throws {
        self.init(try JSONValue(from: decoder))
    }

    public func encode(to encoder: Encoder) throws {
        try value.encode(to: encoder)
    }
}
