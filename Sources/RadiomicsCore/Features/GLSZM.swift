/// Grey Level Size Zone Matrix features (PyRadiomics `glszm.py`).
///
/// **P**(i, j) counts the zones of grey level i and size j: a zone is a set of ROI pixels of one grey level,
/// 8-connected in 2D. Rows for grey levels absent from the ROI and columns for sizes that do not occur are removed.
/// N_z = Σ P (1 if 0), N_p = Σ_j j · Σ_i P(i, j) (the ROI's pixel count), p(i, j) = P(i, j) / N_z.
public enum GLSZMFeature: String, CaseIterable, Hashable, Sendable {
    /// GLN = Σ_i (Σ_j P(i, j))² / N_z
    case grayLevelNonUniformity = "GrayLevelNonUniformity"
    /// GLNN = Σ_i (Σ_j P(i, j))² / N_z²
    case grayLevelNonUniformityNormalized = "GrayLevelNonUniformityNormalized"
    /// GLV = Σ p(i, j) (i − μ)², μ = Σ p(i, j) i
    case grayLevelVariance = "GrayLevelVariance"
    /// HGLZE = Σ P(i, j) i² / N_z
    case highGrayLevelZoneEmphasis = "HighGrayLevelZoneEmphasis"
    /// LAE = Σ P(i, j) j² / N_z
    case largeAreaEmphasis = "LargeAreaEmphasis"
    /// LAHGLE = Σ P(i, j) i² j² / N_z
    case largeAreaHighGrayLevelEmphasis = "LargeAreaHighGrayLevelEmphasis"
    /// LALGLE = Σ P(i, j) j² / i² / N_z
    case largeAreaLowGrayLevelEmphasis = "LargeAreaLowGrayLevelEmphasis"
    /// LGLZE = Σ P(i, j) / i² / N_z
    case lowGrayLevelZoneEmphasis = "LowGrayLevelZoneEmphasis"
    /// SZN = Σ_j (Σ_i P(i, j))² / N_z
    case sizeZoneNonUniformity = "SizeZoneNonUniformity"
    /// SZNN = Σ_j (Σ_i P(i, j))² / N_z²
    case sizeZoneNonUniformityNormalized = "SizeZoneNonUniformityNormalized"
    /// SAE = Σ P(i, j) / j² / N_z
    case smallAreaEmphasis = "SmallAreaEmphasis"
    /// SAHGLE = Σ P(i, j) i² / j² / N_z
    case smallAreaHighGrayLevelEmphasis = "SmallAreaHighGrayLevelEmphasis"
    /// SALGLE = Σ P(i, j) / (i² j²) / N_z
    case smallAreaLowGrayLevelEmphasis = "SmallAreaLowGrayLevelEmphasis"
    /// ZE = −Σ p(i, j) log₂(p(i, j) + ε), ε = `numpy.spacing(1)`
    case zoneEntropy = "ZoneEntropy"
    /// ZP = N_z / N_p
    case zonePercentage = "ZonePercentage"
    /// ZV = Σ p(i, j) (j − μ)², μ = Σ p(i, j) j
    case zoneVariance = "ZoneVariance"
}

public enum GrayLevelSizeZoneMatrix: FeatureClass {
    public static let name = FeatureClassName.glszm
    public static let deprecated: Set<GLSZMFeature> = []

    public static func compute(_ features: [GLSZMFeature], input: FeatureInput) throws -> [Double] {
        let image = input.discretized()
        guard !image.grayLevels.isEmpty else { throw FeatureError.emptyROI }
        let m = sizeZoneMatrix(image)
        return features.map { value($0, m) }
    }

