import ArgumentParser
import CaseIO
import Foundation
import Statistics

struct StatsLogit: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "logit",
        abstract: "Logistic regression as R's glm(family = binomial), with univariable screening and stepwise selection.",
        discussion: """
        Every column but the outcome and the excluded ones is a predictor. Numeric columns enter as they are;
        --categorical columns (text or numeric codes) are coded with treatment contrasts against their first level
        (sorted; change it with --reference COL=LEVEL), one column per other level named COLlevel as R names them.
        --screen P keeps the predictors whose univariable Wald p < P. --stepwise then selects by AIC with the rules
        of R's step() (--criterion aic, default; backward and both start from all predictors, forward from none) or
        by Wald p-values (--criterion p: drop the largest p > --threshold, add the smallest p < --threshold; both =
        forward with removal). Output: R's coefficient table (estimate, std. error, z, p) with odds ratios and Wald
        95% intervals (exp(confint.default)), deviances, AIC and R's warnings (e.g. perfect separation).
        """
    )

    @OptionGroup var table: TableOptions
    @Option(name: .long, parsing: .upToNextOption, help: "Columns to treat as categorical (factor) predictors.")
    var categorical: [String] = []
    @Option(name: .long, parsing: .upToNextOption, help: "Reference level of a categorical column, as COL=LEVEL.")
    var reference: [String] = []
    @Option(name: .long, help: "Univariable screening: keep predictors with Wald p < this value (e.g. 0.05 or 0.1).")
    var screen: Double?
    @Option(name: .long, help: "Stepwise selection: backward, forward or both.")
    var stepwise: StepwiseOption?
    @Option(name: .long, help: "Stepwise criterion: aic (R's step()) or p (Wald p-values).")
    var criterion: StepCriterion = .aic
    @Option(name: .long, help: "p-value threshold of --criterion p.")
    var threshold: Double = 0.05
    @Option(name: .long, help: "AIC penalty per parameter for --criterion aic (2 = AIC, log(n) = BIC).")
    var k: Double = 2

    func validate() throws {
        if let screen, !(screen > 0 && screen <= 1) { throw ValidationError("--screen must be in (0, 1]") }
        guard threshold > 0 && threshold <= 1 else { throw ValidationError("--threshold must be in (0, 1]") }
        guard k >= 0 && k.isFinite else { throw ValidationError("--k must be a non-negative number") }
        for r in reference where !r.contains("=") { throw ValidationError("--reference takes COL=LEVEL, got '\(r)'") }
    }

    func run() throws {
        try reportingErrors {
            let data = try LogitTable(table, categorical: categorical, references: reference)
            let design = try DesignMatrix(data.predictors, rows: data.outcome.count)
            var notes = data.notes
            var terms = Array(design.termNames.indices)
            var pairs: [(String, OrderedJSON)] = [("outcome", .string(table.outcome)), ("n", .integer(design.rows))]
            if let screen {
                let screened = try UnivariableScreen.run(design, outcome: data.outcome, threshold: screen)
                terms = terms.filter { screened[$0].selected }
                pairs.append(("screening", .object([
                    ("threshold", .number(screen)),
                    ("terms", .array(screened.map { s in
                        .object([("term", .string(s.term)), ("pValue", .number(s.pValue)), ("selected", .bool(s.selected))])
                    })),
                ])))
                if terms.isEmpty { notes.append("no predictor passed the univariable screen: intercept-only model") }
            }
            let fit: LogisticFit
            var steps: [StepRecord] = []
            if let stepwise {
                let result: StepwiseResult
                switch (criterion, stepwise) {
                case (.aic, .forward): result = try Stepwise.byAIC(design, outcome: data.outcome, start: [], upper: terms, direction: .forward, k: k)
                case (.aic, _): result = try Stepwise.byAIC(design, outcome: data.outcome, start: terms, direction: stepwise.direction, k: k)
                case (.p, .backward): result = try Stepwise.backwardByPValue(design, outcome: data.outcome, start: terms, threshold: threshold)
                case (.p, .forward): result = try Stepwise.forwardByPValue(design, outcome: data.outcome, candidates: terms, threshold: threshold)
                case (.p, .both):
                    result = try Stepwise.forwardByPValue(design, outcome: data.outcome, candidates: terms, threshold: threshold, removal: threshold)
                }
                fit = result.fit
                steps = result.path
            } else {
                fit = try LogisticRegression.fit(design, outcome: data.outcome, terms: terms)
            }
            pairs += [
                ("terms", .array(fit.terms.map(OrderedJSON.string))),
                ("coefficients", .array(fit.coefficients.map { c in
                    .object([("term", .string(c.term)), ("estimate", .number(c.estimate)), ("stdError", .number(c.stdError)),
                             ("zValue", .number(c.zValue)), ("pValue", .number(c.pValue)), ("oddsRatio", .number(c.oddsRatio)),
                             ("ciLower", .number(c.ciLower)), ("ciUpper", .number(c.ciUpper)), ("aliased", .bool(c.aliased))])
                })),
                ("deviance", .number(fit.deviance)), ("nullDeviance", .number(fit.nullDeviance)),
                ("dfResidual", .integer(fit.dfResidual)), ("dfNull", .integer(fit.dfNull)), ("aic", .number(fit.aic)),
                ("iterations", .integer(fit.iterations)), ("converged", .bool(fit.converged)),
                ("warnings", .array(fit.warnings.map(OrderedJSON.string))),
            ]
            if stepwise != nil {
                pairs.append(("criterion", .string(criterion.rawValue)))
                pairs.append(("steps", .array(steps.map { s in
                    .object([("step", .string(s.change)), ("deviance", .number(s.deviance)),
                             ("dfResidual", .integer(s.dfResidual)), ("aic", .number(s.aic))])
                })))
            }
            pairs.append(("notes", .array(notes.map(OrderedJSON.string))))
            emit(.object(pairs), table: { Self.text(fit, steps: steps, notes: notes) }, format: table.format)
        }
    }

    static func text(_ fit: LogisticFit, steps: [StepRecord], notes: [String]) -> String {
        var out: [String] = []
        if !steps.isEmpty {
            out.append(alignedTable(["Step", "Resid. Dev", "Resid. Df", "AIC"], steps.map {
                [$0.change.isEmpty ? "(start)" : $0.change, formatNumber($0.deviance), "\($0.dfResidual)", formatNumber($0.aic)]
            }))
            out.append("")
        }
        out.append(alignedTable(["term", "Estimate", "Std. Error", "z value", "Pr(>|z|)", "OR", "2.5 %", "97.5 %"], fit.coefficients.map { c in
            [c.term, formatNumber(c.estimate), formatNumber(c.stdError), formatNumber(c.zValue, digits: 3),
             c.pValue.isNaN ? "NA" : String(format: "%.3g", c.pValue), ratio(c.oddsRatio), ratio(c.ciLower), ratio(c.ciUpper)]
        }))
        out.append("")
        out.append("Null deviance: \(formatNumber(fit.nullDeviance)) on \(fit.dfNull) degrees of freedom")
        out.append("Residual deviance: \(formatNumber(fit.deviance)) on \(fit.dfResidual) degrees of freedom")
        out.append("AIC: \(formatNumber(fit.aic)); Fisher scoring iterations: \(fit.iterations)\(fit.converged ? "" : " (not converged)")")
        for w in fit.warnings { out.append("Warning: \(w)") }
        for n in notes { out.append("Note: \(n)") }
        return out.joined(separator: "\n")
    }
}

