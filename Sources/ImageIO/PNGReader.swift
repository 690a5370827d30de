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
