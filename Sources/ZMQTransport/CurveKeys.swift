import CZeroMQ

/// A CurveZMQ public key (32 bytes; Z85 text is 40 characters). Safe to print and share.
public struct CurvePublicKey: Hashable, Sendable, CustomStringConvertible {
    public let bytes: [UInt8]

    /// From 32 raw bytes (a ZAP request's credentials frame); nil for any other length.
    public init?(bytes: [UInt8]) {
        guard bytes.count == 32 else { return nil }
        self.bytes = bytes
    }

    /// From 40 Z85 characters; nil when the text is not a Z85-encoded 32-byte key.
    public init?(z85: String) {
        guard let bytes = Z85.decodeKey(z85) else { return nil }
        self.bytes = bytes
    }

    public var z85: String { Z85.encode(bytes) }

    /// The first 8 Z85 characters: enough to tell keys apart in logs, and what a log names a refused peer by.
    public var id: String { String(z85.prefix(8)) }

    public var description: String { z85 }
}

/// A CurveZMQ secret key. Its `description` never shows the key.
public struct CurveSecretKey: Sendable, CustomStringConvertible {
    public let bytes: [UInt8]

    public init?(z85: String) {
        guard let bytes = Z85.decodeKey(z85) else { return nil }
        self.bytes = bytes
    }

    public var z85: String { Z85.encode(bytes) }

    public var description: String { "CurveSecretKey(redacted)" }
}

/// A public key and its secret key.
public struct CurveKeyPair: Sendable {
    public let publicKey: CurvePublicKey
    public let secretKey: CurveSecretKey

    /// The pair of `secret`, its public key derived with `zmq_curve_public`.
    public init(secretKey: CurveSecretKey) throws(ZMQError) {
        var pub = [CChar](repeating: 0, count: 41)
        let rc = secretKey.z85.withCString { zmq_curve_public(&pub, $0) }
        guard rc == 0, let publicKey = CurvePublicKey(z85: String(cString: pub)) else { throw .last("zmq_curve_public") }
        self.publicKey = publicKey
        self.secretKey = secretKey
    }

    /// A fresh key pair from libzmq's CSPRNG (`zmq_curve_keypair`); fails when libzmq was built without CURVE.
    public static func generate() throws(ZMQError) -> CurveKeyPair {
        guard zmq_has("curve") == 1 else {
            throw ZMQError(operation: "zmq_curve_keypair", code: -1, message: "this libzmq was built without CURVE support")
        }
        var pub = [CChar](repeating: 0, count: 41), sec = [CChar](repeating: 0, count: 41)
        defer { for i in sec.indices { sec[i] = 0 } }
        guard zmq_curve_keypair(&pub, &sec) == 0 else { throw .last("zmq_curve_keypair") }
        guard let secret = CurveSecretKey(z85: String(cString: sec)) else { throw .last("zmq_curve_keypair") }
        return try CurveKeyPair(secretKey: secret)
    }
}

/// ZeroMQ's Z85 text encoding (RFC 32) of 32-byte keys, through libzmq's own encoder and decoder.
enum Z85 {
    static let alphabet = Set("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-:+=^!/*?&<>()[]{}@%$#".utf8)

    static func encode(_ bytes: [UInt8]) -> String {
        var out = [CChar](repeating: 0, count: bytes.count * 5 / 4 + 1)
        _ = bytes.withUnsafeBufferPointer { zmq_z85_encode(&out, $0.baseAddress, $0.count) }
        return String(cString: out)
    }

    /// 40 Z85 characters → 32 bytes; nil for any other length or a character outside the alphabet.
    static func decodeKey(_ text: String) -> [UInt8]? {
        let utf8 = Array(text.utf8)
        guard utf8.count == 40, utf8.allSatisfy(alphabet.contains) else { return nil }
        var out = [UInt8](repeating: 0, count: 32)
        guard text.withCString({ zmq_z85_decode(&out, $0) }) != nil else { return nil }
        return out
    }
}
