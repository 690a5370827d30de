import CaseIO
import Crypto
import Foundation
import Study

/// What a run was made from, so a reader can tell whether two results came from the same inputs: the RadFleet
/// version, the study file and every parameter file as text (the settings exactly as run), the seeds that drive
/// randomness, and the SHA-256 of every input file — the study file, the cohort CSV, each parameter file, and each
/// case's image and mask.
///
/// Collected by the aggregator once per run (never by workers), from the files alone, in cohort order: it does not
/// depend on the worker count. A file that is missing or cannot be read gets an entry with the reason instead of a
/// checksum; the run goes on. Paths are given relative to the study file's folder (the workers' data root) when
/// they are below it, so results.json does not change when the study folder is moved.
public struct Provenance: Sendable {
    /// One input file: its checksum, or why there is none.
    public struct Checksum: Sendable, Equatable {
        public let file: String
        public let sha256: String?
        public let error: String?
    }

    /// A seed and where it comes from.
    public struct Seed: Sendable, Equatable {
        public let name: String
        public let value: UInt64
        public let derivation: String
    }

    public let version: String
    public let studyText: String?
    public let parameterTexts: [(file: String, text: String?)]
    public let seeds: [Seed]
    public let studyFile: Checksum
    public let cohortFile: Checksum
    public let parameterFiles: [Checksum]
    public let cases: [(id: String, image: Checksum, mask: Checksum)]
    /// Why the case list is missing (the cohort file cannot be read as a manifest), nil when it is there.
    public let casesError: String?

    public static func collect(study: StudyFile, version: String) -> Provenance {
        let base = study.url.deletingLastPathComponent().standardizedFileURL
        func name(_ url: URL) -> String {
            let root = base.path.hasSuffix("/") ? base.path : base.path + "/"
            let path = url.standardizedFileURL.path
            return path.hasPrefix(root) ? String(path.dropFirst(root.count)) : path
        }
        func checksum(_ url: URL) -> Checksum {
            switch sha256(of: url) {
            case let .success(hex): return Checksum(file: name(url), sha256: hex, error: nil)
            case let .failure(e): return Checksum(file: name(url), sha256: nil, error: e.description)
            }
        }
        let parameters = [study.parameterFile].compactMap { $0 }
        var seeds = [Seed(name: "study", value: study.seed, derivation: "the study file's seed; every job's seed is JobSeed(study seed, job id)")]
        if let model = study.model {
            if case .seeded = model.folds {
                seeds.append(Seed(name: "folds", value: JobSeed.derive(studySeed: study.seed, jobId: "folds:lasso"),
                                  derivation: "JobSeed(study seed, \"folds:lasso\"): the LASSO's cross-validation folds"))
            }
            if model.bootstrap > 0 {
                seeds.append(Seed(name: "bootstrap", value: JobSeed.derive(studySeed: study.seed, jobId: "bootstrap:radscore"),
                                  derivation: "JobSeed(study seed, \"bootstrap:radscore\"): the rad-score's AUC bootstrap replicates"))
            }
        }
        if study.evaluation.calibrationBootstrap > 0, !study.clinical.isEmpty {
            seeds.append(Seed(name: "calibration", value: JobSeed.derive(studySeed: study.seed, jobId: NomogramCalibration.jobId),
                              derivation: "JobSeed(study seed, \"\(NomogramCalibration.jobId)\"): the combined model's bootstrap calibration, "
                                + "R's set.seed(\(NomogramCalibration.rSeed(studySeed: study.seed))) (its low 31 bits)"))
        }
        var cases: [(String, Checksum, Checksum)] = [], casesError: String? = nil
        do {
            cases = try Manifest(contentsOf: study.cohort).cases.map { ($0.id, checksum($0.image), checksum($0.mask)) }
        } catch {
            casesError = "\(error)"
        }
        return Provenance(
            version: version, studyText: try? String(contentsOf: study.url, encoding: .utf8),
            parameterTexts: parameters.map { (name($0), try? String(contentsOf: $0, encoding: .utf8)) },
            seeds: seeds, studyFile: checksum(study.url), cohortFile: checksum(study.cohort),
            parameterFiles: parameters.map(checksum), cases: cases, casesError: casesError)
    }

