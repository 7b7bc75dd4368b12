import ArgumentParser

/// `serrano gemm` (placeholder until its issue lands).
struct GemmCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "gemm", abstract: "Run an int8 GEMM on the golden model or the RTL.")
    func run() throws { throw UsageFailure("serrano gemm: not built yet") }
}
