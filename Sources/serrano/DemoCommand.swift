import ArgumentParser

/// `serrano demo` (placeholder until its issue lands).
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "demo", abstract: "Generate, lint and simulate the example designs.")
    func run() throws { throw UsageFailure("serrano demo: not built yet") }
}
