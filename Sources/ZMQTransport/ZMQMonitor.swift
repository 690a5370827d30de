import CZeroMQ

/// Handshake outcomes of one socket, read from a libzmq socket monitor (`zmq_socket_monitor`) without blocking.
/// Lets a client say *why* it hears nothing: the server refused its key, or speaks another mechanism.
public final class ZMQMonitor {
    public enum Event: Equatable, Sendable {
        case handshakeSucceeded
        /// The server's ZAP handler refused this peer (ZAP status code, e.g. 400).
        case authenticationFailed(status: Int)
        /// The ZMTP handshake failed: mechanism mismatch (CURVE against NULL), a bad key, garbage…
        case protocolFailed(code: Int, mechanismMismatch: Bool)
        case handshakeFailed
    }

    private let pair: ZMQSocket
    nonisolated(unsafe) private static var counter = 0

    /// Watches `socket` (call before it connects, so no event is missed).
    public init(context: ZMQContext, watching socket: ZMQSocket) throws(ZMQError) {
        Self.counter += 1
        let endpoint = "inproc://radfleet-monitor-\(Self.counter)-\(UInt(bitPattern: ObjectIdentifier(socket).hashValue))"
        let events = ZMQ_EVENT_HANDSHAKE_SUCCEEDED | ZMQ_EVENT_HANDSHAKE_FAILED_AUTH | ZMQ_EVENT_HANDSHAKE_FAILED_PROTOCOL
            | ZMQ_EVENT_HANDSHAKE_FAILED_NO_DETAIL
        guard zmq_socket_monitor(socket.handle, endpoint, events) == 0 else { throw .last("zmq_socket_monitor") }
        pair = try ZMQSocket(context: context, kind: .pair)
        try pair.connect(endpoint)
    }

    /// Every event queued so far.
    public func drain() -> [Event] {
        var out: [Event] = []
        while let frames = try? pair.receive(timeoutMilliseconds: 0), let first = frames.first, first.count >= 6 {
            let event = Int32(first[0]) | Int32(first[1]) << 8
            let value = Int(UInt32(first[2]) | UInt32(first[3]) << 8 | UInt32(first[4]) << 16 | UInt32(first[5]) << 24)
            switch event {
            case ZMQ_EVENT_HANDSHAKE_SUCCEEDED: out.append(.handshakeSucceeded)
            case ZMQ_EVENT_HANDSHAKE_FAILED_AUTH: out.append(.authenticationFailed(status: value))
            case ZMQ_EVENT_HANDSHAKE_FAILED_PROTOCOL:
                out.append(.protocolFailed(code: value, mechanismMismatch: value == Int(ZMQ_PROTOCOL_ERROR_ZMTP_MECHANISM_MISMATCH)))
            default: out.append(.handshakeFailed)
            }
        }
        return out
    }
}
