import RadiomicsCore
import Yams

/// PyRadiomics' `imageType:` block: image types in file order, each with its own settings block merged over the
/// global settings (PyRadiomics `args = settings.copy(); args.update(customKwargs)`).
enum ImageTypeBlock {
    static let supported: [ImageTypeName] = ImageTypeName.allCases.filter { $0 != .lbp2D && $0 != .lbp3D }

    static func read(_ node: Node, global: RadiomicsSettings, reader r: YAMLReader) throws(ParameterFileError) -> [ImageTypeSpec]? {
        // paramSchema's checkImageType: "imageType dictionary cannot be None value".
        guard let pairs = try r.mapping(node, "imageType") else {
            throw r.error("imageType", node, .nullNotAllowed(expected: "a mapping of image types"))
        }
        // An empty block means Original only, as PyRadiomics' `_applyParams`.
        if pairs.isEmpty { return nil }
        var specs: [ImageTypeSpec] = []
        for (key, value, path) in pairs {
            guard let name = ImageTypeName(rawValue: key) else {
                throw r.error(path, value, .unknownImageType(allowed: ImageTypeName.allCases.map(\.rawValue)))
            }
            guard supported.contains(name) else {
                throw r.error(path, value, .unsupportedImageType("local binary patterns (\(key)) are not implemented"))
            }
            var settings = global
            // `Original: {}` means no custom settings; `Original:` (null) is rejected, as paramSchema does.
            try SettingKeys.apply(r.requiredMapping(value, path), to: &settings, reader: r)
            specs.append(ImageTypeSpec(name: name, settings: settings))
        }
        return specs
    }
}
