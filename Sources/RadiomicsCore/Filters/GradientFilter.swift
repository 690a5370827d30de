// PLACEHOLDER: replaced by the implementation.

/// Gradient magnitude as PyRadiomics `getGradientImage` (SimpleITK `GradientMagnitudeImageFilter`).
public enum GradientFilter {
    public static func magnitude(_ image: Image2D, useSpacing: Bool) -> Image2D { image }
}
