/// Splits bytes into `\n`-terminated lines with a byte cap, as swift-nio's `NIOSplitLinesMessageDecoder` with
/// `maximumBufferSize`: a line longer than the cap is an error, never an unbounded buffer.
/// Each ZeroMQ frame carries exactly one JSON object followed by `\n`.
public struct LineFraming: Sendable {
    public let maximumLineBytes: Int

    public static let defaultMaximumLineBytes = 4 << 20

    public init(maximumLineBytes: Int = LineFraming.defaultMaximumLineBytes) {
        self.maximumLineBytes = maximumLineBytes
    }

    public enum FramingError: Error, Equatable, CustomStringConvertible {
        case tooLong(bytes: Int, limit: Int)
        case notTerminated
        case multipleLines
        case notUTF8

        public var description: String {
            switch self {
            case let .tooLong(b, l): return "line of \(b) bytes exceeds the limit of \(l) bytes"
            case .notTerminated: return "frame does not end with a newline"
            case .multipleLines: return "frame holds more than one line; send one JSON object per frame"
            case .notUTF8: return "frame is not valid UTF-8"
            }
        }
    }

    /// The single line in `frame`, without its terminating newline.
    public func line(in frame: [UInt8]) throws(FramingError) -> [UInt8] {
        guard frame.count <= maximumLineBytes + 1 else { throw .tooLong(bytes: frame.count, limit: maximumLineBytes) }
        guard frame.last == UInt8(ascii: "\n") else { throw .notTerminated }
        let body = frame.dropLast()
        guard !body.contains(UInt8(ascii: "\n")) else { throw .multipleLines }
        guard String(validating: body, as: UTF8.self) != nil else { throw .notUTF8 }
        return Array(body)
    }

    /// `line` framed for the wire.
    public func frame(_ line: [UInt8]) -> [UInt8] { line + [UInt8(ascii: "\n")] }
}
