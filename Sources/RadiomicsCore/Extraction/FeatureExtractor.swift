/// PyRadiomics' `RadiomicsFeatureExtractor.execute` for true 2D input, as a pure function of image, ROI and
/// parameters:
/// 1. (RadFleet extension) percentile clipping; normalisation; resampling or pre-cropping;
/// 2. ROI checks (`checkMask`): bounding box, minimumROIDimensions, minimumROISize; optional resegmentation;
/// 3. shape2D on the original image cropped to the ROI;
/// 4. per image type, in parameter-file order: filters on the whole image, crop to the ROI, then each feature class
///    in parameter-file order.
/// Output keys are PyRadiomics': `<imageType>_<class>_<Feature>`.
public struct FeatureExtractor: Sendable {
    public let parameters: ExtractionParameters

    public init(parameters: ExtractionParameters = ExtractionParameters()) {
        self.parameters = parameters
    }

    public func extract(image inputImage: Image2D, mask inputMask: Mask2D) throws -> ExtractionResult {
        guard inputImage.width == inputMask.width, inputImage.height == inputMask.height else {
            throw ExtractionError.sizeMismatch(image: (inputImage.width, inputImage.height),
                                               mask: (inputMask.width, inputMask.height))
        }
        let settings = parameters.settings
        var diagnostics = Diagnostics()
        diagnostics.addImage(inputImage, stage: "original")
        diagnostics.addMask(inputMask, stage: "original")

        var image = inputImage
        var mask = inputMask
        mask.spacing = image.spacing
        mask.origin = image.origin
        if mask.boundingBox == nil { throw ExtractionError.emptyMask }

        if let clip = settings.clipPercentiles {
            image = try wrapFilter("radfleetClipPercentiles") { try IntensityClipping.clip(image, percentiles: clip) }
        }
        if settings.normalize {
            image = Normalization.normalize(image, scale: settings.normalizeScale, removeOutliers: settings.removeOutliers)
        }
        if let spacing = settings.resampledPixelSpacing {
            (image, mask) = try wrapFilter("resampling") {
                try Resampling.resample(image: image, mask: mask, to: spacing, interpolator: settings.interpolator,
                                        padDistance: settings.padDistance)
            }
            diagnostics.addImage(image, stage: "interpolated")
            diagnostics.addMask(mask, stage: "interpolated")
        } else if settings.preCrop {
            let box = try Self.checkMask(mask, settings: settings)
            let padded = Self.padded(box, by: settings.padDistance, width: mask.width, height: mask.height)
            image = image.cropped(to: padded)
            mask = mask.cropped(to: padded)
        }

        var box = try Self.checkMask(mask, settings: settings)
        var shapeMask = mask
        if let range = settings.resegmentRange {
            let resegmented = try Resegmentation.resegment(image: image, mask: mask, range: range, mode: settings.resegmentMode)
            box = try Self.checkMask(resegmented, settings: settings)
            if settings.resegmentShape { shapeMask = resegmented }
            mask = resegmented
        }

        var features: [(String, Double)] = []
        for (className, selection) in parameters.featureClasses where className == .shape2D {
            let input = FeatureInput(image: image.cropped(to: box), mask: shapeMask.cropped(to: box), settings: settings,
                                     discretize: false)
            features += try Self.compute(className, selection: selection, input: input, prefix: "original")
        }

        let croppedMask = mask.cropped(to: box)
        for spec in parameters.imageTypes {
            let derived: [DerivedImage]
            do {
                derived = try spec.derivedImages(from: image, mask: mask)
            } catch let e as FilterError {
                throw ExtractionError.filter(imageType: spec.name.rawValue, e)
            }
            for d in derived {
                let input = FeatureInput(image: d.cropped(to: box), mask: croppedMask, settings: spec.settings)
                for (className, selection) in parameters.featureClasses where className != .shape2D && className != .shape {
                    features += try Self.compute(className, selection: selection, input: input, prefix: d.name)
                }
            }
        }
        return ExtractionResult(features: features, diagnostics: diagnostics.entries)
    }

    /// PyRadiomics `checkMask` for 2D: the ROI's bounding box, or the first requirement it fails.
    public static func checkMask(_ mask: Mask2D, settings: RadiomicsSettings) throws -> BoundingBox {
        guard let box = mask.boundingBox else { throw ExtractionError.emptyMask }
        let ndims = (box.width > 1 ? 1 : 0) + (box.height > 1 ? 1 : 0)
        if ndims == 0 { throw ExtractionError.singlePixel }
        if ndims < settings.minimumROIDimensions {
            throw ExtractionError.tooFewDimensions(found: ndims, required: settings.minimumROIDimensions)
        }
        if let minSize = settings.minimumROISize {
            let size = mask.count
            if size <= minSize { throw ExtractionError.roiTooSmall(size: size, minimum: minSize) }
        }
        return box
    }

    /// `box` grown by `distance` pixels on every side, clipped to the image (PyRadiomics `cropToTumorMask`).
    public static func padded(_ box: BoundingBox, by distance: Int, width: Int, height: Int) -> BoundingBox {
        BoundingBox(minX: max(box.minX - distance, 0), minY: max(box.minY - distance, 0),
                    maxX: min(box.maxX + distance, width - 1), maxY: min(box.maxY + distance, height - 1))
    }

    static func compute(_ name: FeatureClassName, selection: FeatureSelection, input: FeatureInput,
                        prefix: String) throws -> [(String, Double)] {
        func run<C: FeatureClass>(_: C.Type) throws -> [(String, Double)] {
            let features: [C.Feature]
            switch selection {
            case .all: features = C.defaultFeatures
            case let .named(names): features = try C.features(named: names).filter { !C.withoutValue.contains($0) }
            }
            let values = try C.compute(features, input: input)
            return zip(features, values).map { ("\(prefix)_\(name.rawValue)_\($0.rawValue)", $1) }
        }
        do {
            switch name {
            case .shape2D: return try run(Shape2D.self)
            case .firstorder: return try run(FirstOrder.self)
            case .glcm: return try run(GrayLevelCooccurrenceMatrix.self)
            case .glrlm: return try run(GrayLevelRunLengthMatrix.self)
            case .glszm: return try run(GrayLevelSizeZoneMatrix.self)
            case .gldm: return try run(GrayLevelDependenceMatrix.self)
            case .ngtdm: return try run(NeighbouringGrayToneDifferenceMatrix.self)
            case .shape: throw FeatureError.unsupportedClass("shape")
            }
        } catch let e as FeatureError {
            throw ExtractionError.feature(featureClass: name.rawValue, imageType: prefix, e)
        }
    }

    private func wrapFilter<T>(_ what: String, _ body: () throws -> T) throws -> T {
        do { return try body() } catch let e as FilterError { throw ExtractionError.filter(imageType: what, e) }
    }
}

/// Features in PyRadiomics' order, and `diagnostics_*` facts about the input.
public struct ExtractionResult: Sendable {
    public var features: [(name: String, value: Double)]
    public var diagnostics: [(name: String, value: String)]

    public init(features: [(String, Double)], diagnostics: [(String, String)]) {
        self.features = features.map { (name: $0.0, value: $0.1) }
        self.diagnostics = diagnostics.map { (name: $0.0, value: $0.1) }
    }

    public var featureNames: [String] { features.map(\.name) }

    public subscript(name: String) -> Double? { features.first { $0.name == name }?.value }
}
