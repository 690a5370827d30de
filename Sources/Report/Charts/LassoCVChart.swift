import Foundation

/// The cross-validation curve of a LASSO fit as glmnet's `plot.cv.glmnet`: the mean CV measure (`cvm`, red
/// points) with ± `cvsd` error bars (grey, capped) against log(λ), dashed vertical lines at λ.min and λ.1se, and the
/// number of non-zero coefficients at each λ along the top axis (Fig. 3a of seed 000).
public struct LassoCVChart: Chart {
    public var title: String
    public var lambda: [Double]
    public var cvm: [Double]
    public var cvsd: [Double]
    public var nonZero: [Int]
    public var lambdaMin: Double
    public var lambda1SE: Double
    /// The measure's name, e.g. "Binomial Deviance" or "AUC" (glmnet's y label).
    public var measureName: String
    public var width = 560.0
    public var height = 440.0

    public init(title: String, lambda: [Double], cvm: [Double], cvsd: [Double], nonZero: [Int],
                lambdaMin: Double, lambda1SE: Double, measureName: String) {
        self.title = title
        self.lambda = lambda
        self.cvm = cvm
        self.cvsd = cvsd
        self.nonZero = nonZero
        self.lambdaMin = lambdaMin
        self.lambda1SE = lambda1SE
        self.measureName = measureName
    }

    public func drawing() -> Drawing {
        let left = 70.0, top = 62.0, right = 26.0, bottom = 52.0
        var d = Drawing(width: width, height: height, title: title)
        d.rect(0, 0, width, height, fill: "#ffffff")
        let n = min(lambda.count, cvm.count, cvsd.count)
        let logLambda = lambda.prefix(n).map { $0 > 0 ? log($0) : .nan }
        let lows = (0..<n).map { cvm[$0] - cvsd[$0] }, highs = (0..<n).map { cvm[$0] + cvsd[$0] }
        let xRange = PlotFrame.paddedRange(logLambda + [log(lambdaMin), log(lambda1SE)])
        let f = PlotFrame(left: left, top: top, width: width - left - right, height: height - top - bottom,
                          x: xRange, y: PlotFrame.niceRange(lows + highs))
        PlotFrame.title(&d, title, centre: left + f.width / 2)
        f.axes(&d, xTicks: PlotFrame.ticks(f.x), yTicks: PlotFrame.ticks(f.y), xLabel: "Log(λ)", yLabel: measureName)
        TopCountAxis.draw(&d, frame: f, positions: logLambda, counts: nonZero)
        for v in [lambdaMin, lambda1SE] where v > 0 {
            d.line(f.px(log(v)), f.top, f.px(log(v)), f.bottom, stroke: "#333333", width: 1, dash: [5, 4])
        }
        let cap = 0.006 * f.width
        for i in 0..<n where logLambda[i].isFinite && lows[i].isFinite && highs[i].isFinite {
            let x = f.px(logLambda[i])
            d.line(x, f.py(lows[i]), x, f.py(highs[i]), stroke: "#a0a0a0")
            d.line(x - cap, f.py(lows[i]), x + cap, f.py(lows[i]), stroke: "#a0a0a0")
            d.line(x - cap, f.py(highs[i]), x + cap, f.py(highs[i]), stroke: "#a0a0a0")
        }
        for i in 0..<n where logLambda[i].isFinite && cvm[i].isFinite {
            d.circle(f.px(logLambda[i]), f.py(cvm[i]), r: 2.6, fill: Palette.colour(1))
        }
        let labels = [(lambdaMin, "λ.min"), (lambda1SE, "λ.1se")].filter { $0.0 > 0 }.sorted { $0.0 < $1.0 }
        for (k, (v, name)) in labels.enumerated() {
            let x = f.px(log(v))
            // The right-hand label goes right of its line unless it would cross the frame; then left of it, a row
            // lower, clear of the other label.
            let fitsRight = x + 4 + Drawing.textWidth(name, size: Style.tickSize) <= f.right - 2
            if k == 0 || !fitsRight {
                d.text(name, x - 4, f.top + (k == 0 ? 16 : 32), size: Style.tickSize, anchor: .end, fill: "#333333")
            } else {
                d.text(name, x + 4, f.top + 16, size: Style.tickSize, anchor: .start, fill: "#333333")
            }
        }
        return d
    }
}

/// glmnet's top axis: at each log(λ), the number of non-zero coefficients, thinned so labels do not overlap.
enum TopCountAxis {
    static func draw(_ d: inout Drawing, frame f: PlotFrame, positions: [Double], counts: [Int]) {
        var lastRight = -Double.infinity
        let sorted = zip(positions, counts).filter { $0.0.isFinite }.sorted { $0.0 < $1.0 }
        for (x, c) in sorted where x >= f.x.lowerBound && x <= f.x.upperBound {
            let label = String(c), px = f.px(x)
            let w = Drawing.textWidth(label, size: Style.tickSize)
            guard px - w / 2 > lastRight + 6 else { continue }
            d.line(px, f.top, px, f.top - 4, stroke: Style.frame)
            d.text(label, px, f.top - 8, size: Style.tickSize, anchor: .middle)
            lastRight = px + w / 2
        }
    }
}
