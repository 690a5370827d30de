import ArgumentParser
import CaseIO

@main
struct RadFleet: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "radfleet",
        abstract: "Breast-ultrasound radiomics with PyRadiomics-identical features and R-identical statistics.",
        discussion: """
        Start with `radfleet demo DIR`: it synthesises a small ultrasound-like cohort and study file, and runs the study
        on this machine (`radfleet run`).
        """,
        version: RadFleetVersion.string,
        subcommands: [Demo.self, Extract.self, RunCommand.self, CoordinatorCommand.self, WorkerCommand.self, StatusCommand.self, KeygenCommand.self, StatsCommand.self]
    )

    static func main() {
        AllocatorTuning.retainFreedMemory()
        main(nil)
    }
}

enum RadFleetVersion {
    static let string = "0.1.0"
}
