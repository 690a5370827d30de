/// ROC curves, one per model, on a square plot (equal aspect: one unit of 1 − specificity is as long as one
/// unit of sensitivity) with the chance diagonal, and each model's AUC (95% CI) in the legend, as the papers'
/// ROC figures (pROC `plot.roc` with `legacy.axes = TRUE`).
public struct ROCChart: Chart {
    public struct Curve: Sendable {
        public var name: String
        public var falsePositiveRate: [Double]
        public var truePositiveRate: [Double]
        public var auc: Double?
        public var ci: (low: Double, high: Double)?
        /// An operating point to mark, e.g. the Youden cut-off, as (1 − specificity, sensitivity).
        public var marker: (falsePositiveRate: Double, truePositiveRate: Double)?

        public init(name: String, falsePositiveRate: [Double], truePositiveRate: [Double], auc: Double? = nil,
                    ci: (low: Double, high: Double)? = nil,
                    marker: (falsePositiveRate: Double, truePositiveRate: Double)? = nil) {
            self.name = name
            self.falsePositiveRate = falsePositiveRate
            self.truePositiveRate = truePositiveRate
            self.auc = auc
            self.ci = ci
            self.marker = marker
        }

        /// From pROC's `specificities` and `sensitivities` (in any order).
        public init(name: String, specificities: [Double], sensitivities: [Double], auc: Double? = nil,
                    ci: (low: Double, high: Double)? = nil) {
            self.init(name: name, falsePositiveRate: specificities.map { 1 - $0 }, truePositiveRate: sensitivities,
                      auc: auc, ci: ci)
        }

        /// "radiomics: AUC 0.812 (0.760–0.864)".
        public var legend: String {
            guard let auc else { return name }
            let ciText = ci.map { " (" + fixed($0.low, 3) + "–" + fixed($0.high, 3) + ")" } ?? ""
            return "\(name): AUC \(fixed(auc, 3))\(ciText)"
        }
    }

    public var title: String
    public var curves: [Curve]
    public var xLabel = "1 − Specificity"
    public var yLabel = "Sensitivity"
    /// Side of the square plot area.
    public var side = 380.0

    public init(title: String, curves: [Curve]) {
        self.title = title
        self.curves = curves
    }

    public func drawing() -> Drawing {
        let left = 66.0, top = 40.0, bottom = 52.0, right = 26.0
        var d = Drawing(width: left + side + right, height: top + side + bottom, title: title)
        d.rect(0, 0, d.width, d.height, fill: "#ffffff")
        let f = PlotFrame(left: left, top: top, width: side, height: side, x: 0...1, y: 0...1)
        PlotFrame.title(&d, title, centre: left + side / 2)
        let ticks = PlotFrame.ticks(0...1)
        f.axes(&d, xTicks: ticks, yTicks: ticks, xLabel: xLabel, yLabel: yLabel)
        d.line(f.px(0), f.py(0), f.px(1), f.py(1), stroke: Style.reference, width: 1, dash: [4, 4])
        var legend: [LegendEntry] = []
        for (i, c) in curves.enumerated() {
            let colour = Palette.colour(i)
            // Sorted by (FPR, TPR): the staircase pROC draws, whatever order the points came in.
            let pts = zip(c.falsePositiveRate, c.truePositiveRate).map { (x: $0, y: $1) }
                .filter { $0.x.isFinite && $0.y.isFinite }
                .sorted { $0.x != $1.x ? $0.x < $1.x : $0.y < $1.y }
            d.polyline(pts.map(f.point), stroke: colour, width: 2, dash: Style.dash(i))
            if let m = c.marker {
                d.circle(f.px(m.falsePositiveRate), f.py(m.truePositiveRate), r: 4, fill: colour)
            }
            legend.append(LegendEntry(name: c.legend, colour: colour, dash: Style.dash(i), marker: c.marker != nil))
        }
        f.legend(&d, legend, corner: .bottomRight)
        return d
    }
}

/// `value` with exactly `decimals` decimals (R's `formatC(format = "f")`), without Foundation.
func fixed(_ value: Double, _ decimals: Int) -> String {
    guard value.isFinite else { return value.isNaN ? "NA" : (value > 0 ? "Inf" : "-Inf") }
    var scale = 1.0
    for _ in 0..<decimals { scale *= 10 }
    let scaled = (abs(value) * scale).rounded()
    let whole = (scaled / scale).rounded(.down)
    let fraction = scaled - whole * scale
    let sign = value < 0 && scaled > 0 ? "-" : ""
    guard decimals > 0 else { return sign + String(Int(whole)) }
    var digits = String(Int(fraction))
    while digits.count < decimals { digits = "0" + digits }
    return sign + String(Int(whole)) + "." + digits
}
