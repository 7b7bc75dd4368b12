import ArgumentParser
import Foundation
import SerranoFiles
import SerranoWaves

/// `serrano wave`: read, diff and draw waveforms (VCD or FST).
struct WaveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "wave", abstract: "Read, diff and draw waveforms (VCD or FST).",
        discussion: OutputHelp.text,
        subcommands: [WaveDiffCommand.self, WaveShowCommand.self, WaveExportCommand.self, WaveConvertCommand.self])
}

/// Runs a `WaveTool` call: prints its output, maps `WaveError` to exit 2 and a difference to 1.
func runWaveTool(inputs: [String], _ body: () throws -> WaveTool.Outcome) throws {
    // A folder, a device or a missing file as an input: one sentence, before any parsing.
    for input in inputs {
        do { try InputFile.checkRegular(input) } catch let error as InputFileError { throw UsageFailure("Error: \(error)") }
    }
    let outcome: WaveTool.Outcome
    do { outcome = try body() } catch let error as WaveError {
        throw UsageFailure("Error: \(error.description)")  // exit 2; 1 means "different"
    }
    print(outcome.output, terminator: "")
    if outcome.exitCode != 0 { throw ExitCode(outcome.exitCode) }
}

struct WaveDiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Compare an actual waveform against an expected one; exit 0 same, 1 different, 2 error.",
        discussion: """
        Names on the command line are actual-side names; --map rewrites a hierarchy prefix to the \
        expected side's spelling. --clock/--valid/--ready also take ACTUAL=EXPECTED.

        \(OutputHelp.text)
        """)

    @Argument(help: "The trace under test (VCD or FST).") var actual: String
    @Argument(help: "The reference trace (VCD or FST).") var expected: String
    @Option(help: "Compare values sampled at rising edges of this clock (cycle alignment).") var clock: String?
    @Option(help: "Compare only on handshake cycles where this is 1 (transaction alignment; needs --clock).") var valid: String?
    @Option(help: "With --valid: a transaction needs valid && ready.") var ready: String?
    @Option(parsing: .upToNextOption, help: "Glob(s) over actual-side names (default: every shared name).") var signals: [String] = []
    @Option(help: "ACTUAL_PREFIX=EXPECTED_PREFIX hierarchy rename (repeatable; empty right side strips).") var map: [String] = []
    @Option(parsing: .unconditional, help: "Window start: 250ns, 1.5us, or ticks of ACTUAL.") var from: String?
    @Option(parsing: .unconditional, help: "Window end (inclusive).") var to: String?
    @Flag(help: "x/z on the expected side must match exactly instead of meaning don't care.") var strictX = false
    @Option(parsing: .unconditional, help: "Divergences listed after the first (0 or more).") var max = 10
    @Option(help: "Write an HTML report with a picture of the first divergence.") var html: String?
    @Option(help: "Glob of actual-side signals holding signed numbers: shown in decimal (repeatable).") var signed: [String] = []
    @Option(help: "A design's <Top>.signed.json (from `serrano generate`): its signed signals are shown in decimal.") var signedFrom: String?

    func run() throws {
        try runWaveTool(inputs: [actual, expected] + (signedFrom.map { [$0] } ?? [])) {
            let known = try signedFrom.map(SignedNames.globs(contentsOf:)) ?? []
            let options = try DiffOptions(parsingClock: clock, valid: valid, ready: ready, signals: signals, map: map,
                                          from: from, to: to, strictX: strictX, maxListed: max, signed: signed + known)
            return try WaveTool.diff(actual: actual, expected: expected, options: options, htmlPath: html)
        }
    }
}

struct WaveShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "List or draw (--svg) a window of one waveform.", discussion: OutputHelp.text)

    @Argument(help: "A VCD or FST file.") var file: String
    @Option(parsing: .upToNextOption, help: "Glob(s) of signals to show (default: all).") var signals: [String] = []
    @Option(parsing: .unconditional, help: "Window start: 250ns, 1.5us, or ticks.") var from: String?
    @Option(parsing: .unconditional, help: "Window end (inclusive).") var to: String?
    @Option(help: "Write an SVG picture instead of listing changes.") var svg: String?
    @Option(help: "A design's <Top>.states.json (from `serrano generate`): list state registers by case name.") var states: String?

    func run() throws {
        try runWaveTool(inputs: [file]) { try WaveTool.show(file: file, signals: signals, from: from, to: to, svgPath: svg, states: states) }
    }
}

struct WaveExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Export a window of a waveform as WaveDrom JSON.", discussion: OutputHelp.text)

    @Argument(help: "A VCD or FST file.") var file: String
    @Flag(help: "Write WaveDrom JSON (the only export format).") var wavedrom = false
    @Option(parsing: .upToNextOption, help: "Glob(s) of signals (default: all).") var signals: [String] = []
    @Option(help: "One WaveDrom period per rising edge of this clock (default: one per timestamp).") var clock: String?
    @Option(parsing: .unconditional, help: "Window start: 250ns, 1.5us, or ticks.") var from: String?
    @Option(parsing: .unconditional, help: "Window end (inclusive).") var to: String?
    @Option(help: "Output file (default: standard output).") var out: String?

    func run() throws {
        try runWaveTool(inputs: [file]) {
            guard wavedrom else { throw WaveError.badOption("serrano wave export: say which format: --wavedrom") }
            return try WaveTool.exportWaveDrom(file: file, signals: signals, clock: clock, from: from, to: to, outputPath: out)
        }
    }
}

struct WaveConvertCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convert", abstract: "Convert between VCD and FST (by extension).", discussion: OutputHelp.text)

    @Argument(help: "Input VCD or FST.") var input: String
    @Argument(help: "Output VCD or FST.") var output: String

    func run() throws {
        try runWaveTool(inputs: [input]) { try WaveTool.convert(input: input, output: output) }
    }
}
