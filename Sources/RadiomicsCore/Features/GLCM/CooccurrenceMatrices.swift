#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The normalised co-occurrence matrices p(i, j | θ) of PyRadiomics `glcm.py` `_calculateMatrix`, one per angle kept
/// (or one in all when `weightingNorm` is set), over the grey levels present in the ROI.
///
/// Steps, as PyRadiomics:
/// 1. **P**(i, j | θ) counts ROI pixels of level i whose neighbour at offset θ (inside the bounding box and the ROI)
///    has level j (`cmatrices.c` `calculate_glcm`; offsets from `TextureAngles`, one direction per angle).
/// 2. Rows and columns of absent grey levels are deleted (here: never built).
/// 3. `symmetricalGLCM`: **P** ← **P** + **P**ᵀ per angle.
/// 4. `weightingNorm`: **P** ← Σ_θ w(θ) **P**(θ) with w = exp(−‖θ·spacing‖²) in the chosen norm (1 for
///    `no_weighting`), spacing in NumPy order (y, x).
/// 5. With more than one angle, angles whose matrix sums to 0 are deleted.
/// 6. p = **P** / Σ **P**; an angle whose sum is 0 (possible only when it is the only one) becomes NaN.
package struct CooccurrenceMatrices {
    /// Number of grey levels present (the matrix side).
    package let n: Int
    /// The grey level of each row/column, as Double (PyRadiomics `grayLevels`).
    package let levels: [Double]
    /// One row-major n × n matrix per angle kept; entries NaN for an empty single angle.
    package let matrices: [[Double]]

    package init(_ image: DiscretizedImage, angles: [(dy: Int, dx: Int)], symmetrical: Bool,
         weighting: WeightingNorm?, spacing: PixelSpacing) {
        let n = image.grayLevels.count
        self.n = n
        levels = image.grayLevels.map(Double.init)
        let reach = angles.reduce(0) { max($0, abs($1.dy), abs($1.dx)) }
        let compact = CompactLevels(image, border: reach)
        let counts = Self.count(compact, angles: angles)
        let nn = n * n
        let perAngle: [[Double]] = (0..<angles.count).map { a in
            var m = [Double](repeating: 0, count: nn)
            for k in 0..<nn { m[k] = Double(counts[a * nn + k]) }
            if symmetrical {
                var s = m
                for i in 0..<n { for j in 0..<n { s[i * n + j] += m[j * n + i] } }
                m = s
            }
            return m
        }
        let weights = weighting.map { norm in angles.map { Self.weight($0, norm: norm, spacing: spacing) } }
        let (kept, totals) = AngleMatrices.combine(perAngle, weights: weights)
        matrices = zip(kept, totals).map { m, total in
            total == 0 ? [Double](repeating: .nan, count: nn) : m.map { $0 / total }
        }
    }

    /// PyRadiomics' GLCM distance weight of one angle: exp(−‖θ·s‖²), s = (spacing.y, spacing.x).
    static func weight(_ angle: (dy: Int, dx: Int), norm: WeightingNorm, spacing: PixelSpacing) -> Double {
        let y = Double(abs(angle.dy)) * spacing.y
        let x = Double(abs(angle.dx)) * spacing.x
        switch norm {
        case .infinity:
            let m = max(y, x)
            return exp(-(m * m))
        case .euclidean: return exp(-(y * y + x * x))
        case .manhattan:
            let s = y + x
            return exp(-(s * s))
        case .no_weighting: return 1
        }
    }

    /// Raw counts, `counts[a · n² + (i − 1) · n + (j − 1)]` for centre rank i and neighbour rank j at angle a.
    ///
    /// - Complexity: O(N_p · N_a).
    package static func count(_ compact: CompactLevels, angles: [(dy: Int, dx: Int)]) -> [Int32] {
        let n = compact.levels.count
        let nn = n * n
        var counts = [Int32](repeating: 0, count: angles.count * nn)
        let steps = angles.map { $0.dy * compact.stride + $0.dx }
        compact.ranks.withUnsafeBufferPointer { rk in
            counts.withUnsafeMutableBufferPointer { out in
                for (a, step) in steps.enumerated() {
                    let base = a * nn - n - 1
                    for y in 0..<compact.height {
                        var i = compact.index(x: 0, y: y)
                        for _ in 0..<compact.width {
                            let c = Int(rk[i])
                            let d = Int(rk[i &+ step])
                            if c != 0 && d != 0 { out[base &+ c &* n &+ d] &+= 1 }
                            i &+= 1
                        }
                    }
                }
            }
        }
        return counts
    }
}
