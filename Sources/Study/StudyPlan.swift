import CaseIO
import FleetProtocol
import Foundation

/// A study turned into jobs. Extraction: one `extract` job per cohort case, in cohort order, with ids
/// `extract:<case id>` and seeds from `JobSeed`. Image paths are made relative to the data root (the study
/// file's folder), which every worker is given; a case outside it is refused here, at planning.
public struct StudyPlan: Sendable {
    public let study: StudyFile
    public let manifest: Manifest
    public let parameterText: String?
    public let dataRoot: URL

    public init(study: StudyFile) throws {
        self.study = study
        // Parsed and checked, but not yet applied by the fleet's stages (roadmap issue 5): refused here, by name,
        // rather than silently ignored.
        if study.featureReduction?.selection.icc != nil {
            throw StudyError(file: study.url.path, key: "features.icc", reason: "is understood but not applied by this version of the fleet "
                             + "yet (second-reader extraction for the ICC is roadmap issue 5); remove it to run the study")
        }
        if !study.clinical.isEmpty && study.model == nil {
            throw StudyError(file: study.url.path, key: "clinical", reason: "the clinical and combined models need the model: section (the rad-score)")
        }
        manifest = try Manifest(contentsOf: study.cohort)
        if let p = study.parameterFile {
            do { parameterText = try String(contentsOf: p, encoding: .utf8) } catch {
                throw StudyError(file: study.url.path, key: "extraction.params", reason: "cannot read \(p.path)")
            }
        } else {
            parameterText = nil
        }
        dataRoot = study.url.deletingLastPathComponent().standardizedFileURL
    }

    public func extractionJobs() throws -> [Job] {
        try manifest.cases.map { c in
            let id = "extract:\(c.id)"
            let input = ExtractJobInput(caseId: c.id, image: try relative(c.image, case: c.id), mask: try relative(c.mask, case: c.id),
                                        spacing: c.spacing, parameters: parameterText, clipPercentiles: study.clipPercentiles)
            return Job(id: id, kind: .extract, seed: JobSeed.derive(studySeed: study.seed, jobId: id), input: try JSONValue(encoding: input))
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
