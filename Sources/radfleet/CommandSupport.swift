import ArgumentParser
import Foundation
import ParameterFiles
import RadiomicsCore

func standardError(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
}

/// Runs `body`, turning any error into a one-line message on stderr and exit status 1 (never a stack trace).
func reportingErrors<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let e as ExitCode {
        throw e
    } catch {
        standardError("radfleet: \(error)")
        throw ExitCode(1)
    }
}

/// PyRadiomics' defaults without a file; otherwise the file, validated.
func loadParameters(_ path: String?) throws -> ExtractionParameters {
    guard let path else { return ExtractionParameters() }
    return try reportingErrors { try ParameterFile.load(path: path) }
}
