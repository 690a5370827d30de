import FleetProtocol
import Foundation
import ZMQTransport

/// Socket set-up shared by the fleet commands.
package enum FleetEndpoints {
    /// Largest ZeroMQ message accepted by default (ZMQ_MAXMSGSIZE); a bigger one disconnects its sender. The
    /// coordinator's worker socket follows its --max-result-mb instead.
    static let maximumMessageBytes: Int64 = 17 << 20

    /// Whether `endpoint` stays on this machine: tcp:// to 127.x.y.z (dotted quad), localhost or [::1]
    /// (for `tcp://source;destination`, the destination), or ipc:// / inproc://. Anything else — a name, an
    /// interface, `*`, another address — is not.
    package static func isLoopback(_ endpoint: String) -> Bool {
        guard endpoint.hasPrefix("tcp://") else { return endpoint.hasPrefix("ipc://") || endpoint.hasPrefix("inproc://") }
        var rest = endpoint.dropFirst("tcp://".count)
        if let semicolon = rest.lastIndex(of: ";") { rest = rest[rest.index(after: semicolon)...] }
        let host: Substring
        if rest.hasPrefix("[") {
            guard let close = rest.firstIndex(of: "]") else { return false }
            host = rest[rest.index(after: rest.startIndex)..<close]
            return host == "::1"
        }
        host = rest.prefix { $0 != ":" }
        if host == "localhost" { return true }
        let parts = host.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts[0] == "127"
            && parts.allSatisfy { !$0.isEmpty && $0.count <= 3 && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) && Int($0)! <= 255 }
    }

    static func router(_ context: ZMQContext, bind endpoint: String, security: SocketSecurity = .none,
                       maximumMessageBytes: Int64 = FleetEndpoints.maximumMessageBytes) throws -> ZMQSocket {
        let socket = try ZMQSocket(context: context, kind: .router)
        try socket.setMaximumMessageSize(maximumMessageBytes)
        try socket.setOption(ZMQ_ROUTER_MANDATORY_OPTION, Int32(1))
        try socket.setOption(ZMQ_ROUTER_HANDOVER_OPTION, Int32(1))
        try socket.apply(security)
        try socket.bind(endpoint)
        return socket
    }

    /// A DEALER connected to `endpoint`, watched by a socket monitor so that a refused handshake is reported
    /// (`WatchedChannel`) instead of looking like a silent coordinator.
    static func dealer(_ context: ZMQContext, connect endpoint: String, identity: String, security: SocketSecurity = .none) throws -> WatchedChannel {
        let socket = try ZMQSocket(context: context, kind: .dealer)
        try socket.setMaximumMessageSize(maximumMessageBytes)
        try socket.setIdentity(Array(identity.utf8))
        try socket.apply(security)
        let monitor = try ZMQMonitor(context: context, watching: socket)
        try socket.connect(endpoint)
        return WatchedChannel(channel: ZMQChannel(socket: socket), monitor: monitor, endpoint: endpoint, keyed: security.isCurve)
    }
}
