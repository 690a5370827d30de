import FleetProtocol

/// Runs one job: a pure function of the job value (kind + input + seed), as the worker keeps no state.
public protocol JobRunner: Sendable {
    func run(_ job: Job) -> Result<JSONValue, JobFailureReport>
    /// Jobs cheap enough to run on the worker's socket thread (no hand-off to the pool).
    func isInline(_ kind: JobKind) -> Bool
}

extension JobRunner {
    public func isInline(_ kind: JobKind) -> Bool { kind == .noop }
}
