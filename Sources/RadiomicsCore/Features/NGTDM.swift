/// Neighbouring Grey Tone Difference Matrix features (PyRadiomics `ngtdm.py`).
///
/// For each ROI pixel of grey level i, Ā is the mean grey level of its neighbours in the ROI (the offsets of
/// `distances`, see `NeighbourOffsets2D`); a pixel without any contributes |i − Ā| = 0 but is still counted
/// (PyRadiomics `cmatrices.c` `calculate_ngtdm`). Over the grey levels present:
/// n_i = pixel count, s_i = Σ |i − Ā|, N_v,p = Σ n_i, p_i = n_i / N_v,p, N_g,p = number of grey levels present.
/// All sums run over grey levels with p_i > 0.
public enum NGTDMFeature: String, CaseIterable, Hashable, Sendable {
    /// Σ p_i s_i / Σ_i Σ_j |i p_i − j p_j|; 0 when the denominator is 0.
    case busyness = "Busyness"
    /// 1 / Σ p_i s_i; 10⁶ when the sum is 0.
    case coarseness = "Coarseness"
    /// Σ_i Σ_j |i − j| (p_i s_i + p_j s_j) / (p_i + p_j) / N_v,p
    case complexity = "Complexity"
    /// [Σ_i Σ_j p_i p_j (i − j)² · Σ s_i / N_v,p] / (N_g,p (N_g,p − 1)); 0 when N_g,p = 1.
    case contrast = "Contrast"
    /// Σ_i Σ_j (p_i + p_j)(i − j)² / Σ s_i; 0 when Σ s_i = 0.
    case strength = "Strength"
}

public enum NeighbouringGrayToneDifferenceMatrix: FeatureClass {
    public static let name = FeatureClassName.ngtdm
    public static let deprecated: Set<NGTDMFeature> = []

    public static func compute(_ features: [NGTDMFeature], input: FeatureInput) throws -> [Double] {
        let image = input.discretized()
        guard !image.grayLevels.isEmpty else { throw FeatureError.emptyROI }
        let offsets = try NeighbourOffsets2D(height: image.height, width: image.width, distances: input.settings.distances)
        let c = coefficients(image, offsets: offsets)
        return features.map { value($0, c) }
    }

    /// The NGTDM restricted to the grey levels present (`ngtdm.py` `_calculateCoefficients`).
    package struct Coefficients: Sendable {
        /// Grey level i of each row.
        package let i: [Double]
        package let p: [Double]
        package let s: [Double]
        /// N_v,p.
        package let nvp: Double
    }

    static func value(_ feature: NGTDMFeature, _ c: Coefficients) -> Double {
        let n = c.i.count
        switch feature {
        case .coarseness:
            var sum = 0.0
            for k in 0..<n { sum += c.p[k] * c.s[k] }
            return sum != 0 ? 1 / sum : 1e6
        case .contrast:
            var pairs = 0.0
            for a in 0..<n {
                for b in 0..<n {
                    let d = c.i[a] - c.i[b]
                    pairs += c.p[a] * c.p[b] * (d * d)
                }
            }
            let div = Double(n * (n - 1))
            let contrast = pairs * c.s.reduce(0, +) / c.nvp
            return div != 0 ? contrast / div : 0
        case .busyness:
            var absdiff = 0.0
            for a in 0..<n {
                for b in 0..<n { absdiff += abs(c.i[a] * c.p[a] - c.i[b] * c.p[b]) }
            }
            var sum = 0.0
            for k in 0..<n { sum += c.p[k] * c.s[k] }
            return absdiff != 0 ? sum / absdiff : 0
        case .complexity:
            var total = 0.0
            for a in 0..<n {
                for b in 0..<n {
                    let numerator = c.p[a] * c.s[a] + c.p[b] * c.s[b]
                    total += abs(c.i[a] - c.i[b]) * numerator / (c.p[a] + c.p[b])
                }
            }
            return total / c.nvp
        case .strength:
            var total = 0.0
            for a in 0..<n {
                for b in 0..<n {
                    let d = c.i[a] - c.i[b]
                    total += (c.p[a] + c.p[b]) * (d * d)
                }
            }
            let sumS = c.s.reduce(0, +)
            return sumS != 0 ? total / sumS : 0
        }
    }

    /// n_i and s_i of the discretised ROI (PyRadiomics `cmatrices.c` `calculate_ngtdm`), in raster order as the C code
    /// sums them.
    ///
    /// - Complexity: O(N_p · N_a).
    package static func coefficients(_ image: DiscretizedImage, offsets: NeighbourOffsets2D) -> Coefficients {
        let reach = offsets.reach
        let padded = PaddedLevels(image, borderX: reach.x, borderY: reach.y)
        let steps = padded.steps(offsets)
        var count = [Double](repeating: 0, count: image.maxLevel + 1)
        var diffSum = [Double](repeating: 0, count: image.maxLevel + 1)
        padded.levels.withUnsafeBufferPointer { lv in
            steps.withUnsafeBufferPointer { nb in
                count.withUnsafeMutableBufferPointer { nOf in
                    diffSum.withUnsafeMutableBufferPointer { sOf in
                        for y in 0..<image.height {
                            var i = padded.index(x: 0, y: y)
                            for _ in 0..<image.width {
                                defer { i += 1 }
                                let g = Int(lv[i])
                                if g == 0 { continue }
                                var neighbours = 0
                                var sum = 0
                                for step in nb {
                                    let v = Int(lv[i &+ step])
                                    neighbours &+= v != 0 ? 1 : 0
                                    sum &+= v
                                }
                                nOf[g] += 1
                                if neighbours > 0 { sOf[g] += abs(Double(g) - Double(sum) / Double(neighbours)) }
                            }
                        }
                    }
                }
            }
        }
        let levels = image.grayLevels
        let nvp = levels.reduce(0.0) { $0 + count[$1] }
        return Coefficients(i: levels.map(Double.init), p: levels.map { count[$0] / nvp }, s: levels.map { diffSum[$0] },
                            nvp: nvp)
    }
}
