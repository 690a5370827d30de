/// Point scales of a nomogram for a logistic model with linear numeric and factor predictors, as
/// rms::nomogram(fit, fun = plogis) for an lrm fit (rms 6.5, defaults maxscale = 100, nint = 10).
///
/// - Each predictor's axis: values = pretty(range of the predictor in the data, nint) (datadist's full range),
///   Xβ = β · value, points = (Xβ − min Xβ) · sc, with sc = 100 / (widest range of Xβ over the predictors), so the
///   predictor with the widest range of Xβ spans 0–100 points.
/// - Intercept' = β₀ + Σ min Xβ: total points t correspond to the linear predictor lp = Intercept' + t / sc.
/// - Linear-predictor axis: lp.at = pretty(range of the fit's linear predictors, nint), placed at
///   (lp.at − Intercept') · sc.
/// - Total-points axis: pretty(c(0, max(100, sc · max(lp.at − Intercept'))), nint) (just pretty(c(0, 100)) for a
///   single predictor).
/// - Risk axis: ticks pretty(plogis(range(lp.at)), nint), placed where the lp giving that risk lies: the inverse
///   is read off `approx(plogis(s), s, tick, ties = mean)` on s = seq(min lp.at, max lp.at, length = 1000) as rms
///   does; ticks outside that range are dropped.
public struct Nomogram: Sendable {
    public struct Axis: Sendable {
        public let name: String
        public let values: [Double]
        public let xBeta: [Double]
        public let points: [Double]
        /// A factor's level names, one per value (the values are then 0, 1, …); nil for a numeric predictor.
        public var levels: [String]? = nil
    }
    public let axes: [Axis]
    /// Points per unit of linear predictor.
    public let scale: Double
    /// β₀ + Σ min Xβ (rms `info$Intercept`).
    public let intercept: Double
    public let totalPoints: [Double]
    public let linearPredictorValues: [Double], linearPredictorPoints: [Double]
    public let riskValues: [Double], riskPoints: [Double]

    /// - Parameters:
    ///   - names: predictor names, in model order.
    ///   - coefficients: intercept first, then one per predictor.
    ///   - columns: the data of each predictor (for its range).
    ///   - linearPredictors: the fit's linear predictors on its data (for the lp axis).
    public init(names: [String], coefficients: [Double], columns: [[Double]], linearPredictors: [Double],
                maxScale: Double = 100, intervals nint: Int = 10) throws {
        guard names.count == columns.count, coefficients.count == names.count + 1, !names.isEmpty else {
            throw ClinicalStatisticsError.invalidArgument("one coefficient and one data column per predictor, intercept first")
        }
        let terms = names.indices.map { j in NomogramTerm.continuous(name: names[j], coefficient: coefficients[j + 1], values: columns[j]) }
        try self.init(intercept: coefficients[0], terms: terms, linearPredictors: linearPredictors, maxScale: maxScale,
                      intervals: nint, discreteLimit: 0)
    }

    /// The general form (rms::nomogram of an lrm fit with numeric and factor predictors): a factor's axis has one
    /// position per level (levels in axis order, Xβ = the level's coefficient, 0 for the reference); a numeric
    /// predictor with at most `discreteLimit` distinct values (datadist's `n.unique`, 10) has its sorted distinct
    /// values as ticks instead of pretty(range) — as datadist stores them and nomogram uses them.
    public init(intercept beta0: Double, terms: [NomogramTerm], linearPredictors: [Double], maxScale: Double = 100,
                intervals nint: Int = 10, discreteLimit: Int = 10) throws {
        guard !terms.isEmpty else { throw ClinicalStatisticsError.invalidArgument("a nomogram needs at least one predictor") }
        var axes: [Axis] = [], lows: [Double] = [], widest = 0.0
        for term in terms {
            let values: [Double], xb: [Double], levels: [String]?
            switch term {
            case let .continuous(name, coefficient, data):
                let finite = data.filter(\.isFinite)
                guard let lo = finite.min(), let hi = finite.max() else {
                    throw ClinicalStatisticsError.invalidArgument("predictor \(name) has no finite values")
                }
                let distinct = Array(Set(finite)).sorted()
                values = distinct.count <= discreteLimit ? distinct : pretty([lo, hi], n: nint)
                xb = values.map { $0 * coefficient }
                levels = nil
            case let .categorical(name, names, coefficients):
                guard names.count == coefficients.count, names.count >= 2 else {
                    throw ClinicalStatisticsError.invalidArgument("factor \(name) needs one coefficient per level (0 for the reference)")
                }
                values = names.indices.map(Double.init)
                xb = coefficients
                levels = names
            }
            let r0 = xb.min()!, r1 = xb.max()!
            lows.append(r0)
            widest = max(widest, r1 - r0)
            axes.append(Axis(name: term.name, values: values, xBeta: xb, points: [], levels: levels))
        }
        guard widest > 0 else { throw ClinicalStatisticsError.invalidArgument("every predictor has a zero coefficient") }
        let sc = maxScale / widest
        let intercept = beta0 + RSum.of(lows)
        self.axes = zip(axes, lows).map { a, low in
            Axis(name: a.name, values: a.values, xBeta: a.xBeta, points: a.xBeta.map { ($0 - low) * sc }, levels: a.levels)
        }
        scale = sc
        self.intercept = intercept
        let lpAt = pretty(linearPredictors, n: nint)
        let sumMax = terms.count == 1 ? maxScale : max(maxScale, sc * (lpAt.map { $0 - intercept }.max() ?? 0))
        totalPoints = pretty([0, sumMax], n: nint)
        linearPredictorValues = lpAt
        linearPredictorPoints = lpAt.map { ($0 - intercept) * sc }
        let lo = lpAt.min()!, hi = lpAt.max()!
        let ticks = pretty([rPlogis(lo), rPlogis(hi)], n: nint)
        let s = rSeqLength(from: lo, to: hi, count: 1000)
        let inverse = rApprox(x: s.map(rPlogis), y: s, at: ticks, ties: .mean)
        var rv: [Double] = [], rp: [Double] = []
        for (t, w) in zip(ticks, inverse) {
            guard let w else { continue }
            rv.append(t)
            rp.append((w - intercept) * sc)
        }
        riskValues = rv
        riskPoints = rp
    }

    /// Total points of a linear predictor: (lp − Intercept') · sc (a case's nomogram score).
    public func totalPoints(linearPredictor lp: Double) -> Double { (lp - intercept) * scale }
}

/// One predictor of a nomogram: a numeric one with its coefficient and data, or a factor with each level's
/// coefficient (0 for the reference level).
public enum NomogramTerm: Sendable {
    case continuous(name: String, coefficient: Double, values: [Double])
    case categorical(name: String, levels: [String], coefficients: [Double])

    public var name: String {
        switch self {
        case let .continuous(name, _, _), let .categorical(name, _, _): return name
        }
    }
}
