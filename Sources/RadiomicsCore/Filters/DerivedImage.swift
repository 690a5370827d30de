/// One image a filter yields, named as PyRadiomics names it in output keys (`original`, `wavelet-LH`,
/// `log-sigma-1-0-mm-3D`, `square`, ...).
public struct DerivedImage: Sendable {
    public let name: String
    public let image: Image2D
    /// Set when the filter computed only this part of the input (then `image` is that crop); nil for whole images.
    public let region: BoundingBox?

    public init(name: String, image: Image2D, region: BoundingBox? = nil) {
        self.name = name
        self.image = image
        self.region = region
    }

    /// The derived image inside `box` of the input.
    public func cropped(to box: BoundingBox) -> Image2D {
        guard let region else { return image.cropped(to: box) }
        if region == box { return image }
        return image.cropped(to: BoundingBox(minX: box.minX - region.minX, minY: box.minY - region.minY,
                                             maxX: box.maxX - region.minX, maxY: box.maxY - region.minY))
    }
}

public enum FilterError: Error, Equatable, Sendable, CustomStringConvertible {
    case unknownWavelet(String)
    case invalidSetting(String)
    case unsupportedImageType(String)

    public var description: String {
        switch self {
        case let .unknownWavelet(w): return "unknown wavelet '\(w)'"
        case let .invalidSetting(why): return why
        case let .unsupportedImageType(t): return "image type '\(t)' is not supported for 2D input"
        }
    }
}

extension ImageTypeSpec {
    /// The derived images of this image type, in PyRadiomics' order (its `get<Type>Image` generators).
    /// Filters run on the whole (pre-processed) image — the wavelet only where the ROI's values depend on it —;
    /// the extractor crops to the ROI afterwards.
    public func derivedImages(from image: Image2D, mask: Mask2D) throws -> [DerivedImage] {
        switch name {
        case .original:
            return [DerivedImage(name: "original", image: image)]
        case .wavelet:
            return try WaveletFilter.decompose(image, wavelet: settings.wavelet, level: settings.level, startLevel: settings.startLevel,
                                               force2DDimension: settings.force2D ? settings.force2Ddimension : nil,
                                               region: mask.boundingBox)
        case .log:
            return try LaplacianOfGaussianFilter.images(image, mask: mask, sigmas: settings.sigma)
        case .square:
            return [DerivedImage(name: "square", image: IntensityFilters.square(image))]
        case .squareRoot:
            return [DerivedImage(name: "squareroot", image: IntensityFilters.squareRoot(image))]
        case .logarithm:
            return [DerivedImage(name: "logarithm", image: IntensityFilters.logarithm(image))]
        case .exponential:
            return [DerivedImage(name: "exponential", image: IntensityFilters.exponential(image))]
        case .gradient:
            return [DerivedImage(name: "gradient", image: GradientFilter.magnitude(image, useSpacing: settings.gradientUseSpacing))]
        case .lbp2D, .lbp3D:
            throw FilterError.unsupportedImageType(name.rawValue)
        }
    }
}
