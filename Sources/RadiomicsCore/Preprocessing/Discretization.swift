/// The ROI's grey levels discretised as PyRadiomics' `imageoperations.binImage`: bin indices 1...Nbins inside the
/// ROI, 0 outside. Texture classes share one discretisation per image type.
///
/// Fixed bin width W (`binWidth`):  edges = arange(lowBound, max + 2W, W) with lowBound = min − (min mod W) (Python
/// modulo), bin = digitize(x, edges); a flat ROI whose minimum is a multiple of W gets edges [e − 0.5, e + 0.5].
/// Fixed bin count N (`binCount`): edges = numpy.histogram(values, N) edges with the last edge + 1.
public struct DiscretizedImage: Sendable {
    public let width: Int
    public let height: Int
    /// Bin index per pixel, `levels[y * width + x]`; 0 outside the ROI.
    public let levels: [Int32]
    /// The bin indices present in the ROI, ascending (PyRadiomics `coefficients['grayLevels']`).
    public let grayLevels: [Int]
    /// The largest bin index in the ROI (PyRadiomics `coefficients['Ng']`).
    public let maxLevel: Int
    /// The bin edges used.
    public let binEdges: [Double]

    public init(image: Image2D, mask: Mask2D, settings: RadiomicsSettings) {
        width = image.width
        height = image.height
        var values = [Double]()
        values.reserveCapacity(image.count)
        for i in 0..<image.count where mask.inside[i] { values.append(image.pixels[i]) }
        let edges = DiscretizedImage.binEdges(values, binWidth: settings.binWidth, binCount: settings.binCount, precision: image.precision)
        binEdges = edges
        var out = [Int32](repeating: 0, count: image.count)
        var present = [Bool](repeating: false, count: edges.count + 1)
        for i in 0..<image.count where mask.inside[i] {
            let b = DiscretizedImage.digitize(image.pixels[i], edges)
            out[i] = Int32(b)
            present[b] = true
        }
        levels = out
        grayLevels = present.indices.filter { present[$0] }
        maxLevel = grayLevels.last ?? 0
    }

    /// PyRadiomics `getBinEdges`. For `.single` images (float32 arrays in PyRadiomics) the arithmetic NumPy does in
    /// float32 is done in `Float`: all of `histogram`'s edges; for a bin width, `min − (min mod W)`, `max + 2W`, the
    /// length and the second value of `arange` (checked against NumPy in DiscretizationTests).
    public static func binEdges(_ values: [Double], binWidth: Double, binCount: Int?, precision: PixelPrecision = .double) -> [Double] {
        guard let lo = values.min(), let hi = values.max() else { return [] }
        if let n = binCount {
            if precision == .single { return histogramEdgesSingle(min: Float(lo), max: Float(hi), bins: n) }
            return histogramEdges(min: lo, max: hi, bins: n, lastPlusOne: true)
        }
        if precision == .single {
            // min, max and the bounds are float32 scalars; `arange` then makes a float64 array whose second value
            // is a float32 sum, filled on as start + i·(second − start) (NumPy's DOUBLE_fill).
            let w = Float(binWidth)
            var r = Float(lo).truncatingRemainder(dividingBy: w)
            if r != 0 && (r < 0) != (w < 0) { r += w }
            let low = Float(lo) - r
            let high = Float(hi) + Float(2 * binWidth)
            let count = Int(Double((high - low) / w).rounded(.up))
            guard count > 1 else { return count == 1 ? [Double(low) - 0.5, Double(low) + 0.5] : [] }
            let second = Double(low + w)
            let delta = second - Double(low)
            return (0..<count).map { i in i == 0 ? Double(low) : (i == 1 ? second : Double(low) + Double(i) * delta) }
        }
        // Python's float modulo takes the sign of the divisor.
        var r = lo.truncatingRemainder(dividingBy: binWidth)
        if r != 0 && (r < 0) != (binWidth < 0) { r += binWidth }
        let low = lo - r
        let high = hi + 2 * binWidth
        let edges = arange(low, high, binWidth)
        if edges.count == 1 { return [edges[0] - 0.5, edges[0] + 0.5] }
        return edges
    }

    /// `numpy.arange(start, stop, step)` for floats: length ceil((stop − start) / step), values start + i·delta
    /// with delta = (start + step) − start, as NumPy fills it.
    public static func arange(_ start: Double, _ stop: Double, _ step: Double) -> [Double] {
        let n = Int(((stop - start) / step).rounded(.up))
        guard n > 0 else { return [] }
        let delta = (start + step) - start
        return (0..<n).map { start + Double($0) * delta }
    }

    /// `numpy.histogram(values, bins)[1]` (via `numpy.linspace`), optionally with the last edge + 1.
    public static func histogramEdges(min lo: Double, max hi: Double, bins: Int, lastPlusOne: Bool) -> [Double] {
        linspaceEdges(min: lo, max: hi, bins: bins, lastPlusOne: lastPlusOne)
    }

    /// `numpy.histogram(values, bins)[1]` for a float32 array: `linspace` in float32, last edge + 1 in float32.
    static func histogramEdgesSingle(min lo: Float, max hi: Float, bins: Int) -> [Double] {
        linspaceEdges(min: lo, max: hi, bins: bins, lastPlusOne: true)
    }

    /// `numpy.linspace(lo, hi, bins + 1)` as `numpy.histogram` makes its edges, in the array's own precision `F`
    /// (a flat range widened by ±0.5 first), optionally with the last edge + 1 (in `F` too).
    @inline(__always)
    private static func linspaceEdges<F: BinaryFloatingPoint>(min lo: F, max hi: F, bins: Int, lastPlusOne: Bool) -> [Double] {
        var first = lo, last = hi
        if first == last { first -= 0.5; last += 0.5 }
        let num = bins + 1
        let delta = last - first
        let step = delta / F(bins)
        var edges = [F](repeating: 0, count: num)
        for i in 0..<num {
            edges[i] = (step == 0 ? (F(i) / F(bins)) * delta : F(i) * step) + first
        }
        edges[num - 1] = last
        if lastPlusOne { edges[num - 1] += 1 }
        return edges.map { Double($0) }
    }

    /// `numpy.digitize(x, edges)` for ascending edges: the number of edges ≤ x.
    @inlinable
    public static func digitize(_ x: Double, _ edges: [Double]) -> Int {
        var lo = 0, hi = edges.count
        while lo < hi {
            let mid = (lo + hi) >> 1
            if edges[mid] <= x { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }
}
