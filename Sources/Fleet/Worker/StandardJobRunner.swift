import CaseIO
import FleetProtocol
import Foundation
import ImageIO
import ParameterFiles
import RadiomicsCore
import Study

/// The job kinds a `radfleet worker` runs, each by a function of the cores (`fit` is the LASSO's, or the SVM's when
/// its input says `"model": "svm"`). Reads images only below its data root: a job naming a path outside it fails
/// with the reason, and nothing is read.
public struct StandardJobRunner: JobRunner {
    public let dataRoot: URL
    public let limits: ImageLimits
    /// Every job of a study carries the same parameter-file text: parse it once per worker.
    private let parameterCache = ParameterCache()

    public init(dataRoot: URL, limits: ImageLimits = ImageLimits()) {
        self.dataRoot = dataRoot.standardizedFileURL
        self.limits = limits
    }

    public func run(_ job: Job) -> Result<JSONValue, JobFailureReport> {
        switch job.kind {
        case .noop:
            return .success(.object([:]))
        case .extract:
            return extract(job)
        case .fit where job.input["model"]?.stringValue == SVMFitJobInput.model:
            return model(job, SVMFitJobInput.self) { try $0.run() }
        case .fit:
            return model(job, LassoFitJobInput.self) { try $0.run() }
        case .cvfold:
            return model(job, LassoFoldJobInput.self) { try $0.run() }
        case .bootstrap:
            return model(job, BootstrapJobInput.self) { try $0.run() }
        case .gridpoint:
            return model(job, SVMGridPointJobInput.self) { try $0.run() }
        }
    }

    /// A statistics job: decode the input, run the pure computation, encode its value. Every failure is final:
    /// the same input would fail the same way on any worker.
    func model<Input: Decodable, Output: Encodable>(_ job: Job, _: Input.Type, _ body: (Input) throws -> Output)
        -> Result<JSONValue, JobFailureReport> {
        let input: Input
        do { input = try job.input.decode(Input.self) } catch {
            return .failure(JobFailureReport(reason: "job \(job.id): malformed \(job.kind.rawValue) input (\(error))", final: true))
        }
        do {
            return .success(try JSONValue(encoding: try body(input)))
        } catch {
            return .failure(JobFailureReport(reason: "job \(job.id): \(error)", final: true))
        }
    }

    func extract(_ job: Job) -> Result<JSONValue, JobFailureReport> {
        let input: ExtractJobInput
        do { input = try job.input.decode(ExtractJobInput.self) } catch {
            return .failure(JobFailureReport(reason: "job \(job.id): malformed extract input", final: true))
        }
        guard let image = inside(input.image), let mask = inside(input.mask) else {
            return .failure(JobFailureReport(reason: "case '\(input.caseId)': path outside the worker's data root \(dataRoot.path)", final: true))
        }
        var parameters: ExtractionParameters
        do {
            parameters = try input.parameters.map { try parameterCache.parameters(yaml: $0, source: "job \(job.id) parameters") }
                ?? ExtractionParameters()
        } catch {
            return .failure(JobFailureReport(reason: "case '\(input.caseId)': \(error)", final: true))
        }
        // The study's extraction.clipPercentiles: the whole image, before any other pre-processing.
        if let clip = input.clipPercentiles { parameters.settings.clipPercentiles = clip }
        let result = CaseExtraction.run(CaseInput(id: input.caseId, image: image, mask: mask, spacing: input.spacing),
                                        extractor: FeatureExtractor(parameters: parameters), limits: limits)
        switch result {
        case let .success(row):
            let output = ExtractJobOutput(caseId: input.caseId, names: row.result.featureNames,
                                          values: row.result.features.map { $0.value.isFinite ? $0.value : nil })
            return .success(output.jsonValue)
        case let .failure(f):
            return .failure(JobFailureReport(reason: f.description, final: true))
        }
    }

    /// `relative` resolved below the data root, or nil when it would leave it (absolute paths, `..`).
    func inside(_ relative: String) -> URL? {
        guard !relative.hasPrefix("/") else { return nil }
        let url = dataRoot.appendingPathComponent(relative).standardizedFileURL
        let root = dataRoot.path.hasSuffix("/") ? dataRoot.path : dataRoot.path + "/"
        return url.path.hasPrefix(root) ? url : nil
    }
}

/// Parsed parameter files by their text (a study has one or two), shared by the worker's job threads.
final class ParameterCache: @unchecked Sendable {
    private let lock = NSLock()
    private var parsed: [String: ExtractionParameters] = [:]

    func parameters(yaml: String, source: String) throws -> ExtractionParameters {
        if let hit = lock.withLock({ parsed[yaml] }) { return hit }
        let fresh = try ParameterFile.parse(yaml: yaml, source: source)
        lock.withLock {
            if parsed.count > 16 { parsed.removeAll() }
            parsed[yaml] = fresh
        }
        return fresh
    }
}
