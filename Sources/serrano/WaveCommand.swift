import ArgumentParser

/// `serrano wave` (placeholder until its issue lands).
struct WaveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "wave", abstract: "Read, diff and draw waveforms.")
    func run() throws { throw UsageFailure("serrano wave: not built yet") }
}
