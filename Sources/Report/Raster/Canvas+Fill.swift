extension Canvas {
    /// Fills the polygon (device pixels, even–odd rule): 4 sub-scanlines per pixel row, each span's coverage exact
    /// along x.
    public mutating func fill(_ polygon: [(x: Double, y: Double)], colour: String, opacity: Double = 1) {
        let pts = polygon.filter { $0.x.isFinite && $0.y.isFinite }
        guard pts.count > 2 else { return }
        let xs = pts.map(\.x), ys = pts.map(\.y)
        var m = mask(minX: xs.min()!, minY: ys.min()!, maxX: xs.max()!, maxY: ys.max()!)
        guard m.w > 0, m.h > 0 else { return }
        let edges = zip(pts, pts.dropFirst() + [pts[0]]).filter { $0.0.y != $0.1.y }
        let sub = 4
        var crossings: [Double] = []
        for row in m.y0..<(m.y0 + m.h) {
            for k in 0..<sub {
                let y = Double(row) + (Double(k) + 0.5) / Double(sub)
                crossings.removeAll(keepingCapacity: true)
                for (p, q) in edges where (p.y <= y && y < q.y) || (q.y <= y && y < p.y) {
                    crossings.append(p.x + (y - p.y) * (q.x - p.x) / (q.y - p.y))
                }
                crossings.sort()
                var i = 0
                while i + 1 < crossings.count {
                    let a = max(crossings[i], Double(m.x0)), b = min(crossings[i + 1], Double(m.x0 + m.w))
                    i += 2
                    guard b > a else { continue }
                    for px in Int(a.rounded(.down))...min(Int(b.rounded(.down)), m.x0 + m.w - 1) {
                        let overlap = min(b, Double(px + 1)) - max(a, Double(px))
                        if overlap > 0 { m.coverage[(row - m.y0) * m.w + px - m.x0] += Float(overlap / Double(sub)) }
                    }
                }
            }
        }
        for i in m.coverage.indices { m.coverage[i] = min(1, m.coverage[i]) }
        composite(m, colour: RGBColour(hex: colour), opacity: opacity)
    }

    /// Fills the disc of radius `r` about (cx, cy) (device pixels).
    public mutating func fillCircle(_ cx: Double, _ cy: Double, r: Double, colour: String, opacity: Double = 1) {
        var m = mask(minX: cx - r - 1, minY: cy - r - 1, maxX: cx + r + 1, maxY: cy + r + 1)
        guard m.w > 0, m.h > 0 else { return }
        for j in 0..<m.h {
            for i in 0..<m.w {
                let dx = Double(m.x0 + i) + 0.5 - cx, dy = Double(m.y0 + j) + 0.5 - cy
                m.coverage[j * m.w + i] = Float(max(0, min(1, r + 0.5 - (dx * dx + dy * dy).squareRoot())))
            }
        }
        composite(m, colour: RGBColour(hex: colour), opacity: opacity)
    }
}
