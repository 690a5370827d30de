import ImageIO

extension Canvas {
    /// The canvas as PNG bytes: 8-bit RGBA, written by libpng through ImageIO's `PNGWriter` (the one target that
    /// touches libpng).
    public func png() throws -> [UInt8] {
        try PNGWriter.encodeRGBA8(rgba8(), width: width, height: height)
    }
}

extension Drawing {
    /// The drawing rasterised at `scale` device pixels per user unit, as PNG bytes.
    public func png(scale: Double = 2) throws -> [UInt8] { try Canvas(drawing: self, scale: scale).png() }
}

extension Chart {
    /// The chart as a PNG (8-bit RGBA) at `scale` pixels per SVG unit.
    public func png(scale: Double = 2) throws -> [UInt8] { try drawing().png(scale: scale) }
}
