import CPNG
import RadiomicsCore

/// Writes PNG files through libpng (non-interlaced, default compression). Encoding happens in `CPNG_writeImage`,
/// which catches libpng's longjmp errors in C. A spacing is stored in a pHYs chunk (unit metre) as the nearest
/// whole number of pixels per metre, so 0.1 mm reads back as exactly 0.1 mm.
public enum PNGWriter {
    /// 8-bit grey, one byte per pixel, row-major.
    public static func encodeGrey8(_ pixels: [UInt8], width: Int, height: Int,
                                   spacing: PixelSpacing? = nil) throws -> [UInt8] {
        try encode(pixels, width: width, height: height, bitDepth: 8, colorType: .grey, spacing: spacing)
    }

    /// 16-bit grey, one value per pixel, row-major.
    public static func encodeGrey16(_ pixels: [UInt16], width: Int, height: Int,
                                    spacing: PixelSpacing? = nil) throws -> [UInt8] {
        try encode(bigEndian(pixels), width: width, height: height, bitDepth: 16, colorType: .grey, spacing: spacing)
    }

    /// 8-bit RGBA, four bytes per pixel (r, g, b, a), row-major.
    public static func encodeRGBA8(_ pixels: [UInt8], width: Int, height: Int,
                                   spacing: PixelSpacing? = nil) throws -> [UInt8] {
        try encode(pixels, width: width, height: height, bitDepth: 8, colorType: .rgba, spacing: spacing)
    }

    /// 16-bit RGBA, four values per pixel, row-major.
    public static func encodeRGBA16(_ pixels: [UInt16], width: Int, height: Int,
                                    spacing: PixelSpacing? = nil) throws -> [UInt8] {
        try encode(bigEndian(pixels), width: width, height: height, bitDepth: 16, colorType: .rgba, spacing: spacing)
    }

    /// An `Image2D` as 8- or 16-bit grey with its spacing: each value rounded to the nearest integer (halves away
    /// from zero) and clamped to 0...255 or 0...65535; NaN is written as 0. Integral in-range images round-trip
    /// exactly.
    public static func encode(_ image: Image2D, bitDepth: Int = 8) throws -> [UInt8] {
        let top = bitDepth == 16 ? 65535.0 : 255.0
        let values = image.pixels.map { v -> UInt16 in v.isNaN ? 0 : UInt16(min(top, max(0, v.rounded()))) }
        if bitDepth == 16 { return try encodeGrey16(values, width: image.width, height: image.height, spacing: image.spacing) }
        guard bitDepth == 8 else { throw ImageIOError.writeFailed(path: "<memory>", reason: "bit depth \(bitDepth) (8 or 16 only)") }
        return try encodeGrey8(values.map { UInt8($0) }, width: image.width, height: image.height, spacing: image.spacing)
    }

    /// A label map as 8-bit grey (labels 0...255) or 16-bit grey when a label exceeds 255.
    public static func encode(_ labels: LabelMap) throws -> [UInt8] {
        guard let low = labels.labels.min(), let high = labels.labels.max(), low >= 0, high <= 65535 else {
            throw ImageIOError.writeFailed(path: "<memory>", reason: "labels must lie in 0...65535")
        }
        if high <= 255 {
            return try encodeGrey8(labels.labels.map { UInt8($0) }, width: labels.width, height: labels.height,
                                   spacing: labels.spacing)
        }
        return try encodeGrey16(labels.labels.map { UInt16($0) }, width: labels.width, height: labels.height,
                                spacing: labels.spacing)
    }

    /// Writes encoded bytes to `path` (created or truncated).
    public static func write(_ png: [UInt8], to path: String) throws {
        try FileBytes.write(png, path: path)
    }

    static func encode(_ samples: [UInt8], width: Int, height: Int, bitDepth: Int, colorType: PNGColorType,
                       spacing: PixelSpacing?) throws(ImageIOError) -> [UInt8] {
        let channels = colorType == .rgba ? 4 : colorType == .rgb ? 3 : colorType == .greyAlpha ? 2 : 1
        guard width > 0, height > 0, width <= Int(Int32.max), height <= Int(Int32.max),
              samples.count == width * height * channels * (bitDepth / 8) else {
            throw ImageIOError.writeFailed(path: "<memory>", reason: "\(samples.count) sample bytes do not fill \(width) x \(height) pixels")
        }
        let ppm = spacing.map { (pixelsPerMetre($0.x), pixelsPerMetre($0.y)) } ?? (0, 0)
        var buffer = CPNG_Buffer()
        var message = [CChar](repeating: 0, count: Int(CPNG_MESSAGE_SIZE))
        let code = samples.withUnsafeBufferPointer { p in
            message.withUnsafeMutableBufferPointer { m in
                CPNG_writeImage(p.baseAddress, UInt32(width), UInt32(height), Int32(bitDepth), Int32(colorType.rawValue),
                                ppm.0, ppm.1, &buffer, m.baseAddress)
            }
        }
        defer { CPNG_releaseBuffer(&buffer) }
        guard code == Int32(CPNG_OK) else {
            let why = String(decoding: message.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            throw code == Int32(CPNG_OUT_OF_MEMORY) ? ImageIOError.outOfMemory(path: "<memory>") : .writeFailed(path: "<memory>", reason: why)
        }
        return Array(UnsafeBufferPointer(start: buffer.bytes, count: buffer.count))
    }

    /// mm per pixel → pixels per metre, rounded; 0 (no pHYs) when not representable.
    static func pixelsPerMetre(_ mm: Double) -> UInt32 {
        guard mm.isFinite, mm > 0 else { return 0 }
        let ppm = (1000 / mm).rounded()
        return ppm >= 1 && ppm <= Double(Int32.max) ? UInt32(ppm) : 0
    }

    static func bigEndian(_ values: [UInt16]) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: values.count * 2)
        for (i, v) in values.enumerated() {
            out[2 * i] = UInt8(v >> 8)
            out[2 * i + 1] = UInt8(v & 0xff)
        }
        return out
    }
}
