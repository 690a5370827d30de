#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Grey Level Co-occurrence Matrix features (PyRadiomics `glcm.py`).
///
/// Each feature is computed on every angle's normalised matrix p(i, j) (see `CooccurrenceMatrices`,
/// `GLCMCoefficients` for p_x, p_y, μ_x, μ_y, p_{x+y}, p_{x−y}, HXY, ε) and averaged over the angles, NaN angles
/// ignored (`numpy.nanmean`); with `weightingNorm` there is a single, weighted matrix. i and j are grey level values.
public enum GLCMFeature: String, CaseIterable, Hashable, Sendable {
    /// Σ p(i, j) i j
    case autocorrelation = "Autocorrelation"
    /// Σ (i + j − μ_x − μ_y)⁴ p(i, j)
    case clusterProminence = "ClusterProminence"
    /// Σ (i + j − μ_x − μ_y)³ p(i, j)
    case clusterShade = "ClusterShade"
    /// Σ (i + j − μ_x − μ_y)² p(i, j)
    case clusterTendency = "ClusterTendency"
    /// Σ (i − j)² p(i, j)
    case contrast = "Contrast"
    /// (Σ p(i, j) (i − μ_x)(j − μ_y)) / (σ_x σ_y + ε); 1 where σ_x σ_y = 0
    case correlation = "Correlation"
    /// DA = Σ_k k p_{x−y}(k)
    case differenceAverage = "DifferenceAverage"
    /// −Σ_k p_{x−y}(k) log₂(p_{x−y}(k) + ε)
    case differenceEntropy = "DifferenceEntropy"
    /// Σ_k (k − DA)² p_{x−y}(k)
    case differenceVariance = "DifferenceVariance"
    /// Deprecated (= DifferenceAverage); PyRadiomics raises `DeprecationWarning`, no value.
    case dissimilarity = "Dissimilarity"
    /// Deprecated (= Id); no value.
    case homogeneity1 = "Homogeneity1"
    /// Deprecated (= Idm); no value.
    case homogeneity2 = "Homogeneity2"
    /// Σ_k p_{x−y}(k) / (1 + k)
    case id = "Id"
    /// Σ_k p_{x−y}(k) / (1 + k²)
    case idm = "Idm"
    /// Σ_k p_{x−y}(k) / (1 + k² / Ng²)
    case idmn = "Idmn"
    /// Σ_k p_{x−y}(k) / (1 + k / Ng)
    case idn = "Idn"
    /// (HXY − HXY1) / max(HX, HY); 0 where max(HX, HY) = 0
    case imc1 = "Imc1"
    /// √(1 − e^{−2 (HXY2 − HXY)}); 0 where HXY2 = HXY, NaN (ignored) where negative
    case imc2 = "Imc2"
    /// Σ_{k≥1} p_{x−y}(k) / k²
    case inverseVariance = "InverseVariance"
    /// μ_x (plain mean over angles)
    case jointAverage = "JointAverage"
    /// Σ p(i, j)²
    case jointEnergy = "JointEnergy"
    /// HXY
    case jointEntropy = "JointEntropy"
    /// √(second largest eigenvalue of Q), Q(i, j) = Σ_k p(i, k) p(j, k) / (p_x(i) p_y(k) + ε); 1 for one grey level
    case mCC = "MCC"
    /// max p(i, j)
    case maximumProbability = "MaximumProbability"
    /// Σ_k k p_{x+y}(k)
    case sumAverage = "SumAverage"
    /// −Σ_k p_{x+y}(k) log₂(p_{x+y}(k) + ε)
    case sumEntropy = "SumEntropy"
    /// Σ (i − μ_x)² p(i, j)
    case sumSquares = "SumSquares"
    /// Deprecated (= ClusterTendency); no value.
    case sumVariance = "SumVariance"
}

public enum GrayLevelCooccurrenceMatrix: FeatureClass {
    public static let name = FeatureClassName.glcm
    public static let deprecated: Set<GLCMFeature> = [.dissimilarity, .homogeneity1, .homogeneity2, .sumVariance]
    /// PyRadiomics raises `DeprecationWarning` in all four getters, so none ever reaches its output.
    public static let withoutValue: Set<GLCMFeature> = [.dissimilarity, .homogeneity1, .homogeneity2, .sumVariance]

