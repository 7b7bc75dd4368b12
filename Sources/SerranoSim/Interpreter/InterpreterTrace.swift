import Foundation
import SerranoWaves

/// A waveform of an interpreted design: the top's ports (with the implicit clock) and every
/// signal a user named, under `TOP.<top>.<instance path>`, like Verilator's traces.
///
/// Time runs as in Verilator's harness, so the two backends' traces diff equal with timestamp
/// alignment: 1 ps ticks, 10 per clock cycle; the values when the trace opens at `10 × cycle`;
/// then per cycle, at `10k + 1` (clock low) the inputs the edge samples, at `10k + 5` (clock
/// high) the values after the edge, at `10k + 10` the clock low again. FST is written as VCD
/// and converted with `vcd2fst` when the trace stops.
final class InterpreterTrace {
    private let writer: VCDWriter
    private var variables: [(variable: VCDWriter.Variable, offset: Int, width: Int)] = []
    private var clock: VCDWriter.Variable?
    let written: URL
    let requested: URL

    init(program: InterpreterProgram, topName: String, requested: URL) throws {
        let format = try TraceFiles.format(of: requested.path)
        self.requested = requested
        written = format == .vcd ? requested : requested.appendingPathExtension("vcd")
        try TraceFiles.prepareFolder(for: requested)
        do {
            writer = try VCDWriter(path: written.path, timescale: .picosecond, comment: "Serrano IR interpreter")
            for port in program.ports {
                let variable = try writer.declare("TOP.\(topName).\(port.name)", width: port.width)
                if port.name == "clock" { clock = variable } else { variables.append((variable, port.offset, port.width)) }
            }
            for signal in program.tracedSignals {
                variables.append((try writer.declare("TOP.\(topName).\(signal.path)", width: signal.width, kind: .reg), signal.offset, signal.width))
            }
        } catch let error as WaveError {
            throw SimulationError.trace("\(error)")
        }
    }

    /// Records every traced value at `time`, with the clock at `clockLevel`.
    func sample(_ words: [UInt64], time: UInt64, clockLevel: UInt64) throws {
        do {
            try writer.advance(to: time)
            if let clock { try writer.change(clock, clockLevel) }
            for (variable, offset, width) in variables {
                if width <= 64 {
                    try writer.change(variable, words[offset])
                } else {
                    try writer.change(variable, words: Array(words[offset..<(offset + wordsNeeded(width))]))
                }
            }
        } catch let error as WaveError {
            throw SimulationError.trace("\(error)")
        }
    }

    /// Closes the file, converting it to FST when that was asked for.
    func finish() throws {
        do {
            try writer.finish()
        } catch let error as WaveError {
            throw SimulationError.trace("\(error)")
        }
        if written != requested {
            defer { try? FileManager.default.removeItem(at: written) }
            try TraceFiles.convert(written, to: requested)
        }
    }
}
