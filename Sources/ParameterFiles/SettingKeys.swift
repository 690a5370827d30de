import RadiomicsCore
import Yams

/// The keys of PyRadiomics' `setting:` block (and of each image type's own block), with their schema types and
/// ranges from `radiomics/schemas/paramSchema.yaml`, read into `RadiomicsSettings`.
enum SettingKeys {
    /// Every accepted key, PyRadiomics' spelling, in paramSchema.yaml's order, then RadFleet's extension.
    static let all = [
        "minimumROIDimensions", "minimumROISize", "geometryTolerance", "correctMask", "additionalInfo", "label",
        "label_channel", "binWidth", "binCount", "normalize", "normalizeScale", "removeOutliers",
        "resampledPixelSpacing", "interpolator", "padDistance", "distances", "force2D", "force2Ddimension",
        "resegmentRange", "resegmentMode", "resegmentShape", "preCrop", "sigma", "start_level", "level", "wavelet",
        "gradientUseSpacing", "lbp2DRadius", "lbp2DSamples", "lbp2DMethod", "lbp3DLevels", "lbp3DIcosphereRadius",
        "lbp3DIcosphereSubdivision", "voxelArrayShift", "symmetricalGLCM", "weightingNorm", "gldm_a",
        "radfleetClipPercentiles",
    ]

    /// Reads the pairs of a settings block over `settings` (PyRadiomics `settings.update(block)`).
    static func apply(_ pairs: [(key: String, value: Node, path: String)], to settings: inout RadiomicsSettings,
                      reader r: YAMLReader) throws(ParameterFileError) {
        for (key, n, path) in pairs { try apply(key, n, path, to: &settings, reader: r) }
    }

