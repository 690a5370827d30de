/// The plot area of a chart (position and size in user units) with its data ranges, the maps from data to user
/// units, and the pieces every chart shares: grid, tick labels, axis titles, legend, clipping to the range.
struct PlotFrame {
    var left: Double, top: Double, width: Double, height: Double
    var x: ClosedRange<Double>, y: ClosedRange<Double>

    var right: Double { left + width }
    var bottom: Double { top + height }

    func px(_ v: Double) -> Double { left + (v - x.lowerBound) / (x.upperBound - x.lowerBound) * width }
    func py(_ v: Double) -> Double { bottom - (v - y.lowerBound) / (y.upperBound - y.lowerBound) * height }
    func point(_ p: (x: Double, y: Double)) -> Drawing.Point { (px(p.x), py(p.y)) }

    /// Ticks with labels over `range`, at nice steps (`AxisTicks`), dropping ticks outside the range.
    static func ticks(_ range: ClosedRange<Double>, count: Int = 6) -> [(value: Double, label: String)] {
        let t = AxisTicks.nice(low: range.lowerBound, high: range.upperBound, count: count)
        let eps = t.step * 1e-9
        return t.ticks.filter { $0 >= range.lowerBound - eps && $0 <= range.upperBound + eps }
            .map { ($0, AxisTicks.label($0, step: t.step)) }
    }

    /// [low, high] widened to nice tick values.
    static func niceRange(_ values: [Double], count: Int = 6) -> ClosedRange<Double> {
        let finite = values.filter(\.isFinite)
        let t = AxisTicks.nice(low: finite.min() ?? 0, high: finite.max() ?? 1, count: count)
        return t.low...t.high
    }

    /// The values' range widened by 4 % on each side, as R's default axis style (`xaxs = "r"`) that glmnet's plots use.
    static func paddedRange(_ values: [Double]) -> ClosedRange<Double> {
        let finite = values.filter(\.isFinite)
        guard let lo = finite.min(), let hi = finite.max() else { return 0...1 }
        let pad = hi > lo ? 0.04 * (hi - lo) : 0.5
        return (lo - pad)...(hi + pad)
    }

    /// Grid lines, the frame, tick labels and the axis titles (the y title turned -90°).
    func axes(_ d: inout Drawing, xTicks: [(value: Double, label: String)], yTicks: [(value: Double, label: String)],
              xLabel: String, yLabel: String, grid: Bool = true) {
        for t in xTicks {
            if grid { d.line(px(t.value), top, px(t.value), bottom, stroke: Style.grid) }
            d.line(px(t.value), bottom, px(t.value), bottom + 4, stroke: Style.frame)
            d.text(t.label, px(t.value), bottom + 17, size: Style.tickSize, anchor: .middle)
        }
        for t in yTicks {
            if grid { d.line(left, py(t.value), right, py(t.value), stroke: Style.grid) }
            d.line(left - 4, py(t.value), left, py(t.value), stroke: Style.frame)
            d.text(t.label, left - 7, py(t.value) + 4, size: Style.tickSize, anchor: .end)
        }
        d.rect(left, top, width, height, fill: nil, stroke: Style.frame)
        d.text(xLabel, left + width / 2, bottom + 36, size: Style.labelSize, anchor: .middle)
        let widest = yTicks.map { Drawing.textWidth($0.label, size: Style.tickSize) }.max() ?? 0
        d.text(yLabel, left - widest - 18, top + height / 2, size: Style.labelSize, anchor: .middle, rotate: -90)
    }

    /// The chart title, centred above the plot area.
    static func title(_ d: inout Drawing, _ text: String, centre: Double) {
        d.text(text, centre, 24, size: Style.titleSize, anchor: .middle, bold: true)
    }

    /// Splits a data-space polyline into the pieces inside `y` (points beyond are cut at the boundary), as R's
    /// `lines()` inside `plot(ylim = ...)` shows them.
    func clipped(_ points: [(x: Double, y: Double)]) -> [[(x: Double, y: Double)]] {
        var pieces: [[(x: Double, y: Double)]] = [], current: [(x: Double, y: Double)] = []
        let lo = y.lowerBound, hi = y.upperBound
        func inside(_ p: (x: Double, y: Double)) -> Bool { p.y >= lo && p.y <= hi }
        func cut(_ a: (x: Double, y: Double), _ b: (x: Double, y: Double), at level: Double) -> (x: Double, y: Double) {
            (a.x + (b.x - a.x) * (level - a.y) / (b.y - a.y), level)
        }
        let finite = points.filter { $0.x.isFinite && $0.y.isFinite }
        for (i, p) in finite.enumerated() {
            if i == 0 { if inside(p) { current.append(p) }; continue }
            let a = finite[i - 1]
            // Crossings of the two levels along a → b, in order.
            var crossings: [(t: Double, p: (x: Double, y: Double))] = []
            for level in [lo, hi] where (a.y - level) * (p.y - level) < 0 {
                crossings.append(((level - a.y) / (p.y - a.y), cut(a, p, at: level)))
            }
            crossings.sort { $0.t < $1.t }
            var isIn = inside(a)
            for c in crossings {
                if isIn { current.append(c.p); pieces.append(current); current = [] } else { current = [c.p] }
                isIn.toggle()
            }
            if inside(p) { current.append(p) }
        }
        if current.count > 1 { pieces.append(current) }
        return pieces.filter { $0.count > 1 }
    }
}

/// One row of a legend: a line sample (with optional dash and marker) or a filled swatch, then the name.
struct LegendEntry {
    var name: String
    var colour: String
    var width = 2.0
    var dash: [Double]? = nil
    var marker = false
    var swatch = false
}

enum LegendCorner { case topLeft, topRight, bottomRight }

extension PlotFrame {
    /// A boxed legend inside the plot area, in the given corner.
    func legend(_ d: inout Drawing, _ entries: [LegendEntry], corner: LegendCorner) {
        let named = entries.filter { !$0.name.isEmpty }
        guard !named.isEmpty else { return }
        let row = 18.0, size = Style.legendSize
        let boxW = 44 + (named.map { Drawing.textWidth($0.name, size: size) }.max() ?? 0)
        let boxH = row * Double(named.count) + 8
        let boxX = corner == .topLeft ? left + 8 : right - boxW - 8
        let boxY = corner == .bottomRight ? bottom - boxH - 8 : top + 8
        d.rect(boxX, boxY, boxW, boxH, fill: "#ffffff", stroke: "#bbbbbb")
        for (i, e) in named.enumerated() {
            let y = boxY + 4 + row * Double(i) + row / 2
            if e.swatch {
                d.rect(boxX + 8, y - 5, 22, 10, fill: e.colour)
            } else {
                d.line(boxX + 8, y, boxX + 30, y, stroke: e.colour, width: e.width, dash: e.dash)
                if e.marker { d.circle(boxX + 19, y, r: 3, fill: e.colour) }
            }
            d.text(e.name, boxX + 36, y + 4, size: size)
        }
    }
}

/// Shared sizes and neutral colours, so every chart reads the same.
enum Style {
    static let titleSize = 15.0
    static let labelSize = 13.0
    static let tickSize = 11.5
    static let legendSize = 11.5
    static let grid = "#e8e8e8"
    static let frame = "#444444"
    static let reference = "#8c8c8c"
    /// Dash patterns cycled with the palette, so curves stay apart in grey print too.
    static let dashes: [[Double]?] = [nil, [7, 4], [2, 3], [9, 3, 2, 3]]
    static func dash(_ i: Int) -> [Double]? { dashes[i % dashes.count] }
}
