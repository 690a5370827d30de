/// Clinical impact curves: of `populationSize` (1,000) people, how many a model classifies high risk at each
/// threshold, and how many of those have the event, as rmda's `plot_clinical_impact` (solid and dashed lines,
/// optional bootstrap bands, cost:benefit ratio axis).
public struct ClinicalImpactChart: Chart {
    public var title: String
    public var thresholds: [Double]
    public var numberHighRisk: [Double]
    public var numberHighRiskWithEvent: [Double]
    /// Optional confidence bands (low, high per threshold) for the two curves.
    public var highRiskBand: [(low: Double, high: Double)]?
    public var withEventBand: [(low: Double, high: Double)]?
    public var populationSize = 1000.0
    public var costBenefitAxis = true
    public var xLabel = "High risk threshold"
    public var width = 560.0
    public var height = 460.0

    public init(title: String, thresholds: [Double], numberHighRisk: [Double], numberHighRiskWithEvent: [Double]) {
        self.title = title
        self.thresholds = thresholds
        self.numberHighRisk = numberHighRisk
        self.numberHighRiskWithEvent = numberHighRiskWithEvent
    }

    public func drawing() -> Drawing {
        let extra = costBenefitAxis ? 58.0 : 0
        let left = 70.0, top = 40.0, right = 26.0, bottom = 52.0 + extra
        var d = Drawing(width: width, height: height, title: title)
        d.rect(0, 0, width, height, fill: "#ffffff")
        let xs = thresholds.filter(\.isFinite)
        let xRange = PlotFrame.niceRange([xs.min() ?? 0, xs.max() ?? 1])
        let f = PlotFrame(left: left, top: top, width: width - left - right, height: height - top - bottom,
                          x: xRange, y: 0...populationSize)
        PlotFrame.title(&d, title, centre: left + f.width / 2)
        let xTicks = PlotFrame.ticks(xRange)
        let yLabel = "Number high risk (out of \(Int(populationSize)))"
        f.axes(&d, xTicks: xTicks, yTicks: PlotFrame.ticks(f.y), xLabel: xLabel, yLabel: yLabel)
        if costBenefitAxis { CostBenefitAxis.draw(&d, frame: f, thresholds: xTicks.map(\.value), y: f.bottom + 52) }
        let red = Palette.colour(1), blue = Palette.colour(0)
        for (band, colour) in [(highRiskBand, red), (withEventBand, blue)] {
            guard let band, band.count == thresholds.count else { continue }
            let upper = zip(thresholds, band).map { f.point((x: $0, y: $1.high)) }
            let lower = zip(thresholds, band).map { f.point((x: $0, y: $1.low)) }.reversed()
            d.polygon(upper + lower, fill: colour, opacity: 0.2)
        }
        d.polyline(zip(thresholds, numberHighRisk).map { f.point((x: $0, y: $1)) }, stroke: red, width: 2)
        d.polyline(zip(thresholds, numberHighRiskWithEvent).map { f.point((x: $0, y: $1)) }, stroke: blue, width: 2,
                   dash: [7, 4])
        f.legend(&d, [LegendEntry(name: "Number high risk", colour: red),
                      LegendEntry(name: "Number high risk with event", colour: blue, dash: [7, 4])], corner: .topRight)
        return d
    }
}
