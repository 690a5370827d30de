import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Report
import XCTest

final class ReportTableTests: XCTestCase {
    func testCSVQuotesOnlyFieldsThatNeedIt() {
        let t = HTMLReport.Table(caption: "c", header: ["Kind", "Id", "Reason"],
                                 rows: [["case", "demo-7", "image: not a PNG, \"broken\""], ["job", "fit:lasso", "line\nbreak"]])
        XCTAssertEqual(t.csv(), "Kind,Id,Reason\ncase,demo-7,\"image: not a PNG, \"\"broken\"\"\"\njob,fit:lasso,\"line\nbreak\"\n")
    }

    func testNumbersArePrintedAsThePapersPrintThem() {
        XCTAssertEqual(ReportNumber.interval(0.81249, 0.7596, 0.86451), "0.812 (0.760–0.865)")
        XCTAssertEqual(ReportNumber.fixed(.nan), "NA")
        XCTAssertEqual(ReportNumber.significant(0.000012345), "1.234e-05")
        XCTAssertEqual(ReportNumber.significant(-0.5), "-0.5")
        XCTAssertEqual(ReportNumber.pValue(0.0004), "<0.001")
        XCTAssertEqual(ReportNumber.pValue(0.73512), "0.735")
    }

    func testReportIsWellFormedXMLWithFigureIdsAndDetails() {
        var r = HTMLReport(title: "T & <U>", subtitle: "s")
        let chart = ROCChart(title: "ROC", curves: [.init(name: "m", falsePositiveRate: [0, 0.5, 1], truePositiveRate: [0, 0.8, 1])])
        r.sections = [.init(id: "roc", title: "ROC", blocks: [
            .figure(svg: chart.svg(), caption: "a < b", id: "figure-roc"),
            .details(summary: "2 columns left out", items: ["x_<y>", "z"]),
        ])]
        let html = r.html()
        let parser = XMLParser(data: Data(html.utf8))
        XCTAssertTrue(parser.parse(), "not well-formed: \(String(describing: parser.parserError))")
        XCTAssertTrue(html.contains("<figure id=\"figure-roc\">"))
        XCTAssertTrue(html.contains("<li>x_&lt;y&gt;</li>"))
    }
}
