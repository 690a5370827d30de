import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import ImageIO
import Report
import XCTest

/// Writes every chart type as SVG and PNG into a folder (RADFLEET_FIGURES_DIR if set, else a fresh temporary
/// folder), so a person can look at them, and checks each file reads back.
final class ChartGalleryTests: XCTestCase {
    func testEveryChartTypeWritesAnSVGAndAPNGThatReadBack() throws {
        let env = ProcessInfo.processInfo.environment["RADFLEET_FIGURES_DIR"]
        let folder = URL(fileURLWithPath: env ?? NSTemporaryDirectory()).appendingPathComponent(env == nil ? "radfleet-figures-\(UUID().uuidString)" : "")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for (name, chart) in ChartSamples.all() {
            let drawing = chart.drawing()
            let svgURL = folder.appendingPathComponent("\(name).svg"), pngURL = folder.appendingPathComponent("\(name).png")
            try Data(drawing.svg().utf8).write(to: svgURL)
            try Data(drawing.png(scale: 2)).write(to: pngURL)
            let parser = XMLParser(contentsOf: svgURL)!
            XCTAssertTrue(parser.parse(), "\(name).svg is not well-formed")
            let image = try PNGReader.decode(path: pngURL.path)
            XCTAssertEqual(image.width, Int((drawing.width * 2).rounded(.up)), name)
            XCTAssertEqual(image.height, Int((drawing.height * 2).rounded(.up)), name)
            XCTAssertEqual(image.channels, 4, name)
        }
        if env == nil { try? FileManager.default.removeItem(at: folder) }
    }
}
