import ArgumentParser

struct StatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Statistics on CSV tables, with R's numbers (glmnet, glm, pROC, e1071, rms, rmda conventions).",
        discussion: """
        Every command reads a CSV with a header row, writes JSON on stdout (field names follow R's where R has
        one), and `--format table` for people. A non-numeric or missing cell is an error naming its line and
        column (or, with --drop-missing, drops the row and says so); constant columns are dropped and reported.
        """,
        subcommands: [StatsICC.self, StatsSVM.self, StatsLasso.self, StatsLogit.self, StatsROC.self, StatsHosmerLemeshow.self, StatsDCA.self, StatsCalibrate.self, StatsNRI.self]
    )
}

/// Options every table-reading statistics command shares.
struct TableOptions: ParsableArguments {
    @Option(name: .long, help: "CSV table with a header row.")
    var data: String

    @Option(name: .long, help: "Outcome column (0/1).")
    var outcome: String

    @Option(name: .long, parsing: .upToNextOption, help: "Columns to leave out (ids, other outcomes, fold columns…).")
    var exclude: [String] = []

    @Flag(name: .long, help: "Drop rows with a missing value instead of stopping at the first one.")
    var dropMissing = false

    @Option(name: .long, help: "Output: json (for scripts) or table (for people).")
    var format: StatsOutputFormat = .json
}

enum StatsOutputFormat: String, ExpressibleByArgument, CaseIterable {
    case json, table
}
