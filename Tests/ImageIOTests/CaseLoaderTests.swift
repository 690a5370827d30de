import Foundation
import ImageIO
import RadiomicsCore
import XCTest

final class CaseLoaderTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        folder = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("radfleet-case-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    private func write(_ name: String, _ bytes: [UInt8]) throws -> URL {
        let url = folder.appendingPathComponent(name)
        try PNGWriter.write(bytes, to: url.path)
        return url
    }

    func testColourImageWithBinaryMaskAndPHYs() throws {
        let image = try write("img.png", PNGWriter.encodeRGBA8([10, 20, 30, 255, 40, 50, 60, 255, 1, 2, 3, 255, 0, 0, 0, 255],
                                                               width: 2, height: 2, spacing: PixelSpacing(x: 0.1, y: 0.1)))
        let mask = try write("mask.png", PNGWriter.encodeGrey8([0, 255, 255, 0], width: 2, height: 2))
        let loaded = try LoadedCase(image: image, mask: mask, spacing: nil, label: 1)
        XCTAssertEqual(loaded.image.spacing, PixelSpacing(x: 0.1, y: 0.1))
        XCTAssertEqual(loaded.mask.spacing, loaded.image.spacing)
        XCTAssertEqual(loaded.mask.inside, [false, true, true, false])
        XCTAssertEqual(loaded.labels.labels, [0, 255, 255, 0])
        let notes = Dictionary(uniqueKeysWithValues: loaded.notes)
        XCTAssertTrue(notes["diagnostics_Image-original_ColourConversion"]!.contains("0.299 R"))
        XCTAssertEqual(notes["diagnostics_Image-original_SpacingSource"], "PNG pHYs chunk")
        XCTAssertEqual(notes["diagnostics_Mask-original_LabelRule"], "binary mask: value 255 taken as label 1")
    }

    func testSpacingOverrideAndLabelRules() throws {
        let image = try write("img.png", PNGWriter.encodeGrey8([1, 2, 3, 4], width: 2, height: 2, spacing: PixelSpacing(x: 0.1, y: 0.1)))
        let mask = try write("mask.png", PNGWriter.encodeGrey8([0, 1, 2, 2], width: 2, height: 2))
        let given = try LoadedCase(imagePath: image.path, maskPath: mask.path, spacing: 0.5, label: 2)
        XCTAssertEqual(given.image.spacing, PixelSpacing(x: 0.5, y: 0.5))
        XCTAssertEqual(given.mask.inside, [false, false, true, true])
        XCTAssertEqual(Dictionary(uniqueKeysWithValues: given.notes)["diagnostics_Image-original_SpacingSource"], "given")
        XCTAssertNil(Dictionary(uniqueKeysWithValues: given.notes)["diagnostics_Image-original_ColourConversion"])
        // Label 3 is absent and the mask has two labels: no guessing, the ROI is empty.
        XCTAssertEqual(try LoadedCase(imagePath: image.path, maskPath: mask.path, spacing: nil, label: 3).mask.count, 0)
        XCTAssertEqual(try LoadedCase(imagePath: image.path, maskPath: mask.path, spacing: nil, label: 1,
                                      labelRule: .nonZero).mask.inside, [false, true, true, true])
        XCTAssertEqual(try LoadedCase(imagePath: image.path, maskPath: mask.path, spacing: nil, label: 1,
                                      labelRule: .exact).mask.inside, [false, true, false, false])
    }

    func testDefaultSpacingIsOneMillimetre() throws {
        let image = try write("img.png", PNGWriter.encodeGrey8([1, 2], width: 2, height: 1))
        let loaded = try LoadedCase(imagePath: image.path, maskPath: image.path, spacing: nil, label: 1)
        XCTAssertEqual(loaded.image.spacing, .unit)
        XCTAssertEqual(Dictionary(uniqueKeysWithValues: loaded.notes)["diagnostics_Image-original_SpacingSource"],
                       "default (no spacing given)")
    }

    func testErrorsNameTheFile() throws {
        let image = try write("img.png", PNGWriter.encodeGrey8([1, 2, 3, 4], width: 2, height: 2))
        let small = try write("small.png", PNGWriter.encodeGrey8([1, 2], width: 2, height: 1))
        XCTAssertThrowsError(try LoadedCase(imagePath: image.path, maskPath: small.path, spacing: nil, label: 1)) { error in
            let e = error as! CaseLoadError
            XCTAssertEqual(e.file, small.path)
            XCTAssertEqual(e.reason, "mask is 2 x 1 pixels but the image (\(image.path)) is 2 x 2")
        }
        let missing = folder.appendingPathComponent("missing_mask.png").path
        XCTAssertThrowsError(try LoadedCase(imagePath: image.path, maskPath: missing, spacing: nil, label: 1)) { error in
            XCTAssertEqual((error as! ImageIOError).file, missing)
        }
        XCTAssertThrowsError(try LoadedCase(imagePath: image.path, maskPath: image.path, spacing: nil, label: 1,
                                            limits: ImageLimits(maxPixels: 3))) { error in
            XCTAssertEqual(error as? ImageIOError, .tooManyPixels(path: image.path, width: 2, height: 2, limit: 3))
        }
    }

    /// The real BUSI files load to exactly the reference pipeline's arrays (the devkit dumps), when present.
    func testBUSICasesMatchTheDevkitDumps() throws {
        let busi = FixtureFiles.sharedData.appendingPathComponent("busi")
        let devkit = "/work/devkit/cases"
        guard FileManager.default.fileExists(atPath: devkit), FileManager.default.fileExists(atPath: busi.path) else {
            throw XCTSkip("BUSI data or devkit dumps not present")
        }
        for id in ["benign-004", "benign-006-rgb", "benign-013-rgb"] {
            let loaded = try LoadedCase(image: busi.appendingPathComponent("\(id).png"),
                                        mask: busi.appendingPathComponent("\(id)_mask.png"), spacing: 0.1, label: 1)
            let data = try Data(contentsOf: URL(fileURLWithPath: "\(devkit)/\(id).bin"))
            let n = loaded.image.count
            data.withUnsafeBytes { raw in
                XCTAssertEqual(raw.loadUnaligned(fromByteOffset: 4, as: Int32.self), Int32(loaded.image.width))
                var differing = 0
                for i in 0..<n {
                    let ref = Double(bitPattern: raw.loadUnaligned(fromByteOffset: 28 + 8 * i, as: UInt64.self))
                    if ref != loaded.image.pixels[i] || (raw[28 + 8 * n + i] != 0) != loaded.mask.inside[i] { differing += 1 }
                }
                XCTAssertEqual(differing, 0, id)
            }
        }
    }
}
