import Foundation
import RadiomicsCore

/// Which mask pixels form the ROI for the requested label.
public enum MaskLabelRule: Sendable, Equatable {
    /// Pixels equal to the label (PyRadiomics `mask == label`).
    case exact
    /// Every non-zero pixel, whatever the label (the reference pipeline's `mask > 0`).
    case nonZero
    /// `exact` when the label occurs in the mask; otherwise, when the mask holds a single non-zero value (a binary
    /// mask saved as 0/255, as BUSI's), that value is the ROI and a note says so. Else `exact` (an empty ROI, which
    /// the extractor reports as a missing label).
    case automatic
}

/// One case read from disk: the image as intensities, the mask as labels and as the ROI for `label`, and notes
/// on how they were read (`diagnostics_*` key, value), which the caller puts before the extractor's diagnostics.
///
/// Spacing: `spacing` (CLI or manifest) if given, else the image's pHYs chunk (unit metre), else 1 mm. The mask
/// always takes the image's spacing, as the two must share one geometry.
public struct LoadedCase: Sendable {
    public let image: Image2D
    public let labels: LabelMap
    public let mask: Mask2D
    public let notes: [(String, String)]

    public init(image: URL, mask: URL, spacing: Double?, label: Int, labelRule: MaskLabelRule = .automatic,
                limits: ImageLimits = ImageLimits()) throws {
        try self.init(imagePath: image.path, maskPath: mask.path, spacing: spacing, label: label,
                      labelRule: labelRule, limits: limits)
    }

    public init(imagePath: String, maskPath: String, spacing: Double?, label: Int,
                labelRule: MaskLabelRule = .automatic, limits: ImageLimits = ImageLimits()) throws {
        let imagePNG = try PNGReader.decode(path: imagePath, limits: limits)
        let maskPNG = try PNGReader.decode(path: maskPath, limits: limits)
        guard imagePNG.width == maskPNG.width && imagePNG.height == maskPNG.height else {
            throw ImageIOError.sizeMismatch(image: imagePath, mask: maskPath,
                                imageSize: .init(width: imagePNG.width, height: imagePNG.height),
                                maskSize: .init(width: maskPNG.width, height: maskPNG.height))
        }
        let override = spacing.map { PixelSpacing(x: $0, y: $0) }
        let (image, conversion) = imagePNG.intensityImage(spacing: override)
        let labels = maskPNG.labelMap(spacing: image.spacing)
        var notes: [(String, String)] = []
        if let note = conversion.note { notes.append(("diagnostics_Image-original_ColourConversion", note)) }
        let source = override != nil ? "given" : imagePNG.spacing != nil ? "PNG pHYs chunk" : "default (no spacing given)"
        notes.append(("diagnostics_Image-original_SpacingSource", source))
        let (roi, ruleNote) = Self.roi(labels, label: label, rule: labelRule)
        if let ruleNote { notes.append(("diagnostics_Mask-original_LabelRule", ruleNote)) }
        self.image = image
        self.labels = labels
        self.mask = roi
        self.notes = notes
    }

    static func roi(_ labels: LabelMap, label: Int, rule: MaskLabelRule) -> (Mask2D, String?) {
        switch rule {
        case .exact:
            return (labels.roi(label: label), nil)
        case .nonZero:
            return (Mask2D(width: labels.width, height: labels.height, spacing: labels.spacing,
                           inside: labels.labels.map { $0 != 0 }), "non-zero pixels taken as label \(label)")
        case .automatic:
            var present = false
            var single: Int? = nil
            var several = false
            for v in labels.labels where v != 0 {
                if v == label { present = true; break }
                if single == nil { single = v } else if single != v { several = true }
            }
            if present || several || single == nil { return (labels.roi(label: label), nil) }
            return (labels.roi(label: single!), "binary mask: value \(single!) taken as label \(label)")
        }
    }
}
