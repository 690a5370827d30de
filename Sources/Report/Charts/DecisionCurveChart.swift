/// Decision curves: net benefit against the high-risk threshold for each model, plus "treat all" and
/// "treat none", as rmda's `plot_decision_curve` (y limited below at `yFloor`, where treat-all falls away) with its
/// cost:benefit ratio axis under the threshold axis.
public struct DecisionCurveChart: Chart {
    public struct Curve: Sendable {
        public var name: String
        public var netBenefit: [Double]

        public init(name: String, netBenefit: [Double]) {
            self.name = name
            self.netBenefit = netBenefit
        }
    }

    public var title: String
    public var thresholds: [Double]
    public var models: [Curve]
    /// Net benefit of treating everyone at each threshold (nil: not drawn).
    public var treatAll: [Double]?
    public var showTreatNone = true
    /// Lower limit of the y axis (rmda clips the curves there); the upper one is the data's maximum, made nice.
    public var yFloor = -0.05
    public var costBenefitAxis = true
    public var xLabel = "High risk threshold"
    public var yLabel = "Net benefit"
    public var width = 560.0
    public var height = 460.0

    public init(title: String, thresholds: [Double], models: [Curve], treatAll: [Double]? = nil) {
        self.title = title
        self.thresholds = thresholds
        self.models = models
        self.treatAll = treatAll
    }

    public func drawing() -> Drawing {
        let extra = costBenefitAxis ? 58.0 : 0
        let left = 70.0, top = 40.0, right = 26.0, bottom = 52.0 + extra
        var d = Drawing(width: width, height: height, title: title)
        d.rect(0, 0, width, height, fill: "#ffffff")
        let xs = thresholds.filter(\.isFinite)
        let xRange = PlotFrame.niceRange([xs.min() ?? 0, xs.max() ?? 1])
        let ys = models.flatMap(\.netBenefit) + (treatAll ?? []) + [0]
        let top0 = PlotFrame.niceRange([yFloor, ys.filter(\.isFinite).max() ?? 0.1]).upperBound
        let f = PlotFrame(left: left, top: top, width: width - left - right, height: height - top - bottom,
                          x: xRange, y: yFloor...max(top0, yFloor + 0.01))
        PlotFrame.title(&d, title, centre: left + f.width / 2)
        let xTicks = PlotFrame.ticks(xRange)
        f.axes(&d, xTicks: xTicks, yTicks: PlotFrame.ticks(f.y), xLabel: xLabel, yLabel: yLabel)
        if costBenefitAxis { CostBenefitAxis.draw(&d, frame: f, thresholds: xTicks.map(\.value), y: f.bottom + 52) }
        var legend: [LegendEntry] = []
        func curve(_ values: [Double], colour: String, width: Double, dash: [Double]?) {
            for piece in f.clipped(zip(thresholds, values).map { (x: $0, y: $1) }) {
                d.polyline(piece.map(f.point), stroke: colour, width: width, dash: dash)
            }
        }
        for (i, m) in models.enumerated() {
            curve(m.netBenefit, colour: Palette.colour(i), width: 2, dash: Style.dash(i))
            legend.append(LegendEntry(name: m.name, colour: Palette.colour(i), dash: Style.dash(i)))
        }
        if let all = treatAll {
            curve(all, colour: Style.reference, width: 1.5, dash: nil)
            legend.append(LegendEntry(name: "Treat all", colour: Style.reference, width: 1.5))
        }
        if showTreatNone {
            curve(thresholds.map { _ in 0 }, colour: "#000000", width: 1.5, dash: nil)
            legend.append(LegendEntry(name: "Treat none", colour: "#000000", width: 1.5))
        }
        f.legend(&d, legend, corner: .topRight)
        return d
    }
}
