// PLACEHOLDER: replaced by the implementation of this feature class.

/// Grey Level Co-occurrence Matrix features (PyRadiomics `glcm.py`).
public enum GLCMFeature: String, CaseIterable, Hashable, Sendable {
    case autocorrelation = "Autocorrelation"
    case clusterProminence = "ClusterProminence"
    case clusterShade = "ClusterShade"
    case clusterTendency = "ClusterTendency"
    case contrast = "Contrast"
    case correlation = "Correlation"
    case differenceAverage = "DifferenceAverage"
    case differenceEntropy = "DifferenceEntropy"
    case differenceVariance = "DifferenceVariance"
    case id = "Id"
    case idm = "Idm"
    case idmn = "Idmn"
    case idn = "Idn"
    case imc1 = "Imc1"
    case imc2 = "Imc2"
    case inverseVariance = "InverseVariance"
    case jointAverage = "JointAverage"
    case jointEnergy = "JointEnergy"
    case jointEntropy = "JointEntropy"
    case mCC = "MCC"
    case maximumProbability = "MaximumProbability"
    case sumAverage = "SumAverage"
    case sumEntropy = "SumEntropy"
    case sumSquares = "SumSquares"
}

public enum GrayLevelCooccurrenceMatrix: FeatureClass {
    public static let name = FeatureClassName.glcm
    public static let deprecated: Set<GLCMFeature> = []

    public static func compute(_ features: [GLCMFeature], input: FeatureInput) throws -> [Double] {
        throw FeatureError.invalidInput("glcm is not implemented yet")
    }
}
