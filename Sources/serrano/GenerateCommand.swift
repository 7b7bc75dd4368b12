import ArgumentParser

/// `serrano generate` (placeholder until its issue lands).
struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "generate", abstract: "Generate Verilog for a design.")
    func run() throws { throw UsageFailure("serrano generate: not built yet") }
}
