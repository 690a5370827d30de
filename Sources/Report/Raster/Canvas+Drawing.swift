extension Canvas {
    /// Renders `drawing` at `scale` device pixels per user unit (2 gives a 1120 × 880 image of a 560 × 440 chart).
    public init(drawing: Drawing, scale: Double = 2) {
        self.init(width: Int((drawing.width * scale).rounded(.up)), height: Int((drawing.height * scale).rounded(.up)))
        func p(_ q: Drawing.Point) -> (x: Double, y: Double) { (q.x * scale, q.y * scale) }
        for command in drawing.commands {
            switch command {
            case let .line(a, b, s):
                stroke([p(a), p(b)], width: s.width * scale, colour: s.colour, dash: s.dash?.map { $0 * scale })
            case let .polyline(points, s):
                stroke(points.map(p), width: s.width * scale, colour: s.colour, dash: s.dash?.map { $0 * scale })
            case let .polygon(points, fill, opacity):
                self.fill(points.map(p), colour: fill, opacity: opacity)
            case let .rect(x, y, w, h, fill, stroke):
                let corners = [(x, y), (x + w, y), (x + w, y + h), (x, y + h)].map { p(($0, $1)) }
                if let fill, fill != "none" { self.fill(corners, colour: fill) }
                if let stroke {
                    self.stroke(corners + [corners[0]], width: stroke.width * scale, colour: stroke.colour,
                                dash: stroke.dash?.map { $0 * scale })
                }
            case let .circle(c, r, fill):
                fillCircle(c.x * scale, c.y * scale, r: r * scale, colour: fill)
            case let .text(s, at, size, anchor, rotate, bold, fill):
                text(s, x: at.x * scale, y: at.y * scale, size: size * scale, anchor: anchor, rotate: rotate, bold: bold,
                     colour: fill)
            }
        }
    }
}
