/// The discretised ROI (bin indices ≥ 1 inside, 0 outside) copied into a zero border, so that a neighbour at any
/// offset within the border is read without bounds checks: a pixel outside the bounding box reads as "outside the
/// ROI", which is how PyRadiomics' C kernels treat it.
struct PaddedLevels {
    let width: Int
    let height: Int
    let borderX: Int
    let borderY: Int
    /// Row length of `levels`.
    let stride: Int
    /// `levels[(y + borderY) * stride + x + borderX]` is the bin of ROI pixel (x, y); 0 outside the ROI.
    var levels: [Int32]

    init(_ image: DiscretizedImage, borderX: Int, borderY: Int) {
        width = image.width
        height = image.height
        self.borderX = borderX
        self.borderY = borderY
        stride = width + 2 * borderX
        var out = [Int32](repeating: 0, count: stride * (height + 2 * borderY))
        for y in 0..<height {
            let src = y * width
            let dst = (y + borderY) * stride + borderX
            for x in 0..<width { out[dst + x] = image.levels[src + x] }
        }
        levels = out
    }

    /// Index in `levels` of ROI pixel (x, y).
    @inline(__always)
    func index(x: Int, y: Int) -> Int { (y + borderY) * stride + x + borderX }

    /// Linear steps in `levels` for each offset.
    func steps(_ offsets: NeighbourOffsets2D) -> [Int] {
        offsets.offsets.map { $0.dy * stride + $0.dx }
    }
}
