/// Writes compact JSON (no whitespace) into a byte buffer, as the wire protocol needs it: strings escaped per
/// RFC 8259 §7 (`"` `\` and control characters; `/` and non-ASCII left as they are, as `JSONEncoder` with
/// `.withoutEscapingSlashes`), integers exact, doubles in the shortest form that reads back to the same value
/// (Swift's `description`, without a trailing `.0`; integral values below 2^53 as integers, as `JSONEncoder`),
/// non-finite doubles as `null`. Callers write object keys in sorted order; `write(_: JSONValue)` sorts by UTF-8.
///
/// Commas are placed automatically: call `key` before each member value, nothing between array elements.
public struct JSONWriter {
    public private(set) var bytes: [UInt8] = []
    private var needsComma = false

    public init(capacity: Int = 256) {
        bytes.reserveCapacity(capacity)
    }

    /// The bytes written, followed by `\n` (a wire frame); the writer is left empty.
    public mutating func takeLine() -> [UInt8] {
        bytes.append(0x0A)
        let out = bytes
        bytes = []
        needsComma = false
        return out
    }

    // MARK: Structure

    public mutating func beginObject() {
        separate()
        bytes.append(UInt8(ascii: "{"))
        needsComma = false
    }

    public mutating func endObject() {
        bytes.append(UInt8(ascii: "}"))
        needsComma = true
    }

    public mutating func beginArray() {
        separate()
        bytes.append(UInt8(ascii: "["))
        needsComma = false
    }

    public mutating func endArray() {
        bytes.append(UInt8(ascii: "]"))
        needsComma = true
    }

    /// A member's key; the member's value is written next.
    public mutating func key(_ key: String) {
        separate()
        appendString(key)
        bytes.append(UInt8(ascii: ":"))
        needsComma = false
    }

    @inline(__always)
    private mutating func separate() {
        if needsComma { bytes.append(UInt8(ascii: ",")) }
        needsComma = true
    }

    // MARK: Scalars

    public mutating func null() {
        separate()
        bytes.append(contentsOf: [0x6E, 0x75, 0x6C, 0x6C])
    }

    public mutating func bool(_ value: Bool) {
        separate()
        if value { bytes.append(contentsOf: [0x74, 0x72, 0x75, 0x65]) } else { bytes.append(contentsOf: [0x66, 0x61, 0x6C, 0x73, 0x65]) }
    }

    public mutating func string(_ value: String) {
        separate()
        appendString(value)
    }

    public mutating func int(_ value: Int) { int64(Int64(value)) }

    public mutating func int64(_ value: Int64) {
        separate()
        if value < 0 {
            bytes.append(UInt8(ascii: "-"))
            appendDigits(value.magnitude)
        } else {
            appendDigits(UInt64(value))
        }
    }

    public mutating func uint64(_ value: UInt64) {
        separate()
        appendDigits(value)
    }

    public mutating func double(_ value: Double) {
        guard value.isFinite else { return null() }
        if let i = Self.exactInteger(value) { return int64(i) }
        separate()
        var text = value.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        bytes.append(contentsOf: text.utf8)
    }

    /// JSON text written elsewhere (already valid: e.g. a stored payload or a result's output), as the next value.
    public mutating func raw(_ json: String) {
        separate()
        bytes.append(contentsOf: json.utf8)
    }

    /// `value`, objects with keys sorted by UTF-8 bytes.
    public mutating func write(_ value: JSONValue) {
        switch value {
        case .null: null()
        case let .bool(b): bool(b)
        case let .number(n): double(n)
        case let .string(s): string(s)
        case let .array(a):
            beginArray()
            for element in a { write(element) }
            endArray()
        case let .object(o):
            beginObject()
            for (k, v) in o.sorted(by: { Self.keyPrecedes($0.key, $1.key) }) {
                key(k)
                write(v)
            }
            endObject()
        }
    }

    /// `node` as it stands (members in their order, integers exact).
    public mutating func write(_ node: JSONNode) {
        switch node {
        case .null: null()
        case let .bool(b): bool(b)
        case let .int(i): int64(i)
        case let .uint(u): uint64(u)
        case let .double(d): double(d)
        case let .string(s): string(s)
        case let .array(a):
            beginArray()
            for element in a { write(element) }
            endArray()
        case let .object(members):
            beginObject()
            for m in members {
                key(m.key)
                write(m.value)
            }
            endObject()
        }
    }

    // MARK: Helpers

    /// `value` as an `Int64` when it is integral and below 2^53 in magnitude (so exactly an integer on every reader).
    static func exactInteger(_ value: Double) -> Int64? {
        guard value.rounded(.towardZero) == value, value.magnitude < 9_007_199_254_740_992 else { return nil }
        return Int64(value)
    }

    /// The order of keys in written objects: by UTF-8 bytes (the order of Unicode scalars).
    static func keyPrecedes(_ a: String, _ b: String) -> Bool {
        a.utf8.lexicographicallyPrecedes(b.utf8)
    }

    private mutating func appendDigits(_ value: UInt64) {
        if value < 10 {
            bytes.append(UInt8(truncatingIfNeeded: value) + UInt8(ascii: "0"))
            return
        }
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // 24 bytes: enough for 20 digits
        var count = 0
        var v = value
        withUnsafeMutableBytes(of: &digits) { buffer in
            while v > 0 {
                count += 1
                buffer[24 - count] = UInt8(truncatingIfNeeded: v % 10) + UInt8(ascii: "0")
                v /= 10
            }
            bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: buffer[(24 - count)...]))
        }
    }

    private static let hex: [UInt8] = Array("0123456789abcdef".utf8)

    /// `s` quoted, with `"`, `\` and U+0000–U+001F escaped (short forms where RFC 8259 has them).
    private mutating func appendString(_ s: String) {
        bytes.append(UInt8(ascii: "\""))
        var s = s
        s.withUTF8 { utf8 in
            var runStart = 0
            for i in 0..<utf8.count {
                let b = utf8[i]
                guard b < 0x20 || b == UInt8(ascii: "\"") || b == UInt8(ascii: "\\") else { continue }
                if runStart < i { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<i])) }
                runStart = i + 1
                bytes.append(UInt8(ascii: "\\"))
                switch b {
                case UInt8(ascii: "\""): bytes.append(UInt8(ascii: "\""))
                case UInt8(ascii: "\\"): bytes.append(UInt8(ascii: "\\"))
                case 0x08: bytes.append(UInt8(ascii: "b"))
                case 0x0C: bytes.append(UInt8(ascii: "f"))
                case 0x0A: bytes.append(UInt8(ascii: "n"))
                case 0x0D: bytes.append(UInt8(ascii: "r"))
                case 0x09: bytes.append(UInt8(ascii: "t"))
                default:
                    bytes.append(contentsOf: [UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"), Self.hex[Int(b >> 4)], Self.hex[Int(b & 0xF)]])
                }
            }
            if runStart < utf8.count { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart...])) }
        }
        bytes.append(UInt8(ascii: "\""))
    }
}
