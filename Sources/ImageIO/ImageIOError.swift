/// Why an image or mask file could not be read or written. Every case names the file (`file`) and says why
/// (`reason`); `description` is the one line the CLI prints: `path: reason`.
public enum ImageIOError: Error, Equatable, Sendable, CustomStringConvertible {
    case emptyPath
    /// Missing, a directory, no permission, an I/O error: `reason` is the system's.
    case unreadableFile(path: String, reason: String)
    case fileTooLarge(path: String, bytes: Int, limit: Int)
    case notPNG(path: String)
    case truncated(path: String)
    /// libpng rejected the data (bad CRC, bad IHDR, zlib stream error, ...): `reason` is libpng's message.
    case corrupt(path: String, reason: String)
    case unsupportedBitDepth(path: String, reason: String)
    case tooManyPixels(path: String, width: Int, height: Int, limit: Int)
    case outOfMemory(path: String)
    /// Image and mask of one case differ in size.
    case sizeMismatch(image: String, mask: String, imageSize: Size, maskSize: Size)
    case writeFailed(path: String, reason: String)

    public struct Size: Equatable, Sendable, CustomStringConvertible {
        public let width: Int
        public let height: Int
        public init(width: Int, height: Int) {
            self.width = width
            self.height = height
        }
        public var description: String { "\(width) x \(height)" }
    }

    /// The file concerned (the mask for a size mismatch; `<bytes>`-style labels for in-memory data).
    public var file: String {
        switch self {
        case .emptyPath: return "(empty path)"
        case let .unreadableFile(path, _), let .fileTooLarge(path, _, _), let .notPNG(path), let .truncated(path),
             let .corrupt(path, _), let .unsupportedBitDepth(path, _), let .tooManyPixels(path, _, _, _),
             let .outOfMemory(path), let .writeFailed(path, _):
            return path
        case let .sizeMismatch(_, mask, _, _): return mask
        }
    }

    public var reason: String {
        switch self {
        case .emptyPath: return "no file name given"
        case let .unreadableFile(_, why): return "cannot read the file (\(why))"
        case let .fileTooLarge(_, bytes, limit): return "file of \(bytes) bytes exceeds the image file-size limit of \(limit) bytes"
        case .notPNG: return "not a PNG file (no PNG signature)"
        case .truncated: return "truncated PNG file (the data ends before the image does)"
        case let .corrupt(_, why): return "corrupt PNG file (\(why))"
        case let .unsupportedBitDepth(_, why): return "unsupported bit depth or colour type (\(why))"
        case let .tooManyPixels(_, w, h, limit):
            return "\(w) x \(h) = \(w * h) pixels exceeds the image pixel limit of \(limit) pixels"
        case .outOfMemory: return "not enough memory to decode the image"
        case let .sizeMismatch(image, _, imageSize, maskSize):
            return "mask is \(maskSize) pixels but the image (\(image)) is \(imageSize)"
        case let .writeFailed(_, why): return "cannot write the file (\(why))"
        }
    }

    public var description: String { "\(file): \(reason)" }
}

/// The name under which `LoadedCase` errors are caught by callers written against the case-loading API.
public typealias CaseLoadError = ImageIOError
