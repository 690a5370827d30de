import Foundation
import Report

/// Synthetic but realistic inputs for every chart (a seeded binormal cohort, a glmnet-like CV curve and paths, an
/// rms-like nomogram), so the chart tests and the gallery need no statistics code.
enum ChartSamples {
    /// A 64-bit LCG (Knuth's MMIX constants) with Box–Muller normals: the same numbers on every platform.
    struct Generator {
        var state: UInt64
        mutating func uniform() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return (Double(state >> 11) + 0.5) / Double(1 << 53)
        }
        mutating func normal() -> Double {
            (-2 * log(uniform())).squareRoot() * cos(2 * Double.pi * uniform())
        }
    }

    /// 300 patients, about 30 % with the event, and three models' scores separating them by 0.8, 1.2 and 1.5 SD.
    static func cohort() -> (outcome: [Bool], scores: [(name: String, values: [Double])]) {
        var g = Generator(state: 2021)
        let outcome = (0..<300).map { _ in g.uniform() < 0.3 }
        let scores = [("Clinical", 0.8), ("Radiomics", 1.2), ("Combined", 1.5)].map { name, shift in
            (name, outcome.map { ($0 ? shift : 0) + g.normal() })
        }
        return (outcome, scores)
    }

    /// (FPR, TPR) at every threshold, and the Mann–Whitney AUC.
    static func roc(_ scores: [Double], _ outcome: [Bool]) -> (fpr: [Double], tpr: [Double], auc: Double) {
        let cases = zip(scores, outcome).filter(\.1).map(\.0), controls = zip(scores, outcome).filter { !$0.1 }.map(\.0)
        var fpr = [0.0], tpr = [0.0]
        for t in Set(scores).sorted(by: >) {
            fpr.append(Double(controls.filter { $0 >= t }.count) / Double(controls.count))
            tpr.append(Double(cases.filter { $0 >= t }.count) / Double(cases.count))
        }
        var wins = 0.0
        for c in cases { for k in controls { wins += c > k ? 1 : c == k ? 0.5 : 0 } }
        return (fpr, tpr, wins / Double(cases.count * controls.count))
    }

    /// Risks from a score by a logistic link.
    static func risk(_ scores: [Double]) -> [Double] { scores.map { 1 / (1 + exp(-(-1.4 + 1.1 * $0))) } }

    static let thresholds = stride(from: 0.0, through: 0.99, by: 0.01).map { $0 }

    static func netBenefit(_ risk: [Double], _ outcome: [Bool], at thresholds: [Double]) -> [Double] {
        let n = Double(risk.count)
        return thresholds.map { pt in
            let tp = Double(zip(risk, outcome).filter { $0.0 >= pt && $0.1 }.count)
            let fp = Double(zip(risk, outcome).filter { $0.0 >= pt && !$0.1 }.count)
            return tp / n - fp / n * pt / (1 - pt)
        }
    }

    static func rocChart() -> ROCChart {
        let c = cohort()
        return ROCChart(title: "ROC curves, training cohort", curves: c.scores.map { name, values in
            let r = roc(values, c.outcome)
            return ROCChart.Curve(name: name, falsePositiveRate: r.fpr, truePositiveRate: r.tpr, auc: r.auc,
                                  ci: (r.auc - 0.05, min(1, r.auc + 0.05)))
        })
    }

    static func decisionCurveChart() -> DecisionCurveChart {
        let c = cohort()
        let prevalence = Double(c.outcome.filter { $0 }.count) / Double(c.outcome.count)
        return DecisionCurveChart(title: "Decision curves, validation cohort", thresholds: thresholds,
                                  models: c.scores.map { .init(name: $0.name, netBenefit: netBenefit(risk($0.values), c.outcome, at: thresholds)) },
                                  treatAll: thresholds.map { prevalence - (1 - prevalence) * $0 / (1 - $0) })
    }

    static func clinicalImpactChart() -> ClinicalImpactChart {
        let c = cohort()
        let r = risk(c.scores[2].values)
        let high = thresholds.map { pt in 1000 * Double(r.filter { $0 >= pt }.count) / Double(r.count) }
        let event = thresholds.map { pt in 1000 * Double(zip(r, c.outcome).filter { $0.0 >= pt && $0.1 }.count) / Double(r.count) }
        var chart = ClinicalImpactChart(title: "Clinical impact curve, combined model", thresholds: thresholds,
                                        numberHighRisk: high, numberHighRiskWithEvent: event)
        chart.highRiskBand = high.map { (max(0, $0 * 0.85), min(1000, $0 * 1.15)) }
        chart.withEventBand = event.map { (max(0, $0 * 0.85), min(1000, $0 * 1.15)) }
        return chart
    }

    static func calibrationChart() -> CalibrationChart {
        let c = cohort()
        let r = risk(c.scores[2].values)
        let grid = stride(from: 0.02, through: 0.95, by: 0.01).map { $0 }
        let apparent = grid.map { (x: $0, y: min(1, max(0, $0 + 0.08 * sin(4 * $0)))) }
        let corrected = grid.map { (x: $0, y: min(1, max(0, $0 + 0.12 * sin(4 * $0) - 0.02))) }
        var chart = CalibrationChart(title: "Calibration, combined model", apparent: apparent, biasCorrected: corrected,
                                     predictedRisks: r)
        let sorted = zip(r, c.outcome).sorted { $0.0 < $1.0 }
        chart.groups = stride(from: 0, to: sorted.count, by: 30).map { start in
            let g = sorted[start..<min(sorted.count, start + 30)]
            return (g.map(\.0).reduce(0, +) / Double(g.count), Double(g.filter(\.1).count) / Double(g.count))
        }
        chart.note = "B = 1000 repetitions, boot; mean absolute error = 0.021"
        return chart
    }

    /// A glmnet-like path of 60 features over 80 λ: feature j enters at λ_j and grows linearly in (λ_j − λ).
    static func lasso() -> (lambda: [Double], paths: [[Double]], names: [String], cvm: [Double], cvsd: [Double]) {
        var g = Generator(state: 3)
        let lambda = (0..<80).map { 0.25 * exp(-Double($0) * 0.07) }
        let entries = (0..<60).map { _ in 0.25 * exp(-5.5 * g.uniform()) }
        let slopes = (0..<60).map { _ in g.normal() * 4 }
        let paths = (0..<60).map { j in lambda.map { max(0, entries[j] - $0) * slopes[j] } }
        let cvm = lambda.map { l -> Double in let x = log(l) + 4; return 1.05 + 0.03 * x * x - 0.12 / (1 + exp(-(x + 1.5))) }
        let cvsd = lambda.map { 0.035 + 0.01 * $0 }
        return (lambda, paths, (0..<60).map { "feature_\($0)" }, cvm, cvsd)
    }

    static func lassoCVChart() -> LassoCVChart {
        let l = lasso()
        let iMin = l.cvm.indices.min { l.cvm[$0] < l.cvm[$1] }!
        let i1se = l.cvm.indices.first { l.cvm[$0] <= l.cvm[iMin] + l.cvsd[iMin] }!
        let nonZero = l.lambda.indices.map { i in l.paths.filter { $0[i] != 0 }.count }
        return LassoCVChart(title: "LASSO 10-fold cross-validation", lambda: l.lambda, cvm: l.cvm, cvsd: l.cvsd,
                            nonZero: nonZero, lambdaMin: l.lambda[iMin], lambda1SE: l.lambda[i1se],
                            measureName: "Binomial Deviance")
    }

    static func lassoPathChart() -> LassoPathChart {
        let l = lasso(), cv = lassoCVChart()
        var chart = LassoPathChart(title: "LASSO coefficient paths", lambda: l.lambda, paths: l.paths, names: l.names,
                                   lambdaMin: cv.lambdaMin, lambda1SE: cv.lambda1SE)
        chart.labelCount = 0
        return chart
    }

    static func coefficientBarChart() -> CoefficientBarChart {
        CoefficientBarChart(title: "Rad-score: selected features", names: [
            "original_firstorder_Kurtosis", "wavelet-LH_glcm_Imc1", "original_shape2D_Elongation",
            "wavelet-HL_glrlm_RunEntropy", "original_glszm_ZoneEntropy", "wavelet-HH_firstorder_Mean",
            "original_gldm_DependenceVariance",
        ], coefficients: [0.612, -0.241, 0.187, -0.093, 0.121, 0.044, -0.158])
    }

    /// A nomogram laid out as rms: points = (βx − min βx) · 100 / widest range of βx.
    static func nomogramChart() -> NomogramChart {
        let predictors: [(String, Double, [(String, Double)])] = [
            ("Rad-score", 1.25, [-2, -1, 0, 1, 2, 3].map { (String(Int($0)), $0) }),
            ("Tumour size (mm)", 0.045, [10, 20, 30, 40, 50, 60].map { (String(Int($0)), $0) }),
            ("US-reported ALNM", 1.1, [("No", 0), ("Yes", 1)]),
            ("Multifocal", 0.55, [("No", 0), ("Yes", 1)]),
        ]
        let ranges = predictors.map { p in (p.2.map { $0.1 * p.1 }.min()!, p.2.map { $0.1 * p.1 }.max()!) }
        let scale = 100 / ranges.map { $0.1 - $0.0 }.max()!
        let axes = zip(predictors, ranges).map { p, r in
            NomogramChart.Axis(name: p.0, ticks: p.2.map { ($0.0, ($0.1 * p.1 - r.0) * scale) })
        }
        let intercept = -2.3 + ranges.map(\.0).reduce(0, +)
        let lpTicks = stride(from: -2.0, through: 4.0, by: 1.0).map { ($0 < 0 ? "−" : "") + String(Int(abs($0))) }
        let lp = NomogramChart.Axis(name: "Linear Predictor", ticks: zip(lpTicks, stride(from: -2.0, through: 4.0, by: 1.0))
            .map { ($0, ($1 - intercept) * scale) }.filter { $0.1 >= 0 })
        let risks = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9]
        let risk = NomogramChart.Axis(name: "Risk of ALNM", ticks: risks.map { r in
            (String(format: "%.1f", r), (log(r / (1 - r)) - intercept) * scale)
        }.filter { $0.1 >= 0 && $0.1 <= 300 })
        return NomogramChart(title: "Nomogram for ALNM", predictors: axes,
                             totalPoints: stride(from: 0.0, through: 300, by: 50).map { $0 }, linearPredictor: lp, risk: risk)
    }

    /// Every chart type, by file name.
    static func all() -> [(name: String, chart: any Chart)] {
        [("roc", rocChart()), ("decision_curve", decisionCurveChart()), ("clinical_impact", clinicalImpactChart()),
         ("calibration", calibrationChart()), ("lasso_cv", lassoCVChart()), ("lasso_path", lassoPathChart()),
         ("coefficients", coefficientBarChart()), ("nomogram", nomogramChart())]
    }
}
