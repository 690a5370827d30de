import Foundation
import Report
import XCTest

/// Each chart's SVG: well-formed XML, and the series, reference lines and labels the papers' figures show.
final class ChartSVGTests: XCTestCase {
    func testEveryChartIsWellFormedXMLWithItsTitleAndNoNonFiniteNumbers() {
        for (name, chart) in ChartSamples.all() {
            let svg = chart.svg()
            let doc = SVGInspector(svg)
            XCTAssertTrue(doc.wellFormed, "\(name): \(doc.error)")
            XCTAssertEqual(doc.all("title").first?.text, chart.drawing().title, name)
            XCTAssertFalse(svg.lowercased().contains("nan") || svg.contains("inf\""), name)
        }
    }

    func testROCHasOneCurvePerModelTheDiagonalAUCWithCIInTheLegendAndASquarePlot() {
        let chart = ROCChart(title: "ROC", curves: [
            .init(name: "radiomics", falsePositiveRate: [0, 0.1, 0.3, 1], truePositiveRate: [0, 0.5, 0.8, 1], auc: 0.812, ci: (0.76, 0.8644)),
            .init(name: "clinical", specificities: [1, 0.6, 0], sensitivities: [0, 0.7, 1], auc: 0.7, ci: nil),
        ])
        let doc = SVGInspector(chart.svg())
        XCTAssertTrue(doc.wellFormed, doc.error)
        XCTAssertEqual(doc.all("polyline").count, 2)
        XCTAssertNotNil(doc.text("radiomics: AUC 0.812 (0.760–0.864)"))
        XCTAssertNotNil(doc.text("clinical: AUC 0.700"))
        let frame = doc.all("rect").first { $0.attributes["fill"] == "none" }!
        XCTAssertEqual(frame.number("width"), frame.number("height"), "equal aspect")
        let diagonal = doc.all("line").filter { $0.attributes["stroke-dasharray"] != nil }
        XCTAssertTrue(diagonal.contains {
            $0.number("x1") == frame.number("x") && $0.number("y1") == frame.number("y") + frame.number("height")
                && $0.number("x2") == frame.number("x") + frame.number("width") && $0.number("y2") == frame.number("y")
        }, "chance diagonal from (0, 0) to (1, 1)")
        // The clinical curve, given as specificities, is drawn as 1 − specificity, sorted: (0, 0), (0.4, 0.7), (1, 1).
        let clinical = doc.all("polyline")[1].points
        XCTAssertEqual(clinical.count, 3)
        XCTAssertEqual((clinical[1].x - frame.number("x")) / frame.number("width"), 0.4, accuracy: 0.001)
    }

    func testDecisionCurvesAreClippedAtTheFloorAndShowTreatAllTreatNoneAndTheCostBenefitAxis() {
        let t = stride(from: 0.0, through: 0.9, by: 0.05).map { $0 }
        let chart = DecisionCurveChart(title: "DCA", thresholds: t,
                                       models: [.init(name: "combined", netBenefit: t.map { 0.3 * (1 - $0) - 0.02 })],
                                       treatAll: t.map { 0.3 - 0.7 * $0 / (1 - $0) })
        let doc = SVGInspector(chart.svg())
        XCTAssertTrue(doc.wellFormed, doc.error)
        let frame = doc.all("rect").first { $0.attributes["fill"] == "none" }!
        let bottom = frame.number("y") + frame.number("height")
        let lines = doc.all("polyline")
        XCTAssertEqual(lines.count, 3, "model, treat all, treat none")
        for p in lines.flatMap(\.points) {
            XCTAssertLessThanOrEqual(p.y, bottom + 0.01)
            XCTAssertGreaterThanOrEqual(p.y, frame.number("y") - 0.01)
        }
        // Treat-all falls below −0.05 near 0.32 and is cut there.
        XCTAssertEqual(lines[1].points.last!.y, bottom, accuracy: 0.01)
        for label in ["combined", "Treat all", "Treat none", "Cost:Benefit Ratio", "1:4", "2:3", "3:2", "4:1"] {
            XCTAssertNotNil(doc.text(label), label)
        }
        // Each ratio p : (1 − p) sits under its threshold.
        for (threshold, ratio) in [("0.2", "1:4"), ("0.4", "2:3"), ("0.6", "3:2"), ("0.8", "4:1")] {
            XCTAssertEqual(doc.text(ratio)?.number("x"), doc.text(threshold)?.number("x"), ratio)
        }
    }

