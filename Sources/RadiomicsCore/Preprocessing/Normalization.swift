// PLACEHOLDER: replaced by the implementation.

/// PyRadiomics `normalizeImage`: z-score of the whole image times `normalizeScale`, optional outlier removal.
public enum Normalization {
    public static func normalize(_ image: Image2D, scale: Double, removeOutliers: Double?) -> Image2D { image }
}
