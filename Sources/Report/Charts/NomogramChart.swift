/// A nomogram drawn as rms `plot.nomogram`: a "Points" axis (0–`maxPoints`) on top, one axis per predictor with
/// its value labels placed at their points, then "Total Points", and the linear predictor and risk axes placed on
/// the total-points scale. The scales come in ready-made (e.g. from Statistics' `Nomogram`): this only draws.
public struct NomogramChart: Chart {
    /// One axis: its name and (label, position) ticks; the position is in points (predictor axes) or in total
    /// points (linear predictor and risk axes).
    public struct Axis: Sendable {
        public var name: String
        public var ticks: [(label: String, points: Double)]

        public init(name: String, ticks: [(label: String, points: Double)]) {
            self.name = name
            self.ticks = ticks
        }
    }

    public var title: String
    public var predictors: [Axis]
    /// Tick values of the Total Points axis (its largest value spans the width, as rms).
    public var totalPoints: [Double]
    public var linearPredictor: Axis?
    public var risk: Axis
    public var maxPoints = 100.0
    public var width = 720.0
    public var rowHeight = 50.0

    public init(title: String, predictors: [Axis], totalPoints: [Double], linearPredictor: Axis? = nil, risk: Axis) {
        self.title = title
        self.predictors = predictors
        self.totalPoints = totalPoints
        self.linearPredictor = linearPredictor
        self.risk = risk
    }

    public func drawing() -> Drawing {
        let names = ["Points", "Total Points", risk.name] + predictors.map(\.name) + (linearPredictor.map { [$0.name] } ?? [])
        let left = max(120, (names.map { Drawing.textWidth($0, size: Style.labelSize) }.max() ?? 0) + 28)
        let right = 36.0, top = 70.0
        let rows = 2 + predictors.count + (linearPredictor == nil ? 0 : 1) + 1
        var d = Drawing(width: width, height: top + rowHeight * Double(rows - 1) + 30, title: title)
        d.rect(0, 0, d.width, d.height, fill: "#ffffff")
        let plotW = width - left - right
        PlotFrame.title(&d, title, centre: width / 2)
        let pointTicks = stride(from: 0.0, through: maxPoints + 1e-9, by: maxPoints / 10).map { (AxisTicks.label($0, step: maxPoints / 10), $0) }
        let totalMax = max(totalPoints.filter(\.isFinite).max() ?? maxPoints, 1e-9)
        var y = top
        func xPoints(_ p: Double) -> Double { left + p / maxPoints * plotW }
        func xTotal(_ t: Double) -> Double { left + t / totalMax * plotW }
        axis(&d, name: "Points", ticks: pointTicks.map { ($0.0, xPoints($0.1)) }, y: y, minor: maxPoints / 20, x: xPoints)
        for a in predictors {
            y += rowHeight
            axis(&d, name: a.name, ticks: a.ticks.map { ($0.label, xPoints($0.points)) }, y: y)
        }
        y += rowHeight
        let totalStep = totalPoints.count > 1 ? totalPoints[1] - totalPoints[0] : totalMax
        axis(&d, name: "Total Points", ticks: totalPoints.map { (AxisTicks.label($0, step: totalStep), xTotal($0)) }, y: y)
        if let lp = linearPredictor {
            y += rowHeight
            axis(&d, name: lp.name, ticks: lp.ticks.map { ($0.label, xTotal($0.points)) }, y: y)
        }
        y += rowHeight
        axis(&d, name: risk.name, ticks: risk.ticks.map { ($0.label, xTotal($0.points)) }, y: y)
        return d
    }

    /// One axis row: name at the left, a line from the first to the last tick, tick marks, labels above the line
    /// (below it when they would overlap their neighbour above, left out when neither fits).
    private func axis(_ d: inout Drawing, name: String, ticks: [(String, Double)], y: Double, minor: Double? = nil,
                      x: ((Double) -> Double)? = nil) {
        d.text(name, 14, y + 4, size: Style.labelSize, bold: true)
        let xs = ticks.map(\.1).filter(\.isFinite)
        guard let lo = xs.min(), let hi = xs.max() else { return }
        d.line(lo, y, hi, y, stroke: "#222222", width: 1.2)
        if let minor, let x {
            for p in stride(from: 0.0, through: maxPoints + 1e-9, by: minor) { d.line(x(p), y, x(p), y - 3, stroke: "#222222") }
        }
        var lastAbove = -Double.infinity, lastBelow = -Double.infinity
        for (label, px) in ticks.sorted(by: { $0.1 < $1.1 }) where px.isFinite {
            let w = Drawing.textWidth(label, size: Style.tickSize)
            if px - w / 2 > lastAbove + 4 {
                d.line(px, y, px, y - 6, stroke: "#222222", width: 1.2)
                d.text(label, px, y - 10, size: Style.tickSize, anchor: .middle)
                lastAbove = px + w / 2
            } else if px - w / 2 > lastBelow + 4 {
                d.line(px, y, px, y + 6, stroke: "#222222", width: 1.2)
                d.text(label, px, y + 19, size: Style.tickSize, anchor: .middle)
                lastBelow = px + w / 2
            }
        }
    }
}
