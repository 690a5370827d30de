/// Why a case could not be extracted. Each names the fact that failed; the caller adds the file and case id.
public enum ExtractionError: Error, Equatable, Sendable, CustomStringConvertible {
    case sizeMismatch(image: (width: Int, height: Int), mask: (width: Int, height: Int))
    case emptyMask
    case labelNotPresent(label: Int, present: [Int])
    case singlePixel
    case tooFewDimensions(found: Int, required: Int)
    case roiTooSmall(size: Int, minimum: Int)
    case resegmentationTooSmall(retained: Int)
    case invalidSetting(String)
    case feature(featureClass: String, imageType: String, FeatureError)
    case filter(imageType: String, FilterError)

    public var description: String {
        switch self {
        case let .sizeMismatch(i, m):
            return "image is \(i.width) x \(i.height) pixels but mask is \(m.width) x \(m.height)"
        case .emptyMask:
            return "mask is empty (no labels found, nothing is segmented)"
        case let .labelNotPresent(label, present):
            return "label \(label) not present in mask (labels found: \(present.map(String.init).joined(separator: ", ")))"
        case .singlePixel:
            return "mask holds a single pixel; features cannot be extracted from one pixel"
        case let .tooFewDimensions(found, required):
            return "ROI spans \(found) dimension(s); minimumROIDimensions is \(required)"
        case let .roiTooSmall(size, minimum):
            return "ROI has \(size) pixels; minimumROISize requires more than \(minimum)"
        case let .resegmentationTooSmall(retained):
            return "resegmentation left \(retained) pixel(s) in the ROI"
        case let .invalidSetting(why):
            return why
        case let .feature(c, t, e):
            return "\(t) \(c): \(e)"
        case let .filter(t, e):
            return "\(t) filter: \(e)"
        }
    }

    public static func == (a: ExtractionError, b: ExtractionError) -> Bool { a.description == b.description }
}
