import Foundation
import ImageIO
import XCTest

/// No input crashes the reader: every broken file is a typed error naming the file and the reason.
final class PNGReaderErrorTests: XCTestCase {
    func testBrokenFixturesGiveTheirTypedError() throws {
        let expected = try FixtureFiles.expected()
        XCTAssertGreaterThanOrEqual(expected.errors.count, 14)
        for failure in expected.errors {
            let path = FixtureFiles.path(failure.file)
            XCTAssertThrowsError(try PNGReader.decode(path: path), failure.file) { error in
                guard let e = error as? ImageIOError else { return XCTFail("\(failure.file): untyped \(error)") }
                XCTAssertEqual(Self.kind(e), failure.error, "\(failure.file): \(e)")
                XCTAssertEqual(e.file, path)
                XCTAssertTrue(e.description.hasPrefix(path + ": "), e.description)
            }
        }
    }

    func testTooManyPixelsIsCheckedFromTheHeader() throws {
        let path = FixtureFiles.path("grey8_interlaced.png")  // 9 x 11 = 99 pixels
        XCTAssertNoThrow(try PNGReader.decode(path: path, limits: ImageLimits(maxPixels: 99)))
        XCTAssertThrowsError(try PNGReader.decode(path: path, limits: ImageLimits(maxPixels: 98))) { error in
            XCTAssertEqual(error as? ImageIOError, .tooManyPixels(path: path, width: 9, height: 11, limit: 98))
            XCTAssertTrue("\(error)".contains("exceeds the image pixel limit of 98 pixels"))
        }
    }

    func testFileSizeLimit() throws {
        let path = FixtureFiles.path("grey8_phys.png")
        let size = try FixtureFiles.bytes("grey8_phys.png").count
        XCTAssertThrowsError(try PNGReader.decode(path: path, limits: ImageLimits(maxFileBytes: size - 1))) { error in
            XCTAssertEqual(error as? ImageIOError, .fileTooLarge(path: path, bytes: size, limit: size - 1))
        }
        XCTAssertThrowsError(try PNGReader.decode(bytes: FixtureFiles.bytes("grey8_phys.png"), source: "x", limits: ImageLimits(maxFileBytes: 10)))
    }

    func testPathsThatAreNotReadableFiles() {
        XCTAssertThrowsError(try PNGReader.decode(path: "")) { XCTAssertEqual($0 as? ImageIOError, .emptyPath) }
        XCTAssertThrowsError(try PNGReader.decode(path: FixtureFiles.folder.path)) { error in
            XCTAssertEqual(error as? ImageIOError, .unreadableFile(path: FixtureFiles.folder.path, reason: "is a directory"))
            XCTAssertTrue("\(error)".contains("is a directory"))
        }
        let missing = FixtureFiles.path("no-such-file.png")
        XCTAssertThrowsError(try PNGReader.decode(path: missing)) { error in
            XCTAssertTrue("\(error)".hasPrefix(missing + ": cannot read the file ("), "\(error)")
            XCTAssertTrue("\(error)".contains("No such file"), "\(error)")
        }
    }

    /// Every prefix of a valid file, and many random corruptions of it, decode or fail with a typed error.
    func testPrefixesAndCorruptionsNeverCrash() throws {
        let good = try FixtureFiles.bytes("rgb16_interlaced.png")
        var outcomes: [String: Int] = [:]
        for n in 0..<good.count {
            XCTAssertThrowsError(try PNGReader.decode(bytes: Array(good.prefix(n))), "prefix \(n)") { error in
                outcomes[Self.kind(error as! ImageIOError), default: 0] += 1
            }
        }
        XCTAssertEqual(outcomes["truncated"].map { $0 > 0 }, true)
        var generator = SplitMix64(seed: 42)
        var decoded = 0
        for _ in 0..<2000 {
            var bytes = good
            for _ in 0..<(1 + Int(generator.next() % 4)) {
                let i = 8 + Int(generator.next() % UInt64(bytes.count - 8))
                bytes[i] = UInt8(truncatingIfNeeded: generator.next())
            }
            do {
                _ = try PNGReader.decode(bytes: bytes, limits: ImageLimits(maxPixels: 1 << 20)).intensityImage()
                decoded += 1
            } catch is ImageIOError {
            }
        }
        XCTAssertLessThan(decoded, 2000)
    }

