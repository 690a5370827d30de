/// Why `JSONReader` refused its input, and the byte offset (0-based) where it noticed.
public struct JSONSyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Reason: Sendable, Equatable {
        /// The input ended inside a value.
        case unexpectedEnd
        /// A byte that cannot start or continue what the grammar expects there (`expected` says what would do).
        case unexpectedByte(UInt8, expected: String)
        /// A raw control character (U+0000–U+001F) inside a string: RFC 8259 requires it escaped.
        case controlCharacter(UInt8)
        /// A backslash followed by something other than `" \ / b f n r t u`.
        case invalidEscape(UInt8)
        /// A `\u` escape of a UTF-16 surrogate that is not half of a high–low pair.
        case loneSurrogate(UInt16)
        /// Bytes that are not well-formed UTF-8.
        case invalidUTF8
        /// A number too large for a `Double` (e.g. `1e400`).
        case numberOutOfRange
        /// Arrays and objects nested deeper than the reader's limit.
        case tooDeep(limit: Int)
    }

    public let offset: Int
    public let reason: Reason

    public init(offset: Int, reason: Reason) {
        self.offset = offset
        self.reason = reason
    }

    public var description: String {
        switch reason {
        case .unexpectedEnd: return "unexpected end of input at byte \(offset)"
        case let .unexpectedByte(b, expected): return "unexpected \(Self.show(b)) at byte \(offset); expected \(expected)"
        case let .controlCharacter(b): return "unescaped control character \(Self.show(b)) in a string at byte \(offset)"
        case let .invalidEscape(b): return "invalid escape '\\\(Self.printable(b))' at byte \(offset)"
        case let .loneSurrogate(u): return "unpaired UTF-16 surrogate \\u\(String(u, radix: 16, uppercase: true)) at byte \(offset)"
        case .invalidUTF8: return "invalid UTF-8 at byte \(offset)"
        case .numberOutOfRange: return "number out of range at byte \(offset)"
        case let .tooDeep(limit): return "nested deeper than \(limit) levels at byte \(offset)"
        }
    }

    static func show(_ b: UInt8) -> String {
        (0x21...0x7E).contains(b) ? "'\(Character(Unicode.Scalar(b)))'" : "byte 0x\(String(b, radix: 16, uppercase: true))"
    }

    static func printable(_ b: UInt8) -> String {
        (0x21...0x7E).contains(b) ? String(Character(Unicode.Scalar(b))) : "0x\(String(b, radix: 16, uppercase: true))"
    }
}
