/// A calibration plot as rms `plot.calibrate`: the apparent curve (dotted), the bootstrap bias-corrected curve
/// (solid), the ideal diagonal (dashed grey), optional grouped observed proportions (points), and a spike
/// histogram of the predicted risks along the bottom of the plot (rms draws its `riskdist` along the top).
public struct CalibrationChart: Chart {
    public var title: String
    /// Predicted risk (x) → observed / calibrated risk (y).
    public var apparent: [(x: Double, y: Double)]
    public var biasCorrected: [(x: Double, y: Double)]?
    /// Grouped (e.g. deciles) mean predicted vs observed proportion, drawn as points.
    public var groups: [(x: Double, y: Double)]?
    /// The predicted risks whose distribution is drawn as spikes (nil: none).
    public var predictedRisks: [Double]?
    /// A line of notes under the legend, e.g. "B = 1000 repetitions, boot; Mean absolute error = 0.021".
    public var note: String?
    /// Legend names of the apparent curve and of the grouped points.
    public var apparentName = "Apparent"
    public var groupsName = "Grouped observations"
    public var xLabel = "Predicted probability"
    public var yLabel = "Actual probability"
    public var side = 380.0
    public var histogramBins = 50
    /// Further models' grouped calibration (mean predicted vs observed per risk group), each a line with points in
    /// its own colour (Palette from `modelColourOffset`): several models of one cohort on one plot.
    public var models: [(name: String, points: [(x: Double, y: Double)])] = []
    /// Palette index of the first of `models` (3 leaves the apparent, bias-corrected and grouped colours to them;
    /// 0 matches a ROC chart of the same models when only `models` are drawn).
    public var modelColourOffset = 3

    public init(title: String, apparent: [(x: Double, y: Double)], biasCorrected: [(x: Double, y: Double)]? = nil,
                predictedRisks: [Double]? = nil) {
        self.title = title
        self.apparent = apparent
        self.biasCorrected = biasCorrected
        self.predictedRisks = predictedRisks
    }

    public func drawing() -> Drawing {
        let left = 66.0, top = 40.0, right = 26.0
        let noteLines = note.map { Self.wrap($0, width: left + side + right - 12) } ?? []
        let bottom = 52.0 + (noteLines.isEmpty ? 0 : 6 + 14 * Double(noteLines.count))
        var d = Drawing(width: left + side + right, height: top + side + bottom, title: title)
        d.rect(0, 0, d.width, d.height, fill: "#ffffff")
        let f = PlotFrame(left: left, top: top, width: side, height: side, x: 0...1, y: 0...1)
        PlotFrame.title(&d, title, centre: left + side / 2)
        let ticks = PlotFrame.ticks(0...1)
        f.axes(&d, xTicks: ticks, yTicks: ticks, xLabel: xLabel, yLabel: yLabel)
        if let risks = predictedRisks?.filter({ $0.isFinite && $0 >= 0 && $0 <= 1 }), !risks.isEmpty {
            var counts = [Int](repeating: 0, count: max(1, histogramBins))
            for r in risks { counts[min(counts.count - 1, Int(r * Double(counts.count)))] += 1 }
            let tallest = Double(counts.max() ?? 1), maxHeight = 0.12 * side
            for (b, c) in counts.enumerated() where c > 0 {
                let x = f.px((Double(b) + 0.5) / Double(counts.count))
                d.line(x, f.bottom, x, f.bottom - maxHeight * Double(c) / tallest, stroke: "#555555", width: 1.5)
            }
        }
        d.line(f.px(0), f.py(0), f.px(1), f.py(1), stroke: Style.reference, width: 1.5, dash: [5, 4])
        var legend = [LegendEntry(name: "Ideal", colour: Style.reference, width: 1.5, dash: [5, 4])]
        for piece in f.clipped(apparent) { d.polyline(piece.map(f.point), stroke: Palette.colour(1), width: 2, dash: [2, 3]) }
        if apparent.count > 1 { legend.append(LegendEntry(name: apparentName, colour: Palette.colour(1), dash: [2, 3])) }
        if let bc = biasCorrected {
            for piece in f.clipped(bc) { d.polyline(piece.map(f.point), stroke: Palette.colour(0), width: 2) }
            legend.append(LegendEntry(name: "Bias-corrected", colour: Palette.colour(0)))
        }
        if let groups {
            for g in groups where g.x.isFinite && g.y.isFinite { d.circle(f.px(g.x), f.py(g.y), r: 3.5, fill: Palette.colour(2)) }
            legend.append(LegendEntry(name: groupsName, colour: Palette.colour(2), width: 0, marker: true))
        }
        for (k, m) in models.enumerated() {
            let colour = Palette.colour(modelColourOffset + k)
            let points = m.points.filter { $0.x.isFinite && $0.y.isFinite }
            for piece in f.clipped(points) { d.polyline(piece.map(f.point), stroke: colour, width: 1.5) }
            for p in points where (0...1).contains(p.x) && (0...1).contains(p.y) { d.circle(f.px(p.x), f.py(p.y), r: 3, fill: colour) }
            legend.append(LegendEntry(name: m.name, colour: colour, width: 1.5, marker: true))
        }
        f.legend(&d, legend, corner: .topLeft)
        for (i, line) in noteLines.enumerated() {
            d.text(line, left + side / 2, f.bottom + 56 + 14 * Double(i), size: Style.tickSize, anchor: .middle, fill: "#444444")
        }
        return d
    }

    /// The note in lines no wider than `width`, broken after ", " or "; " (a part wider than a line stays whole).
    public static func wrap(_ note: String, width: Double) -> [String] {
        guard Drawing.textWidth(note, size: Style.tickSize) > width else { return [note] }
        var parts: [String] = [], current = ""
        for ch in note {
            current.append(ch)
            if current.hasSuffix(", ") || current.hasSuffix("; ") { parts.append(current); current = "" }
        }
        if !current.isEmpty { parts.append(current) }
        var lines: [String] = [], line = ""
        func close() {
            while line.last == " " { line.removeLast() }
            if !line.isEmpty { lines.append(line) }
            line = ""
        }
        for part in parts {
            if !line.isEmpty && Drawing.textWidth(line + part, size: Style.tickSize) > width { close() }
            line += part
        }
        close()
        return lines
    }
}