    /// Deprecated features (no PyRadiomics value) come back as NaN.
    public static func compute(_ features: [GLCMFeature], input: FeatureInput) throws -> [Double] {
        let image = input.discretized()
        guard !image.grayLevels.isEmpty else { throw FeatureError.emptyROI }
        let settings = input.settings
        let angles = try TextureAngles.angles2D(height: image.height, width: image.width,
                                                distances: settings.distances, bidirectional: false)
        let m = CooccurrenceMatrices(image, angles: angles, symmetrical: settings.symmetricalGLCM,
                                     weighting: settings.weightingNorm, spacing: input.image.spacing)
        let perAngle = m.matrices.map { GLCMCoefficients(p: $0, levels: m.levels, maxLevel: image.maxLevel) }
        return features.map { value($0, perAngle, n: m.n) }
    }

    static func value(_ feature: GLCMFeature, _ angles: [GLCMCoefficients], n: Int) -> Double {
        switch feature {
        case .jointAverage:
            // `ux.mean(...)`: a plain mean, NaN angles included.
            return angles.isEmpty ? .nan : angles.reduce(0) { $0 + $1.ux } / Double(angles.count)
        case .mCC: return maximalCorrelationCoefficient(angles, n: n)
        case .dissimilarity, .homogeneity1, .homogeneity2, .sumVariance: return .nan
        default: return nanMean(angles.map { perAngle(feature, $0) })
        }
    }


    /// The feature on one angle's matrix.
    static func perAngle(_ feature: GLCMFeature, _ c: GLCMCoefficients) -> Double {
        let eps = GLCMCoefficients.eps
        switch feature {
        case .autocorrelation: return c.jointSum { i, j in i * j }
        case .clusterProminence, .clusterShade, .clusterTendency:
            let u = c.ux, v = c.uy
            switch feature {
            case .clusterProminence: return c.jointSum { i, j in let d = i + j - u - v; return (d * d) * (d * d) }
            case .clusterShade: return c.jointSum { i, j in let d = i + j - u - v; return d * d * d }
            default: return c.jointSum { i, j in let d = i + j - u - v; return d * d }
            }
        case .contrast: return c.jointSum { i, j in (i - j) * (i - j) }
        case .correlation:
            let u = c.ux, v = c.uy
            let sx = c.jointSum { i, _ in (i - u) * (i - u) }.squareRoot()
            let sy = c.jointSum { _, j in (j - v) * (j - v) }.squareRoot()
            let corm = c.jointSum { i, j in (i - u) * (j - v) }
            return sx * sy == 0 ? 1 : corm / (sx * sy + eps)
        case .differenceAverage: return c.differenceSum { $0 }
        case .differenceEntropy: return GLCMCoefficients.entropy(c.pxSuby)
        case .differenceVariance:
            let da = c.differenceSum { $0 }
            return c.differenceSum { k in (k - da) * (k - da) }
        case .id: return c.differenceSum { k in 1 / (1 + k) }
        case .idm: return c.differenceSum { k in 1 / (1 + k * k) }
        case .idmn:
            let ng2 = c.ng * c.ng
            return c.differenceSum { k in 1 / (1 + k * k / ng2) }
        case .idn: return c.differenceSum { k in 1 / (1 + k / c.ng) }
        case .imc1:
            let h = c.informationEntropies()
            let div = h.hx.isNaN ? h.hy : (h.hy.isNaN ? h.hx : max(h.hx, h.hy))
            return div == 0 ? 0 : (c.hxy - h.hxy1) / div
        case .imc2:
            let h = c.informationEntropies()
            if h.hxy2 == c.hxy { return 0 }
            let t = 1 - pow(M_E, -2 * (h.hxy2 - c.hxy))
            return t < 0 ? .nan : t.squareRoot()
        case .inverseVariance:
            var s = 0.0
            for k in c.pxSuby.indices.dropFirst() { s += c.pxSuby[k] / Double(k * k) }
            return s
        case .jointEnergy: return c.p.reduce(0) { $0 + $1 * $1 }
        case .jointEntropy: return c.hxy
        case .maximumProbability: return c.p.contains { $0.isNaN } ? .nan : (c.p.max() ?? .nan)
        case .sumAverage:
            var s = 0.0
            for (k, v) in c.pxAddy.enumerated() { s += Double(k + 2) * v }
            return s
        case .sumEntropy: return GLCMCoefficients.entropy(c.pxAddy)
        case .sumSquares:
            let u = c.ux
            return c.jointSum { i, _ in (i - u) * (i - u) }
        case .jointAverage, .mCC, .dissimilarity, .homogeneity1, .homogeneity2, .sumVariance:
            return .nan
        }
    }
}
