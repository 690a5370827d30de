#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Grey Level Run Length Matrix features (PyRadiomics `glrlm.py`).
///
/// Each feature is computed on every angle's matrix **P**(i, j) (see `RunLengthMatrices`: i grey level, j run
/// length, N_r = Σ **P**, p_g(i) = Σ_j **P**(i, j), p_r(j) = Σ_i **P**(i, j)) and averaged over the angles, NaN
/// angles ignored (`numpy.nanmean`); with `weightingNorm` there is a single, weighted matrix.
public enum GLRLMFeature: String, CaseIterable, Hashable, Sendable {
    /// GLN = Σ_i p_g(i)² / N_r
    case grayLevelNonUniformity = "GrayLevelNonUniformity"
    /// GLNN = Σ_i p_g(i)² / N_r²
    case grayLevelNonUniformityNormalized = "GrayLevelNonUniformityNormalized"
    /// GLV = Σ_i p(i) (i − μ)², p(i) = p_g(i) / N_r, μ = Σ_i p(i) i
    case grayLevelVariance = "GrayLevelVariance"
    /// HGLRE = Σ_i p_g(i) i² / N_r
    case highGrayLevelRunEmphasis = "HighGrayLevelRunEmphasis"
    /// LRE = Σ_j p_r(j) j² / N_r
    case longRunEmphasis = "LongRunEmphasis"
    /// LRHGLE = Σ P(i, j) i² j² / N_r
    case longRunHighGrayLevelEmphasis = "LongRunHighGrayLevelEmphasis"
    /// LRLGLE = Σ P(i, j) j² / i² / N_r
    case longRunLowGrayLevelEmphasis = "LongRunLowGrayLevelEmphasis"
    /// LGLRE = Σ_i p_g(i) / i² / N_r
    case lowGrayLevelRunEmphasis = "LowGrayLevelRunEmphasis"
    /// RE = −Σ p(i, j) log₂(p(i, j) + ε), p = P / N_r, ε = `numpy.spacing(1)`
    case runEntropy = "RunEntropy"
    /// RLN = Σ_j p_r(j)² / N_r
    case runLengthNonUniformity = "RunLengthNonUniformity"
    /// RLNN = Σ_j p_r(j)² / N_r²
    case runLengthNonUniformityNormalized = "RunLengthNonUniformityNormalized"
    /// RP = N_r / N_p, N_p = Σ_j p_r(j) j
    case runPercentage = "RunPercentage"
    /// RV = Σ_j p(j) (j − μ)², p(j) = p_r(j) / N_r, μ = Σ_j p(j) j
    case runVariance = "RunVariance"
    /// SRE = Σ_j p_r(j) / j² / N_r
    case shortRunEmphasis = "ShortRunEmphasis"
    /// SRHGLE = Σ P(i, j) i² / j² / N_r
    case shortRunHighGrayLevelEmphasis = "ShortRunHighGrayLevelEmphasis"
    /// SRLGLE = Σ P(i, j) / (i² j²) / N_r
    case shortRunLowGrayLevelEmphasis = "ShortRunLowGrayLevelEmphasis"
}

public enum GrayLevelRunLengthMatrix: FeatureClass {
    public static let name = FeatureClassName.glrlm
    public static let deprecated: Set<GLRLMFeature> = []

    public static func compute(_ features: [GLRLMFeature], input: FeatureInput) throws -> [Double] {
        let image = input.discretized()
        guard !image.grayLevels.isEmpty else { throw FeatureError.emptyROI }
        // glrlm.py passes no distances: the C extension uses [1].
        let angles = try TextureAngles.angles2D(height: image.height, width: image.width, distances: [1],
                                                bidirectional: false)
        let m = RunLengthMatrices(image, angles: angles, weighting: input.settings.weightingNorm,
                                  spacing: input.image.spacing)
        let perAngle = m.matrices.indices.map { GLRLMCoefficients(m, angle: $0) }
        return features.map { f in nanMean(perAngle.map { value(f, $0) }) }
    }


