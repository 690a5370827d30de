import Foundation

/// LASSO coefficient paths as glmnet's `plot(fit, xvar = "lambda")`: one line per feature against log(λ), the
/// number of non-zero coefficients along the top, and dashed vertical lines at λ.min and λ.1se (Fig. 3b of seed 000).
public struct LassoPathChart: Chart {
    public var title: String
    public var lambda: [Double]
    /// One path per feature: its coefficient at each λ.
    public var paths: [[Double]]
    public var names: [String]
    public var lambdaMin: Double?
    public var lambda1SE: Double?
    /// Label the features non-zero at λ.min (at most this many, largest |β| first) at the right-hand end.
    public var labelCount = 0
    public var width = 560.0
    public var height = 440.0

    public init(title: String, lambda: [Double], paths: [[Double]], names: [String] = [],
                lambdaMin: Double? = nil, lambda1SE: Double? = nil) {
        self.title = title
        self.lambda = lambda
        self.paths = paths
        self.names = names
        self.lambdaMin = lambdaMin
        self.lambda1SE = lambda1SE
    }

    public func drawing() -> Drawing {
        let left = 70.0, top = 62.0, right = 26.0, bottom = 52.0
        var d = Drawing(width: width, height: height, title: title)
        d.rect(0, 0, width, height, fill: "#ffffff")
        let logLambda = lambda.map { $0 > 0 ? log($0) : .nan }
        let f = PlotFrame(left: left, top: top, width: width - left - right, height: height - top - bottom,
                          x: PlotFrame.paddedRange(logLambda), y: PlotFrame.niceRange(paths.flatMap { $0 } + [0]))
        PlotFrame.title(&d, title, centre: left + f.width / 2)
        f.axes(&d, xTicks: PlotFrame.ticks(f.x), yTicks: PlotFrame.ticks(f.y), xLabel: "Log(λ)", yLabel: "Coefficients")
        let counts = lambda.indices.map { i in paths.reduce(0) { i < $1.count && $1[i] != 0 ? $0 + 1 : $0 } }
        TopCountAxis.draw(&d, frame: f, positions: logLambda, counts: counts)
        d.line(f.left, f.py(0), f.right, f.py(0), stroke: Style.reference)
        for v in [lambdaMin, lambda1SE].compactMap({ $0 }) where v > 0 {
            d.line(f.px(log(v)), f.top, f.px(log(v)), f.bottom, stroke: "#333333", width: 1, dash: [5, 4])
        }
        for (j, path) in paths.enumerated() {
            let pts = zip(logLambda, path).map { (x: $0, y: $1) }
            d.polyline(pts.map(f.point), stroke: Palette.colour(j), width: 1.5)
        }
        if labelCount > 0, let lm = lambdaMin, let k = lambda.indices.min(by: { abs(lambda[$0] - lm) < abs(lambda[$1] - lm) }) {
            let chosen = paths.indices.filter { k < paths[$0].count && paths[$0][k] != 0 }
                .sorted { abs(paths[$0][k]) > abs(paths[$1][k]) }.prefix(labelCount)
            for j in chosen where j < names.count {
                d.text(names[j], f.px(log(lm)) + 4, f.py(paths[j][k]) + 4, size: 9.5, fill: Palette.colour(j))
            }
        }
        return d
    }
}
