import Foundation

/// The two fields every message starts with. `MessageCodec` reads them first, on their own, so that an unknown
/// version or type is rejected before the rest of the message is looked at (as ArgumentParser's ToolInfoHeader);
/// this type is their `Codable` form for other readers.
public struct EnvelopeHeader: Codable, Sendable, Equatable {
    public let v: Int
    public let type: String
}

/// The message types of protocol version 1, by their wire names.
public enum MessageType: String, Codable, Sendable, CaseIterable {
    case ready
    case heartbeat
    case job
    case result
    case error
    case statusRequest = "status-request"
    case status
    case shutdown
}
