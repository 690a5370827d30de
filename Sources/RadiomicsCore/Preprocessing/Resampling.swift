/// PyRadiomics `resampleImage` (imageoperations.py) for true 2D input, with SimpleITK 2.5's `ResampleImageFilter`.
///
/// 1. New spacing: 0 entries take the mask's spacing; so does any axis along which the ROI is one pixel wide.
/// 2. If that equals the image's spacing (`numpy.allclose`: |a − b| ≤ 1e-8 + 1e-5·|b|) nothing is interpolated:
///    image and mask are cropped to the ROI's box grown by `padDistance` (`cropToTumorMask`).
/// 3. Otherwise both are resampled onto the `ResamplingGrid` around the ROI: the image with `interpolator`, the
///    mask with nearest neighbour (the label map keeps its values, so `== label` afterwards is the same set as
///    nearest neighbour on the 0/1 mask); points outside the input get 0.
///
/// Supported interpolators: sitkNearestNeighbor, sitkLinear, sitkBSpline (cubic). Others throw.
public enum Resampling {
    public static let supportedInterpolators: [Interpolator] = [.nearestNeighbor, .linear, .bSpline]

    public static func resample(image: Image2D, mask: Mask2D, to spacing: [Double], interpolator: Interpolator,
                                padDistance: Int) throws -> (image: Image2D, mask: Mask2D) {
        guard spacing.count == 2 else {
            throw FilterError.invalidSetting("resampledPixelSpacing has \(spacing.count) values; 2D input needs 2")
        }
        guard spacing.allSatisfy({ $0 >= 0 && $0.isFinite }) else {
            throw FilterError.invalidSetting("resampledPixelSpacing must be non-negative, got \(spacing)")
        }
        guard image.width == mask.width, image.height == mask.height else {
            throw FilterError.invalidSetting("image and mask differ in size; cannot resample")
        }
        guard let box = mask.boundingBox else {
            throw FilterError.invalidSetting("mask is empty; cannot resample")
        }
        var newSpacing = PixelSpacing(x: spacing[0] == 0 ? mask.spacing.x : spacing[0],
                                      y: spacing[1] == 0 ? mask.spacing.y : spacing[1])
        if box.width == 1 { newSpacing.x = mask.spacing.x }
        if box.height == 1 { newSpacing.y = mask.spacing.y }

        if isClose(image.spacing.x, newSpacing.x) && isClose(image.spacing.y, newSpacing.y) {
            let padded = BoundingBox(minX: max(box.minX - padDistance, 0), minY: max(box.minY - padDistance, 0),
                                     maxX: min(box.maxX + padDistance, mask.width - 1),
                                     maxY: min(box.maxY + padDistance, mask.height - 1))
            return (image.cropped(to: padded), mask.cropped(to: padded))
        }
        guard supportedInterpolators.contains(interpolator) else {
            let names = supportedInterpolators.map(\.rawValue).joined(separator: ", ")
            throw FilterError.invalidSetting("interpolator \(interpolator.rawValue) is not supported for resampling; "
                                             + "use one of \(names)")
        }

        let grid = ResamplingGrid(box: box, maskSize: (mask.width, mask.height), maskSpacing: mask.spacing,
                                  maskOrigin: mask.origin, newSpacing: newSpacing, padDistance: padDistance)
        guard grid.width > 0, grid.height > 0 else {
            throw FilterError.invalidSetting("resampling grid is empty (\(grid.width) x \(grid.height) pixels)")
        }
        let pixels: [Double]
        switch interpolator {
        case .nearestNeighbor:
            pixels = sampleImage(NearestNeighbourInterpolator(width: image.width, height: image.height, pixels: image.pixels),
                                 image: image, grid: grid)
        case .linear:
            pixels = sampleImage(LinearInterpolator(width: image.width, height: image.height, pixels: image.pixels),
                                 image: image, grid: grid)
        default:
            pixels = sampleImage(CubicBSplineInterpolator(width: image.width, height: image.height, pixels: image.pixels),
                                 image: image, grid: grid)
        }
        let labels = NearestNeighbourInterpolator(width: mask.width, height: mask.height, pixels: mask.inside)
        let inside = grid.sample(labels, outside: false, inputWidth: mask.width, inputHeight: mask.height,
                                 inputSpacing: mask.spacing, inputOrigin: mask.origin)
        return (Image2D(width: grid.width, height: grid.height, spacing: grid.spacing, origin: grid.origin, pixels: pixels),
                Mask2D(width: grid.width, height: grid.height, spacing: grid.spacing, origin: grid.origin,
                       inside: inside))
    }

    private static func sampleImage<I: ContinuousIndexInterpolator>(_ interpolator: I, image: Image2D,
                                                                    grid: ResamplingGrid) -> [Double] where I.Value == Double {
        grid.sample(interpolator, outside: 0, inputWidth: image.width, inputHeight: image.height, inputSpacing: image.spacing,
                    inputOrigin: image.origin)
    }

    /// `numpy.allclose` for one pair (rtol 1e-5, atol 1e-8; b is the resampled spacing).
    static func isClose(_ a: Double, _ b: Double) -> Bool {
        abs(a - b) <= 1e-8 + 1e-5 * abs(b)
    }
}