    static func value(_ feature: GLSZMFeature, _ m: LevelSizeMatrix) -> Double {
        switch feature {
        case .smallAreaEmphasis: return m.sizeSum { p, j in p / (j * j) }
        case .largeAreaEmphasis: return m.sizeSum { p, j in p * (j * j) }
        case .grayLevelNonUniformity: return m.nonUniformity(m.pg)
        case .grayLevelNonUniformityNormalized: return m.nonUniformityNormalized(m.pg)
        case .sizeZoneNonUniformity: return m.nonUniformity(m.ps)
        case .sizeZoneNonUniformityNormalized: return m.nonUniformityNormalized(m.ps)
        case .zonePercentage:
            // N_p from the unpruned matrix equals Σ ps·j over the kept sizes.
            var np = 0.0
            for (k, j) in m.jvector.enumerated() { np += m.ps[k] * j }
            return m.nz / (np == 0 ? 1 : np)
        case .grayLevelVariance: return m.variance(m.pg, m.ivector)
        case .zoneVariance: return m.variance(m.ps, m.jvector)
        case .zoneEntropy: return m.entropy()
        case .lowGrayLevelZoneEmphasis: return m.levelSum { p, i in p / (i * i) }
        case .highGrayLevelZoneEmphasis: return m.levelSum { p, i in p * (i * i) }
        case .smallAreaLowGrayLevelEmphasis: return m.jointSum { p, i, j in p / ((i * i) * (j * j)) }
        case .smallAreaHighGrayLevelEmphasis: return m.jointSum { p, i, j in p * (i * i) / (j * j) }
        case .largeAreaLowGrayLevelEmphasis: return m.jointSum { p, i, j in p * (j * j) / (i * i) }
        case .largeAreaHighGrayLevelEmphasis: return m.jointSum { p, i, j in p * (i * i) * (j * j) }
        }
    }

    /// The GLSZM of the discretised ROI (PyRadiomics `cmatrices.c` `calculate_glszm` + `fill_glszm`, then the row and
    /// column deletions of `glszm.py`). Zones grow by an explicit stack over the 8 neighbours; a pixel is cleared when
    /// pushed, so each is visited once.
    ///
    /// - Complexity: O(N_p).
    package static func sizeZoneMatrix(_ image: DiscretizedImage) -> LevelSizeMatrix {
        let padded = PaddedLevels(image, borderX: 1, borderY: 1)
        let s = padded.stride
        let firstInRow = (0..<image.height).map { padded.index(x: 0, y: $0) }
        var levels = padded.levels
        let steps = [-s - 1, -s, -s + 1, -1, 1, s - 1, s, s + 1]
        var zoneLevels = [Int32]()
        var zoneSizes = [Int32]()
        var stack = [Int](repeating: 0, count: image.levels.count)
        levels.withUnsafeMutableBufferPointer { lv in
            stack.withUnsafeMutableBufferPointer { st in
                steps.withUnsafeBufferPointer { nb in
                    for y in 0..<image.height {
                        var i = firstInRow[y]
                        for _ in 0..<image.width {
                            defer { i += 1 }
                            let g = lv[i]
                            if g == 0 { continue }
                            lv[i] = 0
                            st[0] = i
                            var top = 1
                            var size: Int32 = 0
                            while top > 0 {
                                top -= 1
                                let k = st[top]
                                size += 1
                                for step in nb where lv[k &+ step] == g {
                                    lv[k &+ step] = 0
                                    st[top] = k &+ step
                                    top &+= 1
                                }
                            }
                            zoneLevels.append(g)
                            zoneSizes.append(size)
                        }
                    }
                }
            }
        }
        let maxSize = Int(zoneSizes.max() ?? 0)
        var column = [Int](repeating: -1, count: maxSize + 1)
        for z in zoneSizes { column[Int(z)] = 0 }
        var sizes = [Int]()
        for size in stride(from: 1, through: maxSize, by: 1) where column[size] == 0 {
            column[size] = sizes.count
            sizes.append(size)
        }
        var row = [Int](repeating: -1, count: image.maxLevel + 1)
        for (r, g) in image.grayLevels.enumerated() { row[g] = r }
        var counts = [Double](repeating: 0, count: image.grayLevels.count * sizes.count)
        for (g, z) in zip(zoneLevels, zoneSizes) {
            counts[row[Int(g)] * sizes.count + column[Int(z)]] += 1
        }
        return LevelSizeMatrix(counts: counts, levels: image.grayLevels, sizes: sizes)
    }
}
