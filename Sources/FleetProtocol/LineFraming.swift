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
        /// The line (without its newline) is longer than `maximumLineBytes`.
        case tooLong(bytes: Int, limit: Int)
        case notTerminated
        case multipleLines
        case notUTF8

        public var description: String {
            switch self {
            case let .tooLong(b, l): return "line of \(b) bytes exceeds the maximum line length of \(l) bytes"
            case .notTerminated: return "frame does not end with a newline"
            case .multipleLines: return "frame holds more than one line; send one JSON object per frame"
            case .notUTF8: return "frame is not valid UTF-8"
            }
        }
    }

    /// The single line in `frame`, without its terminating newline.
    public func line(in frame: [UInt8]) throws(FramingError) -> [UInt8] {
        try frame.withUnsafeBufferPointer { (buffer) throws(FramingError) -> [UInt8] in Array(try body(of: buffer)) }
    }

    /// The single line in `frame`, without its terminating newline, as a view of the same memory (no copy).
    public func body(of frame: UnsafeBufferPointer<UInt8>) throws(FramingError) -> UnsafeBufferPointer<UInt8> {
        guard frame.count <= maximumLineBytes + 1 else {
            // The line's own length, as the limit counts it: without its terminating newline.
            throw .tooLong(bytes: frame.last == UInt8(ascii: "\n") ? frame.count - 1 : frame.count, limit: maximumLineBytes)
        }
        guard frame.last == UInt8(ascii: "\n") else { throw .notTerminated }
        let body = UnsafeBufferPointer(rebasing: frame[..<(frame.count - 1)])
        guard !body.contains(UInt8(ascii: "\n")) else { throw .multipleLines }
        guard Self.isUTF8(body) else { throw .notUTF8 }
        return body
    }

    /// True when `bytes` are well-formed UTF-8; plain ASCII (the usual frame) is checked eight bytes at a time.
    static func isUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let raw = UnsafeRawBufferPointer(bytes)
        var i = 0
        while i + 8 <= raw.count, raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 { i += 8 }
        while i < bytes.count, bytes[i] < 0x80 { i += 1 }
        if i == bytes.count { return true }
        return String(validating: UnsafeBufferPointer(rebasing: bytes[i...]), as: UTF8.self) != nil
    }

    /// `line` framed for the wire.
    public func frame(_ line: [UInt8]) -> [UInt8] { line + [UInt8(ascii: "\n")] }
}