    // One case per key; the compiler keeps this in step with RadiomicsSettings' fields.
    // swiftlint:disable:next cyclomatic_complexity function_body_length
    static func apply(_ key: String, _ n: Node, _ p: String, to s: inout RadiomicsSettings,
                      reader r: YAMLReader) throws(ParameterFileError) {
        switch key {
        case "minimumROIDimensions": s.minimumROIDimensions = try r.check(r.int(n, p), n, p, min: 1, max: 3)
        case "minimumROISize": s.minimumROISize = r.isNull(n) ? nil : try r.check(r.int(n, p), n, p, minExclusive: 0)
        case "geometryTolerance": s.geometryTolerance = r.isNull(n) ? nil : try r.check(r.float(n, p), n, p, minExclusive: 0)
        case "correctMask": s.correctMask = try r.bool(n, p)
        case "additionalInfo": s.additionalInfo = try r.bool(n, p)
        case "label": s.label = try r.check(r.int(n, p), n, p, minExclusive: 0)
        case "label_channel": s.labelChannel = try r.check(r.int(n, p), n, p, min: 0)
        case "binWidth": s.binWidth = try r.check(r.float(n, p), n, p, minExclusive: 0)
        case "binCount": s.binCount = r.isNull(n) ? nil : try r.check(r.int(n, p), n, p, minExclusive: 0)
        case "normalize": s.normalize = try r.bool(n, p)
        case "normalizeScale": s.normalizeScale = try r.check(r.float(n, p), n, p, minExclusive: 0)
        case "removeOutliers": s.removeOutliers = r.isNull(n) ? nil : try r.check(r.float(n, p), n, p, minExclusive: 0)
        case "resampledPixelSpacing":
            s.resampledPixelSpacing = r.isNull(n) ? nil : try r.list(n, p) { (i, ip) throws(ParameterFileError) in
                try r.check(r.float(i, ip), i, ip, min: 0)
            }
        case "interpolator": s.interpolator = try interpolator(n, p, r)
        case "padDistance": s.padDistance = try r.check(r.int(n, p), n, p, min: 0)
        case "distances":
            s.distances = try r.list(n, p) { (i, ip) throws(ParameterFileError) in try r.check(r.int(i, ip), i, ip, minExclusive: 0) }
        case "force2D": s.force2D = try r.bool(n, p)
        case "force2Ddimension": s.force2Ddimension = try r.check(r.int(n, p), n, p, min: 0, max: 2)
        case "resegmentRange":
            if r.isNull(n) { s.resegmentRange = nil; return }
            let range = try r.list(n, p) { (i, ip) throws(ParameterFileError) in try r.float(i, ip) }
            // PyRadiomics `resegmentMask` raises for any other length.
            guard (1...2).contains(range.count) else {
                throw r.error(p, n, .outOfRange("1 or 2 thresholds, found \(range.count)"))
            }
            s.resegmentRange = range
        case "resegmentMode": s.resegmentMode = try oneOf(n, p, r, ResegmentMode.self)
        case "resegmentShape": s.resegmentShape = try r.bool(n, p)
        case "preCrop": s.preCrop = try r.bool(n, p)
        case "sigma":
            s.sigma = try r.list(n, p) { (i, ip) throws(ParameterFileError) in try r.check(r.float(i, ip), i, ip, minExclusive: 0) }
        case "start_level": s.startLevel = try r.check(r.int(n, p), n, p, min: 0)
        case "level": s.level = try r.check(r.int(n, p), n, p, minExclusive: 0)
        case "wavelet":
            let name = try r.string(n, p)
            guard Wavelets.discrete.contains(name) else {
                throw r.error(p, n, .invalidValue("'\(name)' is not a discrete PyWavelets wavelet (haar, dbN, symN, coifN, biorX.Y, rbioX.Y, dmey)"))
            }
            s.wavelet = name
        case "gradientUseSpacing": s.gradientUseSpacing = try r.bool(n, p)
        // LBP settings are valid PyRadiomics settings; they only matter to the LBP image types, which RadFleet
        // rejects, so they are checked and otherwise ignored.
        case "lbp2DRadius", "lbp3DIcosphereRadius": _ = try r.check(r.float(n, p), n, p, minExclusive: 0)
        case "lbp2DSamples", "lbp3DLevels": _ = try r.check(r.int(n, p), n, p, min: 1)
        case "lbp3DIcosphereSubdivision": _ = try r.check(r.int(n, p), n, p, min: 0)
        case "lbp2DMethod":
            let allowed = ["default", "ror", "uniform", "var"]
            guard allowed.contains(try r.string(n, p)) else { throw r.error(p, n, .notOneOf(allowed)) }
        case "voxelArrayShift": s.voxelArrayShift = Double(try r.int(n, p))
        case "symmetricalGLCM": s.symmetricalGLCM = try r.bool(n, p)
        case "weightingNorm": s.weightingNorm = r.isNull(n) ? nil : try oneOf(n, p, r, WeightingNorm.self)
        case "gldm_a": s.gldmA = Double(try r.check(r.int(n, p), n, p, min: 0))
        case "radfleetClipPercentiles":
            if r.isNull(n) { s.clipPercentiles = nil; return }
            let q = try r.list(n, p) { (i, ip) throws(ParameterFileError) in try r.check(r.float(i, ip), i, ip, min: 0, max: 100) }
            guard q.count == 2, q[0] < q[1] else {
                throw r.error(p, n, .outOfRange("two percentiles [low, high] with low < high, e.g. [0.5, 99.5]"))
            }
            s.clipPercentiles = q
        default:
            throw r.error(p, n, .unknownKey(allowed: all))
        }
    }

    /// `sitkBSpline` by name or SimpleITK's integer code 1...10 (paramSchema's `checkInterpolator`).
    static func interpolator(_ n: Node, _ p: String, _ r: YAMLReader) throws(ParameterFileError) -> Interpolator {
        if n.tagName == .int {
            let code = try r.int(n, p)
            guard let value = Interpolator(sitkCode: code) else { throw r.error(p, n, .outOfRange("SimpleITK code 1...10, is \(code)")) }
            return value
        }
        return try oneOf(n, p, r, Interpolator.self)
    }

    static func oneOf<E: RawRepresentable & CaseIterable>(_ n: Node, _ p: String, _ r: YAMLReader,
                                                          _: E.Type) throws(ParameterFileError) -> E where E.RawValue == String {
        let name = try r.string(n, p)
        guard let value = E(rawValue: name) else { throw r.error(p, n, .notOneOf(E.allCases.map(\.rawValue))) }
        return value
    }
}
