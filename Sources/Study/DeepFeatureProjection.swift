import CaseIO
import Foundation
import Statistics

/// The study's deep features reduced by PCA (`deepFeatures:`): `prcomp(x_train, center = TRUE, scale. = scale)` on
/// the training cohort's rows of the deep-feature table (training = the cohort file's training cases, whether or not
/// their radiomics extraction succeeded, so the rotation depends on the input files only), then every case's row
/// projected with the training centres, scales and rotation onto the first k components, named `deep_PC1…deep_PCk`.
/// `StudyPlan.extractedCases` appends these columns to each case's radiomics row, so they go through the feature
/// reduction and the LASSO like any other feature. Component signs follow `PCAModel` (largest loading positive).
public struct DeepFeatureProjection: Sendable {
    public static let prefix = "deep_PC"

    public let spec: DeepFeatures
    /// The table's feature columns (the PCA's input).
    public let columns: [String]
    /// Training cases the PCA was fitted on.
    public let trainingCases: Int
    public let model: PCAModel
    /// `deep_PC1 … deep_PCk`.
    public let names: [String]
    /// Proportion of the training variance each kept component explains (prcomp's "Proportion of Variance").
    public let varianceExplained: [Double]
    /// Each case's k component scores, for the cases of the cohort file that have a row in the table.
    public let scores: [String: [Double]]
    /// Cases of the cohort file with no row in the table, with the reason (left out of the models).
    public let excluded: [(id: String, reason: String)]

    public var totalVarianceExplained: Double { varianceExplained.reduce(0, +) }

    /// Fits and applies the projection for `study` (which must have a `deepFeatures:` section).
    public init(study: StudyFile) throws {
        guard let spec = study.deepFeatures else {
            throw StudyError(file: study.url.path, key: "deepFeatures", reason: "the study has no deepFeatures section")
        }
        self.spec = spec
        let table = try spec.load()
        let file = study.url.path
        let ids = try DataTable.textColumn("id", of: study.cohort).map { $0.trimmingCharacters(in: .whitespaces) }
        let trainingName = study.cohortSplit?.training ?? "training"
        let training = try study.cohortColumn(ids: ids).map { $0 == trainingName }
        let tableName = table.file.split(separator: "/").last.map(String.init) ?? table.file
        var excluded: [(id: String, reason: String)] = []
        var trainingRows: [[Double]] = []
        for (i, id) in ids.enumerated() {
            guard let row = table.row(id) else {
                excluded.append((id, "line \(i + 2), case '\(id)': no row in the deep-feature table \(tableName), so the case is left out of the models"))
                continue
            }
            if training[i] { trainingRows.append(row) }
        }
        let k = spec.components, n = trainingRows.count, p = table.columns.count
        func fail(_ key: String, _ reason: String) -> StudyError { StudyError(file: file, key: key, reason: reason) }
        guard n >= 2 else { throw fail("deepFeatures.table", "\(n) training case(s) have a row in \(tableName); the PCA needs at least 2") }
        guard k <= n - 1 else {
            throw fail("deepFeatures.pca", "\(k) components asked for, but the training cohort has \(n) cases in \(tableName): at most \(n - 1) (cases − 1)")
        }
        guard k <= p else { throw fail("deepFeatures.pca", "\(k) components asked for, but \(tableName) has \(p) feature column(s)") }
        let model: PCAModel
        do { model = try fitPCA(rows: trainingRows, scale: spec.scale) } catch {
            if case let .constantColumn(j) = error {
                throw fail("deepFeatures.scale", "column \(table.columns[j]) of \(tableName) is constant over the training cases and cannot be scaled "
                           + "to unit variance (prcomp refuses it too); drop the column or set scale: false")
            }
            throw fail("deepFeatures", "\(error)")
        }
        guard model.rotation.count >= k else {
            throw fail("deepFeatures.pca", "\(k) components asked for, but the training rows of \(tableName) span only \(model.rotation.count) "
                       + "dimension(s) with positive variance")
        }
        let kept = ids.filter { table.rowOf[$0] != nil }
        let projected: [[Double]]
        do { projected = try model.transform(kept.map { table.row($0)! }, components: k) } catch { throw fail("deepFeatures", "\(error)") }
        self.model = model
        columns = table.columns
        trainingCases = n
        names = (1...k).map { "\(Self.prefix)\($0)" }
        varianceExplained = Array(model.explainedVarianceRatio.prefix(k))
        scores = Dictionary(zip(kept, projected), uniquingKeysWith: { a, _ in a })
        self.excluded = excluded
    }

    /// `cases` with the components appended to each feature row; cases without a row in the table are dropped
    /// (they are in `excluded`).
    func appending(to cases: [StudyPlan.ExtractedCase]) -> [StudyPlan.ExtractedCase] {
        cases.compactMap { c in
            guard let s = scores[c.id] else { return nil }
            return StudyPlan.ExtractedCase(id: c.id, names: c.names + names, values: c.values + s.map(Optional.some), outcome: c.outcome,
                                           cohort: c.cohort, training: c.training)
        }
    }
}

extension StudyPlan {
    /// The study's deep-feature projection (nil without `deepFeatures:`), fitted once when the plan was made, since
    /// the stages ask for the extracted cases many times.
    public func deepFeatureProjection() throws -> DeepFeatureProjection? { try deepFeatures.get() }

    /// `cases` with the deep-feature components appended (unchanged without `deepFeatures:`).
    func appendingDeepFeatures(_ cases: [ExtractedCase]) throws -> [ExtractedCase] {
        try deepFeatureProjection()?.appending(to: cases) ?? cases
    }
}
