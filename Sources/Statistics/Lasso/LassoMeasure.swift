import RealModule

/// cv.glmnet's `type.measure` for family = "binomial" (glmnet's cv.lognet).
public enum LassoMeasure: String, Sendable, CaseIterable, Equatable, Codable {
    /// −2 log-likelihood per held-out observation, p clamped to [1e-5, 1 − 1e-5]; averaged per fold.
    case deviance
    /// Area under the ROC curve of each held-out fold (ties count ½, as survival::concordance); larger is better.
    case auc
    /// Misclassification rate at p = 0.5 (p > 0.5 predicts y = 1); averaged per fold.
    case `class`

    /// `cv$name`, as glmnet labels the measure.
    public var name: String {
        switch self {
        case .deviance: return "Binomial Deviance"
        case .auc: return "AUC"
        case .class: return "Misclassification Error"
        }
    }

    /// Whether a larger value is better (getOptcv.glmnet negates AUC before taking the minimum).
    public var largerIsBetter: Bool { self == .auc }
}

/// The per-observation loss of cv.lognet for the measures computed observation by observation.
enum LassoLoss {
    static let probabilityMin = 1e-5

    @inline(__always)
    static func value(_ measure: LassoMeasure, probability p: Double, positive: Bool) -> Double {
        switch measure {
        case .deviance:
            let c = min(max(p, probabilityMin), 1 - probabilityMin)
            return -2 * (positive ? Double.log(c) : Double.log(1 - c))
        case .class:
            return positive ? (p <= 0.5 ? 1 : 0) : (p > 0.5 ? 1 : 0)
        case .auc:
            preconditionFailure("AUC is computed per fold")
        }
    }
}

/// AUC of scores against 0/1 outcomes by the rank-sum (Mann–Whitney) formula with mid-ranks for tied scores,
/// which equals the concordance glmnet's auc.mat asks of survival::concordance (tied scores count ½).
/// NaN when one class is absent.
func areaUnderCurve(scores: [Double], positive: [Bool]) -> Double {
    let n = scores.count
    let n1 = positive.reduce(0) { $1 ? $0 + 1 : $0 }, n0 = n - n1
    guard n1 > 0, n0 > 0 else { return .nan }
    let order = scores.indices.sorted { scores[$0] < scores[$1] }
    var rankSum = 0.0
    var i = 0
    while i < n {
        var j = i
        while j + 1 < n && scores[order[j + 1]] == scores[order[i]] { j += 1 }
        let midRank = Double(i + j + 2) / 2
        for k in i...j where positive[order[k]] { rankSum += midRank }
        i = j + 1
    }
    return (rankSum - Double(n1) * Double(n1 + 1) / 2) / (Double(n1) * Double(n0))
}

/// glmnet's cvstats on a table of losses (rows = folds or observations, columns = λ) with row weights:
/// cvm_j = weighted mean of column j, cvsd_j = sqrt(weighted mean of (loss − cvm_j)² / (N − 1)),
/// NaN entries left out of both (na.rm = TRUE), N the number of rows.
func crossValidationStatistics(_ raw: [[Double]], weights: [Double], lambdaCount: Int) -> (cvm: [Double], cvsd: [Double]) {
    var cvm = [Double](repeating: .nan, count: lambdaCount), cvsd = cvm
    let count = Double(raw.count)
    for j in 0..<lambdaCount {
        var sw = 0.0, swx = 0.0
        for (row, w) in zip(raw, weights) where !row[j].isNaN { sw += w; swx += row[j] * w }
        let mean = swx / sw
        var ss = 0.0
        for (row, w) in zip(raw, weights) where !row[j].isNaN { ss += (row[j] - mean) * (row[j] - mean) * w }
        cvm[j] = mean
        cvsd[j] = (ss / sw / (count - 1)).squareRoot()
    }
    return (cvm, cvsd)
}
