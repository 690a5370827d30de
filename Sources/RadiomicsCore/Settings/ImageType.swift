/// The image types PyRadiomics derives features from (`imageType:` keys), in PyRadiomics' spelling.
public enum ImageTypeName: String, Sendable, CaseIterable {
    case original = "Original"
    case wavelet = "Wavelet"
    case log = "LoG"
    case square = "Square"
    case squareRoot = "SquareRoot"
    case logarithm = "Logarithm"
    case exponential = "Exponential"
    case gradient = "Gradient"
    case lbp2D = "LBP2D"
    case lbp3D = "LBP3D"
}

/// One enabled image type with its effective settings (global settings with the type's own block merged over them).
public struct ImageTypeSpec: Sendable, Equatable {
    public var name: ImageTypeName
    public var settings: RadiomicsSettings

    public init(name: ImageTypeName, settings: RadiomicsSettings) {
        self.name = name
        self.settings = settings
    }
}

/// The feature classes, in PyRadiomics' spelling (`featureClass:` keys).
public enum FeatureClassName: String, Sendable, CaseIterable {
    case shape2D
    case shape
    case firstorder
    case glcm
    case glrlm
    case glszm
    case gldm
    case ngtdm
}

/// Which features of a class are enabled: all non-deprecated ones, or the named ones (deprecated included).
public enum FeatureSelection: Sendable, Equatable {
    case all
    case named([String])
}

/// A whole PyRadiomics parameter file, typed: settings, image types in file order, feature classes in file order.
public struct ExtractionParameters: Sendable, Equatable {
    public var settings: RadiomicsSettings
    public var imageTypes: [ImageTypeSpec]
    public var featureClasses: [(FeatureClassName, FeatureSelection)]

    public init(settings: RadiomicsSettings = RadiomicsSettings(),
                imageTypes: [ImageTypeSpec]? = nil,
                featureClasses: [(FeatureClassName, FeatureSelection)]? = nil) {
        self.settings = settings
        self.imageTypes = imageTypes ?? [ImageTypeSpec(name: .original, settings: settings)]
        // PyRadiomics' default with no featureClass block: every class it has (shape is skipped for 2D input).
        self.featureClasses = featureClasses ?? [(.firstorder, .all), (.glcm, .all), (.gldm, .all), (.glrlm, .all),
                                                 (.glszm, .all), (.ngtdm, .all), (.shape2D, .all)]
    }

    public static func == (a: ExtractionParameters, b: ExtractionParameters) -> Bool {
        a.settings == b.settings && a.imageTypes == b.imageTypes
            && a.featureClasses.map(\.0) == b.featureClasses.map(\.0) && a.featureClasses.map(\.1) == b.featureClasses.map(\.1)
    }
}
