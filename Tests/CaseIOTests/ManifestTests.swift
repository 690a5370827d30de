import CaseIO
import Foundation
import XCTest

final class ManifestTests: XCTestCase {
    let url = URL(fileURLWithPath: "/data/study/cohort.csv")

    func testReadsCasesWithRelativeAndAbsolutePathsAndOptionalSpacing() throws {
        let text = "id,image,mask,malignant,spacing\na,img/a.png,img/a_mask.png,1,0.1\nb,/abs/b.png,b_mask.png,0,\n"
        let m = try Manifest(text: text, url: url)
        XCTAssertEqual(m.cases.map(\.id), ["a", "b"])
        XCTAssertEqual(m.cases[0].image.path, "/data/study/img/a.png")
        XCTAssertEqual(m.cases[0].mask.path, "/data/study/img/a_mask.png")
        XCTAssertEqual(m.cases[0].spacing, 0.1)
        XCTAssertEqual(m.cases[1].image.path, "/abs/b.png")
        XCTAssertNil(m.cases[1].spacing)
        XCTAssertEqual(m.cases[1].line, 3)
    }

    func testQuotedFieldsWithCommas() throws {
        let m = try Manifest(text: "id,image,mask\n\"x,1\",\"a b.png\",m.png\n", url: url)
        XCTAssertEqual(m.cases[0].id, "x,1")
        XCTAssertEqual(m.cases[0].image.lastPathComponent, "a b.png")
    }

    func testMissingColumnIsNamed() {
        XCTAssertThrowsError(try Manifest(text: "id,image\na,a.png\n", url: url)) { error in
            let text = "\(error)"
            XCTAssertTrue(text.contains("missing column 'mask'"), text)
            XCTAssertTrue(text.contains("/data/study/cohort.csv:1"), text)
        }
    }

    func testDuplicateIdNamesTheLine() {
        XCTAssertThrowsError(try Manifest(text: "id,image,mask\na,a.png,m.png\na,b.png,n.png\n", url: url)) { error in
            XCTAssertEqual("\(error)", "/data/study/cohort.csv:3: duplicate id 'a'")
        }
    }

    func testBadSpacingNamesCaseAndLine() {
        XCTAssertThrowsError(try Manifest(text: "id,image,mask,spacing\na,a.png,m.png,-1\n", url: url)) { error in
            XCTAssertEqual("\(error)", "/data/study/cohort.csv:2: case 'a': spacing '-1' is not a positive number")
        }
    }

    func testEmptyPathAndRaggedRowsAreErrors() {
        XCTAssertThrowsError(try Manifest(text: "id,image,mask\na,,m.png\n", url: url))
        XCTAssertThrowsError(try Manifest(text: "id,image,mask\na,b.png\n", url: url))
    }

    func testBlankLinesAreSkipped() throws {
        let m = try Manifest(text: "id,image,mask\na,a.png,m.png\n\nb,b.png,n.png\n", url: url)
        XCTAssertEqual(m.cases.map(\.id), ["a", "b"])
    }

    func testUnreadableFileIsNamed() {
        XCTAssertThrowsError(try Manifest(contentsOf: URL(fileURLWithPath: "/nonexistent/cohort.csv"))) { error in
            XCTAssertTrue("\(error)".hasPrefix("/nonexistent/cohort.csv: cannot read the file"), "\(error)")
        }
    }
}
