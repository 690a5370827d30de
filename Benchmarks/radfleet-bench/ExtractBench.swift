import CaseIO
import Foundation
import ImageIO
import ParameterFiles
import RadiomicsCore

/// RadFleet vs PyRadiomics on the same cases and parameter file, one core each.
enum ExtractBench {
    static func run(_ args: [String]) {
        AllocatorTuning.retainFreedMemory()
        let caseCount = Int(option("--cases", args) ?? "20") ?? 20
        let paramsPath = option("--params", args) ?? sharedData.appendingPathComponent("params/default.yaml").path
        let manifestPath = option("--manifest", args) ?? sharedData.appendingPathComponent("busi/cohort.csv").path

        let parameters: ExtractionParameters
        let manifest: Manifest
        do {
            parameters = try ParameterFile.load(path: paramsPath)
            manifest = try Manifest(contentsOf: URL(fileURLWithPath: manifestPath))
        } catch {
            fail("\(error)")
        }
        let selected = Array(manifest.cases.prefix(caseCount))
        var loaded: [LoadedCase] = []
        for c in selected {
            do {
                loaded.append(try LoadedCase(image: c.image, mask: c.mask, spacing: c.spacing, label: parameters.settings.label))
            } catch {
                fail("\(error)")
            }
        }

        let extractor = FeatureExtractor(parameters: parameters)
        _ = try? extractor.extract(image: loaded[0].image, mask: loaded[0].mask)  // warm-up
        // CPU time of this process (one thread), not wall time: other work on a shared machine then inflates
        // neither side's figure; the oracle side is timed the same way (time.process_time).
        var rounds = 0
        let start = processCPUTime().total
        repeat {
            for c in loaded {
                do { _ = try extractor.extract(image: c.image, mask: c.mask) } catch { fail("\(error)") }
            }
            rounds += 1
        } while processCPUTime().total - start < 3
        let seconds = processCPUTime().total - start
        let ours = seconds / Double(rounds * loaded.count)
        print(String(format: "RadFleet     %8.2f ms/case CPU  (%d cases x %d rounds, one core, %@)", ours * 1000, loaded.count, rounds,
                     URL(fileURLWithPath: paramsPath).lastPathComponent))

        let python = Process()
        python.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        python.arguments = ["python3", repoRoot.appendingPathComponent("scripts/bench/pyradiomics_time.py").path,
                            manifestPath, paramsPath, String(loaded.count)]
        let pipe = Pipe()
        python.standardOutput = pipe
        python.standardError = FileHandle.nullDevice
        do { try python.run() } catch { fail("cannot start python3: \(error)") }
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        python.waitUntilExit()
        guard python.terminationStatus == 0,
              let json = try? JSONSerialization.jsonObject(with: output) as? [String: Any],
              let theirs = json["secondsPerCase"] as? Double else {
            print("PyRadiomics  not measured (install the oracle: pip install pyradiomics-bhklab)")
            return
        }
        print(String(format: "PyRadiomics  %8.2f ms/case CPU  (same cases, one core)", theirs * 1000))
        print(String(format: "ratio        %8.1fx faster per core", theirs / ours))
    }
}