    // MARK: Fuzzing regressions and limits (Fuzz/FuzzPNGLoader)

    /// Found by FuzzPNGLoader (out-of-memory, not a crash): a 200-byte file whose `tEXt` chunk declares 2 GB made
    /// libpng allocate the declared length before finding the data missing. The reader now refuses a chunk that
    /// runs past the end of the data before libpng sees it: the same `truncated` error, no allocation.
    func testChunkLongerThanTheFileIsTruncatedBeforeLibpngAllocatesIt() throws {
        var bytes = Array(try FixtureFiles.bytes("grey8_phys.png").prefix(33))  // signature + IHDR
        bytes += [0x7E, 0x00, 0x00, 0x10] + Array("tEXtComment\u{0}radfleet".utf8) + [0, 0, 0, 0]
        XCTAssertThrowsError(try PNGReader.decode(bytes: bytes, source: "huge-chunk.png")) { error in
            XCTAssertEqual(error as? ImageIOError, .truncated(path: "huge-chunk.png"))
        }
        // The same chunk with its real length is read (and skipped) as before: only lengths past the end are refused.
        let good = try FixtureFiles.bytes("grey8_phys.png")
        XCTAssertNoThrow(try PNGReader.decode(bytes: good))
        for cut in [good.count - 1, good.count - 4, good.count - 12, 40] {
            XCTAssertThrowsError(try PNGReader.decode(bytes: Array(good.prefix(cut))), "prefix \(cut)") { error in
                XCTAssertEqual(error as? ImageIOError, .truncated(path: "<bytes>"), "prefix \(cut)")
            }
        }
    }

    /// Both image limits are settable and, when hit, named with the file, the limit and the file's value.
    func testLimitMessagesNameFileLimitAndValue() throws {
        let path = FixtureFiles.path("grey8_interlaced.png")  // 9 x 11
        let size = try FixtureFiles.bytes("grey8_interlaced.png").count
        XCTAssertThrowsError(try PNGReader.decode(path: path, limits: ImageLimits(maxFileBytes: 100))) { error in
            XCTAssertEqual("\(error)", "\(path): file of \(size) bytes exceeds the image file-size limit of 100 bytes")
        }
        XCTAssertThrowsError(try PNGReader.decode(path: path, limits: ImageLimits(maxPixels: 50))) { error in
            XCTAssertEqual("\(error)", "\(path): 9 x 11 = 99 pixels exceeds the image pixel limit of 50 pixels")
        }
        var limits = ImageLimits()
        limits.maxPixels = 99
        limits.maxFileBytes = size
        XCTAssertEqual(try PNGReader.decode(path: path, limits: limits).width, 9)
    }

    /// Every seed of the fuzzer's corpus decodes or fails with an `ImageIOError` naming its source.
    func testFuzzSeedCorpusGivesTypedOutcomes() throws {
        let folder = FixtureFiles.folder.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fuzz/Corpus/FuzzPNGLoader")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        XCTAssertGreaterThan(names.count, 30)
        var decoded = 0
        for name in names {
            let bytes = [UInt8](try Data(contentsOf: folder.appendingPathComponent(name)))
            do {
                let image = try PNGReader.decode(bytes: bytes, source: name, limits: ImageLimits(maxPixels: 1 << 20))
                XCTAssertEqual(image.intensityImage().image.pixels.count, image.width * image.height)
                decoded += 1
            } catch let e as ImageIOError {
                XCTAssertEqual(e.file, name)
            }
        }
        XCTAssertGreaterThan(decoded, 20)
    }

    static func kind(_ e: ImageIOError) -> String {
        switch e {
        case .emptyPath: return "emptyPath"
        case .unreadableFile: return "unreadableFile"
        case .fileTooLarge: return "fileTooLarge"
        case .notPNG: return "notPNG"
        case .truncated: return "truncated"
        case .corrupt: return "corrupt"
        case .unsupportedBitDepth: return "unsupportedBitDepth"
        case .tooManyPixels: return "tooManyPixels"
        case .outOfMemory: return "outOfMemory"
        case .sizeMismatch: return "sizeMismatch"
        case .writeFailed: return "writeFailed"
        }
    }
}

/// A small seeded generator so the corruption test is the same on every run.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9e3779b97f4a7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58476d1ce4e5b9
        z = (z ^ (z >> 27)) &* 0x94d049bb133111eb
        return z ^ (z >> 31)
    }
}
