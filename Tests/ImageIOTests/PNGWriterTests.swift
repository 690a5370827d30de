import Foundation
import ImageIO
import RadiomicsCore
import XCTest

/// What the writer produces reads back exactly; Pillow reads it too (checked by decoding with our reader, whose
/// decode is itself checked against Pillow in PNGReaderTests).
final class PNGWriterTests: XCTestCase {
    func testGrey8RoundTripWithSpacing() throws {
        let pixels: [UInt8] = (0..<35).map { UInt8($0 * 7) }
        let png = try PNGWriter.encodeGrey8(pixels, width: 7, height: 5, spacing: PixelSpacing(x: 0.1, y: 0.25))
        let back = try PNGReader.decode(bytes: png)
        XCTAssertEqual(back.bitDepth, 8)
        XCTAssertEqual(back.colorType, .grey)
        XCTAssertEqual(back.spacing, PixelSpacing(x: 0.1, y: 0.25))
        XCTAssertEqual(back.intensityImage().image.pixels, pixels.map(Double.init))
    }

    func testGrey16RoundTrip() throws {
        let pixels: [UInt16] = [0, 1, 255, 256, 65535, 4096]
        let back = try PNGReader.decode(bytes: PNGWriter.encodeGrey16(pixels, width: 3, height: 2))
        XCTAssertEqual(back.bitDepth, 16)
        XCTAssertNil(back.spacing)
        XCTAssertEqual(back.labelMap().labels, pixels.map(Int.init))
    }

    func testRGBARoundTripGivesLumaAndFirstChannel() throws {
        let rgba: [UInt8] = [10, 20, 30, 255, 200, 100, 50, 0]
        let back = try PNGReader.decode(bytes: PNGWriter.encodeRGBA8(rgba, width: 2, height: 1))
        XCTAssertEqual(back.colorType, .rgba)
        let (image, conversion) = back.intensityImage()
        XCTAssertEqual(conversion, .luma)
        // Exact rounding is checked against NumPy in PNGReaderTests; here the values only need to be the luma.
        XCTAssertEqual(image.pixels[0], 0.299 * 10 + 0.587 * 20 + 0.114 * 30, accuracy: 1e-12)
        XCTAssertEqual(image.pixels[1], 0.299 * 200 + 0.587 * 100 + 0.114 * 50, accuracy: 1e-12)
        XCTAssertEqual(back.labelMap().labels, [10, 200])
        let wide: [UInt16] = [1000, 2000, 3000, 65535]
        XCTAssertEqual(try PNGReader.decode(bytes: PNGWriter.encodeRGBA16(wide, width: 1, height: 1)).labelMap().labels, [1000])
    }

    func testImage2DIsRoundedAndClamped() throws {
        let image = Image2D(width: 4, height: 1, spacing: PixelSpacing(x: 0.2, y: 0.2), pixels: [-3, 12.5, 254.4, 999])
        let back = try PNGReader.decode(bytes: PNGWriter.encode(image)).intensityImage().image
        XCTAssertEqual(back.pixels, [0, 13, 254, 255])
        XCTAssertEqual(back.spacing, image.spacing)
        let deep = try PNGReader.decode(bytes: PNGWriter.encode(image, bitDepth: 16)).intensityImage().image
        XCTAssertEqual(deep.pixels, [0, 13, 254, 999])
    }

    func testLabelMapRoundTripAndFileWrite() throws {
        let labels = LabelMap(width: 3, height: 1, spacing: PixelSpacing(x: 0.1, y: 0.1), labels: [0, 1, 300])
        let path = NSTemporaryDirectory() + "radfleet-writer-\(UUID().uuidString).png"
        defer { try? FileManager.default.removeItem(atPath: path) }
        try PNGWriter.write(PNGWriter.encode(labels), to: path)
        XCTAssertEqual(try PNGReader.decode(path: path).labelMap(), labels)
    }

    func testInvalidInputIsAnErrorNotACrash() {
        XCTAssertThrowsError(try PNGWriter.encodeGrey8([1, 2, 3], width: 2, height: 2))
        XCTAssertThrowsError(try PNGWriter.encodeGrey8([], width: 0, height: 0))
        XCTAssertThrowsError(try PNGWriter.encode(Image2D(width: 1, height: 1, pixels: [1]), bitDepth: 12))
        XCTAssertThrowsError(try PNGWriter.encode(LabelMap(width: 1, height: 1, labels: [-1])))
        XCTAssertThrowsError(try PNGWriter.write([1], to: "/nonexistent-folder/x.png")) { error in
            XCTAssertTrue("\(error)".hasPrefix("/nonexistent-folder/x.png: cannot write the file"), "\(error)")
        }
    }
}
