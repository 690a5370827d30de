/// Physical size of one pixel, in millimetres, in SimpleITK's (x, y) order.
public struct PixelSpacing: Sendable, Equatable, Hashable {
    public var x: Double
    public var y: Double

    public init(x: Double, y: Double) {
        self.x = x
        self.y = y
    }

    public static let unit = PixelSpacing(x: 1, y: 1)
}

/// How a filter's output is stored in PyRadiomics' pipeline. SimpleITK returns LoG and gradient images as 32-bit
/// floats, and PyRadiomics then bins those float32 arrays with float32 arithmetic (NumPy keeps the array's
/// dtype in `histogram` and `arange`); the values here are exact `Float`s held in `Double`s, and the
/// discretisation follows the dtype (`DiscretizedImage`).
public enum PixelPrecision: Sendable, Equatable {
    case double
    case single
}

/// A 2D grey image of `Double` intensities, stored row-major: `pixels[y * width + x]`.
///
/// This is the layout of `sitk.GetArrayFromImage` for a true 2D SimpleITK image (shape `(height, width)`,
/// C order), so "flattened order" here is NumPy's order in PyRadiomics, which matters wherever PyRadiomics
/// breaks ties by position.
public struct Image2D: Sendable, Equatable {
    public let width: Int
    public let height: Int
    public var spacing: PixelSpacing
    /// Physical position of pixel (0, 0), as SimpleITK's origin. Only resampling reads it.
    public var origin: (x: Double, y: Double)
    public var pixels: [Double]
    /// The precision PyRadiomics holds these values in (see `PixelPrecision`).
    public var precision: PixelPrecision = .double

    public init(width: Int, height: Int, spacing: PixelSpacing = .unit, origin: (x: Double, y: Double) = (0, 0), pixels: [Double]) {
        precondition(width >= 0 && height >= 0 && pixels.count == width * height, "Image2D: pixel count does not match size")
        self.width = width
        self.height = height
        self.spacing = spacing
        self.origin = origin
        self.pixels = pixels
    }

    public init(width: Int, height: Int, spacing: PixelSpacing = .unit, repeating value: Double = 0) {
        self.init(width: width, height: height, spacing: spacing, pixels: Array(repeating: value, count: width * height))
    }

    public var count: Int { width * height }

    @inlinable
    public subscript(x: Int, y: Int) -> Double {
        get { pixels[y * width + x] }
        set { pixels[y * width + x] = newValue }
    }

    /// The same geometry with other pixel values (as `CopyInformation` in SimpleITK).
    public func withPixels(_ newPixels: [Double], precision: PixelPrecision? = nil) -> Image2D {
        var out = Image2D(width: width, height: height, spacing: spacing, origin: origin, pixels: newPixels)
        out.precision = precision ?? self.precision
        return out
    }

    public static func == (a: Image2D, b: Image2D) -> Bool {
        a.width == b.width && a.height == b.height && a.spacing == b.spacing
            && a.origin.x == b.origin.x && a.origin.y == b.origin.y && a.pixels == b.pixels && a.precision == b.precision
    }
}
