/// Neighbour offsets `(dy, dx)` of a true 2D ROI for GLSZM, GLDM and NGTDM: `TextureAngles` with
/// `bidirectional = 1` (both of each ± pair), as PyRadiomics' C extension calls it for these classes.
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
        offsets = try TextureAngles.angles2D(height: height, width: width, distances: distances, bidirectional: true)
    }
}
