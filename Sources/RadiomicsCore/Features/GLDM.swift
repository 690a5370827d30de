/// Grey Level Dependence Matrix features (PyRadiomics `gldm.py`).
///
/// A neighbour (an ROI pixel at one of the offsets of `distances`, see `NeighbourOffsets2D`) with grey level j depends
/// on a centre pixel of grey level i when |i − j| ≤ α (`gldm_a`). **P**(i, j) counts the ROI pixels of grey level i
/// with j − 1 dependent neighbours. Rows for absent grey levels and columns for absent dependence counts are removed.
/// N_z = Σ P (1 if 0), p(i, j) = P(i, j) / N_z.
public enum GLDMFeature: String, CaseIterable, Hashable, Sendable {
    /// DE = −Σ p(i, j) log₂(p(i, j) + ε), ε = `numpy.spacing(1)`
    case dependenceEntropy = "DependenceEntropy"
    /// DN = Σ_j (Σ_i P(i, j))² / N_z
    case dependenceNonUniformity = "DependenceNonUniformity"
    /// DNN = Σ_j (Σ_i P(i, j))² / N_z²
    case dependenceNonUniformityNormalized = "DependenceNonUniformityNormalized"
    /// Deprecated in PyRadiomics (always 1): no value.
    case dependencePercentage = "DependencePercentage"
    /// DV = Σ p(i, j) (j − μ)², μ = Σ p(i, j) j
    case dependenceVariance = "DependenceVariance"
    /// GLN = Σ_i (Σ_j P(i, j))² / N_z
    case grayLevelNonUniformity = "GrayLevelNonUniformity"
    /// Deprecated in PyRadiomics (equal to firstorder Uniformity): no value.
    case grayLevelNonUniformityNormalized = "GrayLevelNonUniformityNormalized"
    /// GLV = Σ p(i, j) (i − μ)², μ = Σ p(i, j) i
    case grayLevelVariance = "GrayLevelVariance"
    /// HGLE = Σ P(i, j) i² / N_z
    case highGrayLevelEmphasis = "HighGrayLevelEmphasis"
    /// LDE = Σ P(i, j) j² / N_z
    case largeDependenceEmphasis = "LargeDependenceEmphasis"
    /// LDHGLE = Σ P(i, j) i² j² / N_z
    case largeDependenceHighGrayLevelEmphasis = "LargeDependenceHighGrayLevelEmphasis"
    /// LDLGLE = Σ P(i, j) j² / i² / N_z
    case largeDependenceLowGrayLevelEmphasis = "LargeDependenceLowGrayLevelEmphasis"
    /// LGLE = Σ P(i, j) / i² / N_z
    case lowGrayLevelEmphasis = "LowGrayLevelEmphasis"
    /// SDE = Σ P(i, j) / j² / N_z
    case smallDependenceEmphasis = "SmallDependenceEmphasis"
    /// SDHGLE = Σ P(i, j) i² / j² / N_z
    case smallDependenceHighGrayLevelEmphasis = "SmallDependenceHighGrayLevelEmphasis"
    /// SDLGLE = Σ P(i, j) / (i² j²) / N_z
    case smallDependenceLowGrayLevelEmphasis = "SmallDependenceLowGrayLevelEmphasis"
}

public enum GrayLevelDependenceMatrix: FeatureClass {
    public static let name = FeatureClassName.gldm
    public static let deprecated: Set<GLDMFeature> = [.dependencePercentage, .grayLevelNonUniformityNormalized]
    /// PyRadiomics raises `DeprecationWarning` in both getters, so neither ever reaches its output.
    public static let withoutValue: Set<GLDMFeature> = [.dependencePercentage, .grayLevelNonUniformityNormalized]

