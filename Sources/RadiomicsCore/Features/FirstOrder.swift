// PLACEHOLDER: replaced by the implementation of this feature class.

/// First-order statistics of the ROI intensities (PyRadiomics `firstorder.py`).
public enum FirstOrderFeature: String, CaseIterable, Hashable, Sendable {
    case p10Percentile = "10Percentile"
    case p90Percentile = "90Percentile"
    case energy = "Energy"
    case entropy = "Entropy"
    case interquartileRange = "InterquartileRange"
    case kurtosis = "Kurtosis"
    case maximum = "Maximum"
    case meanAbsoluteDeviation = "MeanAbsoluteDeviation"
    case mean = "Mean"
    case median = "Median"
    case minimum = "Minimum"
    case range = "Range"
    case robustMeanAbsoluteDeviation = "RobustMeanAbsoluteDeviation"
    case rootMeanSquared = "RootMeanSquared"
    case skewness = "Skewness"
    case totalEnergy = "TotalEnergy"
    case uniformity = "Uniformity"
    case variance = "Variance"
}

public enum FirstOrder: FeatureClass {
    public static let name = FeatureClassName.firstorder
    public static let deprecated: Set<FirstOrderFeature> = []

    public static func compute(_ features: [FirstOrderFeature], input: FeatureInput) throws -> [Double] {
        throw FeatureError.invalidInput("firstorder is not implemented yet")
    }
}
