import Foundation

/// A decoded message of any type.
public enum Message: Sendable, Equatable {
    case ready(Ready)
    case heartbeat(Heartbeat)
    case job(JobAssignment)
    case result(JobResultMessage)
    case error(ErrorReply)
    case statusRequest(StatusRequest)
    case status(StatusReport)
    case shutdown(Shutdown)
}

/// Frames and unframes messages: one JSON object per line, envelope first, with limits on line length and
/// nesting depth. Encoding sorts object keys, so equal messages are equal bytes.
/// Uses the hand-written strict `JSONReader` / `JSONWriter` (JSON/), not Foundation's coders: a no-op job's round
/// trip spent about 40 % of its time in `JSONDecoder` / `JSONEncoder`.
public struct MessageCodec: Sendable {
    public let framing: LineFraming
    public let maximumDepth: Int

    public static let defaultMaximumDepth = 32

    public init(framing: LineFraming = LineFraming(), maximumDepth: Int = MessageCodec.defaultMaximumDepth) {
        self.framing = framing
        self.maximumDepth = maximumDepth
    }

    /// Why a frame was not accepted, as the `error` reply that answers it.
    public struct Rejection: Error, Equatable, CustomStringConvertible {
        public let code: ErrorCode
        public let message: String
        public var description: String { "\(code.rawValue): \(message)" }
        public var reply: ErrorReply { ErrorReply(code: code, message: message) }
    }

    public func decode(_ frame: [UInt8]) throws(Rejection) -> Message {
        try frame.withUnsafeBufferPointer { (buffer) throws(Rejection) -> Message in try decode(buffer: buffer) }
    }

    /// Decodes one frame in place: framing checks, one strict pass over the JSON (`JSONReader`, which also enforces
    /// the depth limit), the envelope (`v`, then `type`), then only the fields the message type reads.
    public func decode(buffer frame: UnsafeBufferPointer<UInt8>) throws(Rejection) -> Message {
        let line: UnsafeBufferPointer<UInt8>
        do {
            line = try framing.body(of: frame)
        } catch {
            if case .tooLong = error { throw Rejection(code: .tooLarge, message: error.description) }
            throw Rejection(code: .malformed, message: error.description)
        }
        var reader = JSONReader(line, maximumDepth: maximumDepth)
        let members: [JSONReader.Field]?
        do {
            members = try reader.readObjectFields()
        } catch {
            if case .tooDeep = error.reason {
                throw Rejection(code: .malformed, message: "JSON nested \(Self.nestingDepth(line)) deep; the limit is \(maximumDepth)")
            }
            throw Rejection(code: .malformed, message: "invalid JSON: \(error)")
        }
        let headerProblem = Rejection(code: .malformed, message: "not a JSON object with integer \"v\" and string \"type\"")
        guard let members else { throw headerProblem }
        let envelope = MessageFields(document: line, fields: members, typeName: "message")
        guard let vNode = try? envelope.node("v"), let v64 = vNode.int64Value, let v = Int(exactly: v64),
              case let .string(typeName)? = try? envelope.node("type") else { throw headerProblem }
        guard ProtocolVersion.supported.contains(v) else {
            throw Rejection(code: .unsupportedVersion,
                            message: "protocol version \(v) is not supported; this peer speaks \(ProtocolVersion.current)")
        }
        guard let type = MessageType(rawValue: typeName) else {
            throw Rejection(code: .unknownType, message: "unknown message type '\(typeName)'")
        }
        let f = MessageFields(document: line, fields: members, typeName: type.rawValue)
        switch type {
        case .ready: return .ready(try Ready(fields: f))
        case .heartbeat: return .heartbeat(Heartbeat())
        case .job: return .job(try JobAssignment(fields: f))
        case .result: return .result(try JobResultMessage(fields: f))
        case .error: return .error(try ErrorReply(fields: f))
        case .statusRequest: return .statusRequest(StatusRequest())
        case .status: return .status(try StatusReport(fields: f))
        case .shutdown: return .shutdown(try Shutdown(fields: f))
        }
    }

    public func encode(_ message: Message) -> [UInt8] {
        switch message {
        case let .ready(m): return encode(m)
        case let .heartbeat(m): return encode(m)
        case let .job(m): return encode(m)
        case let .result(m): return encode(m)
        case let .error(m): return encode(m)
        case let .statusRequest(m): return encode(m)
        case let .status(m): return encode(m)
        case let .shutdown(m): return encode(m)
        }
    }

    /// `value` as one frame: compact JSON with sorted keys, then `\n`.
    public func encode<T: JSONWritable>(_ value: T) -> [UInt8] {
        var writer = JSONWriter(capacity: 128)
        value.write(to: &writer)
        return writer.takeLine()
    }

    /// Any other `Encodable` value as one frame, through Foundation's `JSONEncoder` (sorted keys): for types that do
    /// not write themselves. Every protocol message is `JSONWritable` and takes the overload above.
    @_disfavoredOverload
    public func encode<T: Encodable>(_ value: T) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(value)) ?? Data("{}".utf8)
        return Array(data) + [UInt8(ascii: "\n")]
    }

    /// Deepest nesting of objects and arrays, outside strings (computed only to word the rejection of a line
    /// `JSONReader` found nested too deep).
    static func nestingDepth(_ line: UnsafeBufferPointer<UInt8>) -> Int {
        var depth = 0, deepest = 0, inString = false, escaped = false
        for b in line {
            if inString {
                if escaped { escaped = false } else if b == UInt8(ascii: "\\") { escaped = true } else if b == UInt8(ascii: "\"") { inString = false }
                continue
            }
            switch b {
            case UInt8(ascii: "\""): inString = true
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                depth += 1
                deepest = max(deepest, depth)
            case UInt8(ascii: "}"), UInt8(ascii: "]"): depth -= 1
            default: break
            }
        }
        return deepest
    }
}
