import Yams

/// `extraction.clipPercentiles: [0.5, 99.5]` — before extraction, every pixel of each image is clipped to the image's
/// own [low, high] percentiles over all its pixels (seed study 004). Percentiles are numpy.percentile's default
/// (linear interpolation between order statistics); values below / above are set to the percentile (np.clip).
/// Carried to workers in each extract job (`ExtractJobInput.clipPercentiles`) and applied there as the parameter
/// file's `radfleetClipPercentiles` would be; the study file's value takes precedence over the parameter file's.
public enum ClipPercentiles {
    public static let key = "extraction.clipPercentiles"

    static func parse(_ node: Node, file: String) throws(StudyError) -> [Double] {
        let reason = "must be two percentiles [low, high] with 0 ≤ low < high ≤ 100"
        guard let items = node.sequence, items.count == 2 else { throw StudyError(file: file, key: key, reason: reason) }
        var values: [Double] = []
        for item in items {
            guard let text = item.scalar?.string, let v = Double(text), v.isFinite else {
                throw StudyError(file: file, key: key, reason: "\(reason); '\(item.scalar?.string ?? "?")' is not a number")
            }
            values.append(v)
        }
        guard values[0] >= 0, values[1] <= 100, values[0] < values[1] else {
            throw StudyError(file: file, key: key, reason: "\(reason), got [\(values[0]), \(values[1])]")
        }
        return values
    }
}
