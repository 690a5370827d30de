import ArgumentParser
import FleetProtocol
import Foundation
import ZMQTransport

/// The command line's security rule, as a pure function: CurveZMQ keys on any endpoint; plaintext only with an
/// explicit `--insecure`, and only on loopback (tcp://127.x.y.z, localhost, [::1]; ipc:// and inproc:// are
/// local too). Every refusal names the option that is missing or wrong.
package enum FleetSecurityPolicy {
    package enum Mode: Equatable { case curve, plaintext }

    package struct Refusal: Error, Equatable, CustomStringConvertible {
        package let description: String
    }

    /// - Parameters:
    ///   - endpoints: every endpoint the command binds or connects.
    ///   - keyOptions: the key options of the command and whether each was given (e.g. `--curve-secret`,
    ///     `--authorized` for the coordinator; `--curve-secret`, `--server-key` for a client).
    ///   - insecure: `--insecure` was given.
    package static func mode(endpoints: [String], keyOptions: [(name: String, given: Bool)], insecure: Bool) throws(Refusal) -> Mode {
        let given = keyOptions.filter(\.given).map(\.name), missing = keyOptions.filter { !$0.given }.map(\.name)
        let all = keyOptions.map(\.name).joined(separator: " and ")
        if insecure {
            if !given.isEmpty {
                throw Refusal(description: "--insecure and \(given.joined(separator: ", ")) contradict each other: drop --insecure to use CurveZMQ")
            }
            if let remote = endpoints.first(where: { !FleetEndpoints.isLoopback($0) }) {
                throw Refusal(description: """
                    --insecure is allowed only on loopback (tcp://127.0.0.1, localhost, [::1]), not on \(remote): \
                    traffic would be unencrypted and unauthenticated. Give \(all) instead (see `radfleet keygen`).
                    """)
            }
            return .plaintext
        }
        if given.isEmpty {
            if let remote = endpoints.first(where: { !FleetEndpoints.isLoopback($0) }) {
                throw Refusal(description: """
                    \(remote) is not a loopback address: it needs CurveZMQ keys, \(all) (see `radfleet keygen`); \
                    --insecure is accepted only on loopback.
                    """)
            }
            throw Refusal(description: "no CurveZMQ keys given: pass \(all) (see `radfleet keygen`), or --insecure for plaintext on this loopback address")
        }
        if !missing.isEmpty {
            throw Refusal(description: "\(given.joined(separator: ", ")) needs \(missing.joined(separator: " and ")) too")
        }
        return .curve
    }
}

/// The ZAP domains of the coordinator's two sockets (they appear in its log lines).
enum FleetZAPDomain {
    static let workers = "radfleet-workers"
    static let status = "radfleet-status"
}

/// The public keys a coordinator lets in: a fixed set (an embedded run's ephemeral key), or an authorised-keys
/// directory read again at most once a second, so that adding a `NAME.key` admits a new worker and deleting one
/// revokes it without restarting the coordinator (connections already made stay up).
final class AuthorisedKeys: @unchecked Sendable {
    private let directory: String?
    private let lock = NSLock()
    private var keys: [CurvePublicKey: String]
    private var loadedAt: Double
    private var problem: String?

    init(fixed: [CurvePublicKey: String]) {
        directory = nil
        keys = fixed
        loadedAt = .infinity
    }

    /// Reads `directory` now; throws when it is unreadable or holds no key, so that a coordinator does not start
    /// with a lock nobody has the key to.
    init(directory: String) throws {
        self.directory = directory
        keys = Self.load(try CurveKeyFile.readAuthorised(directory: directory))
        loadedAt = Date().timeIntervalSince1970
    }

    var count: Int { lock.withLock { keys.count } }
    var isDirectory: Bool { directory != nil }
    var source: String { directory ?? "this run's ephemeral key" }

    /// The file name that authorises `key`, or nil. A directory that became unreadable or empty authorises nobody.
    func file(of key: CurvePublicKey, now: Double = Date().timeIntervalSince1970) -> String? {
        lock.lock()
        defer { lock.unlock() }
        if let directory, now - loadedAt >= 1 {
            loadedAt = now
            do {
                keys = Self.load(try CurveKeyFile.readAuthorised(directory: directory))
                problem = nil
            } catch {
                keys = [:]
                problem = "\(error)"
            }
        }
        return keys[key]
    }

    /// Why the directory authorises nobody right now, if it does not.
    var currentProblem: String? { lock.withLock { problem } }

    private static func load(_ list: [(file: String, key: CurvePublicKey)]) -> [CurvePublicKey: String] {
        Dictionary(list.map { ($0.key, $0.file) }, uniquingKeysWith: { first, _ in first })
    }
}

/// Log lines about peers, at most one per (peer, key, verdict) every `interval` seconds: a refused client that
/// reconnects ten times a second must not flood the log.
final class PeerLogThrottle: @unchecked Sendable {
    private let lock = NSLock()
    private var last: [String: Double] = [:]
    private let interval: Double

    init(interval: Double = 30) { self.interval = interval }

    func shouldLog(_ key: String, now: Double = Date().timeIntervalSince1970) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        if let t = last[key], now - t < interval { return false }
        last[key] = now
        return true
    }
}

