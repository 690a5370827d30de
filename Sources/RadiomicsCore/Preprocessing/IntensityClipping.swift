/// RadFleet extension for seed 004 (Wei et al. 2023): clip every pixel of the image to the [p_lo, p_hi]
/// percentiles of the whole image's intensities, before any other pre-processing. Percentiles use linear
/// interpolation between order statistics (NumPy's default `percentile` method), so the same cut-offs can be
/// reproduced with `numpy.percentile(image, [0.5, 99.5])`.
public enum IntensityClipping {
    public static func clip(_ image: Image2D, percentiles: [Double]) throws -> Image2D {
        guard percentiles.count == 2, percentiles[0] >= 0, percentiles[1] <= 100, percentiles[0] < percentiles[1] else {
            throw FilterError.invalidSetting("radfleetClipPercentiles must be two percentiles [low, high] with 0 ≤ low < high ≤ 100")
        }
        let sorted = image.pixels.sorted()
        guard !sorted.isEmpty else { return image }
        let lo = percentile(sorted, percentiles[0])
        let hi = percentile(sorted, percentiles[1])
        return image.withPixels(image.pixels.map { Swift.min(Swift.max($0, lo), hi) })
    }

    /// NumPy's `percentile(..., method="linear")` on sorted data.
    static func percentile(_ sorted: [Double], _ q: Double) -> Double {
        let pos = q / 100 * Double(sorted.count - 1)
        let i = Int(pos.rounded(.down))
        let frac = pos - Double(i)
        if i + 1 >= sorted.count { return sorted[sorted.count - 1] }
        return sorted[i] + frac * (sorted[i + 1] - sorted[i])
    }
}
