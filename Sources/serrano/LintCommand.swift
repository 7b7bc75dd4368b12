import ArgumentParser

/// `serrano lint` (placeholder until its issue lands).
struct LintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "lint", abstract: "Lint Verilog with Verilator, Yosys and Icarus.")
    func run() throws { throw UsageFailure("serrano lint: not built yet") }
}