    func testClinicalImpactDrawsBothCountsPerThousandAndTheirBands() {
        var chart = ClinicalImpactChart(title: "CIC", thresholds: [0, 0.5, 1], numberHighRisk: [1000, 300, 0],
                                        numberHighRiskWithEvent: [300, 200, 0])
        chart.highRiskBand = [(900, 1000), (250, 350), (0, 0)]
        let doc = SVGInspector(chart.svg())
        XCTAssertTrue(doc.wellFormed, doc.error)
        XCTAssertEqual(doc.all("polyline").count, 2)
        XCTAssertEqual(doc.all("polygon").count, 1)
        XCTAssertEqual(doc.all("polyline")[1].attributes["stroke-dasharray"], "7 4")
        for label in ["Number high risk", "Number high risk with event", "Number high risk (out of 1000)", "1000"] {
            XCTAssertNotNil(doc.text(label), label)
        }
    }

    func testCalibrationHasApparentBiasCorrectedIdealAndASpikePerOccupiedBin() {
        var chart = CalibrationChart(title: "Calibration", apparent: [(0.1, 0.12), (0.5, 0.55), (0.9, 0.85)],
                                     biasCorrected: [(0.1, 0.15), (0.5, 0.5), (0.9, 0.8)],
                                     predictedRisks: [0.011, 0.013, 0.5, 0.99, 0.999])
        chart.histogramBins = 50
        let doc = SVGInspector(chart.svg())
        XCTAssertTrue(doc.wellFormed, doc.error)
        for label in ["Apparent", "Bias-corrected", "Ideal"] { XCTAssertNotNil(doc.text(label), label) }
        let spikes = doc.all("line").filter { $0.attributes["stroke"] == "#555555" }
        XCTAssertEqual(spikes.count, 3, "bins of 0.01, 0.5 and 0.99")
        let heights = spikes.map { $0.number("y1") - $0.number("y2") }
        XCTAssertEqual(heights[0], heights[2], accuracy: 0.01, "two risks in each of the outer bins")
        XCTAssertEqual(heights[1] * 2, heights[0], accuracy: 0.01)
    }

    func testALongNoteIsWrappedAtItsCommasInsideTheChart() {
        var chart = CalibrationChart(title: "Calibration", apparent: [(0.1, 0.12), (0.9, 0.85)])
        chart.note = "Hosmer–Lemeshow p: Rad-score 0.738, Rad-score (node) 0.752, Clinical 0.0009, Combined 0.0004"
        let drawing = chart.drawing()
        let doc = SVGInspector(chart.svg())
        XCTAssertTrue(doc.wellFormed, doc.error)
        let lines = doc.all("text").filter { $0.attributes["fill"] == "#444444" }
        XCTAssertGreaterThan(lines.count, 1, "the note does not fit one line")
        XCTAssertEqual(lines.map { $0.text }.joined(separator: " "), chart.note)
        for line in lines {
            let half = Drawing.textWidth(line.text, size: 11.5) / 2
            XCTAssertLessThanOrEqual(line.number("x") + half, drawing.width, line.text)
            XCTAssertGreaterThanOrEqual(line.number("x") - half, 0, line.text)
        }
        XCTAssertEqual(CalibrationChart.wrap("short note", width: 300), ["short note"])
    }

    func testLassoCVHasOnePointPerLambdaErrorBarsTheTwoLambdaLinesAndNonZeroCountsOnTop() {
        let chart = ChartSamples.lassoCVChart()
        let doc = SVGInspector(chart.svg())
        XCTAssertTrue(doc.wellFormed, doc.error)
        XCTAssertEqual(doc.all("circle").count, chart.lambda.count)
        let vertical = doc.all("line").filter { $0.attributes["stroke-dasharray"] == "5 4" && $0.number("x1") == $0.number("x2") }
        XCTAssertEqual(vertical.count, 2)
        let xMin = doc.text("λ.min")!.number("x"), x1se = doc.text("λ.1se")!.number("x")
        XCTAssertLessThan(xMin, x1se, "log λ.min < log λ.1se")
        // Top axis: counts above the frame, left to right without overlap, the largest λ (0 features) included.
        let frameTop = doc.all("rect").first { $0.attributes["fill"] == "none" }!.number("y")
        let top = doc.all("text").filter { $0.number("y") < frameTop && Int($0.text) != nil }
        XCTAssertGreaterThan(top.count, 5)
        XCTAssertTrue(top.contains { $0.text == "0" })
        XCTAssertTrue(Set(top.map(\.text)).isSubset(of: Set(chart.nonZero.map(String.init))))
        let xs = top.map { $0.number("x") }.sorted()
        for (a, b) in zip(xs, xs.dropFirst()) { XCTAssertGreaterThan(b - a, 12) }
        XCTAssertNotNil(doc.text("Binomial Deviance"))
    }

