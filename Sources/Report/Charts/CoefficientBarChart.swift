/// The features a LASSO kept and their coefficients, as horizontal bars sorted by value (largest at the top),
/// positive and negative in two colours, each bar labelled with its value (3 significant digits, so that the tiny
/// coefficients of features on a large scale still read as non-zero).
public struct CoefficientBarChart: Chart {
    public var title: String
    public var names: [String]
    public var coefficients: [Double]
    public var xLabel = "Coefficient"
    public var width = 640.0
    /// Height of one bar's row.
    public var rowHeight = 20.0

    public init(title: String, names: [String], coefficients: [Double]) {
        self.title = title
        self.names = names
        self.coefficients = coefficients
    }

    public func drawing() -> Drawing {
        let rows = zip(names, coefficients).filter { $0.1.isFinite }.sorted { $0.1 > $1.1 }
        let nameWidth = rows.map { Drawing.textWidth($0.0, size: Style.tickSize) }.max() ?? 40
        let left = max(80, nameWidth + 16), top = 40.0, right = 24.0, bottom = 56.0
        let plotH = rowHeight * Double(max(1, rows.count))
        var d = Drawing(width: max(width, left + 240), height: top + plotH + bottom, title: title)
        d.rect(0, 0, d.width, d.height, fill: "#ffffff")
        let values = rows.map(\.1) + [0]
        // Room beyond the longest bars for their value labels.
        let span = (values.max()! - values.min()!) * 0.18
        let x = PlotFrame.niceRange([values.min()! - (values.min()! < 0 ? span : 0), values.max()! + (values.max()! > 0 ? span : 0)])
        let f = PlotFrame(left: left, top: top, width: d.width - left - right, height: plotH, x: x, y: 0...1)
        PlotFrame.title(&d, title, centre: left + f.width / 2)
        for t in PlotFrame.ticks(x) {
            d.line(f.px(t.value), f.top, f.px(t.value), f.bottom, stroke: Style.grid)
            d.line(f.px(t.value), f.bottom, f.px(t.value), f.bottom + 4, stroke: Style.frame)
            d.text(t.label, f.px(t.value), f.bottom + 17, size: Style.tickSize, anchor: .middle)
        }
        d.text(xLabel, left + f.width / 2, f.bottom + 38, size: Style.labelSize, anchor: .middle)
        for (i, (name, value)) in rows.enumerated() {
            let yMid = top + rowHeight * (Double(i) + 0.5)
            let colour = value >= 0 ? Palette.colour(1) : Palette.colour(0)
            d.rect(f.px(min(0, value)), yMid - rowHeight * 0.35, abs(f.px(value) - f.px(0)), rowHeight * 0.7, fill: colour)
            d.text(name, left - 8, yMid + 4, size: Style.tickSize, anchor: .end)
            let label = ReportNumber.significant(value, 3)
            d.text(label, f.px(value) + (value >= 0 ? 4 : -4), yMid + 4, size: 10, anchor: value >= 0 ? .start : .end, fill: "#333333")
        }
        d.line(f.px(0), f.top, f.px(0), f.bottom, stroke: Style.frame)
        d.line(f.left, f.bottom, f.right, f.bottom, stroke: Style.frame)
        return d
    }
}
