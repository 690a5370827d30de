import FleetProtocol
import Foundation
import XCTest

/// The wire decoder's limits (line length, JSON nesting depth), each settable and named in the rejection when hit,
/// and the properties Fuzz/FuzzMessageDecoder checks, replayed on its committed seed corpus (and on every input the
/// fuzzer found wrong, if any).
final class DecoderRegressionTests: XCTestCase {
    private let heartbeat = "{\"v\":1,\"type\":\"heartbeat\"}"

    private func rejection(_ codec: MessageCodec, _ line: String) -> MessageCodec.Rejection? {
        do {
            _ = try codec.decode(Array((line + "\n").utf8))
            return nil
        } catch {
            return error
        }
    }

    // MARK: Limits

    func testLineLengthLimitIsSettableAndNamedWithTheLineLength() throws {
        let n = heartbeat.utf8.count
        XCTAssertNil(rejection(MessageCodec(framing: LineFraming(maximumLineBytes: n)), heartbeat), "a line at the limit passes")
        let r = try XCTUnwrap(rejection(MessageCodec(framing: LineFraming(maximumLineBytes: n - 1)), heartbeat))
        XCTAssertEqual(r.code, .tooLarge)
        XCTAssertEqual(r.message, "line of \(n) bytes exceeds the maximum line length of \(n - 1) bytes")
        XCTAssertEqual(r.reply.code, .tooLarge, "the peer is told with a too-large error")
        // An unterminated over-long frame counts all its bytes.
        XCTAssertThrowsError(try LineFraming(maximumLineBytes: 4).line(in: Array("abcdefgh".utf8))) { error in
            XCTAssertEqual(error as? LineFraming.FramingError, .tooLong(bytes: 8, limit: 4))
        }
        XCTAssertEqual(LineFraming().maximumLineBytes, LineFraming.defaultMaximumLineBytes)
        XCTAssertEqual(LineFraming.defaultMaximumLineBytes, 4 << 20)
    }

    func testNestingDepthLimitIsSettableAndNamedWithTheDepth() throws {
        let codec = MessageCodec(maximumDepth: 3)
        let atLimit = "{\"v\":1,\"type\":\"heartbeat\",\"x\":[[1]]}"  // the envelope object is level 1
        let over = "{\"v\":1,\"type\":\"heartbeat\",\"x\":[[[1]]]}"
        XCTAssertNil(rejection(codec, atLimit))
        let r = try XCTUnwrap(rejection(codec, over))
        XCTAssertEqual(r.code, .malformed)
        XCTAssertEqual(r.message, "JSON nested 4 deep; the limit is 3")
        XCTAssertEqual(MessageCodec().maximumDepth, MessageCodec.defaultMaximumDepth)
        // The reader refuses the level before descending into it, and says where.
        XCTAssertThrowsError(try JSONReader.parse("[[[[1]]]]", maximumDepth: 3)) { error in
            XCTAssertEqual(error as? JSONSyntaxError, JSONSyntaxError(offset: 3, reason: .tooDeep(limit: 3)))
            XCTAssertEqual("\(error)", "nested deeper than 3 levels at byte 3")
        }
        // Hostile depth far past the limit costs nothing: refused at the limit, not recursed into.
        let hostile = String(repeating: "[", count: 1_000_000)
        XCTAssertEqual(rejection(MessageCodec(), hostile)?.message.hasPrefix("JSON nested 1000000 deep"), true)
    }

    // MARK: Fuzz corpus

    /// Each seed of FuzzMessageDecoder's corpus is decoded or rejected with a message; a decoded one re-encodes to a
    /// frame that decodes to the same message, and encoding it again gives the same bytes.
    func testFuzzSeedCorpusRoundTrips() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Fuzz/Corpus/FuzzMessageDecoder")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        XCTAssertGreaterThan(names.count, 30)
        let codec = MessageCodec()
        var decoded = 0
        for name in names {
            let frame = [UInt8](try Data(contentsOf: folder.appendingPathComponent(name)))
            let message: Message
            do {
                message = try codec.decode(frame)
            } catch {
                XCTAssertFalse(error.message.isEmpty, name)
                continue
            }
            decoded += 1
            let encoded = codec.encode(message)
            XCTAssertEqual(try codec.decode(encoded), message, name)
            XCTAssertEqual(codec.encode(try codec.decode(encoded)), encoded, name)
        }
        XCTAssertGreaterThanOrEqual(decoded, 15, "the seeds include every message type")
    }
}
