/// Builds SVG text. Every string that reaches the document goes through `escape`.
public struct SVGWriter {
    public private(set) var body = ""
    public let width: Double
    public let height: Double

    public init(width: Double, height: Double) {
        self.width = width
        self.height = height
    }

    public static func escape(_ s: String) -> String {
        var out = ""
        for c in s {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            default: out.append(c)
            }
        }
        return out
    }

    package static func n(_ v: Double) -> String {
        let r = (v * 100).rounded() / 100
        return r == r.rounded() ? String(Int(r)) : String(r)
    }

    public mutating func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, stroke: String, width: Double = 1, dash: String? = nil) {
        body += "<line x1=\"\(Self.n(x1))\" y1=\"\(Self.n(y1))\" x2=\"\(Self.n(x2))\" y2=\"\(Self.n(y2))\" stroke=\"\(stroke)\" stroke-width=\"\(Self.n(width))\""
            + (dash.map { " stroke-dasharray=\"\($0)\"" } ?? "") + "/>\n"
    }

    public mutating func polyline(_ points: [(Double, Double)], stroke: String, width: Double = 2, dash: String? = nil, step: Bool = false) {
        guard !points.isEmpty else { return }
        var pts = points
        if step {
            pts = []
            for (i, p) in points.enumerated() {
                if i > 0 { pts.append((p.0, points[i - 1].1)) }
                pts.append(p)
            }
        }
        let coords = pts.map { "\(Self.n($0.0)),\(Self.n($0.1))" }.joined(separator: " ")
        body += "<polyline points=\"\(coords)\" fill=\"none\" stroke=\"\(stroke)\" stroke-width=\"\(Self.n(width))\" stroke-linejoin=\"round\""
            + (dash.map { " stroke-dasharray=\"\($0)\"" } ?? "") + "/>\n"
    }

    public mutating func circle(_ x: Double, _ y: Double, r: Double, fill: String) {
        body += "<circle cx=\"\(Self.n(x))\" cy=\"\(Self.n(y))\" r=\"\(Self.n(r))\" fill=\"\(fill)\"/>\n"
    }

    public mutating func rect(_ x: Double, _ y: Double, _ w: Double, _ h: Double, fill: String, stroke: String? = nil,
                              strokeWidth: Double = 1) {
        body += "<rect x=\"\(Self.n(x))\" y=\"\(Self.n(y))\" width=\"\(Self.n(w))\" height=\"\(Self.n(h))\" fill=\"\(fill)\""
            + (stroke.map { " stroke=\"\($0)\"" } ?? "")
            + (stroke != nil && strokeWidth != 1 ? " stroke-width=\"\(Self.n(strokeWidth))\"" : "") + "/>\n"
    }

    public mutating func polygon(_ points: [(Double, Double)], fill: String, opacity: Double = 1) {
        guard !points.isEmpty else { return }
        let coords = points.map { "\(Self.n($0.0)),\(Self.n($0.1))" }.joined(separator: " ")
        body += "<polygon points=\"\(coords)\" fill=\"\(fill)\" fill-rule=\"evenodd\""
            + (opacity < 1 ? " fill-opacity=\"\(Self.n(opacity))\"" : "") + "/>\n"
    }

    public enum Anchor: String, Sendable { case start, middle, end }

    public mutating func text(_ s: String, _ x: Double, _ y: Double, size: Double = 12, anchor: Anchor = .start,
                              rotate: Double? = nil, weight: String? = nil, fill: String = "#222") {
        let transform = rotate.map { " transform=\"rotate(\(Self.n($0)) \(Self.n(x)) \(Self.n(y)))\"" } ?? ""
        body += "<text x=\"\(Self.n(x))\" y=\"\(Self.n(y))\" font-size=\"\(Self.n(size))\" text-anchor=\"\(anchor.rawValue)\" fill=\"\(fill)\""
            + (weight.map { " font-weight=\"\($0)\"" } ?? "") + transform + ">\(Self.escape(s))</text>\n"
    }

    /// The whole document (standalone SVG 1.1, inlinable in HTML).
    public func document(title: String) -> String {
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Self.n(width))\" height=\"\(Self.n(height))\" viewBox=\"0 0 \(Self.n(width)) \(Self.n(height))\" font-family=\"Helvetica, Arial, sans-serif\" role=\"img\">\n"
            + "<title>\(Self.escape(title))</title>\n" + body + "</svg>\n"
    }
}
