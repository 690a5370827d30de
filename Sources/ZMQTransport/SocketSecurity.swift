import CZeroMQ

/// How a socket authenticates and encrypts (ZeroMQ security mechanisms, RFC 23 ZMTP 3.0 / RFC 26 CurveZMQ).
/// Applied before `bind`/`connect`. The choice of mechanism is the caller's: this library has no opinion on
/// which endpoints need it.
public enum SocketSecurity: Sendable {
    /// ZeroMQ's NULL mechanism: plaintext, no authentication.
    case none
    /// CURVE server: proves `keys` to clients and asks the context's ZAP handler (`ZAPHandler`) about each
    /// client, under `domain`.
    case curveServer(keys: CurveKeyPair, domain: String)
    /// CURVE client: talks only to the server holding the secret key of `serverKey`, and proves `keys`.
    case curveClient(keys: CurveKeyPair, serverKey: CurvePublicKey)

    public var isCurve: Bool {
        if case .none = self { return false }
        return true
    }
}

extension ZMQSocket {
    /// Sets the socket's security mechanism; call before `bind` or `connect`.
    public func apply(_ security: SocketSecurity) throws(ZMQError) {
        switch security {
        case .none:
            break
        case let .curveServer(keys, domain):
            try setOption(ZMQ_CURVE_SERVER, Int32(1))
            try setOption(ZMQ_CURVE_SECRETKEY, bytes: keys.secretKey.bytes)
            try setOption(ZMQ_CURVE_PUBLICKEY, bytes: keys.publicKey.bytes)
            try setOption(ZMQ_ZAP_DOMAIN, bytes: Array(domain.utf8))
        case let .curveClient(keys, serverKey):
            try setOption(ZMQ_CURVE_SERVERKEY, bytes: serverKey.bytes)
            try setOption(ZMQ_CURVE_PUBLICKEY, bytes: keys.publicKey.bytes)
            try setOption(ZMQ_CURVE_SECRETKEY, bytes: keys.secretKey.bytes)
        }
    }
}
