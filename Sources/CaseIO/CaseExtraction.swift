import Foundation
import ImageIO
import RadiomicsCore

/// One case to extract: files and an optional spacing override (mm).
public struct CaseInput: Sendable, Equatable {
    public let id: String
    public let image: URL
    public let mask: URL
    public let spacing: Double?

    public init(id: String, image: URL, mask: URL, spacing: Double?) {
        self.id = id
        self.image = image
        self.mask = mask
        self.spacing = spacing
    }
}

/// A case extracted: its features (PyRadiomics order) and diagnostics, including how the files were read.
public struct CaseRow: Sendable {
    public let id: String
    public let result: ExtractionResult

    /// Diagnostics then features, as cells of a table row.
    public func cells(withDiagnostics: Bool) -> [(name: String, value: String)] {
        let features = result.features.map { (name: $0.name, value: FeatureTable.format($0.value)) }
        return withDiagnostics ? result.diagnostics.map { (name: $0.name, value: $0.value) } + features : features
    }

    public func json(withDiagnostics: Bool) -> OrderedJSON {
        var pairs: [(String, OrderedJSON)] = [("id", .string(id))]
        if withDiagnostics {
            pairs.append(("diagnostics", .object(result.diagnostics.map { ($0.name, .string($0.value)) })))
        }
        pairs.append(("features", .object(result.features.map { ($0.name, .number($0.value)) })))
        return .object(pairs)
    }
}

/// Why one case failed: its id, the file concerned (when one is), and the reason. One failing case never stops
/// the others.
public struct CaseFailure: Error, Sendable, CustomStringConvertible {
    public let id: String
    public let file: String?
    public let reason: String

    public init(id: String, file: String?, reason: String) {
        self.id = id
        self.file = file
        self.reason = reason
    }

    public var description: String {
        "case '\(id)'" + (file.map { " (\($0))" } ?? "") + ": " + reason
    }
}

/// Loads a case's files and extracts it: the whole per-case job of `radfleet extract` and of a fleet worker.
public enum CaseExtraction {
    public static func run(_ input: CaseInput, extractor: FeatureExtractor, limits: ImageLimits = ImageLimits()) -> Result<CaseRow, CaseFailure> {
        let loaded: LoadedCase
        do {
            loaded = try LoadedCase(image: input.image, mask: input.mask, spacing: input.spacing,
                                    label: extractor.parameters.settings.label, limits: limits)
        } catch let e as CaseLoadError {
            return .failure(CaseFailure(id: input.id, file: e.file, reason: e.reason))
        } catch {
            return .failure(CaseFailure(id: input.id, file: nil, reason: "\(error)"))
        }
        do {
            var result = try extractor.extract(image: loaded.image, mask: loaded.mask)
            result.diagnostics = loaded.notes.map { (name: $0.0, value: $0.1) } + result.diagnostics
            return .success(CaseRow(id: input.id, result: result))
        } catch {
            return .failure(CaseFailure(id: input.id, file: input.image.path, reason: "\(error)"))
        }
    }
}
