import CZeroMQ
import Foundation

/// One ZAP request (RFC 27 ZMQ Authentication Protocol): who is knocking, on which domain, with what.
public struct ZAPRequest: Sendable {
    public let domain: String
    /// The peer's IP address, as libzmq reports it (no port).
    public let address: String
    /// The peer's routing id, if it set one (a worker's name and connection number).
    public let routingId: [UInt8]
    /// "NULL", "PLAIN" or "CURVE".
    public let mechanism: String
    /// For CURVE: the client's long-term public key (the credential it proved it holds the secret of).
    public let curveKey: CurvePublicKey?
}

/// The answer to a ZAP request.
public enum ZAPVerdict: Sendable, Equatable {
    /// 200: the handshake goes on; `userId` becomes the connection's ZMQ user id.
    case allow(userId: String)
    /// 400: libzmq drops the handshake; the peer never gets to send or receive a message.
    case deny(reason: String)
}

/// The context's ZAP handler: a REP socket on `inproc://zeromq.zap.01` answered on its own thread. libzmq asks
/// it about every connection to a socket of the same context that uses CURVE (RFC 27); `decide` answers.
/// Create it before binding the sockets it guards. It stops (and joins its thread) on `stop()` or `deinit`.
public final class ZAPHandler: @unchecked Sendable {
    public static let endpoint = "inproc://zeromq.zap.01"

    private let server: Server

    public init(context: ZMQContext, decide: @escaping @Sendable (ZAPRequest) -> ZAPVerdict) throws(ZMQError) {
        let socket = try ZMQSocket(context: context, kind: .rep)
        try socket.bind(Self.endpoint)
        server = Server(socket: socket, decide: decide)
        let server = self.server
        let thread = Thread { server.serve() }
        thread.name = "zap-handler"
        thread.start()
    }

    deinit { stop() }

    /// Requests answered so far (allowed and denied).
    public var answered: Int { server.lock.withLock { server.answered } }

    /// Stops answering and waits for the thread to end (within about 100 ms); the socket closes with it.
    public func stop() { server.stop() }

    /// The reply frames for one request (exposed for tests of the RFC 27 framing).
    public static func answer(_ frames: [[UInt8]], decide: (ZAPRequest) -> ZAPVerdict) -> [[UInt8]] {
        let requestId = frames.count > 1 ? frames[1] : []
        func reply(_ code: String, _ text: String, user: String = "") -> [[UInt8]] {
            [Array("1.0".utf8), requestId, Array(code.utf8), Array(text.utf8), Array(user.utf8), []]
        }
        guard frames.count >= 6, String(decoding: frames[0], as: UTF8.self) == "1.0" else {
            return reply("500", "malformed ZAP request")
        }
        let mechanism = String(decoding: frames[5], as: UTF8.self)
        let request = ZAPRequest(domain: String(decoding: frames[2], as: UTF8.self),
                                 address: String(decoding: frames[3], as: UTF8.self),
                                 routingId: frames[4], mechanism: mechanism,
                                 curveKey: mechanism == "CURVE" && frames.count > 6 ? CurvePublicKey(bytes: frames[6]) : nil)
        switch decide(request) {
        case let .allow(user): return reply("200", "OK", user: user)
        case let .deny(reason): return reply("400", reason)
        }
    }

    /// The thread's side: the REP socket (used by that thread only, once started) and the stop flag.
    private final class Server: @unchecked Sendable {
        let lock = NSLock()
        var answered = 0
        private var socket: ZMQSocket?
        private let decide: @Sendable (ZAPRequest) -> ZAPVerdict
        private var stopping = false
        private let done = DispatchSemaphore(value: 0)

        init(socket: ZMQSocket, decide: @escaping @Sendable (ZAPRequest) -> ZAPVerdict) {
            self.socket = socket
            self.decide = decide
        }

        func stop() {
            lock.lock()
            let wait = !stopping
            stopping = true
            lock.unlock()
            if wait { done.wait() }
        }

        func serve() {
            defer {
                socket = nil
                done.signal()
            }
            while !lock.withLock({ stopping }) {
                guard let socket, let frames = try? socket.receive(timeoutMilliseconds: 100) else { continue }
                let reply = ZAPHandler.answer(frames, decide: decide)
                lock.withLock { answered += 1 }
                // A REP socket must answer before it can receive again; a failed send leaves nothing to do but go on.
                try? socket.sendBlocking(reply)
            }
        }
    }
}
