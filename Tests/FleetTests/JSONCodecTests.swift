import FleetProtocol
import Foundation
import XCTest

/// The hand-written JSON reader and writer of the wire protocol: round trips, escapes, Unicode, exact integers,
/// and refusals of malformed input at the byte where it goes wrong. Foundation's `JSONEncoder` and
/// `JSONSerialization` serve as the independent oracle for what the bytes must be.
final class JSONCodecTests: XCTestCase {
    func parse(_ text: String, depth: Int = JSONReader.defaultMaximumDepth) throws -> JSONNode {
        try JSONReader.parse(text, maximumDepth: depth)
    }

    func written(_ node: JSONNode) -> String {
        var w = JSONWriter()
        w.write(node)
        return String(decoding: w.bytes, as: UTF8.self)
    }

    func syntaxError(_ text: String, depth: Int = JSONReader.defaultMaximumDepth, file: StaticString = #filePath, line: UInt = #line) -> JSONSyntaxError? {
        do {
            _ = try JSONReader.parse(text, maximumDepth: depth)
            XCTFail("accepted \(text.debugDescription)", file: file, line: line)
            return nil
        } catch {
            return error
        }
    }

    // MARK: Reader

    func testScalarsAndStructure() throws {
        XCTAssertEqual(try parse("null"), .null)
        XCTAssertEqual(try parse(" true "), .bool(true))
        XCTAssertEqual(try parse("\tfalse\r\n"), .bool(false))
        XCTAssertEqual(try parse("\"\""), .string(""))
        XCTAssertEqual(try parse("[]"), .array([]))
        XCTAssertEqual(try parse("{}"), .object([]))
        XCTAssertEqual(try parse("[1, [2, {\"a\": []}], \"x\"]"),
                       .array([.int(1), .array([.int(2), .object([.init(key: "a", value: .array([]))])]), .string("x")]))
        let o = try parse("{\"b\":1,\"a\":2,\"b\":3}")
        XCTAssertEqual(o, .object([.init(key: "b", value: .int(1)), .init(key: "a", value: .int(2)), .init(key: "b", value: .int(3))]))
        XCTAssertEqual(o["b"], .int(3), "of repeated keys the last wins, as JSONDecoder")
    }

    func testIntegersAreExact() throws {
        XCTAssertEqual(try parse("0"), .int(0))
        XCTAssertEqual(try parse("-0"), .int(0))
        XCTAssertEqual(try parse("9223372036854775807"), .int(.max))
        XCTAssertEqual(try parse("-9223372036854775808"), .int(.min))
        XCTAssertEqual(try parse("9223372036854775808"), .uint(9_223_372_036_854_775_808))
        XCTAssertEqual(try parse("18446744073709551615"), .uint(.max))
        XCTAssertEqual(try parse("18446744073709551615").uint64Value, UInt64.max)
        // Beyond 64 bits, or below Int64.min: a correctly rounded double.
        XCTAssertEqual(try parse("18446744073709551616"), .double(18446744073709551616.0))
        XCTAssertEqual(try parse("-9223372036854775809"), .double(-9223372036854775809.0))
        // 2^53 + 1 is not a double; as an integer it survives.
        XCTAssertEqual(try parse("9007199254740993").int64Value, 9_007_199_254_740_993)
        XCTAssertNil(try parse("-1").uint64Value)
        XCTAssertNil(try parse("1.5").int64Value)
        XCTAssertEqual(try parse("2.0").int64Value, 2)
    }

    func testDoublesAreCorrectlyRounded() throws {
        for text in ["0.1", "-2.5e-3", "1E+2", "1e-07", "5e-324", "1.7976931348623157e308", "0.30000000000000004", "123.456e1"] {
            XCTAssertEqual(try parse(text).doubleValue, Double(text)!, text)
        }
        XCTAssertEqual(try parse("1e-400"), .double(0))
    }

