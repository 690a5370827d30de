/// PyRadiomics `resegmentMask`: keep only ROI pixels inside `resegmentRange`, read as absolute grey values,
/// fractions of the ROI maximum (`relative`) or mean ± k·SD (`sigma`, population SD as `numpy.std`).
public enum Resegmentation {
    public static func resegment(image: Image2D, mask: Mask2D, range: [Double], mode: ResegmentMode) throws -> Mask2D {
        guard (1...2).contains(range.count) else {
            throw ExtractionError.invalidSetting("resegmentRange must hold 1 or 2 values, found \(range.count)")
        }
        let values = zip(image.pixels, mask.inside).compactMap { $1 ? $0 : nil }
        guard !values.isEmpty else { throw ExtractionError.emptyMask }
        let sortedRange = range.sorted()
        let thresholds: [Double]
        switch mode {
        case .absolute:
            thresholds = sortedRange
        case .relative:
            let maxGL = values.max()!
            thresholds = sortedRange.map { maxGL * $0 }
        case .sigma:
            let n = Double(values.count)
            let mean = values.reduce(0, +) / n
            let sd = (values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / n).squareRoot()
            thresholds = sortedRange.map { mean + sd * $0 }
        }
        var out = mask
        for i in 0..<out.inside.count where out.inside[i] {
            let v = image.pixels[i]
            if v < thresholds[0] || (thresholds.count == 2 && v > thresholds[1]) { out.inside[i] = false }
        }
        let retained = out.count
        if retained <= 1 { throw ExtractionError.resegmentationTooSmall(retained: retained) }
        return out
    }
}
