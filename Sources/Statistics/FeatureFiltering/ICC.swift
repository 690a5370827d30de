/// The six Shrout–Fleiss (1979) intraclass correlations, named as McGraw & Wong (1996) and
/// R's `irr::icc(ratings, model, type, unit)` name them:
///
/// | form      | irr::icc call                                   | psych::ICC |
/// |-----------|-------------------------------------------------|------------|
/// | ICC(1,1)  | model "oneway", unit "single"                   | ICC1       |
/// | ICC(2,1)  | model "twoway", type "agreement", unit "single"   | ICC2       |
/// | ICC(3,1)  | model "twoway", type "consistency", unit "single" | ICC3       |
/// | ICC(1,k)  | model "oneway", unit "average"                  | ICC1k      |
/// | ICC(2,k)  | model "twoway", type "agreement", unit "average"  | ICC2k      |
/// | ICC(3,k)  | model "twoway", type "consistency", unit "average"| ICC3k      |
///
/// All values and intervals follow irr::icc. psych::ICC agrees on every value and on every
/// interval except ICC(2,k), whose bounds psych takes from the ICC(2,1) bounds by Spearman–Brown;
/// irr (and here) use McGraw & Wong's Satterthwaite df built from the ICC(2,k) value itself.
public enum ICCForm: String, CaseIterable, Sendable, Codable {
    case icc1_1 = "ICC(1,1)"
    case icc2_1 = "ICC(2,1)"
    case icc3_1 = "ICC(3,1)"
    case icc1_k = "ICC(1,k)"
    case icc2_k = "ICC(2,k)"
    case icc3_k = "ICC(3,k)"

    /// true for the average-measure forms (·,k).
    public var isAverage: Bool { self == .icc1_k || self == .icc2_k || self == .icc3_k }
}

/// Two-way ANOVA mean squares of an n subjects × k raters table (Shrout & Fleiss, Table 2):
/// MSR = k Σ_i (x̄_i· − x̄)² / (n − 1) (subjects), MSC = n Σ_j (x̄_·j − x̄)² / (k − 1) (raters),
/// MSE = Σ_ij (x_ij − x̄_i· − x̄_·j + x̄)² / ((n − 1)(k − 1)) (residual),
/// MSW = Σ_ij (x_ij − x̄_i·)² / (n (k − 1)) (within subjects, one-way model).
public struct ICCMeanSquares: Sendable, Equatable {
    public let subjects: Int
    public let raters: Int
    public let msr: Double
    public let msc: Double
    public let mse: Double
    public let msw: Double

    /// - Parameter ratings: n × k, one row per subject, one column per rater; n ≥ 2, k ≥ 2, finite.
    public init(ratings: [[Double]]) throws(FeatureFilterError) {
        let (n, k) = try validatedFeatureTable(ratings, table: "ratings")
        guard n >= 2 else { throw .tooFewRows(table: "ratings", rows: n, minimum: 2) }
        guard k >= 2 else { throw .emptyTable(table: "ratings (one rater)") }
        self.init(validated: ratings, n: n, k: k)
    }

    /// Two readers' values of one feature, one entry per subject.
    init(reader1: [Double], reader2: [Double]) {
        self.init(validated: zip(reader1, reader2).map { [$0, $1] }, n: reader1.count, k: 2)
    }

    private init(validated x: [[Double]], n: Int, k: Int) {
        let fn = Double(n), fk = Double(k)
        var grand = 0.0
        var rowMean = [Double](repeating: 0, count: n)
        var colMean = [Double](repeating: 0, count: k)
        for i in 0..<n {
            var s = 0.0
            for j in 0..<k { s += x[i][j]; colMean[j] += x[i][j] }
            rowMean[i] = s / fk
            grand += s
        }
        grand /= fn * fk
        for j in 0..<k { colMean[j] /= fn }
        var ssr = 0.0, ssc = 0.0, sse = 0.0, ssw = 0.0
        for i in 0..<n { ssr += (rowMean[i] - grand) * (rowMean[i] - grand) }
        for j in 0..<k { ssc += (colMean[j] - grand) * (colMean[j] - grand) }
        for i in 0..<n {
            for j in 0..<k {
                let w = x[i][j] - rowMean[i]
                let e = w - colMean[j] + grand
                ssw += w * w
                sse += e * e
            }
        }
        subjects = n
        raters = k
        msr = fk * ssr / (fn - 1)
        msc = fn * ssc / (fk - 1)
        mse = sse / ((fn - 1) * (fk - 1))
        msw = ssw / (fn * (fk - 1))
    }
}

/// One ICC with its two-sided confidence interval.
public struct ICCEstimate: Sendable, Equatable {
    public let form: ICCForm
    public let value: Double
    public let lower: Double
    public let upper: Double
    public let confidenceLevel: Double
}