    /// A file's reading problem, for its checksum entry.
    public struct FileError: Error, Sendable, CustomStringConvertible {
        public let description: String
    }

    /// The SHA-256 of a file's bytes as 64 lower-case hex digits (read in 1 MiB blocks), or why it cannot be read.
    public static func sha256(of url: URL) -> Result<String, FileError> {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
            return .failure(FileError(description: "no such file"))
        }
        guard !isDirectory.boolValue else { return .failure(FileError(description: "a folder, not a file")) }
        let handle: FileHandle
        do { handle = try FileHandle(forReadingFrom: url) } catch {
            return .failure(FileError(description: "cannot be opened for reading (\(error.localizedDescription))"))
        }
        defer { try? handle.close() }
        var hasher = SHA256()
        do {
            while let block = try handle.read(upToCount: 1 << 20), !block.isEmpty {
                hasher.update(data: block)
            }
        } catch {
            return .failure(FileError(description: "cannot be read (\(error.localizedDescription))"))
        }
        return .success(hasher.finalize().map { String(format: "%02x", $0) }.joined())
    }
}

// MARK: - Rendering

extension Provenance {
    /// results.json's `provenance` object (the first four keys as before this section grew).
    func render(study: StudyFile) -> OrderedJSON {
        func entry(_ c: Checksum) -> OrderedJSON {
            .object([("file", .string(c.file)), ("sha256", c.sha256.map(OrderedJSON.string) ?? .null)]
                + (c.error.map { [("error", OrderedJSON.string($0))] } ?? []))
        }
        return .object([
            ("radfleetVersion", .string(version)),
            ("seed", .string(String(study.seed))),
            ("cohort", .string(study.cohort.lastPathComponent)),
            ("parameterFile", study.parameterFile.map { .string($0.lastPathComponent) } ?? .null),
            ("studyFile", .string(studyFile.file)),
            ("settings", .object([
                ("studyFileText", studyText.map(OrderedJSON.string) ?? .null),
                ("parameterFiles", .array(parameterTexts.map { .object([("file", .string($0.file)), ("text", $0.text.map(OrderedJSON.string) ?? .null)]) })),
            ])),
            ("seeds", .array(seeds.map {
                .object([("name", .string($0.name)), ("value", .string(String($0.value))), ("derivation", .string($0.derivation))])
            })),
            ("checksums", .object([
                ("algorithm", .string("SHA-256")),
                ("studyFile", entry(studyFile)),
                ("cohort", entry(cohortFile)),
                ("parameterFiles", .array(parameterFiles.map(entry))),
                ("cases", casesError.map { .object([("error", .string($0))]) } ?? .array(cases.map { c in
                    .object([("id", .string(c.id)), ("image", entry(c.image)), ("mask", entry(c.mask))])
                })),
            ])),
        ])
    }

    /// A checksum as the report prints it: the hex digits, or the reason there are none.
    static func text(_ c: Checksum) -> String { c.sha256 ?? "unavailable: \(c.error ?? "?")" }

    /// Rows for the report's provenance table.
    var reportRows: [[String]] {
        var rows = seeds.filter { $0.name != "study" }.map { ["Seed (\($0.name))", "\($0.value) — \($0.derivation)"] }
        rows.append(["SHA-256 of the study file (\(studyFile.file))", Self.text(studyFile)])
        rows.append(["SHA-256 of the cohort file (\(cohortFile.file))", Self.text(cohortFile)])
        rows += parameterFiles.map { ["SHA-256 of the parameter file (\($0.file))", Self.text($0)] }
        let unreadable = cases.flatMap { [$0.image, $0.mask] }.filter { $0.sha256 == nil }.count
        rows.append(["Case files checksummed", casesError.map { "none: \($0)" }
            ?? "\(cases.count) cases, \(2 * cases.count - unreadable) files" + (unreadable > 0 ? " (\(unreadable) unreadable, listed below)" : "")])
        return rows
    }

    /// Each case's image and mask checksum, one line each, for a collapsed list in the report.
    var caseLines: [String] {
        cases.flatMap { c in [c.image, c.mask].map { "\(c.id) \($0.file) \(Self.text($0))" } }
    }
}
