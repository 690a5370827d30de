import CPNG
import RadiomicsCore

/// Reads PNG files through libpng (CPNG). All decoding happens in `CPNG_readImage`, which catches libpng's
/// longjmp-based errors in C and returns a code, so no input can crash the process: every failure is an
/// `ImageIOError` naming the file and the reason.
public enum PNGReader {
    /// Decodes the file at `path`. The file size is checked before reading, the pixel count from the header
    /// before decoding.
    public static func decode(path: String, limits: ImageLimits = ImageLimits()) throws -> PNGImage {
        let bytes = try FileBytes.read(path: path, maxBytes: limits.maxFileBytes)
        return try decode(bytes: bytes, source: path, limits: limits)
    }

    /// Decodes PNG bytes held in memory; `source` names them in errors.
    public static func decode(bytes: [UInt8], source: String = "<bytes>",
                              limits: ImageLimits = ImageLimits()) throws -> PNGImage {
        guard bytes.count <= limits.maxFileBytes else {
            throw ImageIOError.fileTooLarge(path: source, bytes: bytes.count, limit: limits.maxFileBytes)
        }
        try checkChunkLengths(bytes, source: source)
        var raw = CPNG_Image()
        let code = bytes.withUnsafeBufferPointer { buffer in
            CPNG_readImage(buffer.baseAddress, buffer.count, UInt64(max(0, limits.maxPixels)), &raw)
        }
        defer { CPNG_releaseImage(&raw) }
        let message = messageText(&raw)
        guard code == Int32(CPNG_OK) else {
            throw error(code: code, message: message, source: source, raw: raw, limit: limits.maxPixels)
        }
        guard let colorType = PNGColorType(rawValue: Int(raw.colorType)) else {
            throw ImageIOError.unsupportedBitDepth(path: source, reason: "colour type \(raw.colorType)")
        }
        var palette: [(r: UInt8, g: UInt8, b: UInt8)] = []
        withUnsafeBytes(of: raw.palette) { p in
            for i in 0..<Int(raw.paletteCount) { palette.append((p[3 * i], p[3 * i + 1], p[3 * i + 2])) }
        }
        let pixels = Array(UnsafeBufferPointer(start: raw.pixels, count: raw.pixelBytes))
        return PNGImage(width: Int(raw.width), height: Int(raw.height), bitDepth: Int(raw.bitDepth),
                        colorType: colorType, interlaced: raw.interlaced != 0, channels: Int(raw.channels),
                        spacing: raw.hasPhys != 0
                            ? PNGImage.spacing(pixelsPerUnitX: raw.physX, y: raw.physY, unitIsMetre: raw.physUnit == 1)
                            : nil,
                        palette: palette, warning: message.isEmpty ? nil : message, bytes: pixels)
    }

    /// Refuses, before libpng sees them, chunks whose declared length runs past the end of the data. libpng
    /// allocates a chunk's declared length before reading it, so a 200-byte file whose `tEXt` chunk claims 2 GB
    /// made it allocate 2 GB only to report the file truncated (found by Fuzz/FuzzPNGLoader). The outcome is the
    /// same `truncated` error, without the allocation. Walks the chunk headers only, up to `IEND`, and leaves to
    /// libpng (and its wording) everything it would refuse first: a chunk type that is not four letters, a first
    /// chunk that is not `IHDR`, a length past 2^31 - 1.
    static func checkChunkLengths(_ bytes: [UInt8], source: String) throws(ImageIOError) {
        let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        guard bytes.count >= 8, bytes.prefix(8).elementsEqual(signature) else { return }
        var offset = 8
        while offset + 8 <= bytes.count {
            let length = Int(bytes[offset]) << 24 | Int(bytes[offset + 1]) << 16 | Int(bytes[offset + 2]) << 8 | Int(bytes[offset + 3])
            let type = bytes[(offset + 4)..<(offset + 8)]
            guard length <= 0x7FFF_FFFF, type.allSatisfy({ ($0 | 0x20) >= 0x61 && ($0 | 0x20) <= 0x7A }) else { return }
            if offset == 8 && !type.elementsEqual("IHDR".utf8) { return }
            // The data must be there (a missing CRC alone is left to libpng, which allocates nothing for it).
            guard length <= bytes.count - offset - 8 else { throw .truncated(path: source) }
            if type.elementsEqual("IEND".utf8) { return }
            offset += length + 12
        }
    }

    private static func messageText(_ raw: inout CPNG_Image) -> String {
        withUnsafeBytes(of: &raw.message) { p in
            let end = p.firstIndex(of: 0) ?? p.count
            return String(decoding: p[..<end], as: UTF8.self)
        }
    }

    private static func error(code: Int32, message: String, source: String, raw: CPNG_Image, limit: Int) -> ImageIOError {
        switch Int(code) {
        case Int(CPNG_NOT_PNG): return .notPNG(path: source)
        case Int(CPNG_TRUNCATED): return .truncated(path: source)
        case Int(CPNG_TOO_MANY_PIXELS):
            return .tooManyPixels(path: source, width: Int(raw.width), height: Int(raw.height), limit: limit)
        case Int(CPNG_OUT_OF_MEMORY): return .outOfMemory(path: source)
        default:
            // libpng's IHDR checks: "Invalid bit depth in IHDR", "Invalid color type/bit depth combination" ...
            let lower = message.lowercased()
            if lower.contains("bit depth") || lower.contains("color type") {
                return .unsupportedBitDepth(path: source, reason: message)
            }
            return .corrupt(path: source, reason: message.isEmpty ? "libpng error" : message)
        }
    }
}
