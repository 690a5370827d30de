#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// First-order statistics of the ROI intensities (PyRadiomics `firstorder.py`).
///
/// X is the ROI's grey values (N pixels) on the (filtered) image, c the `voxelArrayShift`, P(i) the histogram of
/// the discretised ROI (`binWidth` / `binCount`, as the texture classes), p(i) = P(i) / N, ε = `numpy.spacing(1)`.
/// Sums use NumPy's pairwise summation and percentiles NumPy's linear interpolation, so values agree with
/// PyRadiomics to the last few bits.
public enum FirstOrderFeature: String, CaseIterable, Hashable, Sendable {
    /// 10th percentile of X (NumPy `percentile`, linear).
    case p10Percentile = "10Percentile"
    /// 90th percentile of X.
    case p90Percentile = "90Percentile"
    /// Σ (X(i) + c)²
    case energy = "Energy"
    /// −Σ p(i) log₂(p(i) + ε)
    case entropy = "Entropy"
    /// P75 − P25
    case interquartileRange = "InterquartileRange"
    /// μ₄ / μ₂² (not excess kurtosis); 0 for a flat ROI.
    case kurtosis = "Kurtosis"
    /// max X
    case maximum = "Maximum"
    /// (1/N) Σ |X(i) − X̄|
    case meanAbsoluteDeviation = "MeanAbsoluteDeviation"
    /// X̄ = (1/N) Σ X(i)
    case mean = "Mean"
    /// median of X
    case median = "Median"
    /// min X
    case minimum = "Minimum"
    /// max X − min X
    case range = "Range"
    /// Mean absolute deviation from their mean of the values between P10 and P90 (inclusive).
    case robustMeanAbsoluteDeviation = "RobustMeanAbsoluteDeviation"
    /// √(Σ (X(i) + c)² / N)
    case rootMeanSquared = "RootMeanSquared"
    /// μ₃ / μ₂^1.5; 0 for a flat ROI.
    case skewness = "Skewness"
    /// Deprecated in PyRadiomics (√Variance), computed only when named.
    case standardDeviation = "StandardDeviation"
    /// Energy × pixel area (product of the pixel spacing).
    case totalEnergy = "TotalEnergy"
    /// Σ p(i)²
    case uniformity = "Uniformity"
    /// μ₂ = (1/N) Σ (X(i) − X̄)²
    case variance = "Variance"
}

public enum FirstOrder: FeatureClass {
    public static let name = FeatureClassName.firstorder
    public static let deprecated: Set<FirstOrderFeature> = [.standardDeviation]

    public static func compute(_ features: [FirstOrderFeature], input: FeatureInput) throws -> [Double] {
        let c = try FirstOrderCoefficients(input)
        return features.map { c.value($0) }
    }
}

/// The values every first-order feature is computed from, once per image.
struct FirstOrderCoefficients {
    /// The ROI's values in image order.
    let values: [Double]
    /// Minimum, maximum, median and the neighbours of every percentile FirstOrder reports.
    let order: OrderStatistics
    let n: Double
    let mean: Double
    let m2: Double, m3: Double, m4: Double
    let meanAbsoluteDeviation: Double
    let energy: Double
    let pixelArea: Double
    let histogram: [Double]

    init(_ input: FeatureInput) throws {
        var values = [Double]()
        values.reserveCapacity(input.image.count)
        for i in 0..<input.image.count where input.mask.inside[i] { values.append(input.image.pixels[i]) }
        guard !values.isEmpty else { throw FeatureError.emptyROI }
        n = Double(values.count)
        mean = PairwiseSum.sum(values) / n
        let mu = mean
        m2 = PairwiseSum.sum(values.map { ($0 - mu) * ($0 - mu) }) / n
        m3 = PairwiseSum.sum(values.map { let d = $0 - mu; return d * d * d }) / n
        m4 = PairwiseSum.sum(values.map { let d = $0 - mu; let d2 = d * d; return d2 * d2 }) / n
        meanAbsoluteDeviation = PairwiseSum.sum(values.map { abs($0 - mu) }) / n
        let shift = input.settings.voxelArrayShift
        energy = PairwiseSum.sum(values.map { ($0 + shift) * ($0 + shift) })
        pixelArea = input.image.spacing.x * input.image.spacing.y
        let d = input.discretized()
        var counts = [Double](repeating: 0, count: d.maxLevel + 1)
        for (i, level) in d.levels.enumerated() where input.mask.inside[i] { counts[Int(level)] += 1 }
        let total = Double(values.count)
        histogram = d.grayLevels.map { counts[$0] / total }
        self.values = values
        let count = values.count
        var ranks = [0, count - 1, (count - 1) / 2, count / 2]
        for q in Self.percentiles {
            let below = Int(((q / 100) * Double(count - 1)).rounded(.down))
            ranks += [below, min(below + 1, count - 1)]
        }
        order = OrderStatistics(values, ranks: ranks)
    }

