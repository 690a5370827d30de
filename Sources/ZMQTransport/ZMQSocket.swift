import CZeroMQ

/// Owns one libzmq socket; closed in `deinit` with linger 0 so a process never hangs on exit.
/// Not thread-safe (no libzmq socket is): use it from one thread.
public final class ZMQSocket {
    public enum Kind: Sendable {
        /// `rep` answers ZAP requests (`ZAPHandler`); `pair` reads a socket monitor (`ZMQMonitor`).
        case router, dealer, rep, pair

        var raw: Int32 {
            switch self {
            case .router: return ZMQ_ROUTER
            case .dealer: return ZMQ_DEALER
            case .rep: return ZMQ_REP
            case .pair: return ZMQ_PAIR
            }
        }
    }

    let handle: UnsafeMutableRawPointer
    public let kind: Kind
    /// Held so the context outlives its sockets: `zmq_ctx_term` waits for every socket to close.
    private let context: ZMQContext

    public init(context: ZMQContext, kind: Kind) throws(ZMQError) {
        guard let h = zmq_socket(context.handle, kind.raw) else { throw .last("zmq_socket") }
        handle = h
        self.kind = kind
        self.context = context
        try setOption(ZMQ_LINGER, Int32(0))
    }

    deinit { zmq_close(handle) }

    public func setOption(_ option: Int32, _ value: Int32) throws(ZMQError) {
        var v = value
        guard zmq_setsockopt(handle, option, &v, MemoryLayout<Int32>.size) == 0 else { throw .last("zmq_setsockopt(\(option))") }
    }

    public func setOption(_ option: Int32, _ value: Int64) throws(ZMQError) {
        var v = value
        guard zmq_setsockopt(handle, option, &v, MemoryLayout<Int64>.size) == 0 else { throw .last("zmq_setsockopt(\(option))") }
    }

    public func setOption(_ option: Int32, bytes: [UInt8]) throws(ZMQError) {
        let rc = bytes.withUnsafeBytes { zmq_setsockopt(handle, option, $0.baseAddress, $0.count) }
        guard rc == 0 else { throw .last("zmq_setsockopt(\(option))") }
    }

    /// Messages larger than this are refused by libzmq itself (ZMQ_MAXMSGSIZE); the peer is disconnected.
    public func setMaximumMessageSize(_ bytes: Int64) throws(ZMQError) { try setOption(ZMQ_MAXMSGSIZE, bytes) }

    public func setIdentity(_ id: [UInt8]) throws(ZMQError) { try setOption(ZMQ_ROUTING_ID, bytes: id) }

    /// Sends one message, blocking until it is queued (for REQ/REP-style sockets such as the ZAP handler's).
    public func sendBlocking(_ frames: [[UInt8]]) throws(ZMQError) {
        for (i, frame) in frames.enumerated() {
            let rc = frame.withUnsafeBytes { zmq_send(handle, $0.baseAddress, $0.count, i < frames.count - 1 ? ZMQ_SNDMORE : 0) }
            if rc < 0 { throw .last("zmq_send") }
        }
    }

    public func bind(_ endpoint: String) throws(ZMQError) {
        guard zmq_bind(handle, endpoint) == 0 else { throw .last("bind \(endpoint)") }
    }

    public func connect(_ endpoint: String) throws(ZMQError) {
        guard zmq_connect(handle, endpoint) == 0 else { throw .last("connect \(endpoint)") }
    }

    /// The endpoint actually bound (for `tcp://127.0.0.1:*`).
    public func lastEndpoint() throws(ZMQError) -> String {
        var buffer = [CChar](repeating: 0, count: 256)
        var size = buffer.count
        guard zmq_getsockopt(handle, ZMQ_LAST_ENDPOINT, &buffer, &size) == 0 else { throw .last("ZMQ_LAST_ENDPOINT") }
        return String(cString: buffer)
    }

    /// Sends a multipart message without blocking; false when it would block (peer gone or queue full).
    @discardableResult
    public func send(_ frames: [[UInt8]]) throws(ZMQError) -> Bool {
        for (i, frame) in frames.enumerated() {
            let flags = ZMQ_DONTWAIT | (i < frames.count - 1 ? ZMQ_SNDMORE : 0)
            let rc = frame.withUnsafeBytes { zmq_send(handle, $0.baseAddress, $0.count, flags) }
            if rc < 0 {
                let code = CZeroMQ_errno()
                if code == CZeroMQ_EAGAIN() || code == CZeroMQ_EHOSTUNREACH() { return false }
                throw .last("zmq_send")
            }
        }
        return true
    }

    /// Waits up to `timeoutMilliseconds` (−1: forever) for one multipart message.
    /// A message already queued is taken without a `poll` system call; only an empty queue is waited on.
    public func receive(timeoutMilliseconds: Int) throws(ZMQError) -> [[UInt8]]? {
        if let frames = try receiveNow() { return frames }
        guard timeoutMilliseconds != 0 else { return nil }
        var item = zmq_pollitem_t(socket: handle, fd: 0, events: Int16(ZMQ_POLLIN), revents: 0)
        let rc = zmq_poll(&item, 1, timeoutMilliseconds)
        if rc < 0 {
            if CZeroMQ_errno() == CZeroMQ_EINTR() { return nil }
            throw .last("zmq_poll")
        }
        guard rc > 0 else { return nil }
        return try receiveNow()
    }

    /// The next multipart message if one is queued, else nil (never blocks).
    private func receiveNow() throws(ZMQError) -> [[UInt8]]? {
        var frames: [[UInt8]] = []
        var msg = zmq_msg_t()
        zmq_msg_init(&msg)
        defer { zmq_msg_close(&msg) }
        while true {
            if zmq_msg_recv(&msg, handle, frames.isEmpty ? ZMQ_DONTWAIT : 0) < 0 {
                let code = CZeroMQ_errno()
                if frames.isEmpty && (code == CZeroMQ_EAGAIN() || code == CZeroMQ_EINTR()) { return nil }
                throw .last("zmq_msg_recv")
            }
            let size = zmq_msg_size(&msg)
            if size == 0 {
                frames.append([])
            } else {
                frames.append(Array(UnsafeRawBufferPointer(start: zmq_msg_data(&msg), count: size)))
            }
            // The parts of one message arrive together: after the first, recv does not wait.
            if zmq_msg_more(&msg) == 0 { return frames }
        }
    }
}

/// Socket options the fleet sets, as values (Swift does not import every libzmq macro by name).
public let ZMQ_ROUTER_MANDATORY_OPTION: Int32 = ZMQ_ROUTER_MANDATORY
public let ZMQ_ROUTER_HANDOVER_OPTION: Int32 = ZMQ_ROUTER_HANDOVER
