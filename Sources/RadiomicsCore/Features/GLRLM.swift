// PLACEHOLDER: replaced by the implementation of this feature class.

/// Grey Level Run Length Matrix features (PyRadiomics `glrlm.py`).
public enum GLRLMFeature: String, CaseIterable, Hashable, Sendable {
    case grayLevelNonUniformity = "GrayLevelNonUniformity"
    case grayLevelNonUniformityNormalized = "GrayLevelNonUniformityNormalized"
    case grayLevelVariance = "GrayLevelVariance"
    case highGrayLevelRunEmphasis = "HighGrayLevelRunEmphasis"
    case longRunEmphasis = "LongRunEmphasis"
    case longRunHighGrayLevelEmphasis = "LongRunHighGrayLevelEmphasis"
    case longRunLowGrayLevelEmphasis = "LongRunLowGrayLevelEmphasis"
    case lowGrayLevelRunEmphasis = "LowGrayLevelRunEmphasis"
    case runEntropy = "RunEntropy"
    case runLengthNonUniformity = "RunLengthNonUniformity"
    case runLengthNonUniformityNormalized = "RunLengthNonUniformityNormalized"
    case runPercentage = "RunPercentage"
    case runVariance = "RunVariance"
    case shortRunEmphasis = "ShortRunEmphasis"
    case shortRunHighGrayLevelEmphasis = "ShortRunHighGrayLevelEmphasis"
    case shortRunLowGrayLevelEmphasis = "ShortRunLowGrayLevelEmphasis"
}

public enum GrayLevelRunLengthMatrix: FeatureClass {
    public static let name = FeatureClassName.glrlm
    public static let deprecated: Set<GLRLMFeature> = []

    public static func compute(_ features: [GLRLMFeature], input: FeatureInput) throws -> [Double] {
        throw FeatureError.invalidInput("glrlm is not implemented yet")
    }
}
