/// A binary region of interest, the same size and layout as its `Image2D` (`inside[y * width + x]`).
///
/// PyRadiomics' `maskArray = (mask == label)`; label selection happens once, when the mask is built
/// (see `LabelMap.roi(label:)`), so every feature class sees only true/false.
public struct Mask2D: Sendable, Equatable {
    public let width: Int
    public let height: Int
    public var spacing: PixelSpacing
    public var origin: (x: Double, y: Double)
    public var inside: [Bool]

    public init(width: Int, height: Int, spacing: PixelSpacing = .unit, origin: (x: Double, y: Double) = (0, 0), inside: [Bool]) {
        precondition(width >= 0 && height >= 0 && inside.count == width * height, "Mask2D: pixel count does not match size")
        self.width = width
        self.height = height
        self.spacing = spacing
        self.origin = origin
        self.inside = inside
    }

    @inlinable
    public subscript(x: Int, y: Int) -> Bool {
        get { inside[y * width + x] }
        set { inside[y * width + x] = newValue }
    }

    /// Number of pixels in the ROI.
    public var count: Int { inside.reduce(0) { $0 + ($1 ? 1 : 0) } }

    /// The smallest box holding every ROI pixel, or nil for an empty mask.
    public var boundingBox: BoundingBox? {
        inside.withUnsafeBufferPointer { p -> BoundingBox? in
            var minX = Int.max, minY = Int.max, maxX = -1, maxY = -1
            for y in 0..<height {
                let row = p.baseAddress! + y * width
                guard let first = (0..<width).first(where: { row[$0] }) else { continue }
                let last = (first..<width).last(where: { row[$0] })!
                minX = Swift.min(minX, first)
                maxX = Swift.max(maxX, last)
                if minY == Int.max { minY = y }
                maxY = y
            }
            return maxX < 0 ? nil : BoundingBox(minX: minX, minY: minY, maxX: maxX, maxY: maxY)
        }
    }

    public static func == (a: Mask2D, b: Mask2D) -> Bool {
        a.width == b.width && a.height == b.height && a.spacing == b.spacing
            && a.origin.x == b.origin.x && a.origin.y == b.origin.y && a.inside == b.inside
    }
}

/// A label image as read from a mask file, before a label is chosen.
public struct LabelMap: Sendable, Equatable {
    public let width: Int
    public let height: Int
    public var spacing: PixelSpacing
    public var labels: [Int]

    public init(width: Int, height: Int, spacing: PixelSpacing = .unit, labels: [Int]) {
        precondition(labels.count == width * height, "LabelMap: pixel count does not match size")
        self.width = width
        self.height = height
        self.spacing = spacing
        self.labels = labels
    }

    /// Distinct non-zero values, ascending.
    public var nonZeroLabels: [Int] { Array(Set(labels.filter { $0 != 0 })).sorted() }

    public func roi(label: Int) -> Mask2D {
        Mask2D(width: width, height: height, spacing: spacing, inside: labels.map { $0 == label })
    }
}
