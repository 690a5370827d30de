import FleetProtocol

/// `MessageChannel` over a ZeroMQ socket: ROUTER frames are `[routing id, payload]`, DEALER frames `[payload]`.
public final class ZMQChannel: MessageChannel {
    public let socket: ZMQSocket

    public init(socket: ZMQSocket) { self.socket = socket }

    @discardableResult
    public func send(_ frame: [UInt8], to peer: PeerID?) throws -> Bool {
        switch socket.kind {
        case .router:
            guard let peer else { return false }
            return try socket.send([peer.bytes, frame])
        case .dealer, .rep, .pair:
            return try socket.send([frame])
        }
    }

    public func receive(timeout: Double) throws -> (peer: PeerID?, frame: [UInt8])? {
        guard let frames = try socket.receive(timeoutMilliseconds: Int(timeout * 1000)) else { return nil }
        switch socket.kind {
        case .router:
            // A ROUTER receives [id, payload]; anything else is a malformed peer: hand on an empty frame so the
            // role answers it with an error instead of ignoring it silently.
            guard frames.count >= 2 else { return (PeerID(frames.first ?? []), []) }
            return (PeerID(frames[0]), frames.count == 2 ? frames[1] : Array(frames.dropFirst().joined()))
        case .dealer, .rep, .pair:
            return (nil, frames.count == 1 ? frames[0] : Array(frames.joined()))
        }
    }
}
