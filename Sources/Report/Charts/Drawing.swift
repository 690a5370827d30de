/// A figure described once, as a list of drawing commands in user units (SVG pixels, y pointing down), that both
/// the SVG writer (`svg()`) and the raster canvas (`Canvas(drawing:scale:)`, then `png(scale:)`) consume, so every
/// chart is laid out in one place and the two outputs cannot drift apart.
public struct Drawing: Sendable {
    public typealias Point = (x: Double, y: Double)

    /// Stroke colour ("#rrggbb" or "#rgb"), width in user units, and an optional dash pattern (on, off, ...).
    public struct Stroke: Sendable {
        public var colour: String
        public var width: Double
        public var dash: [Double]?

        public init(_ colour: String, width: Double = 1, dash: [Double]? = nil) {
            self.colour = colour
            self.width = width
            self.dash = dash
        }
    }

    public enum Command: Sendable {
        case line(Point, Point, Stroke)
        case polyline([Point], Stroke)
        /// A filled polygon (even–odd rule) with an opacity in 0...1, e.g. a confidence band.
        case polygon([Point], fill: String, opacity: Double)
        case rect(x: Double, y: Double, width: Double, height: Double, fill: String?, stroke: Stroke?)
        case circle(Point, radius: Double, fill: String)
        /// Text whose baseline starts, centres or ends (`anchor`) at `at`, turned by `rotate` degrees (clockwise,
        /// as SVG) about that point.
        case text(String, at: Point, size: Double, anchor: SVGWriter.Anchor, rotate: Double, bold: Bool, fill: String)
    }

    public let width: Double
    public let height: Double
    public var title: String
    public private(set) var commands: [Command] = []

    public init(width: Double, height: Double, title: String) {
        self.width = width
        self.height = height
        self.title = title
    }

    public mutating func add(_ command: Command) { commands.append(command) }

    public mutating func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, stroke: String,
                              width: Double = 1, dash: [Double]? = nil) {
        guard x1.isFinite, y1.isFinite, x2.isFinite, y2.isFinite else { return }
        commands.append(.line((x1, y1), (x2, y2), Stroke(stroke, width: width, dash: dash)))
    }

    /// A polyline through the finite points; `step` draws a right-continuous step function (horizontal, then
    /// vertical), as a survival or ROC staircase.
    public mutating func polyline(_ points: [Point], stroke: String, width: Double = 2, dash: [Double]? = nil,
                                  step: Bool = false) {
        let finite = points.filter { $0.x.isFinite && $0.y.isFinite }
        guard finite.count > 1 else { return }
        var pts = finite
        if step {
            pts = []
            for (i, p) in finite.enumerated() {
                if i > 0 { pts.append((p.x, finite[i - 1].y)) }
                pts.append(p)
            }
        }
        commands.append(.polyline(pts, Stroke(stroke, width: width, dash: dash)))
    }

    public mutating func polygon(_ points: [Point], fill: String, opacity: Double = 1) {
        let finite = points.filter { $0.x.isFinite && $0.y.isFinite }
        guard finite.count > 2 else { return }
        commands.append(.polygon(finite, fill: fill, opacity: opacity))
    }

    public mutating func rect(_ x: Double, _ y: Double, _ w: Double, _ h: Double, fill: String?,
                              stroke: String? = nil, strokeWidth: Double = 1) {
        guard x.isFinite, y.isFinite, w.isFinite, h.isFinite else { return }
        commands.append(.rect(x: min(x, x + w), y: min(y, y + h), width: abs(w), height: abs(h), fill: fill,
                              stroke: stroke.map { Stroke($0, width: strokeWidth) }))
    }

    public mutating func circle(_ x: Double, _ y: Double, r: Double, fill: String) {
        guard x.isFinite, y.isFinite else { return }
        commands.append(.circle((x, y), radius: r, fill: fill))
    }

    public mutating func text(_ s: String, _ x: Double, _ y: Double, size: Double = 12, anchor: SVGWriter.Anchor = .start,
                              rotate: Double = 0, bold: Bool = false, fill: String = "#222") {
        guard x.isFinite, y.isFinite, !s.isEmpty else { return }
        commands.append(.text(s, at: (x, y), size: size, anchor: anchor, rotate: rotate, bold: bold, fill: fill))
    }

    /// Estimated advance of `s` at font size `size`: 0.6 em per character, which both Helvetica (on average) and
    /// the raster font (`BitmapFont`, 0.6 em per cell) come close to. Used to size legends and margins.
    public static func textWidth(_ s: String, size: Double) -> Double { Double(s.count) * size * 0.6 }

    /// The drawing as a standalone SVG document (well-formed XML, inlinable in HTML).
    public func svg() -> String {
        var w = SVGWriter(width: width, height: height)
        func dash(_ d: [Double]?) -> String? { d.map { $0.map(SVGWriter.n).joined(separator: " ") } }
        for c in commands {
            switch c {
            case let .line(a, b, s):
                w.line(a.x, a.y, b.x, b.y, stroke: s.colour, width: s.width, dash: dash(s.dash))
            case let .polyline(pts, s):
                w.polyline(pts.map { ($0.x, $0.y) }, stroke: s.colour, width: s.width, dash: dash(s.dash))
            case let .polygon(pts, fill, opacity):
                w.polygon(pts.map { ($0.x, $0.y) }, fill: fill, opacity: opacity)
            case let .rect(x, y, rw, rh, fill, stroke):
                w.rect(x, y, rw, rh, fill: fill ?? "none", stroke: stroke?.colour, strokeWidth: stroke?.width ?? 1)
            case let .circle(p, r, fill):
                w.circle(p.x, p.y, r: r, fill: fill)
            case let .text(s, p, size, anchor, rotate, bold, fill):
                w.text(s, p.x, p.y, size: size, anchor: anchor, rotate: rotate == 0 ? nil : rotate,
                       weight: bold ? "bold" : nil, fill: fill)
            }
        }
        return w.document(title: title)
    }
}

/// A chart: anything that lays itself out as a `Drawing`.
public protocol Chart: Sendable {
    func drawing() -> Drawing
}

extension Chart {
    public func svg() -> String { drawing().svg() }
}
