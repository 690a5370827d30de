extension Canvas {
    /// Draws `text` with the bitmap font (`BitmapFont`): its baseline starts, centres or ends (`anchor`) at
    /// (x, y) in device pixels; `size` is the font size in device pixels (cap height 0.7 em, advance 0.6 em);
    /// `rotate` turns it clockwise, in degrees, about (x, y). Each pixel samples the glyphs 4 × 4 times.
    public mutating func text(_ text: String, x: Double, y: Double, size: Double, anchor: SVGWriter.Anchor = .start,
                              rotate: Double = 0, bold: Bool = false, colour: String) {
        let glyphs = text.map(BitmapFont.glyph)
        guard !glyphs.isEmpty, size > 0, x.isFinite, y.isFinite else { return }
        let unit = size / 10
        let advance = BitmapFont.advance, rows = Double(BitmapFont.rows), cap = BitmapFont.capHeight
        let widthUnits = Double(glyphs.count) * advance - 1
        let shift = anchor == .start ? 0 : anchor == .middle ? -widthUnits / 2 : -widthUnits
        let angle = rotate * Double.pi / 180
        let c = cosine(angle), s = sine(angle)
        // The text box in device pixels (its rotated corners), for the mask.
        let corners = [(shift, -cap), (shift + widthUnits + 1, -cap), (shift, rows - cap), (shift + widthUnits + 1, rows - cap)]
            .map { (u: Double, v: Double) -> (Double, Double) in (x + (u * c - v * s) * unit, y + (u * s + v * c) * unit) }
        var m = mask(minX: corners.map(\.0).min()!, minY: corners.map(\.1).min()!,
                     maxX: corners.map(\.0).max()!, maxY: corners.map(\.1).max()!)
        guard m.w > 0, m.h > 0 else { return }
        func ink(_ u: Double, _ v: Double) -> Bool {
            // (u, v) in font units from the text's left end on the baseline; v down.
            let row = Int((v + cap).rounded(.down))
            guard row >= 0, row < BitmapFont.rows, u >= 0 else { return false }
            let cell = Int((u / advance).rounded(.down))
            guard cell < glyphs.count else { return false }
            func bit(_ x: Double) -> Bool {
                let column = Int(x.rounded(.down))
                return column >= 0 && column < BitmapFont.columns
                    && (glyphs[cell][row] >> UInt8(BitmapFont.columns - 1 - column)) & 1 == 1
            }
            let local = u - Double(cell) * advance
            return bit(local) || (bold && bit(local - 0.5))
        }
        let n = 4
        for j in 0..<m.h {
            for i in 0..<m.w {
                var hits = 0
                for sy in 0..<n {
                    for sx in 0..<n {
                        let dx = Double(m.x0 + i) + (Double(sx) + 0.5) / Double(n) - x
                        let dy = Double(m.y0 + j) + (Double(sy) + 0.5) / Double(n) - y
                        // Back to text space: rotate by −angle, then device pixels → font units.
                        let u = (dx * c + dy * s) / unit - shift, v = (-dx * s + dy * c) / unit
                        if ink(u, v) { hits += 1 }
                    }
                }
                m.coverage[j * m.w + i] = Float(hits) / Float(n * n)
            }
        }
        composite(m, colour: RGBColour(hex: colour))
    }
}

/// cos and sin that are exact at multiples of 90°, so rotated text stays on the pixel grid.
private func cosine(_ a: Double) -> Double {
    let q = a / (Double.pi / 2)
    if q == q.rounded() { return [1.0, 0, -1, 0][((Int(q) % 4) + 4) % 4] }
    return sine(a + Double.pi / 2)
}

private func sine(_ a: Double) -> Double {
    let q = a / (Double.pi / 2)
    if q == q.rounded() { return [0.0, 1, 0, -1][((Int(q) % 4) + 4) % 4] }
    // Taylor series after reduction to [−π, π]; enough for text angles.
    var x = a.truncatingRemainder(dividingBy: 2 * Double.pi)
    if x > Double.pi { x -= 2 * Double.pi } else if x < -Double.pi { x += 2 * Double.pi }
    var term = x, sum = x
    for k in 1...12 { term *= -x * x / Double((2 * k) * (2 * k + 1)); sum += term }
    return sum
}
