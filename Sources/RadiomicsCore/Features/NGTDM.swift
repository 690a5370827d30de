// PLACEHOLDER: replaced by the implementation of this feature class.

/// Neighbouring Grey Tone Difference Matrix features (PyRadiomics `ngtdm.py`).
public enum NGTDMFeature: String, CaseIterable, Hashable, Sendable {
    case busyness = "Busyness"
    case coarseness = "Coarseness"
    case complexity = "Complexity"
    case contrast = "Contrast"
    case strength = "Strength"
}

public enum NeighbouringGrayToneDifferenceMatrix: FeatureClass {
    public static let name = FeatureClassName.ngtdm
    public static let deprecated: Set<NGTDMFeature> = []

    public static func compute(_ features: [NGTDMFeature], input: FeatureInput) throws -> [Double] {
        throw FeatureError.invalidInput("ngtdm is not implemented yet")
    }
}
