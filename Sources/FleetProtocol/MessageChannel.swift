import Foundation

/// Who sent a frame, as the transport names peers (a ZeroMQ routing id on a ROUTER socket).
public struct PeerID: Hashable, Sendable, CustomStringConvertible {
    public let bytes: [UInt8]
    public init(_ bytes: [UInt8]) { self.bytes = bytes }
    public init(_ string: String) { self.bytes = Array(string.utf8) }
    public var description: String { String(decoding: bytes, as: UTF8.self) }
}

/// Frames in and out of one role, independent of the transport (as swift-nio's channels): the ZeroMQ
/// implementation lives in ZMQTransport, `InMemoryChannel` below runs role logic with no network at all.
public protocol MessageChannel: AnyObject {
    /// Sends one frame. On a many-peer (ROUTER) channel `peer` says to whom; on a one-peer channel it is nil.
    /// - Returns: false when the frame could not be queued (peer gone); role logic treats that as a lost peer.
    @discardableResult
    func send(_ frame: [UInt8], to peer: PeerID?) throws -> Bool

    /// Waits up to `timeout` seconds for one frame.
    func receive(timeout: Double) throws -> (peer: PeerID?, frame: [UInt8])?
}

/// A pair of in-process queues: `InMemoryChannel.pair()` gives a "router" end that sees peers by id, and
/// connects "dealer" ends to it. Deterministic and synchronous enough for fast unit tests of role logic.
public final class InMemoryChannel: MessageChannel, @unchecked Sendable {
    private let condition = NSCondition()
    private var inbox: [(PeerID?, [UInt8])] = []
    private var peers: [PeerID: InMemoryChannel] = [:]
    private weak var router: InMemoryChannel?
    private let identity: PeerID?

    private init(identity: PeerID?) { self.identity = identity }

    /// A many-peer end (as a ROUTER socket).
    public static func router() -> InMemoryChannel { InMemoryChannel(identity: nil) }

    /// A one-peer end connected to `router` under `identity` (as a DEALER socket with a routing id).
    public static func dealer(connectedTo router: InMemoryChannel, identity: String) -> InMemoryChannel {
        let d = InMemoryChannel(identity: PeerID(identity))
        d.router = router
        router.condition.lock()
        router.peers[PeerID(identity)] = d
        router.condition.unlock()
        return d
    }

    /// Disconnects a dealer end: the router can no longer send to it.
    public func disconnect() {
        guard let router, let identity else { return }
        router.condition.lock()
        router.peers[identity] = nil
        router.condition.unlock()
    }

    @discardableResult
    public func send(_ frame: [UInt8], to peer: PeerID?) throws -> Bool {
        let target: InMemoryChannel?
        if let router {
            target = router
        } else {
            condition.lock()
            target = peer.flatMap { peers[$0] }
            condition.unlock()
        }
        guard let target else { return false }
        target.deliver(frame, from: identity)
        return true
    }

    private func deliver(_ frame: [UInt8], from peer: PeerID?) {
        condition.lock()
        inbox.append((peer, frame))
        condition.signal()
        condition.unlock()
    }

    public func receive(timeout: Double) throws -> (peer: PeerID?, frame: [UInt8])? {
        let deadline = Date(timeIntervalSinceNow: timeout)
        condition.lock()
        defer { condition.unlock() }
        while inbox.isEmpty {
            if !condition.wait(until: deadline) { return nil }
        }
        let (peer, frame) = inbox.removeFirst()
        return (peer, frame)
    }
}
