/// The members of one message object (or of an object inside it), read by typed accessors that turn a missing or
/// mistyped field into the `malformed` rejection naming it, as protocol/PROTOCOL.md asks ("a required field missing
/// or of the wrong type → error / malformed, naming the field").
///
/// At the top level the values stay unparsed byte ranges of the validated frame (`JSONReader.readObjectFields`):
/// only the fields a message type reads are parsed, and `raw` hands a value on as text.
struct MessageFields {
    let typeName: String
    /// Dotted path of this object inside the message ("" at the top level, "job." inside `job`).
    let path: String
    private let document: UnsafeBufferPointer<UInt8>?
    private let ranges: [JSONReader.Field]
    private let members: [JSONNode.Member]

    init(document: UnsafeBufferPointer<UInt8>, fields: [JSONReader.Field], typeName: String) {
        self.document = document
        self.ranges = fields
        self.members = []
        self.typeName = typeName
        self.path = ""
    }

    init(members: [JSONNode.Member], path: String, typeName: String) {
        self.document = nil
        self.ranges = []
        self.members = members
        self.typeName = typeName
        self.path = path
    }

    typealias Rejection = MessageCodec.Rejection

    // MARK: Errors (the wording of the JSONDecoder-based codec before)

    func lacks(_ key: String) -> Rejection {
        Rejection(code: .malformed, message: "\(typeName) message lacks field \"\(key)\"")
    }

    func wrongType(_ key: String) -> Rejection {
        Rejection(code: .malformed, message: "\(typeName) message: field \"\(path)\(key)\" has the wrong type")
    }

    func invalidValue(_ key: String) -> Rejection {
        Rejection(code: .malformed, message: "\(typeName) message: invalid value at \"\(path)\(key)\"")
    }

    // MARK: Access

    /// The value of the last member named `key`, or nil when there is none.
    func node(_ key: String) throws(Rejection) -> JSONNode? {
        guard let document else { return members.last(where: { $0.key == key })?.value }
        guard let field = ranges.last(where: { $0.key == key }) else { return nil }
        var reader = JSONReader(UnsafeBufferPointer(rebasing: document[field.value]), maximumDepth: .max)
        do {
            return try reader.readDocument()
        } catch {
            throw Rejection(code: .malformed, message: "\(typeName) message: field \"\(path)\(key)\": \(error)")
        }
    }

    /// The text of member `key` as it stands in the frame; nil when absent or `null`. Top level only.
    func raw(_ key: String) -> RawJSON? {
        guard let document, let field = ranges.last(where: { $0.key == key }) else { return nil }
        let bytes = UnsafeBufferPointer(rebasing: document[field.value])
        if bytes.count == 4 && bytes[0] == UInt8(ascii: "n") { return nil }
        return RawJSON(unchecked: String(decoding: bytes, as: UTF8.self))
    }

    func required(_ key: String) throws(Rejection) -> JSONNode {
        guard let n = try node(key) else { throw lacks(key) }
        return n
    }

    func string(_ key: String) throws(Rejection) -> String {
        guard case let .string(s) = try required(key) else { throw wrongType(key) }
        return s
    }

    func optionalString(_ key: String) throws(Rejection) -> String? {
        switch try node(key) {
        case nil, .null?: return nil
        case let .string(s)?: return s
        default: throw wrongType(key)
        }
    }

    func int(_ key: String) throws(Rejection) -> Int {
        guard let i = try required(key).int64Value else { throw wrongType(key) }
        return Int(i)
    }

    func uint64(_ key: String) throws(Rejection) -> UInt64 {
        guard let u = try required(key).uint64Value else { throw wrongType(key) }
        return u
    }

    func double(_ key: String) throws(Rejection) -> Double {
        guard let d = try required(key).doubleValue else { throw wrongType(key) }
        return d
    }

    func optionalDouble(_ key: String) throws(Rejection) -> Double? {
        switch try node(key) {
        case nil, .null?: return nil
        case let n?:
            guard let d = n.doubleValue else { throw wrongType(key) }
            return d
        }
    }

    func bool(_ key: String) throws(Rejection) -> Bool {
        guard case let .bool(b) = try required(key) else { throw wrongType(key) }
        return b
    }

    func value(_ key: String) throws(Rejection) -> JSONValue {
        try required(key).jsonValue
    }

    func enumeration<E: RawRepresentable>(_ key: String, as type: E.Type) throws(Rejection) -> E where E.RawValue == String {
        guard let e = E(rawValue: try string(key)) else { throw invalidValue(key) }
        return e
    }

    func object(_ key: String) throws(Rejection) -> MessageFields {
        guard case let .object(m) = try required(key) else { throw wrongType(key) }
        return MessageFields(members: m, path: path + key + ".", typeName: typeName)
    }

    func optionalObject(_ key: String) throws(Rejection) -> MessageFields? {
        switch try node(key) {
        case nil, .null?: return nil
        case let .object(m)?: return MessageFields(members: m, path: path + key + ".", typeName: typeName)
        default: throw wrongType(key)
        }
    }

    /// The elements of array `key`, each of which must be an object.
    func objects(_ key: String) throws(Rejection) -> [MessageFields] {
        guard case let .array(elements) = try required(key) else { throw wrongType(key) }
        var out: [MessageFields] = []
        out.reserveCapacity(elements.count)
        for (i, e) in elements.enumerated() {
            guard case let .object(m) = e else { throw wrongType("\(key).\(i)") }
            out.append(MessageFields(members: m, path: "\(path)\(key).\(i).", typeName: typeName))
        }
        return out
    }

    /// Every member of this object, in order (for maps such as a status report's `jobs`).
    func allMembers() throws(Rejection) -> [(key: String, fields: MessageFields?, node: JSONNode)] {
        var out: [(key: String, fields: MessageFields?, node: JSONNode)] = []
        if document != nil {
            for f in ranges {
                guard let n = try node(f.key) else { continue }
                out.append((f.key, Self.nested(n, path: path + f.key + ".", typeName: typeName), n))
            }
        } else {
            for m in members { out.append((m.key, Self.nested(m.value, path: path + m.key + ".", typeName: typeName), m.value)) }
        }
        return out
    }

    private static func nested(_ node: JSONNode, path: String, typeName: String) -> MessageFields? {
        guard case let .object(m) = node else { return nil }
        return MessageFields(members: m, path: path, typeName: typeName)
    }
}
