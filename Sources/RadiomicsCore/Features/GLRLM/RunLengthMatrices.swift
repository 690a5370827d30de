/// The run length matrices **P**(i, j | θ) of PyRadiomics `glrlm.py` (`_calculateMatrix`, `_calculateCoefficients`),
/// over the grey levels present in the ROI and the run lengths that occur.
///
/// Steps, as PyRadiomics:
/// 1. **P**(i, j | θ) counts runs of j consecutive ROI pixels of level i along angle θ (`cmatrices.c`
///    `calculate_glrlm`; angles from `TextureAngles` with distance 1, one direction per angle). Runs follow each
///    line of the bounding box along θ; a pixel outside the ROI ends a run. An angle along which no line holds more
///    than one ROI pixel is emptied.
/// 2. Rows of absent grey levels are deleted (here: never built).
/// 3. `weightingNorm`: **P** ← Σ_θ w(θ) **P**(θ), w = ‖θ·spacing‖ in the chosen norm (1 for `no_weighting`),
///    spacing in NumPy order (y, x).
/// 4. N_r(θ) = Σ **P**(θ); with more than one angle, angles with N_r = 0 are deleted; N_r = 0 becomes NaN.
/// 5. Run lengths that occur in no angle are deleted.
package struct RunLengthMatrices {
    /// Grey level of each row.
    package let ivector: [Double]
    /// Run length of each column.
    package let jvector: [Double]
    /// One row-major `ivector.count × jvector.count` matrix per angle kept.
    package let matrices: [[Double]]
    /// N_r per angle kept; NaN where 0.
    package let nr: [Double]

    package init(_ image: DiscretizedImage, angles: [(dy: Int, dx: Int)], weighting: WeightingNorm?, spacing: PixelSpacing) {
        let n = image.grayLevels.count
        let maxRun = max(image.width, image.height)
        let compact = CompactLevels(image, border: 0)
        let counts = Self.count(compact, angles: angles, maxRun: maxRun)
        let size = n * maxRun
        let perAngle: [[Double]] = (0..<angles.count).map { a in
            (0..<size).map { Double(counts[a * size + $0]) }
        }
        let weights = weighting.map { norm in angles.map { Self.weight($0, norm: norm, spacing: spacing) } }
        let (kept, totals) = AngleMatrices.combine(perAngle, weights: weights)
        var occurs = [Bool](repeating: false, count: maxRun)
        for m in kept {
            for r in 0..<n {
                for j in 0..<maxRun where m[r * maxRun + j] != 0 { occurs[j] = true }
            }
        }
        let columns = (0..<maxRun).filter { occurs[$0] }
        ivector = image.grayLevels.map(Double.init)
        jvector = columns.map { Double($0 + 1) }
        matrices = kept.map { m in
            var out = [Double]()
            out.reserveCapacity(n * columns.count)
            for r in 0..<n { for j in columns { out.append(m[r * maxRun + j]) } }
            return out
        }
        nr = totals.map { $0 == 0 ? .nan : $0 }
    }

    /// PyRadiomics' GLRLM distance weight of one angle: ‖θ·s‖, s = (spacing.y, spacing.x).
    static func weight(_ angle: (dy: Int, dx: Int), norm: WeightingNorm, spacing: PixelSpacing) -> Double {
        let y = Double(abs(angle.dy)) * spacing.y
        let x = Double(abs(angle.dx)) * spacing.x
        switch norm {
        case .infinity: return max(y, x)
        case .euclidean: return (y * y + x * x).squareRoot()
        case .manhattan: return y + x
        case .no_weighting: return 1
        }
    }

    /// Raw counts, `counts[a · n · maxRun + (i − 1) · maxRun + (j − 1)]` for rank i and run length j at angle a.
    ///
    /// The image is streamed row by row once per angle, with the open run of every line along the angle kept in
    /// per-line state, so that runs along columns and diagonals cost the same as runs along rows. A line is
    /// identified by a linear function of (x, y) that is constant along the angle. Angles need |dx| ≤ 1 and
    /// dy ∈ {0, 1} with (dy, dx) ≠ (0, 0) and dx = 1 when dy = 0: PyRadiomics' one-directional distance-1 angles.
    ///
    /// - Complexity: O(N_a · width · height).
    package static func count(_ compact: CompactLevels, angles: [(dy: Int, dx: Int)], maxRun: Int) -> [Int32] {
        let n = compact.levels.count
        let size = n * maxRun
        let (w, h) = (compact.width, compact.height)
        var counts = [Int32](repeating: 0, count: angles.count * size)
        // line(x, y) = ax · x + ay · y + c, constant along the angle.
        let lineCount = w + h - 1
        var level = [Int32](repeating: 0, count: lineCount)
        var run = [Int32](repeating: 0, count: lineCount)
        var elements = [Int32](repeating: 0, count: lineCount)
        compact.ranks.withUnsafeBufferPointer { rk in
            counts.withUnsafeMutableBufferPointer { out in
                level.withUnsafeMutableBufferPointer { lv in
                    run.withUnsafeMutableBufferPointer { rl in
                        elements.withUnsafeMutableBufferPointer { el in
                            for (a, angle) in angles.enumerated() {
                                precondition(abs(angle.dx) <= 1 && (angle.dy == 1 || (angle.dy == 0 && angle.dx == 1)),
                                             "run lengths are counted along distance-1 angles only")
                                let (ax, ay, c) = angle.dy == 0 ? (0, 1, 0) : (1, -angle.dx, angle.dx == 1 ? h - 1 : 0)
                                let base = a &* size &- maxRun &- 1
                                for k in 0..<lineCount {
                                    lv[k] = 0
                                    rl[k] = 0
                                    el[k] = 0
                                }
                                for y in 0..<h {
                                    var i = compact.index(x: 0, y: y)
                                    var line = ay &* y &+ c
                                    for _ in 0..<w {
                                        let v = rk[i]
                                        if v != 0 { el[line] &+= 1 }
                                        if v == lv[line] {
                                            rl[line] &+= 1
                                        } else {
                                            let open = Int(lv[line])
                                            if open != 0 { out[base &+ open &* maxRun &+ Int(rl[line])] &+= 1 }
                                            lv[line] = v
                                            rl[line] = 1
                                        }
                                        i &+= 1
                                        line &+= ax
                                    }
                                }
                                var multiElement = false
                                for k in 0..<lineCount {
                                    let open = Int(lv[k])
                                    if open != 0 { out[base &+ open &* maxRun &+ Int(rl[k])] &+= 1 }
                                    if el[k] > 1 { multiElement = true }
                                }
                                if !multiElement {
                                    for k in 0..<size { out[a &* size &+ k] = 0 }
                                }
                            }
                        }
                    }
                }
            }
        }
        return counts
    }
}
