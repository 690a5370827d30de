// PLACEHOLDER: replaced by the implementation.

/// PyRadiomics' point-wise filters: Square, SquareRoot, Logarithm, Exponential (`imageoperations.py`).
public enum IntensityFilters {
    public static func square(_ image: Image2D) -> Image2D { image }
    public static func squareRoot(_ image: Image2D) -> Image2D { image }
    public static func logarithm(_ image: Image2D) -> Image2D { image }
    public static func exponential(_ image: Image2D) -> Image2D { image }
}
