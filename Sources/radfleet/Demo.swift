import ArgumentParser
import CaseIO
import Foundation

struct Demo: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Synthesise a small ultrasound-like cohort and study in DIR, then run the study (no data needed).",
        discussion: """
        Writes DIR/images/*.png (lesion images and 0/255 masks, 0.1 mm pixels), DIR/cohort.csv (id, image, mask,
        spacing, cohort, outcome and clinical columns), DIR/params.yaml (a PyRadiomics parameter file: Original +
        Wavelet, all classes, binWidth 25) and DIR/study.yaml, then runs `radfleet run DIR/study.yaml`: a
        coordinator and one worker per core on loopback. Outputs land in DIR/results/.

        The cohort also has the columns and files of the seed study designs (node ROI, second-reader masks, site,
        n_stage, high_burden, location, tumour_type, multifocal, mri_reported_ln; DIR/deep_features.csv).
        --study FILE runs FILE instead of the built-in study (e.g. examples/seed-001-zhang-2025/study.yaml): the
        YAML files of FILE's folder (its parameter files) are copied into DIR, then FILE as DIR/study.yaml.
        """
    )

    @Argument(help: "Folder to write the demo cohort and its outputs into (created if missing).")
    var directory: String = "radfleet-demo"

    @Option(name: .long, help: "Number of synthetic cases.")
    var cases: Int = 60

    @Option(name: .long, help: "Seed of the synthetic cohort (the same seed gives the same cohort everywhere).")
    var seed: UInt64 = 2026

    @Option(name: .long, help: "Worker processes (default: one per core).")
    var workers: Int?

    @Option(name: .long, help: "A study file to run on the demo cohort instead of the built-in one (its folder's YAML files are copied too).")
    var study: String?

    @Flag(name: .long, help: "Only write the cohort and study file; do not run it.")
    var noRun = false

    func validate() throws {
        if cases < 2 || cases > 10_000 { throw ValidationError("--cases must be between 2 and 10000") }
        if let study, !FileManager.default.fileExists(atPath: study) { throw ValidationError("--study: no such file '\(study)'") }
    }

    func run() throws {
        let dir = URL(fileURLWithPath: directory)
        let cohort = DemoCohort(count: cases, seed: seed)
        try reportingErrors { try DemoCohortWriter.write(cohort, to: dir) }
        if let study { try reportingErrors { try DemoStudyCopy.copy(study: URL(fileURLWithPath: study), into: dir) } }
        let studyPath = dir.appendingPathComponent("study.yaml").path
        standardError("demo: wrote \(cohort.cases.count) synthetic cases and \(studyPath)")
        if noRun { return }
        let db = dir.appendingPathComponent("results/run.sqlite")
        // A demo always starts afresh.
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: db.path + suffix) }
        try reportingErrors { try EmbeddedFleet.run(studyPath: studyPath, workers: workers, db: nil, quiet: false) }
    }
}
