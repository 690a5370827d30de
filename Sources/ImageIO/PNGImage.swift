import RadiomicsCore

/// PNG colour types (IHDR byte 10).
public enum PNGColorType: Int, Sendable {
    case grey = 0
    case rgb = 2
    case palette = 3
    case greyAlpha = 4
    case rgba = 6
}

/// A decoded PNG, samples as stored: sub-8-bit samples unpacked one per byte with their values unchanged,
/// palette images as indices (with `palette`), 16-bit samples as big-endian byte pairs, alpha kept.
/// Turn it into intensities with `intensityImage()` or into labels with `labelMap()`.
public struct PNGImage: Sendable {
    public let width: Int
    public let height: Int
    /// IHDR bit depth: 1, 2, 4, 8 or 16.
    public let bitDepth: Int
    public let colorType: PNGColorType
    public let interlaced: Bool
    /// Samples per pixel in `bytes` (1 grey or palette index, 2 grey+alpha, 3 RGB, 4 RGBA).
    public let channels: Int
    /// Pixel spacing in mm from the pHYs chunk when its unit is the metre (1000 / pixels-per-metre); nil otherwise.
    public let spacing: PixelSpacing?
    /// Palette entries as (r, g, b) for palette images.
    public let palette: [(r: UInt8, g: UInt8, b: UInt8)]
    /// The last warning libpng gave while decoding (e.g. a bad CRC in an ancillary chunk, which it skips).
    public let warning: String?
    @usableFromInline let bytes: [UInt8]

    init(width: Int, height: Int, bitDepth: Int, colorType: PNGColorType, interlaced: Bool, channels: Int,
         spacing: PixelSpacing?, palette: [(r: UInt8, g: UInt8, b: UInt8)], warning: String?, bytes: [UInt8]) {
        self.width = width
        self.height = height
        self.bitDepth = bitDepth
        self.colorType = colorType
        self.interlaced = interlaced
        self.channels = channels
        self.spacing = spacing
        self.palette = palette
        self.warning = warning
        self.bytes = bytes
    }

    /// Bytes per sample in `bytes`: 2 for 16-bit images, else 1.
    @usableFromInline var bytesPerSample: Int { bitDepth == 16 ? 2 : 1 }

    /// Sample `channel` of pixel `index` (row-major), as its integer value.
    @inlinable
    public func sample(_ index: Int, channel: Int = 0) -> Int {
        let i = index * channels + channel
        return bitDepth == 16 ? Int(bytes[2 * i]) << 8 | Int(bytes[2 * i + 1]) : Int(bytes[i])
    }
}

extension PNGImage {
    /// Spacing from the pHYs chunk: pixels per metre → mm per pixel. Only unit "metre" gives a spacing; unit
    /// "unknown" states an aspect ratio only, and a zero count is meaningless.
    static func spacing(pixelsPerUnitX x: UInt32, y: UInt32, unitIsMetre: Bool) -> PixelSpacing? {
        guard unitIsMetre, x > 0, y > 0 else { return nil }
        return PixelSpacing(x: 1000 / Double(x), y: 1000 / Double(y))
    }
}
