extension Canvas {
    /// Strokes the polyline through `points` (device pixels) with round caps and joins, optionally dashed (dash
    /// lengths in device pixels, the pattern running on across vertices as in SVG).
    public mutating func stroke(_ points: [(x: Double, y: Double)], width: Double, colour: String, dash: [Double]? = nil,
                                opacity: Double = 1) {
        let segments = Self.dashed(points, dash: dash)
        guard !segments.isEmpty, width > 0 else { return }
        // Lines thinner than a pixel are drawn one pixel wide at proportionally lower coverage.
        let half = max(width, 1) / 2, strength = Float(min(width, 1))
        let xs = segments.flatMap { [$0.0.x, $0.1.x] }, ys = segments.flatMap { [$0.0.y, $0.1.y] }
        var m = mask(minX: xs.min()! - half - 1, minY: ys.min()! - half - 1, maxX: xs.max()! + half + 1, maxY: ys.max()! + half + 1)
        guard m.w > 0, m.h > 0 else { return }
        for (a, b) in segments {
            let lo = mask(minX: min(a.x, b.x) - half - 1, minY: min(a.y, b.y) - half - 1,
                          maxX: max(a.x, b.x) + half + 1, maxY: max(a.y, b.y) + half + 1)
            let dx = b.x - a.x, dy = b.y - a.y, length2 = dx * dx + dy * dy
            for py in lo.y0..<(lo.y0 + lo.h) {
                let cy = Double(py) + 0.5
                for px in lo.x0..<(lo.x0 + lo.w) {
                    let cx = Double(px) + 0.5
                    var t = length2 > 0 ? ((cx - a.x) * dx + (cy - a.y) * dy) / length2 : 0
                    t = max(0, min(1, t))
                    let ex = cx - (a.x + t * dx), ey = cy - (a.y + t * dy)
                    let c = Float(max(0, min(1, half + 0.5 - (ex * ex + ey * ey).squareRoot()))) * strength
                    let k = (py - m.y0) * m.w + (px - m.x0)
                    if c > m.coverage[k] { m.coverage[k] = c }
                }
            }
        }
        composite(m, colour: RGBColour(hex: colour), opacity: opacity)
    }

    /// The "on" pieces of a dashed polyline (the whole polyline, segment by segment, when `dash` is nil or empty).
    static func dashed(_ points: [(x: Double, y: Double)], dash: [Double]?)
        -> [((x: Double, y: Double), (x: Double, y: Double))] {
        let pts = points.filter { $0.x.isFinite && $0.y.isFinite }
        guard pts.count > 1 else { return [] }
        let pattern = (dash ?? []).filter { $0 > 0 }
        guard !pattern.isEmpty else { return zip(pts, pts.dropFirst()).map { ($0, $1) } }
        let cycle = pattern.count % 2 == 1 ? pattern + pattern : pattern
        var out: [((x: Double, y: Double), (x: Double, y: Double))] = []
        var index = 0, left = cycle[0]
        for (a, b) in zip(pts, pts.dropFirst()) {
            let length = ((b.x - a.x) * (b.x - a.x) + (b.y - a.y) * (b.y - a.y)).squareRoot()
            var s = 0.0
            while s < length {
                let step = min(left, length - s)
                if index % 2 == 0 {
                    let t0 = s / length, t1 = (s + step) / length
                    out.append(((a.x + (b.x - a.x) * t0, a.y + (b.y - a.y) * t0), (a.x + (b.x - a.x) * t1, a.y + (b.y - a.y) * t1)))
                }
                s += step
                left -= step
                if left <= 1e-9 { index = (index + 1) % cycle.count; left = cycle[index] }
            }
        }
        return out
    }
}
