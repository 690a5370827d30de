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
        let line: [UInt8]
        do {
            line = try framing.line(in: frame)
        } catch {
            if case .tooLong = error { throw Rejection(code: .tooLarge, message: error.description) }
            throw Rejection(code: .malformed, message: error.description)
        }
        let depth = Self.nestingDepth(line)
        guard depth <= maximumDepth else {
            throw Rejection(code: .malformed, message: "JSON nested \(depth) deep; the limit is \(maximumDepth)")
        }
        let data = Data(line)
        let decoder = JSONDecoder()
        let header: EnvelopeHeader
        do {
            header = try decoder.decode(EnvelopeHeader.self, from: data)
        } catch {
            throw Rejection(code: .malformed, message: "not a JSON object with integer \"v\" and string \"type\"")
        }
        guard ProtocolVersion.supported.contains(header.v) else {
            throw Rejection(code: .unsupportedVersion,
                            message: "protocol version \(header.v) is not supported; this peer speaks \(ProtocolVersion.current)")
        }
        guard let type = MessageType(rawValue: header.type) else {
            throw Rejection(code: .unknownType, message: "unknown message type '\(header.type)'")
        }
        do {
            switch type {
            case .ready: return .ready(try decoder.decode(Ready.self, from: data))
            case .heartbeat: return .heartbeat(try decoder.decode(Heartbeat.self, from: data))
            case .job: return .job(try decoder.decode(JobAssignment.self, from: data))
            case .result:
                let r = try decoder.decode(JobResultMessage.self, from: data)
                guard (r.output == nil) != (r.failure == nil) else {
                    throw Rejection(code: .malformed, message: "a result holds exactly one of \"output\" and \"failure\"")
                }
                return .result(r)
            case .error: return .error(try decoder.decode(ErrorReply.self, from: data))
            case .statusRequest: return .statusRequest(try decoder.decode(StatusRequest.self, from: data))
            case .status: return .status(try decoder.decode(StatusReport.self, from: data))
            case .shutdown: return .shutdown(try decoder.decode(Shutdown.self, from: data))
            }
        } catch let r as Rejection {
            throw r
        } catch let DecodingError.keyNotFound(key, _) {
            throw Rejection(code: .malformed, message: "\(type.rawValue) message lacks field \"\(key.stringValue)\"")
        } catch let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(_, context) {
            let path = context.codingPath.map(\.stringValue).joined(separator: ".")
            throw Rejection(code: .malformed, message: "\(type.rawValue) message: field \"\(path)\" has the wrong type")
        } catch let DecodingError.dataCorrupted(context) {
            let path = context.codingPath.map(\.stringValue).joined(separator: ".")
            throw Rejection(code: .malformed, message: "\(type.rawValue) message: invalid value at \"\(path)\"")
        } catch {
            throw Rejection(code: .malformed, message: "\(type.rawValue) message: \(error)")
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

    public func encode<T: Encodable>(_ value: T) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Encoding our own message types cannot fail (no non-finite numbers are put in them).
        let data = (try? encoder.encode(value)) ?? Data("{}".utf8)
        return framing.frame(Array(data))
    }

    /// Deepest nesting of objects and arrays, outside strings (checked before decoding, so a hostile line cannot
    /// make the decoder recurse without bound).
    static func nestingDepth(_ line: [UInt8]) -> Int {
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
