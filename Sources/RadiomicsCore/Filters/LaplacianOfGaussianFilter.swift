// PLACEHOLDER: replaced by the implementation.

/// Laplacian of Gaussian as PyRadiomics `getLoGImage` (SimpleITK `LaplacianRecursiveGaussianImageFilter`).
public enum LaplacianOfGaussianFilter {
    /// One image per sigma, named `log-sigma-<sigma with . as ->-mm-3D` (PyRadiomics' name, even for 2D).
    public static func images(_ image: Image2D, mask: Mask2D, sigmas: [Double]) throws -> [DerivedImage] {
        throw FilterError.invalidSetting("LoG is not implemented yet")
    }
}
