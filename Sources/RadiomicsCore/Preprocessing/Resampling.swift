// PLACEHOLDER: replaced by the implementation.

/// PyRadiomics `resampleImage`: crop to the ROI's bounding box padded by `padDistance`, then resample image and mask
/// to `spacing` with SimpleITK semantics (image with `interpolator`, mask with nearest neighbour).
public enum Resampling {
    public static func resample(image: Image2D, mask: Mask2D, to spacing: [Double], interpolator: Interpolator,
                                padDistance: Int) throws -> (image: Image2D, mask: Mask2D) {
        throw FilterError.invalidSetting("resampling is not implemented yet")
    }
}
