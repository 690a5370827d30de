// PLACEHOLDER: replaced by the implementation of this feature class.

/// Grey Level Size Zone Matrix features (PyRadiomics `glszm.py`).
public enum GLSZMFeature: String, CaseIterable, Hashable, Sendable {
    case grayLevelNonUniformity = "GrayLevelNonUniformity"
    case grayLevelNonUniformityNormalized = "GrayLevelNonUniformityNormalized"
    case grayLevelVariance = "GrayLevelVariance"
    case highGrayLevelZoneEmphasis = "HighGrayLevelZoneEmphasis"
    case largeAreaEmphasis = "LargeAreaEmphasis"
    case largeAreaHighGrayLevelEmphasis = "LargeAreaHighGrayLevelEmphasis"
    case largeAreaLowGrayLevelEmphasis = "LargeAreaLowGrayLevelEmphasis"
    case lowGrayLevelZoneEmphasis = "LowGrayLevelZoneEmphasis"
    case sizeZoneNonUniformity = "SizeZoneNonUniformity"
    case sizeZoneNonUniformityNormalized = "SizeZoneNonUniformityNormalized"
    case smallAreaEmphasis = "SmallAreaEmphasis"
    case smallAreaHighGrayLevelEmphasis = "SmallAreaHighGrayLevelEmphasis"
    case smallAreaLowGrayLevelEmphasis = "SmallAreaLowGrayLevelEmphasis"
    case zoneEntropy = "ZoneEntropy"
    case zonePercentage = "ZonePercentage"
    case zoneVariance = "ZoneVariance"
}

public enum GrayLevelSizeZoneMatrix: FeatureClass {
    public static let name = FeatureClassName.glszm
    public static let deprecated: Set<GLSZMFeature> = []

    public static func compute(_ features: [GLSZMFeature], input: FeatureInput) throws -> [Double] {
        throw FeatureError.invalidInput("glszm is not implemented yet")
    }
}
