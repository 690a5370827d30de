import CaseIO
import FleetProtocol
import Foundation

/// A study turned into jobs. Extraction: one `extract` job per cohort case and ROI, and one more per second-reader
/// mask, in cohort order (per case: the primary ROI `extract:<case>`, the other ROIs `extract:<case>:<roi>`, then
/// the second readers `extract:<case>[:<roi>]:reader2`), with seeds from `JobSeed`. Image paths are made relative
/// to the data root (the study file's folder), which every worker is given; a case outside it is refused here, at
/// planning.
public struct StudyPlan: Sendable {
    public let study: StudyFile
    public let manifest: Manifest
    /// The text of each ROI's parameter file (nil: PyRadiomics defaults), in `study.regions` order.
    public let parameterTexts: [String?]
    public let dataRoot: URL
    /// Every extraction job's case, ROI and reader, in job order.
    public let targets: [ExtractionTarget]
    /// The deep-feature projection (`deepFeatures:`), fitted once from the input files alone; its error, if any, is
    /// thrown where the projection is asked for (`deepFeatureProjection()`), as planning reaches the models.
    let deepFeatures: Result<DeepFeatureProjection?, any Error>

    /// The primary ROI's parameter file text.
    public var parameterText: String? { parameterTexts[0] }

    /// What one `extract` job reads: a case's image and mask for one ROI, as drawn by reader 1 or 2.
    public struct ExtractionTarget: Sendable, Equatable {
        public let jobId: String
        public let caseId: String
        /// Index into `study.regions`.
        public let region: Int
        /// 1, or 2 for the second reader's mask.
        public let reader: Int
        public let image: URL
        public let mask: URL
        public let spacing: Double?
    }

    public init(study: StudyFile) throws {
        self.study = study
        if !study.clinical.isEmpty && study.model == nil {
            throw StudyError(file: study.url.path, key: "clinical", reason: "the clinical and combined models need the model: section (the rad-score)")
        }
        if study.evaluation.calibrationBootstrap > 0 && study.clinical.isEmpty {
            throw StudyError(file: study.url.path, key: "evaluation.calibration.bootstrap",
                             reason: "calibrates the combined model (the nomogram), which needs the clinical: section")
        }
        manifest = try Manifest(contentsOf: study.cohort)
        var texts: [String?] = []
        var read: [URL: String] = [:]
        for (i, region) in study.regions.enumerated() {
            guard let p = region.parameterFile else { texts.append(nil); continue }
            if let t = read[p] { texts.append(t); continue }
            do { read[p] = try String(contentsOf: p, encoding: .utf8) } catch {
                let key = i == 0 && study.parameterFile == p ? "extraction.params" : "rois.\(region.name).params"
                throw StudyError(file: study.url.path, key: key, reason: "cannot read \(p.path)")
            }
            texts.append(read[p])
        }
        parameterTexts = texts
        dataRoot = study.url.deletingLastPathComponent().standardizedFileURL
        targets = try Self.targets(study: study, manifest: manifest)
        deepFeatures = Result { try study.deepFeatures.map { _ in try DeepFeatureProjection(study: study) } }
    }

    /// The extract job id of a case's ROI `region` (index into `study.regions`) read by `reader`.
    public func extractId(caseId: String, region: Int, reader: Int = 1) -> String {
        Self.extractId(caseId: caseId, region: region, of: study.regions, reader: reader)
    }

    static func extractId(caseId: String, region: Int, of regions: [RegionOfInterest], reader: Int) -> String {
        "extract:\(caseId)" + regions[region].suffix(index: region) + (reader == 2 ? ":reader2" : "")
    }

    static func targets(study: StudyFile, manifest: Manifest) throws -> [ExtractionTarget] {
        let cohort = study.cohort
        let base = cohort.deletingLastPathComponent()
        let ids = try DataTable.textColumn("id", of: cohort)
        /// A path column by case id (empty cells kept as nil).
        func paths(_ column: String, key: String) throws -> [String: URL] {
            let cells: [String]
            do { cells = try DataTable.textColumn(column, of: cohort) } catch {
                throw StudyError(file: study.url.path, key: key, reason: "the cohort \(cohort.lastPathComponent) has no column '\(column)'")
            }
            var out: [String: URL] = [:]
            for (id, cell) in zip(ids, cells) where !cell.isEmpty { out[id] = Manifest.resolve(cell, base: base) }
            return out
        }
        var perRegion: [(image: [String: URL]?, mask: [String: URL]?, reader: [String: URL]?)] = []
        for (r, region) in study.regions.enumerated() {
            let key = "rois.\(region.name)"
            let own = r == 0 && region.imageColumn == "image" && region.maskColumn == "mask"
            perRegion.append((own ? nil : try paths(region.imageColumn, key: key + ".image"),
                              own ? nil : try paths(region.maskColumn, key: key + ".mask"),
                              try region.readerMaskColumn.map { c throws in
                                  try paths(c, key: r == 0 && study.featureReduction?.readerMaskColumn == c ? "features.icc.readerMask" : key + ".readerMask")
                              }))
        }
        var out: [ExtractionTarget] = []
        for c in manifest.cases {
            func id(_ r: Int, _ reader: Int) -> String { extractId(caseId: c.id, region: r, of: study.regions, reader: reader) }
            var images: [URL] = []
            for r in study.regions.indices {
                let image = perRegion[r].image.map { $0[c.id] } ?? c.image, mask = perRegion[r].mask.map { $0[c.id] } ?? c.mask
                guard let image, let mask else {
                    let region = study.regions[r]
                    throw StudyError(file: cohort.path, key: image == nil ? region.imageColumn : region.maskColumn,
                                     reason: "line \(c.line), case '\(c.id)': no path for ROI '\(region.name)'")
                }
                images.append(image)
                out.append(ExtractionTarget(jobId: id(r, 1), caseId: c.id, region: r, reader: 1, image: image, mask: mask, spacing: c.spacing))
            }
            for r in study.regions.indices {
                guard let mask = perRegion[r].reader?[c.id] else { continue }
                out.append(ExtractionTarget(jobId: id(r, 2), caseId: c.id, region: r, reader: 2, image: images[r], mask: mask, spacing: c.spacing))
            }
        }
        return out
    }

    public func extractionJobs() throws -> [Job] {
        try targets.map { t in
            let input = ExtractJobInput(caseId: t.caseId, image: try relative(t.image, case: t.caseId), mask: try relative(t.mask, case: t.caseId),
                                        spacing: t.spacing, parameters: parameterTexts[t.region], clipPercentiles: study.clipPercentiles)
            return Job(id: t.jobId, kind: .extract, seed: JobSeed.derive(studySeed: study.seed, jobId: t.jobId), input: try JSONValue(encoding: input))
        }
    }

    func relative(_ url: URL, case id: String) throws -> String {
        let root = dataRoot.path.hasSuffix("/") ? dataRoot.path : dataRoot.path + "/"
        let path = url.standardizedFileURL.path
        guard path.hasPrefix(root) else {
            throw StudyError(file: manifest.url.path, key: nil,
                             reason: "case '\(id)': \(path) is outside the study folder \(dataRoot.path), which workers use as their data root")
        }
        return String(path.dropFirst(root.count))
    }
}

extension JSONValue {
    /// The JSON form of an `Encodable` value.
    public init<T: Encodable>(encoding value: T) throws {
        let data = try JSONEncoder().encode(value)
        self = try JSONDecoder().decode(JSONValue.self, from: data)
    }

    /// Decodes this value as `T`.
    public func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try JSONDecoder().decode(T.self, from: JSONEncoder().encode(self))
    }
}
