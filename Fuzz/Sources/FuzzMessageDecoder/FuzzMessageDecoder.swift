import FuzzSupport
import FleetProtocol

/// libFuzzer target for the wire decoder: one frame (a JSON object and `\n`) → `Message`, through `LineFraming`,
/// `JSONReader` and the message fields. Besides "no crash", it checks properties that could fail:
/// - a rejection carries a code and a non-empty message;
/// - a decoded message re-encodes to a frame that decodes to the same message, and encoding is canonical (the
///   second encoding is byte-identical to the first);
/// - `JSONReader` agrees with itself: building (`parse`), validating (`validateDocument`) and `RawJSON(validating:)`
///   accept exactly the same documents, and written JSON reads back to the same bytes after one round;
/// - the framing limits hold: nothing longer than `maximumLineBytes` is accepted, nothing nested deeper than
///   `maximumDepth` parses.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzMessageDecoder(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let frame = UnsafeBufferPointer(start: data, count: size)
    checkMessage(frame)
    // The JSON layer on its own, on the frame without its newline (so inputs need not be framed to reach it).
    let body = size > 0 && frame[size - 1] == UInt8(ascii: "\n") ? UnsafeBufferPointer(rebasing: frame[..<(size - 1)]) : frame
    checkJSON(body)
    return 0
}

private let codec = MessageCodec()
/// A tight codec, so inputs the fuzzer finds easily reach both limits.
private let tight = MessageCodec(framing: LineFraming(maximumLineBytes: 96), maximumDepth: 4)

private func checkMessage(_ frame: UnsafeBufferPointer<UInt8>) {
    let message: Message
    do {
        message = try codec.decode(buffer: frame)
    } catch {
        require(!error.message.isEmpty, "rejection without a message")
        checkTight(frame, acceptedByDefault: false)
        return
    }
    let encoded = codec.encode(message)
    let again: Message
    do {
        again = try codec.decode(encoded)
    } catch {
        fail("re-encoded message rejected: \(error)\n  in:  \(text(frame))\n  out: \(text(encoded))")
    }
    require(again == message, "round trip changed the message\n  in:  \(text(frame))\n  out: \(text(encoded))")
    require(codec.encode(again) == encoded, "encoding is not canonical: \(text(encoded))")
    checkTight(frame, acceptedByDefault: true)
}

/// The tight codec refuses what is too long or too deep with the named limit, and otherwise decides as the default.
private func checkTight(_ frame: UnsafeBufferPointer<UInt8>, acceptedByDefault: Bool) {
    do {
        _ = try tight.decode(buffer: frame)
        require(frame.count <= 97, "a frame of \(frame.count) bytes passed a 96-byte limit")
        require(acceptedByDefault, "the tight codec accepted a frame the default one rejects: \(text(frame))")
    } catch {
        if frame.count > 97 {
            require(error.code == .tooLarge && error.message.contains("96"), "over-long frame rejected as \(error)")
        }
    }
}

private func checkJSON(_ body: UnsafeBufferPointer<UInt8>) {
    var builder = JSONReader(body, maximumDepth: 16)
    let node: JSONNode?
    do { node = try builder.readDocument() } catch {
        if case let .tooDeep(limit) = error.reason { require(limit == 16, "wrong depth limit reported") }
        node = nil
    }
    var validator = JSONReader(body, maximumDepth: 16)
    let valid: Bool
    do { try validator.validateDocument(); valid = true } catch { valid = false }
    require(valid == (node != nil), "parse and validate disagree (parse \(node != nil), validate \(valid)) on \(text(body))")
    if let node {
        require(depth(node) <= 16, "a document deeper than the limit parsed")
        let raw = try? RawJSON(validating: String(decoding: body, as: UTF8.self))
        require(raw != nil, "RawJSON refused a document JSONReader accepts: \(text(body))")
        // One write normalises numbers (integral doubles are written as integers); after that it is a fixed point.
        var w1 = JSONWriter()
        w1.write(node)
        guard let reread = try? JSONReader.parse(w1.bytes, maximumDepth: 16) else {
            fail("written JSON does not read back: \(String(decoding: w1.bytes, as: UTF8.self))")
        }
        var w2 = JSONWriter()
        w2.write(reread)
        require(w1.bytes == w2.bytes, "JSON write/read is not stable: \(String(decoding: w1.bytes, as: UTF8.self))")
        // The looser JSONValue form writes JSON that reads back to an equal JSONValue.
        let value = node.jsonValue
        var w3 = JSONWriter()
        w3.write(value)
        guard let back = try? JSONReader.parse(w3.bytes, maximumDepth: 16) else {
            fail("written JSONValue does not read back: \(String(decoding: w3.bytes, as: UTF8.self))")
        }
        require(back.jsonValue == value, "JSONValue round trip changed the value: \(String(decoding: w3.bytes, as: UTF8.self))")
    }
}

private func depth(_ node: JSONNode) -> Int {
    switch node {
    case let .array(a): return 1 + (a.map(depth).max() ?? 0)
    case let .object(m): return 1 + (m.map { depth($0.value) }.max() ?? 0)
    default: return 0
    }
}

private func text(_ bytes: some Collection<UInt8>) -> String { String(decoding: bytes.prefix(400), as: UTF8.self).debugDescription }

/// `main`, as SwiftPM links it: libFuzzer's driver, with this file's test function.
@_cdecl("FuzzMessageDecoder_main")
public func fuzzMessageDecoderMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runLibFuzzer(argc, argv) { data, size in fuzzMessageDecoder(data!, size) }
}
