/// A small software rasteriser: an RGBA image (premultiplied linear-blend floats, 0...1) onto which coverage masks
/// are composited "source over". Every primitive is anti-aliased by computing, per pixel, the fraction of the
/// pixel it covers: strokes from the distance to the nearest segment, fills from 4 sub-scanlines with exact
/// horizontal spans, text from 4 × 4 samples of the bitmap font. A stroke's coverage is the maximum over its
/// segments, so joins and overlaps of one polyline are not blended twice.
public struct Canvas: Sendable {
    public let width: Int
    public let height: Int
    /// Premultiplied r, g, b, a per pixel, row-major.
    private(set) var pixels: [Float]

    public init(width: Int, height: Int) {
        self.width = max(1, width)
        self.height = max(1, height)
        pixels = [Float](repeating: 0, count: self.width * self.height * 4)
    }

    /// The pixel at (x, y) as 8-bit straight (non-premultiplied) RGBA.
    public func rgba(x: Int, y: Int) -> (r: UInt8, g: UInt8, b: UInt8, a: UInt8) {
        let i = (y * width + x) * 4
        let a = pixels[i + 3]
        func channel(_ v: Float) -> UInt8 { UInt8(max(0, min(255, (a > 0 ? v / a : 0) * 255 + 0.5))) }
        return (channel(pixels[i]), channel(pixels[i + 1]), channel(pixels[i + 2]), UInt8(max(0, min(255, a * 255 + 0.5))))
    }

    /// All pixels as 8-bit straight RGBA, row-major (what PNG colour type 6 stores).
    public func rgba8() -> [UInt8] {
        var out = [UInt8](repeating: 0, count: width * height * 4)
        for y in 0..<height {
            for x in 0..<width {
                let p = rgba(x: x, y: y), i = (y * width + x) * 4
                out[i] = p.r; out[i + 1] = p.g; out[i + 2] = p.b; out[i + 3] = p.a
            }
        }
        return out
    }

    // MARK: - Compositing

    /// A coverage mask over the pixel box [x0, x0 + w) × [y0, y0 + h).
    struct Mask {
        let x0: Int, y0: Int, w: Int, h: Int
        var coverage: [Float]

        init(x0: Int, y0: Int, x1: Int, y1: Int) {
            self.x0 = x0; self.y0 = y0
            w = max(0, x1 - x0); h = max(0, y1 - y0)
            coverage = [Float](repeating: 0, count: w * h)
        }
    }

    /// Clamps the box [minX, maxX] × [minY, maxY] (user pixels, fractional) to the canvas, widened to whole pixels.
    func mask(minX: Double, minY: Double, maxX: Double, maxY: Double) -> Mask {
        func clampX(_ v: Double) -> Int { Int(max(0, min(Double(width), v))) }
        func clampY(_ v: Double) -> Int { Int(max(0, min(Double(height), v))) }
        guard minX.isFinite, minY.isFinite, maxX.isFinite, maxY.isFinite else { return Mask(x0: 0, y0: 0, x1: 0, y1: 0) }
        return Mask(x0: clampX(minX.rounded(.down)), y0: clampY(minY.rounded(.down)),
                    x1: clampX(maxX.rounded(.up) + 1), y1: clampY(maxY.rounded(.up) + 1))
    }

    mutating func composite(_ m: Mask, colour: RGBColour, opacity: Double = 1) {
        let (r, g, b) = (Float(colour.r), Float(colour.g), Float(colour.b))
        let o = Float(max(0, min(1, opacity)))
        for j in 0..<m.h {
            for i in 0..<m.w {
                let a = m.coverage[j * m.w + i] * o
                guard a > 0 else { continue }
                let k = ((m.y0 + j) * width + m.x0 + i) * 4
                let keep = 1 - a
                pixels[k] = r * a + pixels[k] * keep
                pixels[k + 1] = g * a + pixels[k + 1] * keep
                pixels[k + 2] = b * a + pixels[k + 2] * keep
                pixels[k + 3] = a + pixels[k + 3] * keep
            }
        }
    }
}

/// An sRGB colour parsed from "#rrggbb" or "#rgb" (components 0...1); anything else is black.
struct RGBColour: Equatable {
    var r: Double, g: Double, b: Double

    init(r: Double, g: Double, b: Double) {
        self.r = r; self.g = g; self.b = b
    }

    init(hex: String) {
        var digits = Array(hex.hasPrefix("#") ? hex.dropFirst() : Substring(hex))
        if digits.count == 3 { digits = digits.flatMap { [$0, $0] } }
        guard digits.count == 6, let v = UInt32(String(digits), radix: 16) else { self.init(r: 0, g: 0, b: 0); return }
        self.init(r: Double((v >> 16) & 0xff) / 255, g: Double((v >> 8) & 0xff) / 255, b: Double(v & 0xff) / 255)
    }
}
