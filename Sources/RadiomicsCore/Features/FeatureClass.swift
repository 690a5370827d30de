/// What a feature class is handed for one image type: the (filtered) image and the ROI, both cropped to the ROI's
/// bounding box with no padding (PyRadiomics `cropToTumorMask(..., padDistance=0)`), and the effective settings.
public struct FeatureInput: Sendable {
    public let image: Image2D
    public let mask: Mask2D
    public let settings: RadiomicsSettings
    private let discretization: DiscretizedImage?

    /// - Parameter discretize: compute the discretised image once here, for every class that asks for it
    ///   (PyRadiomics bins again in each class, with the same result); false where no class needs it (shape).
    public init(image: Image2D, mask: Mask2D, settings: RadiomicsSettings, discretize: Bool = true) {
        precondition(image.width == mask.width && image.height == mask.height, "FeatureInput: image and mask differ in size")
        self.image = image
        self.mask = mask
        self.settings = settings
        self.discretization = discretize ? DiscretizedImage(image: image, mask: mask, settings: settings) : nil
    }

    /// The image discretised inside the ROI with `settings` (binWidth or binCount), as PyRadiomics `binImage`.
    public func discretized() -> DiscretizedImage {
        discretization ?? DiscretizedImage(image: image, mask: mask, settings: settings)
    }
}

/// A PyRadiomics feature class: a `Feature` enum whose raw values are PyRadiomics' feature names, declared in
/// PyRadiomics' output order, and a function that computes the requested ones.
public protocol FeatureClass {
    associatedtype Feature: RawRepresentable, CaseIterable, Hashable, Sendable where Feature.RawValue == String

    /// PyRadiomics' class name, as in output keys (`glcm`, `shape2D`).
    static var name: FeatureClassName { get }

    /// Features PyRadiomics marks deprecated: not enabled by "all", computed only when named.
    static var deprecated: Set<Feature> { get }

    /// Deprecated features whose PyRadiomics getter raises `DeprecationWarning`, so that even when named they
    /// produce no output key. The extractor leaves them out, as PyRadiomics does.
    static var withoutValue: Set<Feature> { get }

    /// Values of `features`, in the order given. Throws `FeatureError` where PyRadiomics would fail the class.
    static func compute(_ features: [Feature], input: FeatureInput) throws -> [Double]
}

extension FeatureClass {
    public static var withoutValue: Set<Feature> { [] }

    /// The features enabled by PyRadiomics' "all": every non-deprecated one, in declaration order.
    public static var defaultFeatures: [Feature] { Feature.allCases.filter { !deprecated.contains($0) } }

    /// Resolves names from a parameter file; an unknown name is an error that names it.
    public static func features(named names: [String]) throws -> [Feature] {
        try names.map { name in
            guard let f = Feature(rawValue: name) else {
                throw FeatureError.unknownFeature(featureClass: Self.name.rawValue, feature: name)
            }
            return f
        }
    }
}

public enum FeatureError: Error, Equatable, Sendable, CustomStringConvertible {
    case unknownFeature(featureClass: String, feature: String)
    case unsupportedClass(String)
    case emptyROI
    case invalidInput(String)

    public var description: String {
        switch self {
        case let .unknownFeature(c, f): return "unknown feature '\(f)' in feature class '\(c)'"
        case let .unsupportedClass(c): return "feature class '\(c)' is not available for 2D input"
        case .emptyROI: return "the ROI is empty"
        case let .invalidInput(why): return why
        }
    }
}
