import ArgumentParser

/// `serrano fuzz` (placeholder until its issue lands).
struct FuzzCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "fuzz", abstract: "Differential fuzzing: the IR interpreter against Verilator.")
    func run() throws { throw UsageFailure("serrano fuzz: not built yet") }
}
