import Foundation
import ImageIO
import RadiomicsCore

/// Writes a `DemoCohort` as files a user could have made: PNG images and masks, a manifest with clinical
/// columns, and a PyRadiomics parameter file.
public enum DemoCohortWriter {
    public static let parameterFile = """
    # PyRadiomics parameter file (the same file works with PyRadiomics itself).
    setting:
      binWidth: 25
      label: 1
    imageType:
      Original: {}
      Wavelet: {}
    featureClass:
      shape2D:
      firstorder:
      glcm:
      glrlm:
      glszm:
      gldm:
      ngtdm:

    """

    public static let studyFile = """
    # RadFleet study file (see README, "Study files").
    name: radfleet-demo
    seed: 2026
    cohort: cohort.csv
    outcome: alnm
    extraction:
      params: params.yaml
    output: results
    cohorts:                    # the models are fitted on the training cohort, evaluated on the others
      column: cohort
      training: training
    clinical:                   # the clinical model (screen, backward stepwise) and the combined model with the rad-score
      age: numeric
      tumour_size_mm: numeric
      us_reported_aln: {type: categorical, levels: ["0", "1"]}
      grade: {type: categorical, levels: ["1", "2", "3"]}
    model:                      # rad-score: cross-validated LASSO on the features, then its AUC bootstrap
      lasso:
        folds: 5
        measure: deviance
        rule: lambda.min
      bootstrap: 500
      bootstrapBlock: 100
      svm:                      # SVM grid on the LASSO-selected features (e1071 C-classification, scaled), same folds
        kernel: radial
        cost: [0.1, 1, 10]
        gamma: [0.01, 0.1]
        measure: auc

    """

    public static func write(_ cohort: DemoCohort, to dir: URL) throws {
        let images = dir.appendingPathComponent("images")
        try FileManager.default.createDirectory(at: images, withIntermediateDirectories: true)
        var csv = "id,image,mask,spacing,cohort,alnm,age,tumour_size_mm,us_reported_aln,grade,"
            + seedDesignColumns.joined(separator: ",") + "\n"
        for c in cohort.cases {
            let imageName = "images/\(c.id).png", maskName = "images/\(c.id)_mask.png"
            try PNGWriter.write(PNGWriter.encode(c.image), to: dir.appendingPathComponent(imageName).path)
            try PNGWriter.write(PNGWriter.encode(c.mask), to: dir.appendingPathComponent(maskName).path)
            csv += "\(c.id),\(imageName),\(maskName),\(DemoCohort.spacingMM),\(c.cohort),\(c.alnm),\(c.age),"
                + "\(c.tumourSizeMM),\(c.usReportedALN),\(c.grade),"
                + (try writeSeedDesignFiles(c, to: dir)).joined(separator: ",") + "\n"
        }
        try csv.write(to: dir.appendingPathComponent("cohort.csv"), atomically: true, encoding: .utf8)
        try deepFeatureTable(cohort).write(to: dir.appendingPathComponent("deep_features.csv"), atomically: true, encoding: .utf8)
        try parameterFile.write(to: dir.appendingPathComponent("params.yaml"), atomically: true, encoding: .utf8)
        try studyFile.write(to: dir.appendingPathComponent("study.yaml"), atomically: true, encoding: .utf8)
    }
}
