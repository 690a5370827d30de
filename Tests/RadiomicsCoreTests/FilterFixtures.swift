import XCTest
import RadiomicsCore
import TestSupport

/// Images and masks as `scripts/fixtures/filters_resampling.py` writes them (row-major, SimpleITK geometry).
struct FixtureImage: Decodable {
    let width: Int
    let height: Int
    let spacing: [Double]
    let origin: [Double]
    let pixels: [Double]

    var image: Image2D {
        Image2D(width: width, height: height, spacing: PixelSpacing(x: spacing[0], y: spacing[1]),
                origin: (origin[0], origin[1]), pixels: pixels)
    }
}

struct FixtureMask: Decodable {
    let width: Int
    let height: Int
    let spacing: [Double]
    let origin: [Double]
    let inside: [Int]

    var mask: Mask2D {
        Mask2D(width: width, height: height, spacing: PixelSpacing(x: spacing[0], y: spacing[1]),
               origin: (origin[0], origin[1]), inside: inside.map { $0 != 0 })
    }
}

struct FilterFixtureFile<Case: Decodable>: Decodable {
    let pyradiomics: String
    let cases: [Case]
}

enum FilterFixtures {
    /// Pixel-wise tolerance for pre-processing and filters: |a − b| ≤ 1e-9 · max(1, |b|).
    static let tolerance = 1e-9

    static func load<Case: Decodable>(_ name: String, as: Case.Type) throws -> [Case] {
        let file = try Fixtures.json(FilterFixtureFile<Case>.self, name)
        XCTAssertFalse(file.cases.isEmpty, "\(name) holds no cases")
        return file.cases
    }

    /// Size, spacing and origin equal; every pixel within `tolerance`. Returns the largest relative error.
    @discardableResult
    static func assertImage(_ actual: Image2D, matches expected: FixtureImage, _ label: String,
                            file: StaticString = #filePath, line: UInt = #line) -> Double {
        XCTAssertEqual(actual.width, expected.width, "\(label): width", file: file, line: line)
        XCTAssertEqual(actual.height, expected.height, "\(label): height", file: file, line: line)
        XCTAssertEqual([actual.spacing.x, actual.spacing.y], expected.spacing, "\(label): spacing", file: file, line: line)
        XCTAssertEqual(actual.origin.x, expected.origin[0], accuracy: 1e-12, "\(label): origin x", file: file, line: line)
        XCTAssertEqual(actual.origin.y, expected.origin[1], accuracy: 1e-12, "\(label): origin y", file: file, line: line)
        guard actual.pixels.count == expected.pixels.count else { return .infinity }
        var worst = 0.0, worstIndex = 0
        for (i, (a, b)) in zip(actual.pixels, expected.pixels).enumerated() {
            let e = relativeError(a, b)
            if e > worst { (worst, worstIndex) = (e, i) }
        }
        XCTAssertLessThanOrEqual(worst, tolerance,
                                 "\(label): pixel \(worstIndex) is \(actual.pixels[worstIndex]), PyRadiomics \(expected.pixels[worstIndex])",
                                 file: file, line: line)
        return worst
    }
}
