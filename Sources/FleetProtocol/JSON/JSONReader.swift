/// A strict RFC 8259 JSON reader over UTF-8 bytes, for the wire protocol's hot path (Foundation's `JSONDecoder`
/// was about 40 % of a no-op job's round trip).
///
/// Strict: no comments, no trailing commas, no leading zeros, no `NaN`/`Infinity`, strings must be well-formed
/// UTF-8 with control characters escaped and UTF-16 surrogates paired, whitespace only space, tab, CR and LF, and
/// nothing but whitespace after the value. Integers are kept exact (`JSONNode.int` / `.uint`); other numbers are
/// parsed correctly rounded. Nesting deeper than `maximumDepth` is refused before it is descended into, so hostile
/// input cannot exhaust the stack. Errors carry the byte offset where the input went wrong.
public struct JSONReader {
    private let bytes: UnsafeBufferPointer<UInt8>
    /// The next byte to read.
    public private(set) var offset = 0
    /// Deepest nesting of arrays and objects accepted (the top-level container is level 1).
    public let maximumDepth: Int

    public static let defaultMaximumDepth = 512

    public init(_ bytes: UnsafeBufferPointer<UInt8>, maximumDepth: Int = JSONReader.defaultMaximumDepth) {
        self.bytes = bytes
        self.maximumDepth = maximumDepth
    }

    /// One JSON document (a value with optional surrounding whitespace) from `bytes`.
    public static func parse(_ bytes: [UInt8], maximumDepth: Int = JSONReader.defaultMaximumDepth) throws(JSONSyntaxError) -> JSONNode {
        try bytes.withUnsafeBufferPointer { (buffer) throws(JSONSyntaxError) -> JSONNode in
            var reader = JSONReader(buffer, maximumDepth: maximumDepth)
            return try reader.readDocument()
        }
    }

    /// One JSON document from `text`.
    public static func parse(_ text: String, maximumDepth: Int = JSONReader.defaultMaximumDepth) throws(JSONSyntaxError) -> JSONNode {
        try parse(Array(text.utf8), maximumDepth: maximumDepth)
    }

    /// Reads the whole input as one document.
    public mutating func readDocument() throws(JSONSyntaxError) -> JSONNode {
        skipWhitespace()
        let value = try readValue(depth: 0)
        try expectEnd()
        return value
    }

    /// Checks the whole input is one document without building it.
    public mutating func validateDocument() throws(JSONSyntaxError) {
        skipWhitespace()
        try skipValue(depth: 0)
        try expectEnd()
    }

    /// A member of a top-level object: its key and where its (validated, not yet built) value lies in the input.
    public struct Field: Sendable, Equatable {
        public let key: String
        public let value: Range<Int>
    }

    /// Reads the whole input as one document and, when it is an object, returns its members with the byte ranges of
    /// their values, validated but not built: the caller parses only the values it needs (`parseValue(in:)`) and can
    /// pass others on as raw text. - Returns: nil when the document is valid JSON but not an object.
    public mutating func readObjectFields() throws(JSONSyntaxError) -> [Field]? {
        skipWhitespace()
        guard offset < bytes.count else { throw error(.unexpectedEnd) }
        guard bytes[offset] == UInt8(ascii: "{") else {
            try skipValue(depth: 0)
            try expectEnd()
            return nil
        }
        guard maximumDepth > 0 else { throw error(.tooDeep(limit: maximumDepth)) }
        offset += 1
        skipWhitespace()
        var fields: [Field] = []
        fields.reserveCapacity(8)
        if offset < bytes.count, bytes[offset] == UInt8(ascii: "}") {
            offset += 1
        } else {
            while true {
                let key = try readKey()
                let start = offset
                try skipValue(depth: 1)
                fields.append(Field(key: key, value: start..<offset))
                if try endOfContainer(UInt8(ascii: "}"), expected: "',' or '}'") { break }
            }
        }
        try expectEnd()
        return fields
    }

    /// The value in `range` of an input already validated (e.g. a `Field`'s range from `readObjectFields`).
    public func parseValue(in range: Range<Int>) throws(JSONSyntaxError) -> JSONNode {
        var reader = JSONReader(UnsafeBufferPointer(rebasing: bytes[range]), maximumDepth: maximumDepth)
        return try reader.readDocument()
    }

    // MARK: Values