    /// The feature on one angle's matrix.
    static func value(_ feature: GLRLMFeature, _ c: GLRLMCoefficients) -> Double {
        let nr = c.nr
        switch feature {
        case .shortRunEmphasis: return c.runSum { p, j in p / (j * j) } / nr
        case .longRunEmphasis: return c.runSum { p, j in p * (j * j) } / nr
        case .grayLevelNonUniformity: return c.levelSum { p, _ in p * p } / nr
        case .grayLevelNonUniformityNormalized: return c.levelSum { p, _ in p * p } / (nr * nr)
        case .runLengthNonUniformity: return c.runSum { p, _ in p * p } / nr
        case .runLengthNonUniformityNormalized: return c.runSum { p, _ in p * p } / (nr * nr)
        case .runPercentage: return nr / c.runSum { p, j in p * j }
        case .grayLevelVariance:
            let mu = c.levelSum { p, i in p / nr * i }
            return c.levelSum { p, i in p / nr * ((i - mu) * (i - mu)) }
        case .runVariance:
            let mu = c.runSum { p, j in p / nr * j }
            return c.runSum { p, j in p / nr * ((j - mu) * (j - mu)) }
        case .runEntropy:
            var s = 0.0
            for v in c.p {
                let q = v / nr
                s += q * log2(q + Double.ulpOfOne)
            }
            return -s
        case .lowGrayLevelRunEmphasis: return c.levelSum { p, i in p / (i * i) } / nr
        case .highGrayLevelRunEmphasis: return c.levelSum { p, i in p * (i * i) } / nr
        case .shortRunLowGrayLevelEmphasis: return c.jointSum { p, i, j in p / ((i * i) * (j * j)) } / nr
        case .shortRunHighGrayLevelEmphasis: return c.jointSum { p, i, j in p * (i * i) / (j * j) } / nr
        case .longRunLowGrayLevelEmphasis: return c.jointSum { p, i, j in p * (j * j) / (i * i) } / nr
        case .longRunHighGrayLevelEmphasis: return c.jointSum { p, i, j in p * ((j * j) * (i * i)) } / nr
        }
    }
}

/// One angle's GLRLM and its sums (PyRadiomics `glrlm.py` `_calculateCoefficients`).
struct GLRLMCoefficients {
    let ivector: [Double]
    let jvector: [Double]
    /// Row-major `ivector.count × jvector.count`.
    let p: [Double]
    /// p_g(i) = Σ_j P(i, j); p_r(j) = Σ_i P(i, j).
    let pg: [Double]
    let pr: [Double]
    /// N_r (NaN where 0).
    let nr: Double

    init(_ m: RunLengthMatrices, angle: Int) {
        ivector = m.ivector
        jvector = m.jvector
        p = m.matrices[angle]
        nr = m.nr[angle]
        let nj = jvector.count
        var pg = [Double](repeating: 0, count: ivector.count)
        var pr = [Double](repeating: 0, count: nj)
        for r in 0..<ivector.count {
            for k in 0..<nj {
                pg[r] += p[r * nj + k]
                pr[k] += p[r * nj + k]
            }
        }
        self.pg = pg
        self.pr = pr
    }

    /// Σ_i term(p_g(i), i).
    func levelSum(_ term: (Double, Double) -> Double) -> Double {
        var s = 0.0
        for (r, i) in ivector.enumerated() { s += term(pg[r], i) }
        return s
    }

    /// Σ_j term(p_r(j), j).
    func runSum(_ term: (Double, Double) -> Double) -> Double {
        var s = 0.0
        for (k, j) in jvector.enumerated() { s += term(pr[k], j) }
        return s
    }

    /// Σ_ij term(P(i, j), i, j).
    func jointSum(_ term: (Double, Double, Double) -> Double) -> Double {
        let nj = jvector.count
        var s = 0.0
        for (r, i) in ivector.enumerated() {
            for (k, j) in jvector.enumerated() { s += term(p[r * nj + k], i, j) }
        }
        return s
    }
}
