/// Inclusive pixel bounds of a region, as SimpleITK's `LabelStatisticsImageFilter.GetBoundingBox`
/// (PyRadiomics' `boundingBox` = `[minX, maxX, minY, maxY]`).
public struct BoundingBox: Sendable, Equatable, Hashable {
    public var minX: Int
    public var minY: Int
    public var maxX: Int
    public var maxY: Int

    public init(minX: Int, minY: Int, maxX: Int, maxY: Int) {
        self.minX = minX
        self.minY = minY
        self.maxX = maxX
        self.maxY = maxY
    }

    public var width: Int { maxX - minX + 1 }
    public var height: Int { maxY - minY + 1 }
}

extension Image2D {
    /// The sub-image inside `box` (PyRadiomics `cropToTumorMask` with padDistance 0).
    /// The origin moves with the crop, as SimpleITK's `Crop` does.
    public func cropped(to box: BoundingBox) -> Image2D {
        var out = [Double]()
        out.reserveCapacity(box.width * box.height)
        for y in box.minY...box.maxY {
            let row = y * width
            out.append(contentsOf: pixels[(row + box.minX)...(row + box.maxX)])
        }
        var cropped = Image2D(width: box.width, height: box.height, spacing: spacing,
                              origin: (origin.x + Double(box.minX) * spacing.x, origin.y + Double(box.minY) * spacing.y),
                              pixels: out)
        cropped.precision = precision
        return cropped
    }
}

extension Mask2D {
    public func cropped(to box: BoundingBox) -> Mask2D {
        var out = [Bool]()
        out.reserveCapacity(box.width * box.height)
        for y in box.minY...box.maxY {
            let row = y * width
            out.append(contentsOf: inside[(row + box.minX)...(row + box.maxX)])
        }
        return Mask2D(width: box.width, height: box.height, spacing: spacing,
                      origin: (origin.x + Double(box.minX) * spacing.x, origin.y + Double(box.minY) * spacing.y),
                      inside: out)
    }
}