    /// Deprecated features, which PyRadiomics leaves out of its output (its getter raises `DeprecationWarning`), come
    /// back as NaN.
    public static func compute(_ features: [GLDMFeature], input: FeatureInput) throws -> [Double] {
        let image = input.discretized()
        guard !image.grayLevels.isEmpty else { throw FeatureError.emptyROI }
        let alpha = input.settings.gldmA
        // The C extension parses gldm_a as an int; Python 3.10+ refuses a float there.
        guard alpha.rounded() == alpha, abs(alpha) < Double(Int32.max) else {
            throw FeatureError.invalidInput("gldm_a must be an integer, got \(alpha)")
        }
        let offsets = try NeighbourOffsets2D(height: image.height, width: image.width, distances: input.settings.distances)
        let m = dependenceMatrix(image, offsets: offsets, alpha: Int32(alpha))
        return features.map { value($0, m) }
    }

    static func value(_ feature: GLDMFeature, _ m: LevelSizeMatrix) -> Double {
        switch feature {
        case .smallDependenceEmphasis: return m.sizeSum { p, j in p / (j * j) }
        case .largeDependenceEmphasis: return m.sizeSum { p, j in p * (j * j) }
        case .grayLevelNonUniformity: return m.nonUniformity(m.pg)
        case .dependenceNonUniformity: return m.nonUniformity(m.ps)
        case .dependenceNonUniformityNormalized: return m.nonUniformityNormalized(m.ps)
        case .grayLevelVariance: return m.variance(m.pg, m.ivector)
        case .dependenceVariance: return m.variance(m.ps, m.jvector)
        case .dependenceEntropy: return m.entropy()
        case .lowGrayLevelEmphasis: return m.levelSum { p, i in p / (i * i) }
        case .highGrayLevelEmphasis: return m.levelSum { p, i in p * (i * i) }
        case .smallDependenceLowGrayLevelEmphasis: return m.jointSum { p, i, j in p / ((i * i) * (j * j)) }
        case .smallDependenceHighGrayLevelEmphasis: return m.jointSum { p, i, j in p * (i * i) / (j * j) }
        case .largeDependenceLowGrayLevelEmphasis: return m.jointSum { p, i, j in p * (j * j) / (i * i) }
        case .largeDependenceHighGrayLevelEmphasis: return m.jointSum { p, i, j in p * ((j * j) * (i * i)) }
        case .dependencePercentage, .grayLevelNonUniformityNormalized: return .nan
        }
    }

    /// The GLDM of the discretised ROI (PyRadiomics `cmatrices.c` `calculate_gldm`, then the deletions of `gldm.py`).
    /// Column c counts pixels with c dependent neighbours (size c + 1).
    ///
    /// - Complexity: O(N_p · N_a).
    package static func dependenceMatrix(_ image: DiscretizedImage, offsets: NeighbourOffsets2D, alpha: Int32) -> LevelSizeMatrix {
        let reach = offsets.reach
        let padded = PaddedLevels(image, borderX: reach.x, borderY: reach.y)
        let steps = padded.steps(offsets)
        let columns = steps.count + 1
        var row = [Int](repeating: -1, count: image.maxLevel + 1)
        for (r, g) in image.grayLevels.enumerated() { row[g] = r }
        var dense = [Double](repeating: 0, count: image.grayLevels.count * columns)
        padded.levels.withUnsafeBufferPointer { lv in
            steps.withUnsafeBufferPointer { nb in
                row.withUnsafeBufferPointer { rowOf in
                    dense.withUnsafeMutableBufferPointer { p in
                        for y in 0..<image.height {
                            var i = padded.index(x: 0, y: y)
                            for _ in 0..<image.width {
                                defer { i += 1 }
                                let g = lv[i]
                                if g == 0 { continue }
                                var dependent = 0
                                if alpha == 0 {
                                    for step in nb where lv[i &+ step] == g { dependent &+= 1 }
                                } else {
                                    for step in nb {
                                        let n = lv[i &+ step]
                                        let d = n &- g
                                        if n != 0 && d <= alpha && d >= -alpha { dependent &+= 1 }
                                    }
                                }
                                p[rowOf[Int(g)] * columns + dependent] += 1
                            }
                        }
                    }
                }
            }
        }
        return LevelSizeMatrix(dense: dense, levels: image.grayLevels, columns: columns)
    }
}