    /// Reads one value at `offset`; `depth` is the number of containers around it.
    public mutating func readValue(depth: Int) throws(JSONSyntaxError) -> JSONNode {
        guard offset < bytes.count else { throw error(.unexpectedEnd) }
        switch bytes[offset] {
        case UInt8(ascii: "{"):
            try enter(depth)
            offset += 1
            skipWhitespace()
            var members: [JSONNode.Member] = []
            if offset < bytes.count, bytes[offset] == UInt8(ascii: "}") {
                offset += 1
                return .object(members)
            }
            while true {
                let key = try readKey()
                members.append(JSONNode.Member(key: key, value: try readValue(depth: depth + 1)))
                if try endOfContainer(UInt8(ascii: "}"), expected: "',' or '}'") { return .object(members) }
            }
        case UInt8(ascii: "["):
            try enter(depth)
            offset += 1
            skipWhitespace()
            var elements: [JSONNode] = []
            if offset < bytes.count, bytes[offset] == UInt8(ascii: "]") {
                offset += 1
                return .array(elements)
            }
            while true {
                elements.append(try readValue(depth: depth + 1))
                if try endOfContainer(UInt8(ascii: "]"), expected: "',' or ']'") { return .array(elements) }
            }
        case UInt8(ascii: "\""):
            return .string(try readString())
        case UInt8(ascii: "t"):
            try literal("true")
            return .bool(true)
        case UInt8(ascii: "f"):
            try literal("false")
            return .bool(false)
        case UInt8(ascii: "n"):
            try literal("null")
            return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return try readNumber(build: true)
        case let b:
            throw error(.unexpectedByte(b, expected: "a value"))
        }
    }

    /// Checks one value at `offset` without building it.
    public mutating func skipValue(depth: Int) throws(JSONSyntaxError) {
        guard offset < bytes.count else { throw error(.unexpectedEnd) }
        switch bytes[offset] {
        case UInt8(ascii: "{"):
            try enter(depth)
            offset += 1
            skipWhitespace()
            if offset < bytes.count, bytes[offset] == UInt8(ascii: "}") {
                offset += 1
                return
            }
            while true {
                _ = try scanString(build: false, key: true)
                try colon()
                try skipValue(depth: depth + 1)
                if try endOfContainer(UInt8(ascii: "}"), expected: "',' or '}'") { return }
            }
        case UInt8(ascii: "["):
            try enter(depth)
            offset += 1
            skipWhitespace()
            if offset < bytes.count, bytes[offset] == UInt8(ascii: "]") {
                offset += 1
                return
            }
            while true {
                try skipValue(depth: depth + 1)
                if try endOfContainer(UInt8(ascii: "]"), expected: "',' or ']'") { return }
            }
        case UInt8(ascii: "\""):
            _ = try scanString(build: false, key: false)
        case UInt8(ascii: "t"):
            try literal("true")
        case UInt8(ascii: "f"):
            try literal("false")
        case UInt8(ascii: "n"):
            try literal("null")
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            _ = try readNumber(build: false)
        case let b:
            throw error(.unexpectedByte(b, expected: "a value"))
        }
    }

    // MARK: Structure

    @inline(__always)
    private mutating func skipWhitespace() {
        while offset < bytes.count {
            switch bytes[offset] {
            case 0x20, 0x0A, 0x0D, 0x09: offset += 1
            default: return
            }
        }
    }

    private func error(_ reason: JSONSyntaxError.Reason, at position: Int? = nil) -> JSONSyntaxError {
        JSONSyntaxError(offset: position ?? offset, reason: reason)
    }

    private func enter(_ depth: Int) throws(JSONSyntaxError) {
        guard depth < maximumDepth else { throw error(.tooDeep(limit: maximumDepth)) }
    }

    private func expectEnd() throws(JSONSyntaxError) {
        var end = offset
        while end < bytes.count, [0x20, 0x0A, 0x0D, 0x09].contains(bytes[end]) { end += 1 }
        guard end == bytes.count else { throw error(.unexpectedByte(bytes[end], expected: "end of input"), at: end) }
    }

    /// An object key, then the colon (with the whitespace around it).
    private mutating func readKey() throws(JSONSyntaxError) -> String {
        let key = try scanString(build: true, key: true) ?? ""
        try colon()
        return key
    }

    private mutating func colon() throws(JSONSyntaxError) {
        skipWhitespace()
        guard offset < bytes.count else { throw error(.unexpectedEnd) }
        guard bytes[offset] == UInt8(ascii: ":") else { throw error(.unexpectedByte(bytes[offset], expected: "':'")) }
        offset += 1
        skipWhitespace()
    }

    /// After a member or element: true at the closing bracket (consumed), false after a comma (consumed, with the
    /// whitespace after it).
    private mutating func endOfContainer(_ close: UInt8, expected: String) throws(JSONSyntaxError) -> Bool {
        skipWhitespace()
        guard offset < bytes.count else { throw error(.unexpectedEnd) }
        let b = bytes[offset]
        if b == close {
            offset += 1
            return true
        }
        guard b == UInt8(ascii: ",") else { throw error(.unexpectedByte(b, expected: expected)) }
        offset += 1
        skipWhitespace()
        return false
    }

