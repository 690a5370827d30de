import ImageIO
import Report
import XCTest

/// The rasteriser: anti-aliased strokes, dashes, fills, discs, bitmap text, and PNG output read back by libpng.
final class CanvasTests: XCTestCase {
    private func whiteCanvas(_ w: Int, _ h: Int) -> Canvas {
        var c = Canvas(width: w, height: h)
        c.fill([(0, 0), (Double(w), 0), (Double(w), Double(h)), (0, Double(h))], colour: "#ffffff")
        return c
    }

    private func inked(_ c: Canvas) -> [(x: Int, y: Int)] {
        var out: [(x: Int, y: Int)] = []
        for y in 0..<c.height { for x in 0..<c.width where c.rgba(x: x, y: y).r < 250 { out.append((x, y)) } }
        return out
    }

    func testAHorizontalLineCoversItsRowsFullyAndItsEdgesByHalf() {
        var c = whiteCanvas(60, 30)
        c.stroke([(5, 10.5), (55, 10.5)], width: 2, colour: "#000000")
        XCTAssertEqual(c.rgba(x: 30, y: 10).r, 0)
        XCTAssertEqual(Int(c.rgba(x: 30, y: 9).r), 128, accuracy: 1, "half covered")
        XCTAssertEqual(Int(c.rgba(x: 30, y: 11).r), 128, accuracy: 1)
        XCTAssertEqual(c.rgba(x: 30, y: 20).r, 255)
        XCTAssertEqual(c.rgba(x: 30, y: 10).a, 255)
    }

    func testAnObliqueLineIsAntiAliasedAndColoured() {
        var c = whiteCanvas(40, 40)
        c.stroke([(2, 3), (37, 31)], width: 1.5, colour: "#0072B2")
        let partial = (0..<40).flatMap { y in (0..<40).map { (x: $0, y: y) } }.filter {
            let r = c.rgba(x: $0.x, y: $0.y).r
            return r > 0 && r < 250
        }
        XCTAssertGreaterThan(partial.count, 20, "edge pixels take intermediate values")
        let centre = c.rgba(x: 20, y: 17)  // on the line: y = 3 + 28/35 (x + 0.5 − 2) ≈ 17
        XCTAssertLessThan(Int(centre.r), 100)
        XCTAssertGreaterThan(Int(centre.b), Int(centre.r))
    }

    func testDashesLeaveGapsAndContinueAcrossVertices() {
        var c = whiteCanvas(50, 10)
        c.stroke([(0, 5.5), (20, 5.5), (48, 5.5)], width: 1, colour: "#000000", dash: [4, 4])
        for x in [1, 2, 9, 10, 17, 18, 25, 26] { XCTAssertLessThan(c.rgba(x: x, y: 5).r, 60, "on at \(x)") }
        for x in [5, 6, 13, 14, 21, 22, 29, 30] { XCTAssertGreaterThan(c.rgba(x: x, y: 5).r, 200, "off at \(x)") }
    }

    func testFillsCoverPartialPixelsByTheirArea() {
        var c = whiteCanvas(30, 30)
        c.fill([(10.5, 5), (20.5, 5), (20.5, 25), (10.5, 25)], colour: "#000000")
        XCTAssertEqual(c.rgba(x: 15, y: 15).r, 0)
        XCTAssertEqual(Int(c.rgba(x: 10, y: 15).r), 128, accuracy: 1)
        XCTAssertEqual(Int(c.rgba(x: 20, y: 15).r), 128, accuracy: 1)
        XCTAssertEqual(c.rgba(x: 21, y: 15).r, 255)
        var half = whiteCanvas(10, 10)
        half.fill([(0, 0), (10, 0), (10, 10), (0, 10)], colour: "#000000", opacity: 0.5)
        XCTAssertEqual(Int(half.rgba(x: 5, y: 5).r), 128, accuracy: 1)
    }

    func testADiscCoversPiRSquaredPixels() {
        var c = whiteCanvas(40, 40)
        c.fillCircle(20, 20, r: 10, colour: "#000000")
        var covered = 0.0
        for y in 0..<40 { for x in 0..<40 { covered += 1 - Double(c.rgba(x: x, y: y).r) / 255 } }
        XCTAssertEqual(covered, Double.pi * 100, accuracy: Double.pi * 100 * 0.01)
    }

    func testTextInksItsBoxAndRotationTurnsIt() {
        var c = whiteCanvas(120, 120)
        c.text("HHHH", x: 10, y: 30, size: 20, colour: "#000000")
        let ink = inked(c)
        XCTAssertFalse(ink.isEmpty)
        // 4 glyphs × 6 units − 1, 2 px per unit: 46 px wide; cap height 7 units: 14 px above the baseline.
        XCTAssertEqual(ink.map(\.x).min()!, 10)
        XCTAssertEqual(ink.map(\.x).max()!, 10 + 46 - 1)
        XCTAssertEqual(ink.map(\.y).min()!, 30 - 14)
        XCTAssertEqual(ink.map(\.y).max()!, 29)
        var turned = whiteCanvas(120, 120)
        turned.text("HHHH", x: 60, y: 100, size: 20, anchor: .start, rotate: -90, colour: "#000000")
        let t = inked(turned)
        XCTAssertEqual(t.map(\.y).max()! - t.map(\.y).min()! + 1, 46, "reads upwards")
        XCTAssertEqual(t.map(\.x).max()! - t.map(\.x).min()! + 1, 14)
    }

    func testMissingGlyphsDrawAsQuestionMarksAndAnchorsShiftTheText() {
        var a = whiteCanvas(40, 30), b = whiteCanvas(40, 30)
        a.text("\u{2603}", x: 10, y: 20, size: 10, colour: "#000000")
        b.text("?", x: 10, y: 20, size: 10, colour: "#000000")
        XCTAssertEqual(a.rgba8(), b.rgba8())
        var end = whiteCanvas(40, 30)
        end.text("?", x: 15, y: 20, size: 10, anchor: .end, colour: "#000000")
        XCTAssertEqual(inked(end).map(\.x).max()!, 14)
    }

    func testPNGIsRGBA8OfTheDrawingsSizeAndReadsBackPixelForPixel() throws {
        let chart = ChartSamples.rocChart()
        let canvas = Canvas(drawing: chart.drawing(), scale: 2)
        let png = try canvas.png()
        let image = try PNGReader.decode(bytes: png)
        XCTAssertEqual(image.width, Int(chart.drawing().width * 2))
        XCTAssertEqual(image.height, Int(chart.drawing().height * 2))
        XCTAssertEqual(image.colorType, .rgba)
        XCTAssertEqual(image.bitDepth, 8)
        let expected = canvas.rgba8()
        var same = true
        for i in 0..<(image.width * image.height) where same {
            for ch in 0..<4 where image.sample(i, channel: ch) != Int(expected[4 * i + ch]) { same = false }
        }
        XCTAssertTrue(same, "lossless round trip")
        // White opaque background in the corner; the frame's left edge (x = 66 units) is dark.
        XCTAssertEqual((0..<4).map { image.sample(0, channel: $0) }, [255, 255, 255, 255])
        let frameLeft = (Int(chart.drawing().height) * 2 / 2) * image.width + 66 * 2
        XCTAssertLessThan(image.sample(frameLeft, channel: 0), 120)
    }
}
