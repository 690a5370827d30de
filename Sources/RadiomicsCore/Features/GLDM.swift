// PLACEHOLDER: replaced by the implementation of this feature class.

/// Grey Level Dependence Matrix features (PyRadiomics `gldm.py`).
public enum GLDMFeature: String, CaseIterable, Hashable, Sendable {
    case dependenceEntropy = "DependenceEntropy"
    case dependenceNonUniformity = "DependenceNonUniformity"
    case dependenceNonUniformityNormalized = "DependenceNonUniformityNormalized"
    case dependenceVariance = "DependenceVariance"
    case grayLevelNonUniformity = "GrayLevelNonUniformity"
    case grayLevelVariance = "GrayLevelVariance"
    case highGrayLevelEmphasis = "HighGrayLevelEmphasis"
    case largeDependenceEmphasis = "LargeDependenceEmphasis"
    case largeDependenceHighGrayLevelEmphasis = "LargeDependenceHighGrayLevelEmphasis"
    case largeDependenceLowGrayLevelEmphasis = "LargeDependenceLowGrayLevelEmphasis"
    case lowGrayLevelEmphasis = "LowGrayLevelEmphasis"
    case smallDependenceEmphasis = "SmallDependenceEmphasis"
    case smallDependenceHighGrayLevelEmphasis = "SmallDependenceHighGrayLevelEmphasis"
    case smallDependenceLowGrayLevelEmphasis = "SmallDependenceLowGrayLevelEmphasis"
}

public enum GrayLevelDependenceMatrix: FeatureClass {
    public static let name = FeatureClassName.gldm
    public static let deprecated: Set<GLDMFeature> = []

    public static func compute(_ features: [GLDMFeature], input: FeatureInput) throws -> [Double] {
        throw FeatureError.invalidInput("gldm is not implemented yet")
    }
}
