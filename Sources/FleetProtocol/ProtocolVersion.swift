/// The wire protocol's version. A peer that speaks another version is answered with an `error` of code
/// `unsupported-version` and otherwise ignored (protocol/PROTOCOL.md, "Versioning").
public enum ProtocolVersion {
    public static let current = 1
    public static let supported: ClosedRange<Int> = 1...1
}
