import Foundation
import ImageIO

/// The seed-design part of the demo cohort's files (see `DemoCohort.SeedDesign`): columns appended after the
/// original ten of cohort.csv, the node and second-reader PNGs beside each case's image, and deep_features.csv.
extension DemoCohortWriter {
    /// cohort.csv's columns after the original ten, in order.
    public static let seedDesignColumns = [
        "node_image", "node_mask", "mask_reader2", "node_mask_reader2", "site", "n_stage", "high_burden",
        "location", "tumour_type", "multifocal", "mri_reported_ln",
    ]

    /// Writes images/<id>_node.png, images/<id>_node_mask.png and, for cases with a second reader,
    /// images/<id>_mask_reader2.png and images/<id>_node_mask_reader2.png; returns the case's cells for
    /// `seedDesignColumns` (an empty reader cell: no second reader).
    static func writeSeedDesignFiles(_ c: DemoCohort.Case, to dir: URL) throws -> [String] {
        let d = c.design
        func png(_ name: String, _ bytes: [UInt8]) throws -> String {
            let path = "images/\(c.id)\(name).png"
            try PNGWriter.write(bytes, to: dir.appendingPathComponent(path).path)
            return path
        }
        let nodeImage = try png("_node", PNGWriter.encode(d.nodeImage))
        let nodeMask = try png("_node_mask", PNGWriter.encode(d.nodeMask))
        let reader = try d.readerMask.map { m throws in try png("_mask_reader2", PNGWriter.encode(m)) } ?? ""
        let nodeReader = try d.nodeReaderMask.map { m throws in try png("_node_mask_reader2", PNGWriter.encode(m)) } ?? ""
        return [nodeImage, nodeMask, reader, nodeReader, d.site, d.nStage, "\(d.highBurden)", d.location, d.tumourType,
                "\(d.multifocal)", "\(d.mriReportedLN)"]
    }

    /// deep_features.csv: id and cnn_0 … cnn_255, six significant digits.
    static func deepFeatureTable(_ cohort: DemoCohort) -> String {
        let count = DemoEmbeddingProjection.count
        var text = "id," + (0..<count).map { "cnn_\($0)" }.joined(separator: ",") + "\n"
        for c in cohort.cases {
            text += c.id + "," + c.design.deepFeatures.map { String(format: "%.6g", $0) }.joined(separator: ",") + "\n"
        }
        return text
    }
}
