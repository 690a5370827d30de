/// The output grid of PyRadiomics' `resampleImage` (imageoperations.py) for a 2D mask, and the way SimpleITK's
/// `ResampleImageFilter` maps it back onto an input image.
///
/// PyRadiomics, per axis, with r = maskSpacing / newSpacing, ROI box start b and size s (pixels):
///   lower = ⌊(b − 0.5)·r − pad⌋, upper = ⌈(b + s − 0.5)·r + pad⌉, both clipped to [0, ⌈size·r⌉ − 1];
///   newSize = upper − lower + 1; origin = maskSpacing · (0.5·(newSpacing − maskSpacing)/maskSpacing + lower/r)
///   + maskOrigin (the grid stays aligned to the input's corner).
struct ResamplingGrid: Equatable {
    var width: Int
    var height: Int
    var spacing: PixelSpacing
    var origin: (x: Double, y: Double)

    static func == (a: ResamplingGrid, b: ResamplingGrid) -> Bool {
        a.width == b.width && a.height == b.height && a.spacing == b.spacing && a.origin == b.origin
    }

    init(width: Int, height: Int, spacing: PixelSpacing, origin: (x: Double, y: Double)) {
        self.width = width
        self.height = height
        self.spacing = spacing
        self.origin = origin
    }

    /// PyRadiomics' grid around `box` of a mask of `maskSize` pixels.
    init(box: BoundingBox, maskSize: (width: Int, height: Int), maskSpacing: PixelSpacing,
         maskOrigin: (x: Double, y: Double), newSpacing: PixelSpacing, padDistance: Int) {
        func axis(start: Int, size: Int, count: Int, ms: Double, rs: Double, o: Double) -> (Int, Double) {
            let ratio = ms / rs
            let pad = Double(padDistance)
            var lower = ((Double(start) - 0.5) * ratio - pad).rounded(.down)
            var upper = ((Double(start + size) - 0.5) * ratio + pad).rounded(.up)
            let maxUpper = (Double(count) * ratio).rounded(.up) - 1
            if lower < 0 { lower = 0 }
            if upper > maxUpper { upper = maxUpper }
            let newCount = Int(upper - lower + 1)
            let originIndex = 0.5 * (rs - ms) / ms + lower / ratio
            return (newCount, ms * originIndex + o)
        }
        let (w, ox) = axis(start: box.minX, size: box.width, count: maskSize.width, ms: maskSpacing.x, rs: newSpacing.x,
                           o: maskOrigin.x)
        let (h, oy) = axis(start: box.minY, size: box.height, count: maskSize.height, ms: maskSpacing.y, rs: newSpacing.y,
                           o: maskOrigin.y)
        self.init(width: w, height: h, spacing: newSpacing, origin: (ox, oy))
    }

    /// `ResampleImageFilter::LinearThreadedGenerateData` with an identity transform: each output row is mapped by
    /// its first pixel and the pixel one past its end, continuous index = (point − inputOrigin) · (1/inputSpacing),
    /// and pixel i of the row lies at start + (i / width) · (end − start). Points outside −0.5 ≤ index < size − 0.5
    /// get `outside` (SimpleITK's default pixel value, 0).
    func sample<I: ContinuousIndexInterpolator>(_ interpolator: I, outside: I.Value, inputWidth: Int, inputHeight: Int,
                                                inputSpacing: PixelSpacing,
                                                inputOrigin: (x: Double, y: Double)) -> [I.Value] {
        let invX = 1.0 / inputSpacing.x
        let invY = 1.0 / inputSpacing.y
        let lowX = -0.5, highX = Double(inputWidth - 1) + 0.5
        let lowY = -0.5, highY = Double(inputHeight - 1) + 0.5
        func continuousIndex(_ i: Int, _ j: Int) -> (Double, Double) {
            let px = origin.x + spacing.x * Double(i)
            let py = origin.y + spacing.y * Double(j)
            return ((px - inputOrigin.x) * invX, (py - inputOrigin.y) * invY)
        }
        var out = [I.Value](repeating: outside, count: width * height)
        let size = Double(width)
        out.withUnsafeMutableBufferPointer { o in
            for j in 0..<height {
                let start = continuousIndex(0, j)
                let end = continuousIndex(width, j)
                let dx = end.0 - start.0, dy = end.1 - start.1
                for i in 0..<width {
                    let alpha = Double(i) / size
                    let x = start.0 + alpha * dx
                    let y = start.1 + alpha * dy
                    if x >= lowX && x < highX && y >= lowY && y < highY {
                        o[j * width + i] = interpolator.value(x: x, y: y)
                    }
                }
            }
        }
        return out
    }
}