    func testStringEscapesAndUnicode() throws {
        XCTAssertEqual(try parse(#""a\"b\\c\/d\b\f\n\r\t""#), .string("a\"b\\c/d\u{8}\u{C}\n\r\t"))
        XCTAssertEqual(try parse(#""\u0041\u00e9\u20AC""#), .string("Aé€"))
        XCTAssertEqual(try parse(#""\uD83D\uDE00 and \ud834\udd1e""#), .string("😀 and 𝄞"))
        XCTAssertEqual(try parse("\"héllo 😀 中文\""), .string("héllo 😀 中文"))
        XCTAssertEqual(try parse(#""\u0000""#), .string("\u{0}"))
    }

    // MARK: Writer

    func testWriterEscapesPerRFC8259() {
        XCTAssertEqual(written(.string("a\"b\\c/d\u{8}\u{C}\n\r\t\u{1}\u{1F}é😀\u{7F}")),
                       #""a\"b\\c/d\b\f\n\r\t\u0001\u001fé😀\#u{7F}""#)
    }

    func testWriterNumbers() {
        XCTAssertEqual(written(.int(.min)), "-9223372036854775808")
        XCTAssertEqual(written(.uint(.max)), "18446744073709551615")
        XCTAssertEqual(written(.double(600)), "600")
        XCTAssertEqual(written(.double(-2.5)), "-2.5")
        XCTAssertEqual(written(.double(0.1)), "0.1")
        XCTAssertEqual(written(.double(1e-7)), "1e-07")
        XCTAssertEqual(written(.double(1e300)), "1e+300")
        XCTAssertEqual(written(.double(.nan)), "null")
        XCTAssertEqual(written(.double(.infinity)), "null")
        XCTAssertEqual(written(.array([.int(1), .double(2.5), .null, .bool(true), .bool(false)])), "[1,2.5,null,true,false]")
    }

    func testDoublesRoundTripShortest() throws {
        var g = SystemRandomNumberGenerator()
        for _ in 0..<2000 {
            let d = Double(bitPattern: g.next() & 0x7FEF_FFFF_FFFF_FFFF | (g.next() & 0x8000_0000_0000_0000))
            let text = written(.double(d))
            XCTAssertEqual(try parse(text).doubleValue, d, text)
            XCTAssertLessThanOrEqual(text.count, d.description.count, text)
        }
    }

    func testRoundTripOfNodes() throws {
        let node = JSONNode.object([
            .init(key: "seed", value: .uint(18_446_744_073_709_551_615)),
            .init(key: "neg", value: .int(-42)),
            .init(key: "x", value: .double(0.1)),
            .init(key: "s", value: .string("tab\there \"quoted\" \u{2028} 😀 \u{0}")),
            .init(key: "nested", value: .array([.object([]), .array([.null, .bool(false)])])),
        ])
        let text = written(node)
        XCTAssertEqual(try parse(text), node)
        XCTAssertEqual(written(try parse(text)), text)
        // Foundation reads the same values back.
        let foundation = try JSONSerialization.jsonObject(with: Data(text.utf8)) as! [String: Any]
        XCTAssertEqual(foundation["s"] as? String, "tab\there \"quoted\" \u{2028} 😀 \u{0}")
        XCTAssertEqual((foundation["seed"] as? NSNumber)?.uint64Value, UInt64.max)
    }

    func testJSONValueKeysSortedByUTF8() {
        let value = JSONValue.object(["b": .number(1), "B": .number(2), "a": .array([.string("x")]), "é": .null, "aa": .bool(true)])
        var w = JSONWriter()
        w.write(value)
        XCTAssertEqual(String(decoding: w.bytes, as: UTF8.self), #"{"B":2,"a":["x"],"aa":true,"b":1,"é":null}"#)
    }

    // MARK: Malformed input

    func testMalformedInputsAtTheirByte() {
        let cases: [(String, Int, JSONSyntaxError.Reason)] = [
            ("", 0, .unexpectedEnd),
            ("   ", 3, .unexpectedEnd),
            ("this is not JSON", 1, .unexpectedByte(UInt8(ascii: "h"), expected: "'true'")),
            ("tru", 3, .unexpectedEnd),
            ("nul", 3, .unexpectedEnd),
            ("[1,]", 3, .unexpectedByte(UInt8(ascii: "]"), expected: "a value")),
            ("[1 2]", 3, .unexpectedByte(UInt8(ascii: "2"), expected: "',' or ']'")),
            ("{\"a\" 1}", 5, .unexpectedByte(UInt8(ascii: "1"), expected: "':'")),
            ("{\"a\":1,}", 7, .unexpectedByte(UInt8(ascii: "}"), expected: "a string key")),
            ("{a:1}", 1, .unexpectedByte(UInt8(ascii: "a"), expected: "a string key")),
            ("{\"a\":1", 6, .unexpectedEnd),
            ("[1] x", 4, .unexpectedByte(UInt8(ascii: "x"), expected: "end of input")),
            ("01", 1, .unexpectedByte(UInt8(ascii: "1"), expected: "end of input")),
            ("-", 1, .unexpectedEnd),
            ("-a", 1, .unexpectedByte(UInt8(ascii: "a"), expected: "a digit")),
            ("1.", 2, .unexpectedEnd),
            ("1.e5", 2, .unexpectedByte(UInt8(ascii: "e"), expected: "a digit")),
            ("1e+", 3, .unexpectedEnd),
            ("+1", 0, .unexpectedByte(UInt8(ascii: "+"), expected: "a value")),
            ("NaN", 0, .unexpectedByte(UInt8(ascii: "N"), expected: "a value")),
            ("1e400", 0, .numberOutOfRange),
            ("\"abc", 4, .unexpectedEnd),
            ("\"a\tb\"", 2, .controlCharacter(0x09)),
            ("\"a\nb\"", 2, .controlCharacter(0x0A)),
            (#""\x""#, 1, .invalidEscape(UInt8(ascii: "x"))),
            (#""\u12G4""#, 5, .unexpectedByte(UInt8(ascii: "G"), expected: "a hex digit")),
            (#""ab\uD83D""#, 3, .loneSurrogate(0xD83D)),
            (#""\uD83Dx""#, 1, .loneSurrogate(0xD83D)),
            (#""\uD83D\u0041""#, 1, .loneSurrogate(0xD83D)),
            (#""\uDE00""#, 1, .loneSurrogate(0xDE00)),
            ("[[[", 3, .unexpectedEnd),
            ("// comment\n1", 0, .unexpectedByte(UInt8(ascii: "/"), expected: "a value")),
            ("\u{A0}1", 0, .unexpectedByte(0xC2, expected: "a value")),
        ]
        for (text, offset, reason) in cases {
            guard let e = syntaxError(text) else { continue }
            XCTAssertEqual(e, JSONSyntaxError(offset: offset, reason: reason), "\(text.debugDescription): \(e)")
        }
    }

    func testInvalidUTF8InStrings() {
        let inputs: [([UInt8], Int)] = [
            ([0x22, 0x61, 0xFF, 0x22], 2),             // never valid
            ([0x22, 0xC0, 0xAF, 0x22], 1),             // overlong '/'
            ([0x22, 0xED, 0xA0, 0x80, 0x22], 1),       // an encoded surrogate
            ([0x22, 0xF4, 0x90, 0x80, 0x80, 0x22], 1), // above U+10FFFF
            ([0x22, 0xE2, 0x82, 0x22], 1),             // truncated sequence
            ([0x22, 0xE2, 0x82], 1),                   // truncated at the end
        ]
        for (bytes, offset) in inputs {
            XCTAssertThrowsError(try JSONReader.parse(bytes)) { error in
                XCTAssertEqual(error as? JSONSyntaxError, JSONSyntaxError(offset: offset, reason: .invalidUTF8), "\(bytes)")
            }
        }
    }

    func testDepthLimit() throws {
        let ok = String(repeating: "[", count: 32) + String(repeating: "]", count: 32)
        XCTAssertNoThrow(try parse(ok, depth: 32))
        let deep = String(repeating: "[", count: 33) + String(repeating: "]", count: 33)
        XCTAssertEqual(syntaxError(deep, depth: 32), JSONSyntaxError(offset: 32, reason: .tooDeep(limit: 32)))
        // A hostile depth is refused, not recursed into.
        let hostile = String(repeating: "{\"a\":", count: 100_000)
        XCTAssertEqual(syntaxError(hostile)?.reason, .tooDeep(limit: JSONReader.defaultMaximumDepth))
    }

    func testReadObjectFieldsKeepsRawValues() throws {
        let text = #" {"output": {"b": [1, 2.5]}, "v": 1 ,"type":"result"} "#
        let bytes = Array(text.utf8)
        try bytes.withUnsafeBufferPointer { buffer in
            var reader = JSONReader(buffer)
            let fields = try XCTUnwrap(try reader.readObjectFields())
            XCTAssertEqual(fields.map(\.key), ["output", "v", "type"])
            XCTAssertEqual(String(decoding: UnsafeBufferPointer(rebasing: buffer[fields[0].value]), as: UTF8.self), #"{"b": [1, 2.5]}"#)
            XCTAssertEqual(try reader.parseValue(in: fields[1].value), .int(1))
            XCTAssertEqual(try reader.parseValue(in: fields[2].value), .string("result"))
        }
        try Array("[1]".utf8).withUnsafeBufferPointer { buffer in
            var reader = JSONReader(buffer)
            XCTAssertNil(try reader.readObjectFields())
        }
        XCTAssertThrowsError(try RawJSON(validating: "{\"a\":}"))
        // Validating refuses what parsing refuses: numbers beyond the range of a Double.
        let huge = String(repeating: "9", count: 250) + "e99"
        XCTAssertThrowsError(try RawJSON(validating: "[\(huge)]"))
        XCTAssertEqual(syntaxError("[\(huge)]"), JSONSyntaxError(offset: 1, reason: .numberOutOfRange))
        XCTAssertThrowsError(try RawJSON(validating: "1e400"))
        XCTAssertEqual(try RawJSON(validating: " [1] ").text, " [1] ")
    }

    // MARK: Messages

    /// The codec's bytes are the bytes of `JSONEncoder` with sorted keys (the encoder it replaced), for every type.
    func testMessagesEncodeAsJSONEncoderDid() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let codec = MessageCodec()
        func check<T: Encodable & JSONWritable>(_ value: T, file: StaticString = #filePath, line: UInt = #line) throws {
            let ours = String(decoding: codec.encode(value), as: UTF8.self)
            let theirs = String(decoding: try encoder.encode(value), as: UTF8.self) + "\n"
            XCTAssertEqual(ours, theirs, file: file, line: line)
        }
        let job = Job(id: "extract:case \"7\"/\u{1}", kind: .extract, seed: .max,
                      input: .object(["caseId": .string("é/😀"), "spacing": .null, "values": .array([.number(0.1), .number(-3), .number(1e-7)])]))
        try check(Ready(worker: "w1", host: "node-a", pid: 4242, threads: 2))
        try check(Heartbeat())
        try check(JobAssignment(job: job, attempt: 2, leaseSeconds: 600))
        try check(JobAssignment(job: job, attempt: 1, leaseSeconds: 0.25))
        try check(job)
        try check(JobResultMessage(jobId: "j", attempt: 1, failure: JobFailureReport(reason: "line\nbreak", final: true)))
        try check(ErrorReply(code: .unsupportedVersion, message: "protocol version 7 is not supported"))
        try check(StatusRequest())
        try check(Shutdown(reason: "study finished"))
        try check(StatusReport(study: "s", time: 1_732_350_000.125, jobs: ["noop": ["done": 2, "pending": 0], "extract": ["failed": 1]],
                               workers: [WorkerStatus(id: "w1", host: "h", currentJob: "noop:1", jobsDone: 3, lastHeartbeat: 1.5),
                                         WorkerStatus(id: "w2", host: "h", currentJob: nil, jobsDone: 0, lastHeartbeat: 2)],
                               throughput: 12.5, etaSeconds: nil, failures: [FailureStatus(jobId: "x", kind: "extract", reason: "r", attempts: 3)],
                               duplicatesIgnored: 1, rejectedMessages: 9, finished: false))
        let output = JSONValue.object(["caseId": .string("c"), "names": .array([.string("a")]), "values": .array([.number(1.25), .null])])
        let result = JobResultMessage(jobId: "j", attempt: 3, output: output)
        let expected = String(decoding: try encoder.encode(["attempt": JSONValue.number(3), "jobId": .string("j"), "output": output,
                                                            "type": .string("result"), "v": .number(1)]), as: UTF8.self) + "\n"
        XCTAssertEqual(String(decoding: codec.encode(result), as: UTF8.self), expected)
    }

    func testMessagesRoundTrip() throws {
        let codec = MessageCodec()
        let messages: [Message] = [
            .ready(Ready(worker: "w", host: "h", pid: 1, threads: 4)),
            .heartbeat(Heartbeat()),
            .job(JobAssignment(job: Job(id: "noop:1", kind: .noop, seed: 18_446_744_073_709_551_615, input: .object([:])), attempt: 1, leaseSeconds: 600)),
            .result(JobResultMessage(jobId: "noop:1", attempt: 1, output: .object(["a": .array([.number(1), .string("\u{1F600}")])]))),
            .result(JobResultMessage(jobId: "noop:1", attempt: 2, failure: JobFailureReport(reason: "broken", final: false))),
            .error(ErrorReply(code: .unknownJob, message: "no job")),
            .statusRequest(StatusRequest()),
            .status(StatusReport(study: "s", time: 1, jobs: ["noop": ["done": 1]], workers: [], throughput: 0, etaSeconds: 3.5,
                                 failures: [], duplicatesIgnored: 0, rejectedMessages: 0, finished: true)),
            .shutdown(Shutdown(reason: "done")),
        ]
        for m in messages {
            XCTAssertEqual(try codec.decode(codec.encode(m)), m)
        }
        // The stored job payload is spliced into the assignment frame unchanged.
        let job = Job(id: "noop:9", kind: .noop, seed: 77, input: .object([:]))
        let payload = String(decoding: codec.encode(job).dropLast(), as: UTF8.self)
        XCTAssertEqual(payload, #"{"id":"noop:9","input":{},"kind":"noop","seed":77}"#)
        let frame = JobAssignment.frame(jobJSON: payload, attempt: 2, leaseSeconds: 600)
        XCTAssertEqual(try codec.decode(frame), .job(JobAssignment(job: job, attempt: 2, leaseSeconds: 600)))
    }

    func testResultOutputIsPassedOnAsWritten() throws {
        let frame = Array(#"{"v":1,"type":"result","jobId":"j","attempt":1,"output":{"z": 1, "a": [1.50, 2]}}"#.utf8) + [10]
        guard case let .result(r) = try MessageCodec().decode(frame) else { return XCTFail() }
        XCTAssertEqual(r.output?.text, #"{"z": 1, "a": [1.50, 2]}"#)
        XCTAssertEqual(r.output?.value, .object(["z": .number(1), "a": .array([.number(1.5), .number(2)])]))
    }

    func testRejections() {
        let codec = MessageCodec()
        func rejection(_ text: String, framed: Bool = true) -> MessageCodec.Rejection? {
            do {
                _ = try codec.decode(Array(text.utf8) + (framed ? [10] : []))
                return nil
            } catch {
                return error
            }
        }
        let cases: [(String, ErrorCode, String)] = [
            ("this is not JSON", .malformed, "invalid JSON: unexpected 'h' at byte 1; expected 'true'"),
            ("[1,2]", .malformed, "not a JSON object with integer \"v\" and string \"type\""),
            ("{\"v\":\"1\",\"type\":\"ready\"}", .malformed, "not a JSON object with integer \"v\" and string \"type\""),
            ("{\"v\":1}", .malformed, "not a JSON object with integer \"v\" and string \"type\""),
            ("{\"v\":2,\"type\":\"ready\"}", .unsupportedVersion, "protocol version 2 is not supported; this peer speaks 1"),
            ("{\"v\":1,\"type\":\"teleport\"}", .unknownType, "unknown message type 'teleport'"),
            ("{\"v\":1,\"type\":\"ready\",\"worker\":\"x\"}", .malformed, "ready message lacks field \"host\""),
            ("{\"v\":1,\"type\":\"ready\",\"worker\":\"x\",\"host\":\"h\",\"pid\":\"1\",\"threads\":1}", .malformed,
             "ready message: field \"pid\" has the wrong type"),
            ("{\"v\":1,\"type\":\"job\",\"attempt\":1,\"leaseSeconds\":1,\"job\":{\"id\":\"j\",\"kind\":\"bogus\",\"seed\":1,\"input\":{}}}",
             .malformed, "job message: invalid value at \"job.kind\""),
            ("{\"v\":1,\"type\":\"job\",\"attempt\":1,\"leaseSeconds\":1,\"job\":{\"id\":\"j\",\"kind\":\"noop\",\"seed\":-1,\"input\":{}}}",
             .malformed, "job message: field \"job.seed\" has the wrong type"),
            ("{\"v\":1,\"type\":\"result\",\"jobId\":\"j\",\"attempt\":1}", .malformed,
             "a result holds exactly one of \"output\" and \"failure\""),
            ("{\"v\":1,\"type\":\"result\",\"jobId\":\"j\",\"attempt\":1,\"output\":{},\"failure\":{\"reason\":\"r\",\"final\":true}}", .malformed,
             "a result holds exactly one of \"output\" and \"failure\""),
            ("{\"v\":1,\"type\":\"result\",\"jobId\":\"j\",\"attempt\":1,\"failure\":{\"reason\":\"r\"}}", .malformed,
             "result message lacks field \"final\""),
            (String(repeating: "[", count: 40) + String(repeating: "]", count: 40), .malformed, "JSON nested 40 deep; the limit is 32"),
            ("{\"v\":1,\"type\":\"heartbeat\"}\n{\"v\":1,\"type\":\"heartbeat\"}", .malformed,
             "frame holds more than one line; send one JSON object per frame"),
        ]
        for (text, code, message) in cases {
            let r = rejection(text)
            XCTAssertEqual(r?.code, code, text)
            XCTAssertEqual(r?.message, message, text)
        }
        XCTAssertEqual(rejection("{\"v\":1,\"type\":\"heartbeat\"}", framed: false)?.message, "frame does not end with a newline")
        XCTAssertThrowsError(try codec.decode([0x22, 0xFF, 0x22, 0x0A])) { error in
            XCTAssertEqual((error as? MessageCodec.Rejection)?.message, "frame is not valid UTF-8")
        }
        XCTAssertEqual(rejection("{\"v\":1,\"type\":\"heartbeat\",\"extra\":[1,{\"unknown\":true}]}"), nil, "unknown fields are ignored")
        let tooLong = MessageCodec(framing: LineFraming(maximumLineBytes: 8))
        XCTAssertThrowsError(try tooLong.decode(Array("{\"v\":1,\"type\":\"heartbeat\"}\n".utf8))) { error in
            XCTAssertEqual((error as? MessageCodec.Rejection)?.code, .tooLarge)
        }
    }
}
