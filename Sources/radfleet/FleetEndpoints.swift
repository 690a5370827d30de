import ArgumentParser
import FleetProtocol
import Foundation
import ZMQTransport

/// Socket set-up shared by the fleet commands.
enum FleetEndpoints {
    /// Largest ZeroMQ message accepted (ZMQ_MAXMSGSIZE); a bigger one disconnects its sender.
    static let maximumMessageBytes: Int64 = 16 << 20

    static func isLoopback(_ endpoint: String) -> Bool {
        guard endpoint.hasPrefix("tcp://") else { return endpoint.hasPrefix("ipc://") || endpoint.hasPrefix("inproc://") }
        let rest = endpoint.dropFirst("tcp://".count)
        let host: Substring
        if rest.hasPrefix("[") {
            host = rest.dropFirst().prefix { $0 != "]" }
        } else {
            host = rest.prefix { $0 != ":" }
        }
        return host == "localhost" || host.hasPrefix("127.") || host == "::1"
    }

    /// Plaintext only on loopback unless `--insecure` (CurveZMQ authentication is issue 6 of the roadmap).
    static func requireLoopbackOrInsecure(_ endpoint: String, insecure: Bool) throws {
        if !isLoopback(endpoint) && !insecure {
            throw ValidationError("""
                \(endpoint) is not a loopback address: traffic would be unencrypted and unauthenticated. \
                CurveZMQ is not available yet; pass --insecure to accept plaintext on a trusted network.
                """)
        }
    }

    static func router(_ context: ZMQContext, bind endpoint: String) throws -> ZMQSocket {
        let socket = try ZMQSocket(context: context, kind: .router)
        try socket.setMaximumMessageSize(maximumMessageBytes)
        try socket.setOption(ZMQ_ROUTER_MANDATORY_OPTION, Int32(1))
        try socket.setOption(ZMQ_ROUTER_HANDOVER_OPTION, Int32(1))
        try socket.bind(endpoint)
        return socket
    }

    static func dealer(_ context: ZMQContext, connect endpoint: String, identity: String) throws -> ZMQSocket {
        let socket = try ZMQSocket(context: context, kind: .dealer)
        try socket.setMaximumMessageSize(maximumMessageBytes)
        try socket.setIdentity(Array(identity.utf8))
        try socket.connect(endpoint)
        return socket
    }
}
