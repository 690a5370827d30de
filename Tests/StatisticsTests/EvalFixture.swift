import Foundation
import XCTest

/// A JSON fixture written by scripts/fixtures/stats_eval.R. Doubles are printed with 17 significant
/// digits and decoded with `JSONDecoder` (correctly rounded; Linux Foundation's
/// `JSONSerialization` is not, it misreads e.g. 0.99999999900000002 by one ulp), so Swift reads
/// back exactly the doubles R computed.
struct EvalFixture {
    let object: [String: JSONValue]

    static func load(_ name: String) throws -> EvalFixture {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/\(name)")
        let value = try JSONDecoder().decode(JSONValue.self, from: Data(contentsOf: url))
        guard case .object(let o) = value else { throw FixtureError.shape("\(name) is not a JSON object") }
        return EvalFixture(object: o)
    }

    func value(_ key: String) throws -> JSONValue {
        guard let v = object[key] else { throw FixtureError.shape("missing key \(key)") }
        return v
    }
    func double(_ key: String) throws -> Double { try value(key).double() }
    func doubles(_ key: String) throws -> [Double] { try value(key).doubles() }
    func matrix(_ key: String) throws -> [[Double]] { try value(key).array().map { try $0.doubles() } }
    func sub(_ key: String) throws -> EvalFixture {
        guard case .object(let o) = try value(key) else { throw FixtureError.shape("\(key) is not an object") }
        return EvalFixture(object: o)
    }
    func subs(_ key: String) throws -> [EvalFixture] {
        try value(key).array().map {
            guard case .object(let o) = $0 else { throw FixtureError.shape("\(key) holds a non-object") }
            return EvalFixture(object: o)
        }
    }
    func string(_ key: String) throws -> String {
        guard case .string(let s) = try value(key) else { throw FixtureError.shape("\(key) is not a string") }
        return s
    }
}

enum FixtureError: Error { case shape(String) }

enum JSONValue: Decodable {
    case null, bool(Bool), number(Double), string(String), array([JSONValue]), object([String: JSONValue])

    init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() { self = .null }
        else if let b = try? c.decode(Bool.self) { self = .bool(b) }
        else if let d = try? c.decode(Double.self) { self = .number(d) }
        else if let s = try? c.decode(String.self) { self = .string(s) }
        else if let a = try? c.decode([JSONValue].self) { self = .array(a) }
        else { self = .object(try c.decode([String: JSONValue].self)) }
    }

    func double() throws -> Double {
        switch self {
        case .number(let d): return d
        case .null: return .nan
        case .array(let a) where a.count == 1: return try a[0].double()
        default: throw FixtureError.shape("not a number: \(self)")
        }
    }
    func array() throws -> [JSONValue] {
        switch self {
        case .array(let a): return a
        case .number: return [self]
        default: throw FixtureError.shape("not an array: \(self)")
        }
    }
    func doubles() throws -> [Double] { try array().map { try $0.double() } }
}

/// |a − b| ≤ tol · max(1, |b|), or ≤ tol · |b| if `relative`.
func assertClose(_ a: Double, _ b: Double, _ tol: Double, relative: Bool = false, _ message: @autoclosure () -> String = "",
                 file: StaticString = #filePath, line: UInt = #line) {
    let scale = relative ? abs(b) : max(1, abs(b))
    let ok = a == b || abs(a - b) <= tol * scale
    XCTAssertTrue(ok, "\(a) vs R \(b) (diff \(a - b)) \(message())", file: file, line: line)
}
