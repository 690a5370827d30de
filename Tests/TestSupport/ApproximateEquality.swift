import XCTest

/// The parity rule of the project: |a − b| ≤ tolerance · max(1, |b|), where b is the oracle's value.
/// Two NaNs are equal (PyRadiomics and R both report NaN for some degenerate inputs); a NaN against a number is not.
public func isClose(_ a: Double, _ b: Double, relative tolerance: Double = 1e-6) -> Bool {
    if a.isNaN || b.isNaN { return a.isNaN && b.isNaN }
    if a.isInfinite || b.isInfinite { return a == b }
    return abs(a - b) <= tolerance * max(1, abs(b))
}

/// The relative error used by `isClose`, for reporting.
public func relativeError(_ a: Double, _ b: Double) -> Double {
    if a.isNaN || b.isNaN { return a.isNaN && b.isNaN ? 0 : .infinity }
    if a == b { return 0 }
    return abs(a - b) / max(1, abs(b))
}

public func XCTAssertClose(_ a: Double, _ b: Double, relative tolerance: Double = 1e-6, _ message: @autoclosure () -> String = "",
                           file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertTrue(isClose(a, b, relative: tolerance),
                  "\(a) differs from oracle \(b) (relative error \(relativeError(a, b)) > \(tolerance)) \(message())",
                  file: file, line: line)
}