    private mutating func literal(_ word: StaticString) throws(JSONSyntaxError) {
        let n = word.utf8CodeUnitCount
        for i in 0..<n {
            guard offset < bytes.count else { throw error(.unexpectedEnd) }
            let want = word.utf8Start[i]
            guard bytes[offset] == want else {
                throw error(.unexpectedByte(bytes[offset], expected: i == 0 ? "a value" : "'\(word)'"))
            }
            offset += 1
        }
    }

    // MARK: Strings

    private mutating func readString() throws(JSONSyntaxError) -> String {
        try scanString(build: true, key: false) ?? ""
    }

    /// A string at `offset` (which must be its opening quote): checked, and built when `build` is set.
    private mutating func scanString(build: Bool, key: Bool) throws(JSONSyntaxError) -> String? {
        guard offset < bytes.count else { throw error(.unexpectedEnd) }
        guard bytes[offset] == UInt8(ascii: "\"") else {
            throw error(.unexpectedByte(bytes[offset], expected: key ? "a string key" : "a string"))
        }
        offset += 1
        let start = offset
        // Fast path: no escapes, so the string is the bytes as they stand.
        while offset < bytes.count {
            let b = bytes[offset]
            if b == UInt8(ascii: "\"") {
                let text = build ? String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<offset]), as: UTF8.self) : nil
                offset += 1
                return text
            }
            if b == UInt8(ascii: "\\") { return try scanEscapedString(from: start, build: build) }
            if b < 0x20 { throw error(.controlCharacter(b)) }
            if b < 0x80 { offset += 1 } else { try skipUTF8Sequence() }
        }
        throw error(.unexpectedEnd)
    }

    private mutating func scanEscapedString(from start: Int, build: Bool) throws(JSONSyntaxError) -> String? {
        var buffer: [UInt8] = []
        if build {
            buffer.reserveCapacity(offset - start + 16)
            buffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<offset]))
        }
        while offset < bytes.count {
            let b = bytes[offset]
            if b == UInt8(ascii: "\"") {
                offset += 1
                return build ? String(decoding: buffer, as: UTF8.self) : nil
            }
            if b == UInt8(ascii: "\\") {
                let scalar = try readEscape()
                if build { UTF8.encode(scalar) { buffer.append($0) } }
            } else if b < 0x20 {
                throw error(.controlCharacter(b))
            } else if b < 0x80 {
                if build { buffer.append(b) }
                offset += 1
            } else {
                let s = offset
                try skipUTF8Sequence()
                if build { buffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[s..<offset])) }
            }
        }
        throw error(.unexpectedEnd)
    }

    /// The character of the escape at `offset` (a backslash); a `\u` high surrogate must be followed by a `\u` low one.
    private mutating func readEscape() throws(JSONSyntaxError) -> Unicode.Scalar {
        let start = offset
        offset += 1
        guard offset < bytes.count else { throw error(.unexpectedEnd) }
        let c = bytes[offset]
        offset += 1
        switch c {
        case UInt8(ascii: "\""): return "\""
        case UInt8(ascii: "\\"): return "\\"
        case UInt8(ascii: "/"): return "/"
        case UInt8(ascii: "b"): return "\u{08}"
        case UInt8(ascii: "f"): return "\u{0C}"
        case UInt8(ascii: "n"): return "\n"
        case UInt8(ascii: "r"): return "\r"
        case UInt8(ascii: "t"): return "\t"
        case UInt8(ascii: "u"):
            let unit = try hex4()
            switch unit {
            case 0xD800...0xDBFF:
                guard offset + 1 < bytes.count, bytes[offset] == UInt8(ascii: "\\"), bytes[offset + 1] == UInt8(ascii: "u") else {
                    throw error(.loneSurrogate(unit), at: start)
                }
                offset += 2
                let low = try hex4()
                guard (0xDC00...0xDFFF).contains(low) else { throw error(.loneSurrogate(unit), at: start) }
                let value = 0x10000 + ((UInt32(unit) - 0xD800) << 10) + (UInt32(low) - 0xDC00)
                return Unicode.Scalar(value)!
            case 0xDC00...0xDFFF:
                throw error(.loneSurrogate(unit), at: start)
            default:
                return Unicode.Scalar(unit)!
            }
        default:
            throw error(.invalidEscape(c), at: start)
        }
    }

    private mutating func hex4() throws(JSONSyntaxError) -> UInt16 {
        var value: UInt16 = 0
        for _ in 0..<4 {
            guard offset < bytes.count else { throw error(.unexpectedEnd) }
            let b = bytes[offset]
            let digit: UInt8
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = b - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = b - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = b - UInt8(ascii: "A") + 10
            default: throw error(.unexpectedByte(b, expected: "a hex digit"))
            }
            value = value << 4 | UInt16(digit)
            offset += 1
        }
        return value
    }

    /// Steps over one well-formed UTF-8 sequence of 2–4 bytes (Unicode Table 3-7: no overlongs, no surrogates,
    /// nothing above U+10FFFF).
    private mutating func skipUTF8Sequence() throws(JSONSyntaxError) {
        let lead = bytes[offset]
        var low: UInt8 = 0x80, high: UInt8 = 0xBF
        let trailing: Int
        switch lead {
        case 0xC2...0xDF: trailing = 1
        case 0xE0: trailing = 2; low = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: trailing = 2
        case 0xED: trailing = 2; high = 0x9F
        case 0xF0: trailing = 3; low = 0x90
        case 0xF1...0xF3: trailing = 3
        case 0xF4: trailing = 3; high = 0x8F
        default: throw error(.invalidUTF8)
        }
        guard offset + trailing < bytes.count else { throw error(.invalidUTF8) }
        let second = bytes[offset + 1]
        guard second >= low && second <= high else { throw error(.invalidUTF8) }
        var i = 2
        while i <= trailing {
            guard bytes[offset + i] & 0xC0 == 0x80 else { throw error(.invalidUTF8) }
            i += 1
        }
        offset += trailing + 1
    }

    // MARK: Numbers

    @inline(__always)
    private func isDigit(_ i: Int) -> Bool {
        i < bytes.count && bytes[i] &- UInt8(ascii: "0") < 10
    }

    /// A number at `offset`: `-? (0 | [1-9][0-9]*) (.[0-9]+)? ([eE][+-]?[0-9]+)?`. Integers are exact when they fit
    /// 64 bits; the rest go through the standard library's correctly rounded parser.
    private mutating func readNumber(build: Bool) throws(JSONSyntaxError) -> JSONNode {
        let start = offset
        let negative = bytes[offset] == UInt8(ascii: "-")
        if negative { offset += 1 }
        guard offset < bytes.count else { throw error(.unexpectedEnd) }
        var magnitude: UInt64 = 0
        var overflow = false
        let first = bytes[offset]
        if first == UInt8(ascii: "0") {
            offset += 1
        } else if first > UInt8(ascii: "0") && first <= UInt8(ascii: "9") {
            while isDigit(offset) {
                if build && !overflow {
                    let (m, o1) = magnitude.multipliedReportingOverflow(by: 10)
                    let (s, o2) = m.addingReportingOverflow(UInt64(bytes[offset] - UInt8(ascii: "0")))
                    magnitude = s
                    overflow = o1 || o2
                }
                offset += 1
            }
        } else {
            throw error(.unexpectedByte(first, expected: "a digit"))
        }
        var integral = true
        let integerDigits = offset - start
        if offset < bytes.count && bytes[offset] == UInt8(ascii: ".") {
            integral = false
            offset += 1
            try digits()
        }
        var exponentDigits = 0
        if offset < bytes.count && (bytes[offset] | 0x20) == UInt8(ascii: "e") {
            integral = false
            offset += 1
            if offset < bytes.count && (bytes[offset] == UInt8(ascii: "+") || bytes[offset] == UInt8(ascii: "-")) { offset += 1 }
            let s = offset
            try digits()
            exponentDigits = offset - s
        }
        // Only a long exponent, or a long integer part (at most 10^99 from a two-digit exponent), can leave the range
        // of a Double (10^308): check those even when skipping, so validating and parsing refuse the same inputs.
        guard build || exponentDigits >= 3 || integerDigits >= 200 else { return .null }
        if build && integral && !overflow {
            if !negative {
                return magnitude <= UInt64(Int64.max) ? .int(Int64(magnitude)) : .uint(magnitude)
            }
            if magnitude <= UInt64(Int64.max) { return .int(-Int64(magnitude)) }
            if magnitude == UInt64(Int64.max) + 1 { return .int(.min) }
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<offset]), as: UTF8.self)
        guard let value = Double(text), value.isFinite else { throw error(.numberOutOfRange, at: start) }
        return build ? .double(value) : .null
    }

    /// One or more digits (after `.` or the exponent marker).
    private mutating func digits() throws(JSONSyntaxError) {
        guard offset < bytes.count else { throw error(.unexpectedEnd) }
        guard isDigit(offset) else { throw error(.unexpectedByte(bytes[offset], expected: "a digit")) }
        while isDigit(offset) { offset += 1 }
    }
}
