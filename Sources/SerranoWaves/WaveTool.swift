import Foundation
import SerranoFiles

/// The `serrano wave` subcommands as library calls, so their validation and output are tested
/// without a process. The CLI only parses flags, prints `output`, and exits with `exitCode`
/// (a thrown `WaveError` means exit 2).
public enum WaveTool {
    /// What a subcommand prints and how it exits.
    public struct Outcome: Sendable {
        public let output: String
        /// 0 same / done, 1 the files differ.
        public let exitCode: Int32
    }

    /// `serrano wave diff ACTUAL EXPECTED …`, writing `--html` when asked.
    public static func diff(actual: String, expected: String, options: DiffOptions, htmlPath: String?) throws -> Outcome {
        let result = try WaveDiff.run(actual: actual, expected: expected, options: options)
        let report = DiffReport.text(result, htmlPath: htmlPath)
        if let htmlPath {
            try write(DiffPicture.html(result, reportText: DiffReport.text(result)), to: htmlPath, inputs: [actual, expected])
        }
        return Outcome(output: report, exitCode: result.isSame ? 0 : 1)
    }

    /// `serrano wave show FILE --signals … [--svg OUT.svg]`: without `--svg`, a text listing of
    /// the changes in the window.
    public static func show(file: String, signals: [String], from: String?, to: String?, svgPath: String?,
                            states: String? = nil) throws -> Outcome {
        let stateNames = try states.map { try StateNames(contentsOf: $0) }
        let waveform = try WaveFile.read(file)
        let variables = try WaveShow.resolve(signals, in: waveform)
        let window = try WaveShow.window(waveform, from: from, to: to)
        guard let svgPath else {
            return Outcome(output: listing(waveform, variables: variables, window: window, states: stateNames), exitCode: 0)
        }
        try write(WaveShow.chart(waveform, variables: variables, window: window).svg(), to: svgPath, inputs: [file])
        return Outcome(output: "wrote \(svgPath): \(variables.count) signal\(variables.count == 1 ? "" : "s"), \(waveform.timescale.format(ticks: window.lowerBound)) – \(waveform.timescale.format(ticks: window.upperBound))\n", exitCode: 0)
    }

    /// `serrano wave export FILE --wavedrom [--clock SIG] [--out OUT.json]`.
    public static func exportWaveDrom(file: String, signals: [String], clock: String?, from: String?, to: String?,
                                      outputPath: String?) throws -> Outcome {
        let waveform = try WaveFile.read(file)
        let variables = try WaveShow.resolve(signals, in: waveform)
        let window = try WaveShow.window(waveform, from: from, to: to)
        let json = try WaveDromExport.json(waveform, variables: variables, clock: clock, window: window)
        guard let outputPath else { return Outcome(output: json, exitCode: 0) }
        try write(json, to: outputPath, inputs: [file])
        return Outcome(output: "wrote \(outputPath)\n", exitCode: 0)
    }

    /// `serrano wave convert IN OUT`: VCD ↔ FST by extension.
    public static func convert(input: String, output: String) throws -> Outcome {
        let waveform = try WaveFile.read(input)
        try WaveFile.write(waveform, to: output, inputs: [input])
        return Outcome(output: "wrote \(output): \(waveform.variables.count) variables, \(groupedDigits(waveform.valueChangeCount)) value changes\n", exitCode: 0)
    }

    /// One line per change: `time  signal  value`.
    static func listing(_ waveform: Waveform, variables: [WaveVariable], window: ClosedRange<UInt64>,
                        states: StateNames? = nil) -> String {
        var rows: [(time: UInt64, order: Int, text: String)] = []
        for (order, variable) in variables.enumerated() {
            let names = states?.names(forVariable: variable.name)
            func text(_ value: WaveValue) -> String { states?.label(value, names: names) ?? value.description }
            rows.append((window.lowerBound, order, text(waveform.value(of: variable, at: window.lowerBound))))
            let trace = waveform.trace(of: variable)
            for change in 0..<trace.changeCount {
                let time = waveform.times[Int(trace.timeIndices[change])]
                if time > window.lowerBound && time <= window.upperBound {
                    rows.append((time, order, text(trace.value(ofChange: change))))
                }
            }
        }
        rows.sort { ($0.time, $0.order) < ($1.time, $1.order) }
        let nameWidth = variables.map(\.name.count).max() ?? 0
        return rows.map { row in
            let time = waveform.timescale.format(ticks: row.time).padding(toLength: 14, withPad: " ", startingAt: 0)
            return "\(time)  \(variables[row.order].name.padding(toLength: nameWidth, withPad: " ", startingAt: 0))  \(row.text)"
        }.joined(separator: "\n") + "\n"
    }

    /// Every output goes through `OutputFile`: through symlinks, into devices, errors reported.
    private static func write(_ text: String, to path: String, inputs: [String]) throws {
        do { try OutputFile.write(text, to: path, inputs: inputs) } catch let error as OutputFileError {
            throw WaveError.io(path: path, message: "cannot write: \(error.reason)")
        }
    }
}
