/// Texture angles (neighbour offsets) of a true 2D ROI, generated as PyRadiomics' C extension does
/// (`radiomics/src/cmatrices.c` `get_angle_count` + `build_angles`, reached through `_cmatrices.c`
/// `build_angles_arr`; the Python twin is `imageoperations.generateAngles`).
///
/// Offsets are `(dy, dx)` in NumPy dimension order (dimension 0 = rows). Candidates run from `+maxDistance` down to
/// `−maxDistance` in each dimension, x fastest; a candidate is kept when it is not (0, 0), fits the bounding box
/// (|dy| < height, |dx| < width) and its infinity norm is one of `distances`. Candidates are taken until
///
///   Na = Σ_d [Π_dim (2·r + 1) − Π_dim (2·r′ − 1)],  r = r′ = size − 1 in a dimension where d ≥ size, else r = r′ = d,
///
/// are found, halved when one direction per angle is wanted (GLCM, GLRLM). So the one-directional set is the first
/// half of the bidirectional one: for distance 1, (1, 1), (1, 0), (1, −1), (0, 1). A distance listed twice makes
/// the generator wrap round and list offsets again, exactly as PyRadiomics does.
public enum TextureAngles {
    /// - Parameters:
    ///   - height: rows of the ROI's bounding box (PyRadiomics `size[0]`).
    ///   - width: columns of the ROI's bounding box (`size[1]`).
    ///   - distances: the `distances` setting (GLRLM, GLSZM and NGTDM-style callers pass `[1]`).
    ///   - bidirectional: false for GLCM and GLRLM (one of each ± pair), true for GLSZM, GLDM, NGTDM.
    /// - Returns: offsets in PyRadiomics' order.
    /// - Throws: `FeatureError.invalidInput` where PyRadiomics raises "Error getting angle count." (a distance < 1, or
    ///   no offset fits the bounding box).
    public static func angles2D(height: Int, width: Int, distances: [Int],
                                bidirectional: Bool) throws -> [(dy: Int, dx: Int)] {
        let size = [height, width]
        var count = 0
        for d in distances {
            guard d >= 1 else { throw FeatureError.invalidInput("Error getting angle count: distance \(d) < 1") }
            var full = 1, inner = 1
            for s in size {
                if d < s {
                    full *= 2 * d + 1
                    inner *= 2 * d - 1
                } else {
                    full *= 2 * (s - 1) + 1
                    inner *= 2 * (s - 1) + 1
                }
            }
            count += full - inner
        }
        if !bidirectional { count /= 2 }
        guard count > 0 else {
            throw FeatureError.invalidInput("Error getting angle count: no offset for distances \(distances) fits a \(width)×\(height) ROI")
        }
        let maxDistance = distances.max()!
        let n = 2 * maxDistance + 1
        var result = [(dy: Int, dx: Int)]()
        result.reserveCapacity(count)
        var candidate = 0
        while result.count < count {
            let dy = maxDistance - (candidate / n) % n
            let dx = maxDistance - candidate % n
            candidate += 1
            guard abs(dy) < height, abs(dx) < width else { continue }
            let norm = max(abs(dy), abs(dx))
            if norm >= 1 && distances.contains(norm) { result.append((dy, dx)) }
        }
        return result
    }
}
