import ArgumentParser
@main struct RadFleet: ParsableCommand {}
