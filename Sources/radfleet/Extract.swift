import ArgumentParser
import CaseIO
import ImageIO
import Foundation
import RadiomicsCore

struct Extract: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Extract PyRadiomics features from one image + mask, or from every case of a manifest.",
        discussion: """
        One case:   radfleet extract --image lesion.png --mask lesion_mask.png [--params params.yaml]
        A cohort:   radfleet extract --manifest cohort.csv --out features.csv [--params params.yaml] [--jobs N]

        The parameter file is a PyRadiomics parameter file (setting / imageType / featureClass); without one,
        PyRadiomics' defaults apply (Original image, all feature classes, binWidth 25).
        A manifest is a CSV with columns id,image,mask and optionally spacing (mm); paths are relative to the
        manifest; other columns are ignored. A failing case is reported on stderr with its id, file and reason,
        the other cases are still written, and the exit status is 1 if any case failed.
        """
    )

    @Option(name: .long, help: "Ultrasound image (PNG: 8/16-bit grey, RGB is converted to luma).")
    var image: String?

    @Option(name: .long, help: "Lesion mask (PNG); pixels equal to the label are the ROI.")
    var mask: String?

    @Option(name: .long, help: "Cohort manifest CSV with columns id,image,mask[,spacing].")
    var manifest: String?

    @Option(name: .long, help: "Output file for a cohort (CSV: id, then one column per feature). Default: stdout.")
    var out: String?

    @Option(name: .long, help: "PyRadiomics parameter file (YAML).")
    var params: String?

    @Option(name: .long, help: "Pixel spacing in mm (overrides the PNG's pHYs chunk and the manifest; default 1 mm).")
    var spacing: Double?

    @Option(name: .long, help: "Output format: csv or json.")
    var format: OutputFormat = .csv

    @Option(name: .long, help: "Cases extracted at once (default: one per local core).")
    var jobs: Int?

    @Option(name: .long, help: "Largest image accepted, in megapixels.")
    var maxMegapixels: Double = 64

    @Flag(name: .long, help: "Include diagnostics_* columns (image and mask facts).")
    var diagnostics = false

    @Flag(name: .long, help: "Never draw the progress bar.")
    var quiet = false

    enum OutputFormat: String, ExpressibleByArgument, CaseIterable { case csv, json }

    func validate() throws {
        if manifest == nil && (image == nil || mask == nil) {
            throw ValidationError("give --image and --mask for one case, or --manifest for a cohort")
        }
        if manifest != nil && (image != nil || mask != nil) {
            throw ValidationError("--manifest cannot be combined with --image/--mask")
        }
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        if let spacing, !(spacing > 0) { throw ValidationError("--spacing must be a positive number of millimetres") }
        if !(maxMegapixels > 0) { throw ValidationError("--max-megapixels must be positive") }
    }

    func run() throws {
        let parameters = try loadParameters(params)
        let limits = ImageLimits(maxPixels: Int(maxMegapixels * 1_000_000))
        let cases: [CaseInput]
        if let manifest {
            let m = try reportingErrors { try Manifest(contentsOf: URL(fileURLWithPath: manifest)) }
            cases = m.cases.map { CaseInput(id: $0.id, image: $0.image, mask: $0.mask, spacing: spacing ?? $0.spacing) }
        } else {
            let imageURL = URL(fileURLWithPath: image!)
            cases = [CaseInput(id: imageURL.deletingPathExtension().lastPathComponent, image: imageURL,
                               mask: URL(fileURLWithPath: mask!), spacing: spacing)]
        }
        let extractor = FeatureExtractor(parameters: parameters)
        let bar = ProgressBar(total: cases.count, label: "cases", enabled: !quiet && manifest != nil && isatty(STDERR_FILENO) != 0)
        let results = BatchRunner.run(count: cases.count, jobs: jobs ?? BatchRunner.localCores, progress: { bar.update($0) }) { i in
            CaseExtraction.run(cases[i], extractor: extractor, limits: limits)
        }
        var rows: [CaseRow] = []
        var failures: [CaseFailure] = []
        for result in results {
            switch result {
            case let .success(row): rows.append(row)
            case let .failure(failure): failures.append(failure)
            }
        }
        let text: String
        switch format {
        case .csv:
            var table = FeatureTable()
            for row in rows {
                do { try table.append(id: row.id, cells: row.cells(withDiagnostics: diagnostics)) } catch {
                    failures.append(CaseFailure(id: row.id, file: nil, reason: "\(error)"))
                }
            }
            text = table.csv()
        case .json:
            let items = rows.map { $0.json(withDiagnostics: diagnostics) }
            text = (manifest == nil && items.count == 1 ? items[0] : .array(items)).rendered() + "\n"
        }
        if let out {
            try reportingErrors { try text.write(toFile: out, atomically: true, encoding: .utf8) }
        } else {
            print(text, terminator: "")
        }
        for f in failures { standardError("radfleet extract: \(f)") }
        if manifest != nil {
            let summary = "extracted \(cases.count - failures.count) of \(cases.count) cases"
                + (failures.isEmpty ? "" : "; \(failures.count) failed") + (out.map { " -> \($0)" } ?? "")
            standardError(summary)
        }
        if !failures.isEmpty { throw ExitCode(1) }
    }
}
