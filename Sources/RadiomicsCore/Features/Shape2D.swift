// PLACEHOLDER: replaced by the implementation of this feature class.

/// 2D shape descriptors of the ROI (PyRadiomics `shape2D.py`).
public enum Shape2DFeature: String, CaseIterable, Hashable, Sendable {
    case elongation = "Elongation"
    case majorAxisLength = "MajorAxisLength"
    case maximumDiameter = "MaximumDiameter"
    case meshSurface = "MeshSurface"
    case minorAxisLength = "MinorAxisLength"
    case perimeter = "Perimeter"
    case perimeterSurfaceRatio = "PerimeterSurfaceRatio"
    case pixelSurface = "PixelSurface"
    case sphericity = "Sphericity"
}

public enum Shape2D: FeatureClass {
    public static let name = FeatureClassName.shape2D
    public static let deprecated: Set<Shape2DFeature> = []

    public static func compute(_ features: [Shape2DFeature], input: FeatureInput) throws -> [Double] {
        throw FeatureError.invalidInput("shape2D is not implemented yet")
    }
}
