import CaseIO
import XCTest

final class DataTableTests: XCTestCase {
    func testReadsChosenColumnsAsNumbers() throws {
        let t = try DataTable(text: "id,x,y,label\na,1.5,2,benign\nb,-3e2,4,malignant\n", file: "t.csv", columns: ["x", "y"])
        XCTAssertEqual(t.columns, ["x", "y"])
        XCTAssertEqual(try t.column("x"), [1.5, -300])
        XCTAssertEqual(t.lines, [2, 3])
    }

    func testNonNumericCellNamesLineAndColumn() {
        XCTAssertThrowsError(try DataTable(text: "x,y\n1,2\n3,abc\n", file: "t.csv")) { error in
            XCTAssertEqual("\(error)", "t.csv:3: column 'y': 'abc' is not a number")
        }
    }

    func testMissingValueIsAnErrorUnlessDropped() throws {
        XCTAssertThrowsError(try DataTable(text: "x,y\n1,NA\n3,4\n", file: "t.csv")) { error in
            XCTAssertEqual("\(error)", "t.csv:2: column 'y': missing value (use --drop-missing to drop such rows)")
        }
        let t = try DataTable(text: "x,y\n1,NA\n3,4\n,5\n", file: "t.csv", dropMissing: true)
        XCTAssertEqual(t.rowCount, 1)
        XCTAssertEqual(t.droppedLines, [2, 4])
    }

    func testUnknownColumnAndConstantColumns() throws {
        XCTAssertThrowsError(try DataTable(text: "x\n1\n", file: "t.csv", columns: ["z"]))
        let t = try DataTable(text: "x,c\n1,7\n2,7\n", file: "t.csv")
        XCTAssertEqual(t.constantColumns, ["c"])
        XCTAssertThrowsError(try t.column("nope"))
    }
}
