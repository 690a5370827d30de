/// Limits applied before decoding, so a hostile or mistaken file cannot exhaust memory. Each is settable (the CLI's
/// `--max-megapixels` sets `maxPixels`), and a file over one fails with an `ImageIOError` naming the file, the
/// limit and the file's value (`fileTooLarge`, `tooManyPixels`).
public struct ImageLimits: Sendable, Equatable {
    /// Largest `width × height` accepted; checked from the PNG header before any pixel memory is allocated.
    public var maxPixels: Int
    /// Largest file accepted, checked before the file is read.
    public var maxFileBytes: Int

    public static let defaultMaxPixels = 64_000_000
    public static let defaultMaxFileBytes = 512 * 1024 * 1024

    public init(maxPixels: Int = ImageLimits.defaultMaxPixels, maxFileBytes: Int = ImageLimits.defaultMaxFileBytes) {
        self.maxPixels = maxPixels
        self.maxFileBytes = maxFileBytes
    }
}
