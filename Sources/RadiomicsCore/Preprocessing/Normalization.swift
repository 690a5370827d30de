/// PyRadiomics `normalizeImage` (imageoperations.py): f(x) = s · clip((x − μ) / σ, −n, n) over the whole image,
/// not just the ROI.
///
/// `sitk.Normalize` is ITK's `NormalizeImageFilter`: μ and σ from `StatisticsImageFilter` (compensated sums of x
/// and x², μ = Σx / N, σ² = (Σx² − (Σx)²/N) / (N − 1), the *sample* variance), then `ShiftScaleImageFilter`
/// computes (x + (−μ)) · (1/σ). PyRadiomics then clips to ±`removeOutliers` (if set) and multiplies by
/// `normalizeScale`. A constant image gives σ = 0 and NaN everywhere, as in PyRadiomics.
public enum Normalization {
    public static func normalize(_ image: Image2D, scale: Double, removeOutliers: Double?) -> Image2D {
        let (mean, sigma) = meanAndSigma(image)
        let shift = -mean
        let factor = 1.0 / sigma
        var out = image.pixels
        for i in out.indices {
            var v = (out[i] + shift) * factor
            if let n = removeOutliers {
                if v > n { v = n }
                if v < -n { v = -n }
            }
            out[i] = v * scale
        }
        return image.withPixels(out)
    }

    /// `StatisticsImageFilter`'s mean and sigma (sample standard deviation). ITK sums x and x² with Kahan
    /// compensation per work unit (bands of whole rows) and adds the band totals with compensation again, so
    /// the last bit depends on the number of bands: SimpleITK uses 2 on the project's 2-core machines (checked
    /// bit for bit against SimpleITK 2.5.7 with 2 threads); other thread counts move μ and σ by about an ulp.
    static func meanAndSigma(_ image: Image2D) -> (mean: Double, sigma: Double) {
        let w = image.width, h = image.height
        let bandRows = (h + 1) / 2
        var sum = CompensatedSum(), sumOfSquares = CompensatedSum()
        var start = 0
        image.pixels.withUnsafeBufferPointer { p in
            while start < h {
                let end = min(start + bandRows, h)
                var bandSum = CompensatedSum(), bandSquares = CompensatedSum()
                for i in (start * w)..<(end * w) {
                    let v = p[i]
                    bandSum.add(v)
                    bandSquares.add(v * v)
                }
                sum.add(bandSum.value)
                sumOfSquares.add(bandSquares.value)
                start = end
            }
        }
        let n = Double(image.count)
        let mean = sum.value / n
        let variance = (sumOfSquares.value - (sum.value * sum.value / n)) / (n - 1)
        return (mean, variance.squareRoot())
    }
}

/// Kahan summation as ITK's `CompensatedSummation::AddElement`.
struct CompensatedSum {
    private(set) var value = 0.0
    private var compensation = 0.0

    mutating func add(_ element: Double) {
        let compensated = element - compensation
        let t = value + compensated
        compensation = (t - value) - compensated
        value = t
    }
}
