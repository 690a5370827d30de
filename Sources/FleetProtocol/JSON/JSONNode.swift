/// A parsed JSON value as `JSONReader` gives it: integers kept exact (`Int64`, or `UInt64` above `Int64.max`, so a
/// job seed survives), members of an object in document order. `JSONValue` is the looser form messages carry
/// (numbers as `Double`, objects as dictionaries); `jsonValue` converts.
public enum JSONNode: Sendable, Equatable {
    case null
    case bool(Bool)
    /// An integer token (no fraction, no exponent) that fits `Int64`.
    case int(Int64)
    /// An integer token above `Int64.max` that fits `UInt64`.
    case uint(UInt64)
    /// A token with a fraction or an exponent, or an integer beyond `UInt64`.
    case double(Double)
    case string(String)
    case array([JSONNode])
    /// Members in document order; a repeated key is kept (lookups take the last, as `JSONDecoder` does).
    case object([Member])

    public struct Member: Sendable, Equatable {
        public let key: String
        public let value: JSONNode

        public init(key: String, value: JSONNode) {
            self.key = key
            self.value = value
        }
    }

    /// The value of the last member named `key`, or nil (also when this is not an object).
    public subscript(key: String) -> JSONNode? {
        guard case let .object(members) = self else { return nil }
        return members.last(where: { $0.key == key })?.value
    }

    /// The number as a `Double` (rounded for integers beyond 2^53), or nil for other values.
    public var doubleValue: Double? {
        switch self {
        case let .int(i): return Double(i)
        case let .uint(u): return Double(u)
        case let .double(d): return d
        default: return nil
        }
    }

    /// The number as an exact `Int64`: integer tokens in range, and integral doubles in range.
    public var int64Value: Int64? {
        switch self {
        case let .int(i): return i
        case .uint: return nil
        case let .double(d): return Int64(exactly: d)
        default: return nil
        }
    }

    /// The number as an exact `UInt64`: non-negative integer tokens, and integral doubles in range.
    public var uint64Value: UInt64? {
        switch self {
        case let .int(i): return UInt64(exactly: i)
        case let .uint(u): return u
        case let .double(d): return UInt64(exactly: d)
        default: return nil
        }
    }

    /// The looser `JSONValue` form (numbers as `Double`; of repeated keys the last wins).
    public var jsonValue: JSONValue {
        switch self {
        case .null: return .null
        case let .bool(b): return .bool(b)
        case let .int(i): return .number(Double(i))
        case let .uint(u): return .number(Double(u))
        case let .double(d): return .number(d)
        case let .string(s): return .string(s)
        case let .array(a): return .array(a.map(\.jsonValue))
        case let .object(members):
            var o: [String: JSONValue] = [:]
            o.reserveCapacity(members.count)
            for m in members { o[m.key] = m.value.jsonValue }
            return .object(o)
        }
    }

    /// A `JSONValue` as a node: integral numbers of magnitude below 2^53 become `.int`, object members are sorted by
    /// key (UTF-8 order), as `JSONWriter` writes them.
    public init(_ value: JSONValue) {
        switch value {
        case .null: self = .null
        case let .bool(b): self = .bool(b)
        case let .number(n):
            if let i = JSONWriter.exactInteger(n) { self = .int(i) } else { self = .double(n) }
        case let .string(s): self = .string(s)
        case let .array(a): self = .array(a.map(JSONNode.init))
        case let .object(o):
            self = .object(o.sorted { JSONWriter.keyPrecedes($0.key, $1.key) }.map { Member(key: $0.key, value: JSONNode($0.value)) })
        }
    }
}
