import FleetProtocol
import Foundation
import Statistics

/// The rad-score's AUC bootstrap on every evaluation cohort, planned in the stage of the training cohort's
/// bootstrap blocks: for cohort k (`evaluationCohortNumbers`), jobs `bootstrap:radscore:c<k>:<b>` with the same
/// replicate count and block size as the training bootstrap, on the cohort's rad-scores (`CohortScores`, the
/// numbers the aggregator reports), direction "<" (larger rad-score = outcome 1, as the cohort's AUC), and the seed
/// of the family id `bootstrap:radscore:c<k>` (`JobSeed`). A cohort whose AUC cannot be computed (a case without
/// a score, one outcome class) gets no jobs.
extension StudyPlan {
    /// The bootstrap family of evaluation cohort k: its seed's job id, and the prefix of its block ids.
    public static func cohortBootstrapFamily(_ k: Int) -> String { "bootstrap:radscore:c\(k)" }
    public static func cohortBootstrapId(_ k: Int, _ b: Int) -> String { "\(cohortBootstrapFamily(k)):\(b)" }

    /// The bootstrap blocks of every evaluation cohort. Leasing order: after the training cohort's blocks, cohort
    /// by cohort (sequence `bootstrapSequence + k · blocks + b`).
    func cohortBootstrapJobs(data: ModelData, model: LassoStudyModel, results: [String: String]) throws -> [(job: Job, sequence: Int)] {
        guard let spec = study.model, spec.bootstrap > 0, study.cohortSplit != nil else { return [] }
        let numbers = try evaluationCohortNumbers()
        let firsts = Array(stride(from: 0, to: spec.bootstrap, by: spec.bootstrapBlock))
        var jobs: [(job: Job, sequence: Int)] = []
        for cohort in try cohortScores(data: data, model: model, results: results) where cohort.isDiscriminable {
            guard let k = numbers[cohort.name] else { continue }
            let seed = JobSeed.derive(studySeed: study.seed, jobId: Self.cohortBootstrapFamily(k))
            for (b, first) in firsts.enumerated() {
                let input = BootstrapJobInput(scores: cohort.radScores, outcomes: cohort.outcomes, seed: seed, first: first,
                                              count: min(spec.bootstrapBlock, spec.bootstrap - first), cohort: cohort.name,
                                              direction: .controlsBelowCases)
                jobs.append((try job(Self.cohortBootstrapId(k, b), .bootstrap, input), Self.bootstrapSequence + k * firsts.count + b))
            }
        }
        return jobs
    }

    /// The replicates of a bootstrap, its blocks' outputs concatenated in block order (`id(0)`, `id(1)`, … while
    /// stored); empty when none is.
    public func bootstrapReplicates(_ id: (Int) -> String, results: [String: String]) throws -> [Double] {
        var replicates: [Double] = []
        var b = 0
        while let text = results[id(b)] {
            replicates += try decode(BootstrapJobOutput.self, text, job: id(b)).auc
            b += 1
        }
        return replicates
    }
}