    func testLassoPathDrawsOnePathPerFeature() {
        let chart = LassoPathChart(title: "paths", lambda: [1, 0.5, 0.25, 0.125], paths: [[0, 0, 0.2, 0.4], [0, -0.1, -0.3, -0.5], [0, 0, 0, 0.05]],
                                   lambdaMin: 0.25, lambda1SE: 0.5)
        let doc = SVGInspector(chart.svg())
        XCTAssertTrue(doc.wellFormed, doc.error)
        XCTAssertEqual(doc.all("polyline").count, 3)
        XCTAssertEqual(doc.all("line").filter { $0.attributes["stroke-dasharray"] == "5 4" }.count, 2)
        XCTAssertNotNil(doc.text("Coefficients"))
        for n in ["0", "1", "2", "3"] { XCTAssertNotNil(doc.text(n), "non-zero count \(n)") }
    }

    func testCoefficientBarsAreSortedAndStartAtZero() {
        let chart = CoefficientBarChart(title: "coefficients", names: ["a", "b", "c"], coefficients: [-0.2, 0.5, 0.1])
        let doc = SVGInspector(chart.svg())
        XCTAssertTrue(doc.wellFormed, doc.error)
        let names = doc.texts.filter { ["a", "b", "c"].contains($0) }
        XCTAssertEqual(names, ["b", "c", "a"])
        let bars = doc.all("rect").filter { $0.attributes["fill"] != "#ffffff" && $0.attributes["fill"] != "none" }
        XCTAssertEqual(bars.count, 3)
        // The positive bars start where the negative one ends: at zero.
        XCTAssertEqual(bars[0].number("x"), bars[2].number("x") + bars[2].number("width"), accuracy: 0.01)
        XCTAssertNotNil(doc.text("-0.2"), "value labels with 3 significant digits")
    }

    func testNomogramPlacesEveryTickAtItsPointsOnTheSharedScales() {
        let chart = NomogramChart(title: "Nomogram",
                                  predictors: [.init(name: "Rad-score", ticks: [("-1", 0), ("0", 40), ("1", 80)]),
                                               .init(name: "US ALNM", ticks: [("No", 0), ("Yes", 100)])],
                                  totalPoints: [0, 50, 100, 150, 200],
                                  linearPredictor: .init(name: "Linear Predictor", ticks: [("-2", 20), ("0", 100)]),
                                  risk: .init(name: "Risk", ticks: [("0.1", 30), ("0.5", 100), ("0.9", 170)]))
        let doc = SVGInspector(chart.svg())
        XCTAssertTrue(doc.wellFormed, doc.error)
        for label in ["Points", "Rad-score", "US ALNM", "Total Points", "Linear Predictor", "Risk", "No", "Yes", "0.9"] {
            XCTAssertNotNil(doc.text(label), label)
        }
        func x(_ label: String, row: String) -> Double {
            let y = doc.text(row)!.number("y")
            return doc.all("text").first { $0.text == label && abs($0.number("y") - y) < 30 }!.number("x")
        }
        let x0 = x("0", row: "Points"), x100 = x("100", row: "Points")
        XCTAssertEqual(x("Yes", row: "US ALNM"), x100, accuracy: 0.01)
        XCTAssertEqual(x("0", row: "Rad-score"), x0 + 0.4 * (x100 - x0), accuracy: 0.01)
        // Total points 200 spans the width; the risk 0.5 at total 100 sits half-way.
        XCTAssertEqual(x("200", row: "Total Points"), x100, accuracy: 0.01)
        XCTAssertEqual(x("0.5", row: "Risk"), x0 + 0.5 * (x100 - x0), accuracy: 0.01)
    }

    func testLineChartDrawingIsTheOneBothOutputsUse() throws {
        let chart = LineChart(title: "t", xLabel: "x", yLabel: "y", series: [.init(name: "s", points: [(0, 0), (1, 1)])])
        XCTAssertEqual(chart.svg(), chart.drawing().svg())
        XCTAssertFalse(try chart.png(scale: 1).isEmpty)
    }
}
