import Foundation
import RadiomicsCore
import TestSupport
import XCTest

/// Bin edges and bin indices against PyRadiomics' `getBinEdges` + `numpy.digitize`, on float64 and float32 arrays
/// (scripts/fixtures/discretization.py).
final class DiscretizationTests: XCTestCase {
    struct Case: Decodable {
        let name: String
        let precision: String
        let values: [Double]
        let binWidth: Double
        let binCount: Int?
        let edges: [Double]
        let bins: [Int]
    }

    func testEdgesAndBinsMatchPyRadiomics() throws {
        let cases = try Fixtures.json([Case].self, "discretization.json")
        XCTAssertEqual(cases.count, 40)
        for c in cases {
            let precision: PixelPrecision = c.precision == "float32" ? .single : .double
            let edges = DiscretizedImage.binEdges(c.values, binWidth: c.binWidth, binCount: c.binCount, precision: precision)
            XCTAssertEqual(edges, c.edges, c.name)
            XCTAssertEqual(c.values.map { DiscretizedImage.digitize($0, edges) }, c.bins, c.name)
        }
    }

    func testImagePrecisionReachesTheDiscretisation() throws {
        let cases = try Fixtures.json([Case].self, "discretization.json").filter { $0.precision == "float32" && $0.binCount != nil }
        for c in cases {
            var image = Image2D(width: c.values.count, height: 1, pixels: c.values)
            image.precision = .single
            let mask = Mask2D(width: c.values.count, height: 1, inside: Array(repeating: true, count: c.values.count))
            var settings = RadiomicsSettings()
            settings.binCount = c.binCount
            let d = DiscretizedImage(image: image, mask: mask, settings: settings)
            XCTAssertEqual(d.levels.map(Int.init), c.bins, c.name)
        }
    }
}
