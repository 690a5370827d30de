import RadiomicsCore
import Yams

/// PyRadiomics' `featureClass:` block: classes in file order, each `null` or `[]` for all its (non-deprecated)
/// features, or a list of feature names (deprecated ones allowed when named), checked against the class's
/// `Feature` enum.
enum FeatureClassBlock {
    static func read(_ node: Node, reader r: YAMLReader,
                     notes: inout [String]) throws(ParameterFileError) -> [(FeatureClassName, FeatureSelection)]? {
        // paramSchema's checkFeatureClass: "featureClass dictionary cannot be None value".
        guard let pairs = try r.mapping(node, "featureClass") else {
            throw r.error("featureClass", node, .nullNotAllowed(expected: "a mapping of feature classes"))
        }
        // An empty block means every class, as PyRadiomics' `_applyParams`.
        if pairs.isEmpty { return nil }
        var classes: [(FeatureClassName, FeatureSelection)] = []
        for (key, value, path) in pairs {
            guard let name = FeatureClassName(rawValue: key) else {
                throw r.error(path, value, .unknownFeatureClass(allowed: FeatureClassName.allCases.map(\.rawValue)))
            }
            if name == .shape {
                notes.append("featureClass.shape: 3D shape features are not computed for 2D input (use shape2D)")
            }
            let names: [String] = r.isNull(value) ? [] : try r.list(value, path) { (n, p) throws(ParameterFileError) in
                try r.string(n, p)
            }
            for (i, feature) in names.enumerated() where !isKnown(feature, in: name) {
                throw r.error("\(path)[\(i)]", value, .unknownFeature(featureClass: key, feature: feature))
            }
            classes.append((name, names.isEmpty ? .all : .named(names)))
        }
        return classes
    }

    static func isKnown(_ feature: String, in name: FeatureClassName) -> Bool {
        func known<C: FeatureClass>(_: C.Type) -> Bool { (try? C.features(named: [feature])) != nil }
        switch name {
        case .shape2D: return known(Shape2D.self)
        case .firstorder: return known(FirstOrder.self)
        case .glcm: return known(GrayLevelCooccurrenceMatrix.self)
        case .glrlm: return known(GrayLevelRunLengthMatrix.self)
        case .glszm: return known(GrayLevelSizeZoneMatrix.self)
        case .gldm: return known(GrayLevelDependenceMatrix.self)
        case .ngtdm: return known(NeighbouringGrayToneDifferenceMatrix.self)
        case .shape: return shape3D.contains(feature)
        }
    }

    /// PyRadiomics `RadiomicsShape.getFeatureNames()` (3D shape; RadFleet has no implementation to name them).
    static let shape3D: Set<String> = [
        "Compactness1", "Compactness2", "Elongation", "Flatness", "LeastAxisLength", "MajorAxisLength",
        "Maximum2DDiameterColumn", "Maximum2DDiameterRow", "Maximum2DDiameterSlice", "Maximum3DDiameter", "MeshVolume",
        "MinorAxisLength", "SphericalDisproportion", "Sphericity", "SurfaceArea", "SurfaceVolumeRatio", "VoxelVolume",
    ]
}
