import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Report
import XCTest

final class LineChartTests: XCTestCase {
    func testNiceTicksCoverTheRangeWithRoundSteps() {
        let t = AxisTicks.nice(low: 0.013, high: 0.87)
        XCTAssertEqual(t.step, 0.2, accuracy: 1e-12)
        XCTAssertEqual(t.ticks.first!, 0, accuracy: 1e-12)
        XCTAssertGreaterThanOrEqual(t.ticks.last!, 0.87)
        let big = AxisTicks.nice(low: -7.2, high: -0.4)
        XCTAssertEqual(big.step, 2, accuracy: 1e-12)
        XCTAssertEqual(AxisTicks.label(0.25, step: 0.05), "0.25")
        XCTAssertEqual(AxisTicks.label(4, step: 2), "4")
    }

    func testDocumentIsWellFormedXMLWithEverySeriesAndEscapedText() throws {
        var chart = LineChart(title: "ROC <training> & \"validation\"", xLabel: "1 − specificity", yLabel: "sensitivity", series: [
            .init(name: "radiomics (AUC 0.81)", points: [(0, 0), (0.2, 0.6), (1, 1)], step: true),
            .init(name: "clinical", points: [(0, 0), (0.4, 0.7), (1, 1)], dashed: true),
        ])
        chart.diagonal = true
        chart.verticalLines = [(0.5, "cut-off")]
        chart.xRange = 0...1
        chart.yRange = 0...1
        let svg = chart.svg()
        let parser = XMLParser(data: Data(svg.utf8))
        XCTAssertTrue(parser.parse(), "not well-formed: \(parser.parserError.map { "\($0)" } ?? "")")
        XCTAssertEqual(svg.components(separatedBy: "<polyline").count - 1, 2)
        XCTAssertTrue(svg.contains("ROC &lt;training&gt; &amp; &quot;validation&quot;"))
        XCTAssertTrue(svg.contains("radiomics (AUC 0.81)"))
        XCTAssertFalse(svg.contains("nan"))
    }

    func testNonFiniteValuesAreLeftOutNotDrawn() {
        let chart = LineChart(title: "t", xLabel: "x", yLabel: "y", series: [.init(name: "s", points: [(0, 1), (1, .nan), (2, 3)])])
        XCTAssertFalse(chart.svg().lowercased().contains("nan"))
    }
}
