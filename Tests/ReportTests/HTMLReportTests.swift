import Report
import XCTest

final class HTMLReportTests: XCTestCase {
    func testSelfContainedWithEverySectionTableAndFigure() {
        var r = HTMLReport(title: "ALNM <study>", subtitle: "demo")
        let chart = LineChart(title: "ROC", xLabel: "1 − specificity", yLabel: "sensitivity", series: [.init(name: "m", points: [(0, 0), (1, 1)])])
        r.sections = [
            .init(id: "performance", title: "Model performance", blocks: [
                .table(.init(caption: "AUC (95% CI)", header: ["model", "training"], rows: [["radiomics", "0.81 (0.76–0.86)"]])),
                .figure(svg: chart.svg(), caption: "ROC curves, training cohort"),
            ]),
            .init(id: "excluded", title: "Excluded cases", blocks: [.note("case 'c7': not a PNG file")]),
        ]
        let html = r.html()
        XCTAssertTrue(html.hasPrefix("<!DOCTYPE html>"))
        XCTAssertTrue(html.contains("<title>ALNM &lt;study&gt;</title>"))
        XCTAssertTrue(html.contains("<section id=\"performance\">") && html.contains("<section id=\"excluded\">"))
        XCTAssertTrue(html.contains("<svg") && html.contains("0.81 (0.76–0.86)"))
        XCTAssertFalse(html.contains("<script"), "no scripts")
        XCTAssertFalse(html.contains("src=\"http"), "no external resources")
        XCTAssertEqual(html.components(separatedBy: "<section").count, html.components(separatedBy: "</section>").count)
    }
}