    /// The percentiles FirstOrder reports (10, 90, and the quartiles of the interquartile range).
    static let percentiles: [Double] = [10, 25, 75, 90]

    /// NumPy `percentile(x, q)` with the default linear method (`_lerp`, which interpolates from the upper
    /// neighbour when the fraction is ≥ 0.5).
    func percentile(_ q: Double) -> Double {
        let virtual = (q / 100) * (n - 1)
        let below = virtual.rounded(.down)
        let i = Int(below)
        let t = virtual - below
        let a = order.value(rank: i), b = order.value(rank: min(i + 1, values.count - 1))
        let diff = b - a
        return t >= 0.5 ? b - diff * (1 - t) : a + diff * t
    }

    func value(_ f: FirstOrderFeature) -> Double {
        switch f {
        case .p10Percentile: return percentile(10)
        case .p90Percentile: return percentile(90)
        case .energy: return energy
        case .totalEnergy: return energy * pixelArea
        case .entropy:
            let eps = Double.ulpOfOne
            return -PairwiseSum.sum(histogram.map { $0 * log2($0 + eps) })
        case .uniformity: return PairwiseSum.sum(histogram.map { $0 * $0 })
        case .interquartileRange: return percentile(75) - percentile(25)
        case .minimum: return order.value(rank: 0)
        case .maximum: return order.value(rank: values.count - 1)
        case .range: return order.value(rank: values.count - 1) - order.value(rank: 0)
        case .mean: return mean
        case .median:
            let k = values.count / 2
            return values.count % 2 == 1 ? order.value(rank: k) : (order.value(rank: k - 1) + order.value(rank: k)) / 2
        case .meanAbsoluteDeviation: return meanAbsoluteDeviation
        case .robustMeanAbsoluteDeviation:
            let lo = percentile(10), hi = percentile(90)
            let kept = values.filter { $0 >= lo && $0 <= hi }
            guard !kept.isEmpty else { return .nan }
            let m = PairwiseSum.sum(kept) / Double(kept.count)
            return PairwiseSum.sum(kept.map { abs($0 - m) }) / Double(kept.count)
        case .rootMeanSquared: return (energy / n).squareRoot()
        case .variance: return m2.squareRoot() * m2.squareRoot()
        case .standardDeviation: return m2.squareRoot()
        case .skewness: return m2 == 0 ? 0 : m3 / pow15(m2)
        case .kurtosis: return m2 == 0 ? 0 : m4 / (m2 * m2)
        }
    }

    private func pow15(_ x: Double) -> Double { x * x.squareRoot() }
}

/// NumPy's pairwise summation (`pairwise_sum` in `numpy/_core/src/umath/loops_utils.h.src`): blocks of up to 128
/// values summed with 8 interleaved accumulators, larger arrays split in halves (rounded to a multiple of 8).
enum PairwiseSum {
    static func sum(_ a: [Double]) -> Double {
        a.withUnsafeBufferPointer { sum($0.baseAddress!, a.count) }
    }

    static func sum(_ p: UnsafePointer<Double>, _ n: Int) -> Double {
        if n < 8 {
            var r = -0.0
            for i in 0..<n { r += p[i] }
            return r
        } else if n <= 128 {
            var r = (p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7])
            var i = 8
            while i < n - (n % 8) {
                r.0 += p[i]; r.1 += p[i + 1]; r.2 += p[i + 2]; r.3 += p[i + 3]
                r.4 += p[i + 4]; r.5 += p[i + 5]; r.6 += p[i + 6]; r.7 += p[i + 7]
                i += 8
            }
            var res = ((r.0 + r.1) + (r.2 + r.3)) + ((r.4 + r.5) + (r.6 + r.7))
            while i < n { res += p[i]; i += 1 }
            return res
        } else {
            var n2 = n / 2
            n2 -= n2 % 8
            return sum(p, n2) + sum(p + n2, n - n2)
        }
    }
}
