import Foundation
import ImageIO
import RadiomicsCore
import XCTest

/// Every colour type and bit depth against the values Pillow (and NumPy's luma) give for the same file.
final class PNGReaderTests: XCTestCase {
    func testEveryFixtureReadsAsTheOracleDoes() throws {
        let expected = try FixtureFiles.expected()
        XCTAssertGreaterThanOrEqual(expected.cases.count, 20)
        for c in expected.cases {
            let png = try PNGReader.decode(path: FixtureFiles.path(c.file))
            XCTAssertEqual(png.width, c.width, c.file)
            XCTAssertEqual(png.height, c.height, c.file)
            XCTAssertEqual(png.bitDepth, c.bitDepth, c.file)
            XCTAssertEqual(png.colorType.rawValue, c.colorType, c.file)
            XCTAssertEqual(png.interlaced, c.interlaced, c.file)
            XCTAssertEqual(png.spacing.map { [$0.x, $0.y] }, c.spacing, c.file)

            let (image, conversion) = png.intensityImage()
            XCTAssertEqual(image.width, c.width)
            XCTAssertEqual("\(conversion)".prefix { $0 != "(" }, Substring(c.conversion), c.file)
            // Exact equality: the reference pipeline's values, bit for bit (oracle: \(c.oracle)).
            let mismatches = zip(image.pixels, c.intensities).enumerated().filter { $0.element.0 != $0.element.1 }
            XCTAssertEqual(image.pixels.count, c.intensities.count, c.file)
            XCTAssertTrue(mismatches.isEmpty, "\(c.file): \(mismatches.count) pixels differ from \(c.oracle), first \(mismatches.first.map { "\($0)" } ?? "")")

            let labels = png.labelMap()
            XCTAssertEqual(labels.labels, c.labels, c.file)
            XCTAssertEqual(labels.spacing, image.spacing, c.file)
        }
    }

    func testBytesAndPathGiveTheSameImage() throws {
        let fromPath = try PNGReader.decode(path: FixtureFiles.path("rgb16_interlaced.png"))
        let fromBytes = try PNGReader.decode(bytes: FixtureFiles.bytes("rgb16_interlaced.png"))
        XCTAssertEqual(fromPath.intensityImage().image, fromBytes.intensityImage().image)
        XCTAssertEqual(fromPath.labelMap(), fromBytes.labelMap())
    }

    func testSpacingOverrideWinsOverPHYs() throws {
        let png = try PNGReader.decode(path: FixtureFiles.path("grey8_phys.png"))
        XCTAssertEqual(png.spacing, PixelSpacing(x: 0.1, y: 0.1))
        XCTAssertEqual(png.intensityImage(spacing: PixelSpacing(x: 0.5, y: 0.5)).image.spacing, PixelSpacing(x: 0.5, y: 0.5))
        let unknownUnit = try PNGReader.decode(path: FixtureFiles.path("grey8_phys_unknown_unit.png"))
        XCTAssertNil(unknownUnit.spacing)
        XCTAssertEqual(unknownUnit.intensityImage().image.spacing, .unit)
    }

    func testConversionNotesSayWhatHappened() throws {
        let rgb = try PNGReader.decode(path: FixtureFiles.path("rgb8.png")).intensityImage()
        XCTAssertEqual(rgb.conversion, .luma)
        XCTAssertTrue(rgb.conversion.note!.contains("0.299 R + 0.587 G + 0.114 B"))
        XCTAssertTrue(rgb.conversion.note!.contains("not rounded"))
        XCTAssertNil(try PNGReader.decode(path: FixtureFiles.path("grey16.png")).intensityImage().conversion.note)
    }

    /// The whole BUSI colour case against the reference pipeline's float64 luma (checksum from the fixture
    /// script) and, when the devkit dump is present, against every pixel of it.
    func testBUSIColourCaseMatchesTheReferenceLumaExactly() throws {
        let expected = try FixtureFiles.expected().busiFull
        let path = FixtureFiles.sharedData.appendingPathComponent(expected.file).path
        guard FileManager.default.fileExists(atPath: path) else { throw XCTSkip("shared data not found at \(path)") }
        let image = try PNGReader.decode(path: path).intensityImage().image
        XCTAssertEqual(image.width, expected.width)
        XCTAssertEqual(image.height, expected.height)
        var hash: UInt64 = 0xcbf29ce484222325
        for v in image.pixels {
            var bits = v.bitPattern.littleEndian
            withUnsafeBytes(of: &bits) { for b in $0 { hash = (hash ^ UInt64(b)) &* 0x100000001b3 } }
        }
        XCTAssertEqual(String(hash, radix: 16).leftPadded(to: 16), expected.fnv1a64)
        XCTAssertEqual(image.pixels[0], expected.first)
        XCTAssertEqual(image[image.width / 2, image.height / 2], expected.middle)

        let dump = "/work/devkit/cases/benign-006-rgb.bin"
        guard let data = FileManager.default.contents(atPath: dump) else { return }
        let reference: [Double] = data.withUnsafeBytes { raw in
            (0..<image.count).map { Double(bitPattern: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 28 + 8 * $0, as: UInt64.self))) }
        }
        XCTAssertEqual(image.pixels.count, reference.count)
        XCTAssertEqual(zip(image.pixels, reference).filter { $0 != $1 }.count, 0, "pixels differing from the devkit dump")
    }
}

extension String {
    func leftPadded(to length: Int) -> String { String(repeating: "0", count: max(0, length - count)) + self }
}
