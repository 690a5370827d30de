/// The discretised ROI with each bin replaced by its rank among the grey levels present (1...Ng′, 0 outside the
/// ROI), copied into a zero border. Matrices counted from it have rows and columns for present grey levels only,
/// which is what PyRadiomics keeps after `numpy.delete` of the empty grey levels (`glcm.py`, `glrlm.py`
/// `_calculateMatrix`), so they are built compact from the start.
package struct CompactLevels {
    let width: Int
    let height: Int
    let border: Int
    /// Row length of `ranks`.
    let stride: Int
    /// `ranks[(y + border) * stride + x + border]`: 1-based rank of pixel (x, y)'s grey level, 0 outside the ROI.
    let ranks: [Int32]
    /// The grey level (bin index) of each rank, ascending: `levels[rank - 1]`.
    let levels: [Int]

    package init(_ image: DiscretizedImage, border: Int) {
        width = image.width
        height = image.height
        self.border = border
        stride = width + 2 * border
        levels = image.grayLevels
        var rankOf = [Int32](repeating: 0, count: image.maxLevel + 1)
        for (r, g) in image.grayLevels.enumerated() { rankOf[g] = Int32(r + 1) }
        var out = [Int32](repeating: 0, count: stride * (height + 2 * border))
        for y in 0..<height {
            let src = y * width
            let dst = (y + border) * stride + border
            for x in 0..<width { out[dst + x] = rankOf[Int(image.levels[src + x])] }
        }
        ranks = out
    }

    /// Index in `ranks` of pixel (x, y).
    @inline(__always)
    func index(x: Int, y: Int) -> Int { (y + border) * stride + x + border }
}
