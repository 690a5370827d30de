import CaseIO
import FleetProtocol
import Foundation
import Study

/// Assembles the study outputs from stored results, in plan order — never in completion order — so the files
/// are byte-identical whether the study ran on one worker or many.
public struct Aggregator {
    public let study: StudyFile
    public let version: String

    public init(study: StudyFile, version: String) {
        self.study = study
        self.version = version
    }

    public struct Outputs {
        /// The primary ROI's features as reader 1 extracted them (features.csv).
        public let featureTable: FeatureTable
        /// Every other (ROI, reader) table, by file stem: `features_<roi>`, `features[_<roi>]_reader2`.
        public var otherFeatureTables: [(name: String, table: FeatureTable)] = []
        public let failures: [JobFailure]
        public let resultsJSON: OrderedJSON
        /// The evaluated model (nil: the study asks for none), for the report.
        public let model: ModelOutcome?
        /// The baseline tables (nil: the study has no clinical variables), for the report.
        public var baseline: Result<BaselineSection, EvaluationError>? = nil
        /// Version, settings, seeds and input checksums, collected once per run.
        public var provenance: Provenance? = nil
    }

    public func assemble(from store: JobStore) throws -> Outputs {
        var table = FeatureTable()
        var others: [String: FeatureTable] = [:]
        var problems: [JobFailure] = try store.failures(limit: Int.max).sorted { $0.jobId < $1.jobId }
        // Which table each extract job feeds (a plan that cannot be made leaves every result in features.csv).
        var tableOf: [String: String] = [:]
        if let plan = try? StudyPlan(study: study) {
            for t in plan.targets where t.region != 0 || t.reader != 1 {
                tableOf[t.jobId] = "features" + (t.region == 0 ? "" : "_\(study.regions[t.region].name)") + (t.reader == 2 ? "_reader2" : "")
            }
        }
        for r in try store.results(kind: JobKind.extract.rawValue) {
            do {
                let out = try ExtractJobOutput(jsonText: r.output)
                let cells = zip(out.names, out.values).map { (name: $0, value: FeatureTable.format($1 ?? .nan)) }
                if let name = tableOf[r.jobId] {
                    try others[name, default: FeatureTable()].append(id: out.caseId, cells: cells)
                } else {
                    try table.append(id: out.caseId, cells: cells)
                }
            } catch {
                problems.append(JobFailure(jobId: r.jobId, kind: r.kind, reason: "result not usable: \(error)", attempts: 0, updated: 0))
            }
        }
        let rows: [OrderedJSON] = table.rows.map { row in
            .object([("id", .string(row.id)), ("values", .array(row.cells.map { Double($0).map(OrderedJSON.number) ?? .null }))])
        }
        let allResults = Dictionary(uniqueKeysWithValues: try store.results().map { ($0.jobId, $0.output) })
        let model = ModelSection.evaluate(study: study, results: allResults)
        // Further ROIs and second readers: the same layout per table, named by its file stem.
        let otherTables: [(String, OrderedJSON)] = others.isEmpty ? [] : [("otherFeatureTables", .object(others.keys.sorted().map { name in
            let t = others[name]!
            return (name, OrderedJSON.object([("columns", .array(t.columns.map(OrderedJSON.string))), ("rows", .array(t.rows.map { row in
                .object([("id", .string(row.id)), ("values", .array(row.cells.map { Double($0).map(OrderedJSON.number) ?? .null }))])
            }))]))
        }))]
        let baseline = BaselineSection.evaluate(study: study)
        let provenance = Provenance.collect(study: study, version: version)
        let json = OrderedJSON.object([
            ("study", .string(study.name)),
            ("provenance", provenance.render(study: study)),
            ("baseline", BaselineSection.render(baseline)),
            ("features", .object([
                ("columns", .array(table.columns.map(OrderedJSON.string))),
                ("rows", .array(rows)),
            ])),
        ] + otherTables + [
            ("model", model.map(ModelSection.render) ?? .null),
            ("svm", svmSection(model)),
            ("failures", .array(problems.map { .object([("jobId", .string($0.jobId)), ("reason", .string($0.reason))]) })),
        ])
        return Outputs(featureTable: table, otherFeatureTables: others.keys.sorted().map { ($0, others[$0]!) }, failures: problems,
                       resultsJSON: json, model: model, baseline: baseline, provenance: provenance)
    }

    /// results.json's `svm` section: null without an SVM in the study, else its evaluation or why there is none.
    func svmSection(_ model: ModelOutcome?) -> OrderedJSON {
        guard study.model?.svm != nil else { return .null }
        switch model {
        case let .evaluated(e)?: return e.svm.map(SVMSection.render) ?? .null
        case let .notFitted(reason, _)?: return .object([("status", .string("not fitted: \(reason)"))])
        case nil: return .null
        }
    }

    /// Writes `features.csv`, `results.json` and the report (figures/, tables/, report.html) into the study's
    /// output folder.
    public func write(_ outputs: Outputs) throws {
        try FileManager.default.createDirectory(at: study.output, withIntermediateDirectories: true)
        try outputs.featureTable.csv().write(to: study.output.appendingPathComponent("features.csv"), atomically: true, encoding: .utf8)
        for (name, table) in outputs.otherFeatureTables {
            try table.csv().write(to: study.output.appendingPathComponent("\(name).csv"), atomically: true, encoding: .utf8)
        }
        try (outputs.resultsJSON.rendered() + "\n").write(to: study.output.appendingPathComponent("results.json"), atomically: true, encoding: .utf8)
        var writer = StudyReportWriter(study: study, version: version)
        writer.baseline = outputs.baseline
        writer.provenance = outputs.provenance
        try writer.write(featureTable: outputs.featureTable, failures: outputs.failures, model: outputs.model)
    }
}
