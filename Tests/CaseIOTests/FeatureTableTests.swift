import CaseIO
import XCTest

final class FeatureTableTests: XCTestCase {
    func testCSVKeepsColumnOrderAndRoundTripsDoubles() throws {
        var t = FeatureTable()
        try t.append(id: "a", cells: [("f2", FeatureTable.format(0.1)), ("f1", FeatureTable.format(1.0 / 3.0))])
        try t.append(id: "b,c", cells: [("f2", FeatureTable.format(.nan)), ("f1", FeatureTable.format(-.infinity))])
        let lines = t.csv().split(separator: "\n").map(String.init)
        XCTAssertEqual(lines[0], "id,f2,f1")
        XCTAssertEqual(lines[1], "a,0.1,0.3333333333333333")
        XCTAssertEqual(Double("0.3333333333333333"), 1.0 / 3.0)
        XCTAssertEqual(lines[2], "\"b,c\",nan,-inf")
    }

    func testRowWithOtherColumnsIsRejected() throws {
        var t = FeatureTable()
        try t.append(id: "a", cells: [("f1", "1")])
        XCTAssertThrowsError(try t.append(id: "b", cells: [("f2", "1")]))
        XCTAssertEqual(t.rows.count, 1)
    }

    func testOrderedJSONKeepsOrderAndWritesNullForNaN() {
        let json = OrderedJSON.object([("z", .number(1.5)), ("a", .number(.nan)), ("s", .string("q\"\n"))])
        XCTAssertEqual(json.rendered(indent: nil), "{\"z\":1.5,\"a\":null,\"s\":\"q\\\"\\n\"}")
    }

    func testBatchRunnerKeepsInputOrderOnManyThreads() {
        let out = BatchRunner.run(count: 500, jobs: 4) { i in i * i }
        XCTAssertEqual(out, (0..<500).map { $0 * $0 })
    }
}
