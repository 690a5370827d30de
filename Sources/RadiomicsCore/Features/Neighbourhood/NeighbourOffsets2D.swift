/// Neighbour offsets `(dy, dx)` of a true 2D ROI, generated as PyRadiomics' C extension does
/// (`radiomics/src/cmatrices.c`: `get_angle_count` then `build_angles`, called with `bidirectional = 1` and no
/// out-of-plane dimension for GLSZM, GLDM and NGTDM).
///
/// An offset belongs to distance d when its infinity norm is d; only offsets with |dy| < height and |dx| < width of
/// the ROI's bounding box are generated. The number of offsets is counted first,
/// Na = Σ_d [Π_dim (2·r + 1) − Π_dim (2·r' − 1)] with r = r' = size − 1 in a dimension where d ≥ size,
/// and candidates (offsets from +max to −max in each dimension, the last dimension fastest) are taken until Na are
/// found. A distance listed twice therefore makes the generator wrap round and list offsets again, as PyRadiomics does.
///
/// Dimension order is NumPy's: dimension 0 is y (rows), dimension 1 is x.
package struct NeighbourOffsets2D: Sendable, Equatable {
    /// Offsets as (dy, dx), in PyRadiomics' order.
    package let offsets: [(dy: Int, dx: Int)]

    package static func == (a: NeighbourOffsets2D, b: NeighbourOffsets2D) -> Bool {
        a.offsets.map(\.dy) == b.offsets.map(\.dy) && a.offsets.map(\.dx) == b.offsets.map(\.dx)
    }

    /// The largest |dy| and |dx| used: the border the ROI needs so that every offset lands in the array.
    var reach: (y: Int, x: Int) {
        (offsets.map { abs($0.dy) }.max() ?? 0, offsets.map { abs($0.dx) }.max() ?? 0)
    }

    /// - Parameters:
    ///   - height: rows of the ROI's bounding box.
    ///   - width: columns of the ROI's bounding box.
    ///   - distances: the `distances` setting.
    /// - Throws: `FeatureError.invalidInput` where PyRadiomics raises "Error getting angle count." (a distance < 1,
    ///   or no offset fits in the bounding box).
    package init(height: Int, width: Int, distances: [Int]) throws {
        let size = [height, width]
        var count = 0
        for d in distances {
            guard d >= 1 else { throw FeatureError.invalidInput("distances must be ≥ 1, got \(d)") }
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
        guard count > 0 else {
            throw FeatureError.invalidInput("no neighbour offset for distances \(distances) fits a \(width)×\(height) ROI")
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
        offsets = result
    }
}
