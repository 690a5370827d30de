/// A line chart of one or more series, with nice axes, a legend, and optional reference lines: enough for ROC
/// curves (with the chance diagonal), decision curves (with treat-all / treat-none), calibration curves (with the
/// ideal diagonal), LASSO CV curves (with error bars and lambda.min / lambda.1se lines) and coefficient paths.
public struct LineChart: Chart {
    public struct Series: Sendable {
        public var name: String
        public var points: [(x: Double, y: Double)]
        public var dashed = false
        public var step = false
        public var markers = false
        /// Vertical error bars (low, high) per point, e.g. cvm ± cvsd.
        public var errorBars: [(low: Double, high: Double)]? = nil
        public var colour: String? = nil

        public init(name: String, points: [(x: Double, y: Double)], dashed: Bool = false, step: Bool = false,
                    markers: Bool = false, errorBars: [(low: Double, high: Double)]? = nil, colour: String? = nil) {
            self.name = name
            self.points = points
            self.dashed = dashed
            self.step = step
            self.markers = markers
            self.errorBars = errorBars
            self.colour = colour
        }
    }

    public var title: String
    public var xLabel: String
    public var yLabel: String
    public var series: [Series]
    public var verticalLines: [(x: Double, label: String)] = []
    public var diagonal = false
    public var xRange: ClosedRange<Double>? = nil
    public var yRange: ClosedRange<Double>? = nil
    public var width = 560.0
    public var height = 420.0

    public init(title: String, xLabel: String, yLabel: String, series: [Series]) {
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.series = series
    }

    public func drawing() -> Drawing {
        let left = 64.0, right = 16.0, top = 40.0, bottom = 56.0
        let plotW = width - left - right, plotH = height - top - bottom
        let allX = series.flatMap { $0.points.map(\.x) }.filter(\.isFinite) + verticalLines.map(\.x)
        var allY = series.flatMap { $0.points.map(\.y) }.filter(\.isFinite)
        allY += series.compactMap(\.errorBars).flatMap { $0.flatMap { [$0.low, $0.high] } }.filter(\.isFinite)
        let xs = AxisTicks.nice(low: xRange?.lowerBound ?? allX.min() ?? 0, high: xRange?.upperBound ?? allX.max() ?? 1)
        let ys = AxisTicks.nice(low: yRange?.lowerBound ?? allY.min() ?? 0, high: yRange?.upperBound ?? allY.max() ?? 1)
        let x0 = xRange?.lowerBound ?? xs.low, x1 = xRange?.upperBound ?? xs.high
        let y0 = yRange?.lowerBound ?? ys.low, y1 = yRange?.upperBound ?? ys.high
        func px(_ x: Double) -> Double { left + (x - x0) / (x1 - x0) * plotW }
        func py(_ y: Double) -> Double { top + plotH - (y - y0) / (y1 - y0) * plotH }
        func clipY(_ y: Double) -> Double { min(max(y, y0), y1) }

        var svg = Drawing(width: width, height: height, title: title)
        svg.rect(0, 0, width, height, fill: "#ffffff")
        svg.text(title, width / 2, 22, size: 15, anchor: .middle, bold: true)
        for t in xs.ticks where t >= x0 - 1e-12 && t <= x1 + 1e-12 {
            svg.line(px(t), top, px(t), top + plotH, stroke: "#e6e6e6")
            svg.text(AxisTicks.label(t, step: xs.step), px(t), top + plotH + 18, size: 11, anchor: .middle)
        }
        for t in ys.ticks where t >= y0 - 1e-12 && t <= y1 + 1e-12 {
            svg.line(left, py(t), left + plotW, py(t), stroke: "#e6e6e6")
            svg.text(AxisTicks.label(t, step: ys.step), left - 8, py(t) + 4, size: 11, anchor: .end)
        }
        svg.rect(left, top, plotW, plotH, fill: nil, stroke: "#555")
        svg.text(xLabel, left + plotW / 2, height - 14, size: 12, anchor: .middle)
        svg.text(yLabel, 16, top + plotH / 2, size: 12, anchor: .middle, rotate: -90)
        if diagonal {
            let lo = max(x0, y0), hi = min(x1, y1)
            svg.line(px(lo), py(lo), px(hi), py(hi), stroke: "#999", dash: [4, 4])
        }
        for v in verticalLines {
            svg.line(px(v.x), top, px(v.x), top + plotH, stroke: "#666", dash: [6, 3])
            svg.text(v.label, px(v.x) + 4, top + 12, size: 10, fill: "#444")
        }
        for (i, s) in series.enumerated() {
            let colour = s.colour ?? Palette.colour(i)
            let pts: [Drawing.Point] = s.points.filter { $0.x.isFinite && $0.y.isFinite }.map { (px($0.x), py(clipY($0.y))) }
            if let bars = s.errorBars {
                for (p, b) in zip(s.points, bars) where p.x.isFinite && b.low.isFinite && b.high.isFinite {
                    svg.line(px(p.x), py(clipY(b.low)), px(p.x), py(clipY(b.high)), stroke: "#aaa")
                }
            }
            svg.polyline(pts, stroke: colour, width: 2, dash: s.dashed ? [6, 4] : nil, step: s.step)
            if s.markers { for p in pts { svg.circle(p.0, p.1, r: 2.5, fill: colour) } }
        }
        // Legend, top right inside the plot.
        let named = series.enumerated().filter { !$0.element.name.isEmpty }
        if !named.isEmpty {
            let boxW = 12 + 7.0 * Double(named.map(\.element.name.count).max() ?? 0) + 28
            let boxX = left + plotW - boxW - 8
            svg.rect(boxX, top + 8, boxW, 18 * Double(named.count) + 8, fill: "#ffffff", stroke: "#ccc")
            for (row, (i, s)) in named.enumerated() {
                let y = top + 24 + 18 * Double(row)
                svg.line(boxX + 8, y - 4, boxX + 30, y - 4, stroke: s.colour ?? Palette.colour(i), width: 2, dash: s.dashed ? [6, 4] : nil)
                svg.text(s.name, boxX + 36, y, size: 11)
            }
        }
        return svg
    }
}