/// Odds ratios span many decades: fixed notation in [1e-3, 1e5), scientific outside.
private func ratio(_ v: Double) -> String {
    guard v.isFinite, v != 0 else { return formatNumber(v) }
    return (1e-3..<1e5).contains(abs(v)) ? formatNumber(v) : String(format: "%.3e", v)
}

enum StepCriterion: String, ExpressibleByArgument, CaseIterable {
    case aic, p
}

enum StepwiseOption: String, ExpressibleByArgument, CaseIterable {
    case backward, forward, both
    var direction: StepDirection { StepDirection(rawValue: rawValue)! }
}

/// The predictors of `radfleet stats logit`: numeric columns through `DataTable`, categorical columns
/// as text (numeric codes or labels), rows aligned by file line; outcome checked to be 0/1 with two classes.
struct LogitTable {
    let predictors: [Predictor]
    let outcome: [Double]
    let notes: [String]

    init(_ options: TableOptions, categorical: [String], references: [String]) throws {
        let url = URL(fileURLWithPath: options.data)
        let header = try DataTable.header(of: url)
        for c in [options.outcome] + options.exclude + categorical where !header.contains(c) {
            throw DataTableError(file: url.path, line: 1, column: c, reason: "column not found")
        }
        var referenceOf: [String: String] = [:]
        for r in references {
            let parts = r.split(separator: "=", maxSplits: 1).map(String.init)
            guard categorical.contains(parts[0]) else {
                throw DataTableError(file: url.path, line: 1, column: parts[0], reason: "--reference names a column that is not --categorical")
            }
            referenceOf[parts[0]] = parts.count > 1 ? parts[1] : ""
        }
        let used = header.filter { $0 != options.outcome && !options.exclude.contains($0) }
        let numeric = used.filter { !categorical.contains($0) }
        let table = try DataTable(contentsOf: url, columns: numeric + [options.outcome], dropMissing: options.dropMissing)
        // Every non-blank data line is either kept or dropped by DataTable: the text column's i-th entry is
        // the i-th of those lines.
        let allLines = (table.lines + table.droppedLines).sorted()
        let position = Dictionary(uniqueKeysWithValues: allLines.enumerated().map { ($1, $0) })
        var keep = [Bool](repeating: true, count: table.rowCount)
        var dropped = table.droppedLines
        var texts: [String: [String]] = [:]
        for c in categorical {
            let all = try DataTable.textColumn(c, of: url)
            guard all.count == allLines.count else {
                throw DataTableError(file: url.path, line: nil, column: c, reason: "rows do not line up with the numeric columns")
            }
            var column: [String] = []
            for (r, line) in table.lines.enumerated() {
                let cell = all[position[line]!]
                let missing = cell.isEmpty || ["NA", "NaN", "nan", "null", "."].contains(cell)
                if missing {
                    guard options.dropMissing else {
                        throw DataTableError(file: url.path, line: line, column: c, reason: "missing value (use --drop-missing to drop such rows)")
                    }
                    if keep[r] { keep[r] = false; dropped.append(line) }
                }
                column.append(cell)
            }
            texts[c] = column
        }
        let rows = table.lines.indices.filter { keep[$0] }
        let y = try table.column(options.outcome)
        for r in rows where y[r] != 0 && y[r] != 1 {
            throw DataTableError(file: url.path, line: table.lines[r], column: options.outcome, reason: "outcome must be 0 or 1, found \(y[r])")
        }
        let outcome = rows.map { y[$0] }
        guard let first = outcome.first else {
            throw DataTableError(file: url.path, line: nil, column: nil, reason: "no rows left to fit")
        }
        if outcome.allSatisfy({ $0 == first }) {
            throw DataTableError(file: url.path, line: nil, column: options.outcome,
                                 reason: "every outcome is \(Int(first)): logistic regression needs both 0 and 1")
        }
        var predictors: [Predictor] = [], constant: [String] = []
        for name in used {
            if let cells = texts[name] {
                let values = rows.map { cells[$0] }
                let distinct = Array(Set(values))
                let numericLevels = distinct.compactMap(Double.init)
                let levels = numericLevels.count == distinct.count
                    ? distinct.sorted { Double($0)! < Double($1)! } : distinct.sorted()
                guard levels.count >= 2 else { constant.append(name); continue }
                var ref = 0
                if let wanted = referenceOf[name] {
                    guard let i = levels.firstIndex(of: wanted) else {
                        throw DataTableError(file: url.path, line: nil, column: name,
                                             reason: "reference level '\(wanted)' not among the levels \(levels.joined(separator: ", "))")
                    }
                    ref = i
                }
                let index = Dictionary(uniqueKeysWithValues: levels.enumerated().map { ($1, $0) })
                predictors.append(.categorical(name: name, levels: levels, codes: values.map { index[$0]! }, reference: ref))
            } else {
                let v = try table.column(name)
                let values = rows.map { v[$0] }
                if values.allSatisfy({ $0 == values[0] }) { constant.append(name); continue }
                predictors.append(.numeric(name: name, values: values))
            }
        }
        var notes: [String] = []
        if !constant.isEmpty { notes.append("constant columns dropped: \(constant.joined(separator: ", "))") }
        if !dropped.isEmpty {
            notes.append("rows with missing values dropped (lines): \(dropped.sorted().map(String.init).joined(separator: ", "))")
        }
        if predictors.isEmpty { notes.append("no predictors: intercept-only model") }
        self.predictors = predictors
        self.outcome = outcome
        self.notes = notes
    }
}