/// The ZAP decision of a coordinator: CURVE clients whose key is authorised; nobody else.
enum CoordinatorGate {
    static func decide(_ request: ZAPRequest, authorised: AuthorisedKeys, throttle: PeerLogThrottle,
                       log: @escaping @Sendable (String) -> Void) -> ZAPVerdict {
        let role = request.domain == FleetZAPDomain.status ? "status client" : "worker"
        let routing = String(decoding: request.routingId, as: UTF8.self)
        let peer = routing.isEmpty ? request.address : "\(request.address) (\(routing))"
        guard request.mechanism == "CURVE", let key = request.curveKey else {
            if throttle.shouldLog("\(request.domain) \(request.address) \(request.mechanism)") {
                log("coordinator: refused \(role) \(peer): mechanism \(request.mechanism), CurveZMQ required")
            }
            return .deny(reason: "CurveZMQ required")
        }
        if let file = authorised.file(of: key) {
            if authorised.isDirectory, throttle.shouldLog("\(request.domain) \(request.address) \(key.z85) ok") {
                log("coordinator: \(role) \(peer) authenticated with key \(key.id) (\(file))")
            }
            return .allow(userId: file)
        }
        if throttle.shouldLog("\(request.domain) \(request.address) \(key.z85) refused") {
            let why = authorised.currentProblem.map { " — the authorised directory is unusable: \($0)" } ?? ""
            log("coordinator: REFUSED \(role) \(peer): key \(key.id) is not authorised (\(authorised.source))\(why)")
        }
        return .deny(reason: "key not authorised")
    }
}

/// Why a client's connection never came up, from its socket monitor.
struct HandshakeRefused: Error, CustomStringConvertible {
    let description: String

    /// The first event of `events` that means the coordinator will not talk to us, as an error.
    static func first(in events: [ZMQMonitor.Event], endpoint: String, keyed: Bool) -> HandshakeRefused? {
        for event in events {
            switch event {
            case let .authenticationFailed(status):
                return HandshakeRefused(description: """
                    the coordinator at \(endpoint) refused this key (ZAP status \(status)): copy this side's public \
                    .key file into the coordinator's --authorized directory
                    """)
            case .protocolFailed(_, mechanismMismatch: true):
                return HandshakeRefused(description: keyed
                    ? "the coordinator at \(endpoint) does not use CurveZMQ (started with --insecure?); drop --curve-secret/--server-key or give it keys"
                    : "the coordinator at \(endpoint) requires CurveZMQ: pass --curve-secret and --server-key (see `radfleet keygen`)")
            case .handshakeSucceeded, .protocolFailed, .handshakeFailed:
                continue
            }
        }
        return nil
    }
}

/// The client side's key options, read into a `SocketSecurity`.
enum ClientSecurity {
    static func resolve(secret: String?, serverKey: String?, mode: FleetSecurityPolicy.Mode) throws -> SocketSecurity {
        guard mode == .curve, let secret, let serverKey else { return .none }
        return .curveClient(keys: try CurveKeyFile.readSecret(secret), serverKey: try CurveKeyFile.readPublic(serverKey))
    }
}

/// A client channel that watches its socket's handshakes and throws `HandshakeRefused` as soon as the
/// coordinator refuses it, instead of waiting in silence.
final class WatchedChannel: MessageChannel {
    let channel: ZMQChannel
    private let monitor: ZMQMonitor
    private let endpoint: String
    private let keyed: Bool

    init(channel: ZMQChannel, monitor: ZMQMonitor, endpoint: String, keyed: Bool) {
        self.channel = channel
        self.monitor = monitor
        self.endpoint = endpoint
        self.keyed = keyed
    }

    @discardableResult
    func send(_ frame: [UInt8], to peer: PeerID?) throws -> Bool { try channel.send(frame, to: peer) }

    /// Waits in slices of at most 100 ms; whenever nothing has come, looks at the monitor.
    func receive(timeout: Double) throws -> (peer: PeerID?, frame: [UInt8])? {
        let deadline = Date().timeIntervalSince1970 + timeout
        while true {
            let left = deadline - Date().timeIntervalSince1970
            if let got = try channel.receive(timeout: max(0, min(0.1, left))) { return got }
            try check()
            if Date().timeIntervalSince1970 >= deadline { return nil }
        }
    }

    func check() throws {
        if let refusal = HandshakeRefused.first(in: monitor.drain(), endpoint: endpoint, keyed: keyed) { throw refusal }
    }
}

/// The key options of a fleet client (`radfleet worker`, `radfleet status`): its own secret key file and the
/// coordinator's public key, or `--insecure` plaintext on loopback.
struct ClientKeyOptions: ParsableArguments {
    @Option(name: .long, help: "Your secret key file (NAME.key_secret from `radfleet keygen`; its .key must be authorised).")
    var curveSecret: String?

    @Option(name: .long, help: "The coordinator's public key file (its NAME.key).")
    var serverKey: String?

    @Flag(name: .long, help: "Plaintext ZeroMQ without keys; only on loopback addresses.")
    var insecure = false

    func securityMode(endpoint: String) throws -> FleetSecurityPolicy.Mode {
        do {
            return try FleetSecurityPolicy.mode(endpoints: [endpoint],
                                                keyOptions: [("--curve-secret", curveSecret != nil), ("--server-key", serverKey != nil)],
                                                insecure: insecure)
        } catch { throw ValidationError(error.description) }
    }

    func socketSecurity(endpoint: String) throws -> SocketSecurity {
        try ClientSecurity.resolve(secret: curveSecret, serverKey: serverKey, mode: try securityMode(endpoint: endpoint))
    }
}
