import CZeroMQ

/// Owns a libzmq context; terminated in `deinit` (after every socket of it has closed).
public final class ZMQContext: @unchecked Sendable {
    let handle: UnsafeMutableRawPointer

    public init() {
        handle = zmq_ctx_new()
    }

    deinit { zmq_ctx_term(handle) }
}

/// A libzmq failure, with the call that failed and libzmq's own message.
public struct ZMQError: Error, Equatable, CustomStringConvertible {
    public let operation: String
    public let code: Int32
    public let message: String

    static func last(_ operation: String) -> ZMQError {
        let code = CZeroMQ_errno()
        return ZMQError(operation: operation, code: code, message: String(cString: zmq_strerror(code)))
    }

    public var description: String { "\(operation): \(message)" }
}
