/// PyRadiomics' `setting:` block, typed. Defaults are PyRadiomics 3.1's (see its
/// `docs/customization.rst` and the `kwargs.get(...)` defaults in `imageoperations.py` and the feature classes).
///
/// An image type's own block (`imageType: {LoG: {sigma: [1.0]}}`) overrides these per image type, exactly as
/// PyRadiomics merges `customKwargs` over the global settings.
public struct RadiomicsSettings: Sendable, Equatable {
    // MARK: Mask and ROI checks
    public var label: Int = 1
    public var labelChannel: Int = 0
    public var minimumROIDimensions: Int = 2
    public var minimumROISize: Int? = nil
    public var geometryTolerance: Double? = nil
    public var correctMask: Bool = false
    public var additionalInfo: Bool = true

    // MARK: Discretisation
    public var binWidth: Double = 25
    public var binCount: Int? = nil

    // MARK: Pre-processing
    public var normalize: Bool = false
    public var normalizeScale: Double = 1
    public var removeOutliers: Double? = nil
    public var resampledPixelSpacing: [Double]? = nil
    public var interpolator: Interpolator = .bSpline
    public var padDistance: Int = 5
    public var preCrop: Bool = false
    public var force2D: Bool = false
    public var force2Ddimension: Int = 0
    public var resegmentRange: [Double]? = nil
    public var resegmentMode: ResegmentMode = .absolute
    public var resegmentShape: Bool = false
    /// RadFleet extension (seed 004): before anything else, clip intensities to these percentiles of the
    /// whole image (e.g. `[0.5, 99.5]`). Key `radfleetClipPercentiles`; PyRadiomics has no equivalent.
    public var clipPercentiles: [Double]? = nil

    // MARK: Filters
    public var sigma: [Double] = []
    public var startLevel: Int = 0
    public var level: Int = 1
    public var wavelet: String = "coif1"
    public var gradientUseSpacing: Bool = true

    // MARK: Feature classes
    public var voxelArrayShift: Double = 0
    public var distances: [Int] = [1]
    public var symmetricalGLCM: Bool = true
    public var weightingNorm: WeightingNorm? = nil
    public var gldmA: Double = 0

    public init() {}
}

/// SimpleITK interpolators PyRadiomics accepts by name (`sitkBSpline` is its default).
public enum Interpolator: String, Sendable, CaseIterable {
    case nearestNeighbor = "sitkNearestNeighbor"
    case linear = "sitkLinear"
    case bSpline = "sitkBSpline"
    case gaussian = "sitkGaussian"
    case labelGaussian = "sitkLabelGaussian"
    case hammingWindowedSinc = "sitkHammingWindowedSinc"
    case cosineWindowedSinc = "sitkCosineWindowedSinc"
    case welchWindowedSinc = "sitkWelchWindowedSinc"
    case lanczosWindowedSinc = "sitkLanczosWindowedSinc"
    case blackmanWindowedSinc = "sitkBlackmanWindowedSinc"

    /// SimpleITK's enum values, which PyRadiomics also accepts as integers in parameter files.
    public init?(sitkCode: Int) {
        let table: [Int: Interpolator] = [1: .nearestNeighbor, 2: .linear, 3: .bSpline, 4: .gaussian, 5: .labelGaussian,
                                          6: .hammingWindowedSinc, 7: .cosineWindowedSinc, 8: .welchWindowedSinc,
                                          9: .lanczosWindowedSinc, 10: .blackmanWindowedSinc]
        guard let value = table[sitkCode] else { return nil }
        self = value
    }
}

public enum ResegmentMode: String, Sendable, CaseIterable {
    case absolute, relative, sigma
}

/// GLCM/GLRLM angle weighting (`weightingNorm`); nil = average over angles.
public enum WeightingNorm: String, Sendable, CaseIterable {
    case manhattan, euclidean, infinity, no_weighting
}