/// The ICC of `ratings` (n subjects × k raters) in the given form with its two-sided
/// `confidenceLevel` interval from the F distribution, exactly as `irr::icc` computes them
/// (Shrout & Fleiss 1979; McGraw & Wong 1996, Tables 4–7):
///
/// - ICC(1,1) = (MSR − MSW) / (MSR + (k−1) MSW); ICC(1,k) = (MSR − MSW) / MSR;
///   F = MSR/MSW, FL = F / F_{1−α/2}(n−1, n(k−1)), FU = F · F_{1−α/2}(n(k−1), n−1);
///   single bounds (F· − 1)/(F· + k − 1), average bounds 1 − 1/F·.
/// - ICC(3,1) = (MSR − MSE) / (MSR + (k−1) MSE); ICC(3,k) = (MSR − MSE) / MSR; as above with
///   F = MSR/MSE on (n−1, (n−1)(k−1)).
/// - ICC(2,1) = (MSR − MSE) / (MSR + (k−1) MSE + k (MSC − MSE)/n),
///   ICC(2,k) = (MSR − MSE) / (MSR + (MSC − MSE)/n); with r the estimate,
///   a = k r / (n (1 − r)), b = 1 + k r (n − 1) / (n (1 − r)),
///   ν = (a MSC + b MSE)² / ((a MSC)²/(k−1) + (b MSE)²/((n−1)(k−1))),
///   FL = F_{1−α/2}(n−1, ν), FU = F_{1−α/2}(ν, n−1);
///   single: [n(MSR − FL·MSE) / (FL(k MSC + (kn − k − n) MSE) + n MSR),
///            n(FU·MSR − MSE) / (k MSC + (kn − k − n) MSE + n FU·MSR)],
///   average: [n(MSR − FL·MSE) / (FL(MSC − MSE) + n MSR), n(FU·MSR − MSE) / (MSC − MSE + n FU·MSR)].
///
/// As in irr, the ICC(2,·) bounds can leave [−1, 1] on degenerate tables (tiny n with MSC < MSE);
/// they are reported as computed; when r rounds to 1 the degrees of freedom ν are not finite and the bounds are NaN, as in
/// irr. Where R would divide by zero (perfect agreement: MSW = 0 or MSE = 0 with MSR > 0) the value
/// is 1 and the interval takes its limit; R returns NaN bounds there.
/// - Throws: `FeatureFilterError.undefinedICC` when MSR and the error mean square are both 0.
public func intraclassCorrelation(
    _ ms: ICCMeanSquares, form: ICCForm, confidenceLevel: Double = 0.95, column: Int = 0
) throws(FeatureFilterError) -> ICCEstimate {
    guard confidenceLevel > 0, confidenceLevel < 1 else { throw .invalidConfidenceLevel(confidenceLevel) }
    let n = Double(ms.subjects), k = Double(ms.raters)
    let tail = 1 - (1 - confidenceLevel) / 2
    let estimate: (Double, Double, Double)
    switch form {
    case .icc1_1, .icc1_k, .icc3_1, .icc3_k:
        let oneWay = form == .icc1_1 || form == .icc1_k
        let denominatorMS = oneWay ? ms.msw : ms.mse
        let df2 = oneWay ? n * (k - 1) : (n - 1) * (k - 1)
        if denominatorMS == 0 {
            guard ms.msr > 0 else { throw .undefinedICC(column: column) }
            estimate = (1, 1, 1)
            break
        }
        let f = ms.msr / denominatorMS
        let fl = f / FisherF.quantile(tail, df1: n - 1, df2: df2)
        let fu = f * FisherF.quantile(tail, df1: df2, df2: n - 1)
        if form.isAverage {
            estimate = ((ms.msr - denominatorMS) / ms.msr, 1 - 1 / fl, 1 - 1 / fu)
        } else {
            estimate = ((ms.msr - denominatorMS) / (ms.msr + (k - 1) * denominatorMS),
                        (fl - 1) / (fl + k - 1), (fu - 1) / (fu + k - 1))
        }
    case .icc2_1, .icc2_k:
        if ms.mse == 0 && ms.msc == 0 {
            guard ms.msr > 0 else { throw .undefinedICC(column: column) }
            estimate = (1, 1, 1)
            break
        }
        let r = form == .icc2_1
            ? (ms.msr - ms.mse) / (ms.msr + (k - 1) * ms.mse + k * (ms.msc - ms.mse) / n)
            : (ms.msr - ms.mse) / (ms.msr + (ms.msc - ms.mse) / n)
        // irr uses the same a, b for both units (with the unit's own r).
        let a = k * r / (n * (1 - r))
        let b = 1 + k * r * (n - 1) / (n * (1 - r))
        let am = a * ms.msc, bm = b * ms.mse
        let v = (am + bm) * (am + bm) / (am * am / (k - 1) + bm * bm / ((n - 1) * (k - 1)))
        // r rounds to 1 when the readers differ by rounding only (MSE, MSC ~ 1e-26 against MSR): a, b and ν are not
        // finite, and R's qf(…, NaN) gives NaN bounds — so do we, instead of asking for an F quantile of no df.
        guard v.isFinite, v > 0 else {
            estimate = (r, .nan, .nan)
            break
        }
        let fl = FisherF.quantile(tail, df1: n - 1, df2: v)
        let fu = FisherF.quantile(tail, df1: v, df2: n - 1)
        if form == .icc2_1 {
            let c = k * ms.msc + (k * n - k - n) * ms.mse
            estimate = (r, n * (ms.msr - fl * ms.mse) / (fl * c + n * ms.msr),
                        n * (fu * ms.msr - ms.mse) / (c + n * fu * ms.msr))
        } else {
            estimate = (r, n * (ms.msr - fl * ms.mse) / (fl * (ms.msc - ms.mse) + n * ms.msr),
                        n * (fu * ms.msr - ms.mse) / (ms.msc - ms.mse + n * fu * ms.msr))
        }
    }
    return ICCEstimate(form: form, value: estimate.0, lower: estimate.1, upper: estimate.2,
                       confidenceLevel: confidenceLevel)
}

/// Convenience: the ICC of an n × k ratings table.
public func intraclassCorrelation(
    ratings: [[Double]], form: ICCForm, confidenceLevel: Double = 0.95
) throws(FeatureFilterError) -> ICCEstimate {
    try intraclassCorrelation(ICCMeanSquares(ratings: ratings), form: form, confidenceLevel: confidenceLevel)
}
