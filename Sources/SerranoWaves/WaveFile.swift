import Foundation
import SerranoFiles

/// Opens waveform files by extension: `.fst` through `FSTConverter`, anything else as VCD.
public enum WaveFile {
    /// Whether a path names an FST file.
    public static func isFST(_ path: String) -> Bool { path.lowercased().hasSuffix(".fst") }

    /// Reads a VCD or FST file, keeping the traces `selecting` accepts (all when nil).
    public static func read(_ path: String, selecting: ((String) -> Bool)? = nil) throws -> Waveform {
        guard isFST(path) else { return try VCDReader.read(path: path, selecting: selecting) }
        let data = try FSTConverter.vcdData(fromFST: path)
        return try VCDReader.parse(data: data, source: path, selecting: selecting)
    }

    /// Writes a waveform to VCD or (through a temporary VCD) FST, chosen by extension. The
    /// file is made in the temporary folder and then copied by `OutputFile` (through symlinks,
    /// into devices, every write error reported, never over one of `inputs`).
    public static func write(_ waveform: Waveform, to path: String, inputs: [String] = []) throws {
        let temporary = FileManager.default.temporaryDirectory.appendingPathComponent("serrano-\(UUID().uuidString)").path
        defer {
            try? FileManager.default.removeItem(atPath: temporary + ".vcd")
            try? FileManager.default.removeItem(atPath: temporary + ".fst")
        }
        try VCDExport.write(waveform, to: temporary + ".vcd")
        var made = temporary + ".vcd"
        if isFST(path) {
            made = temporary + ".fst"
            try FSTConverter.writeFST(fromVCD: temporary + ".vcd", to: made)
        }
        do { try OutputFile.copy(from: made, to: path, inputs: inputs) } catch let error as OutputFileError {
            throw WaveError.io(path: path, message: "cannot write: \(error.reason)")
        }
    }
}

/// Writes a `Waveform` back out as VCD through `VCDWriter`, keeping aliases and every change.
enum VCDExport {
    static func write(_ waveform: Waveform, to path: String) throws {
        let writer = try VCDWriter(path: path, timescale: waveform.timescale)
        try replay(waveform, into: writer)
        try writer.finish()
    }

    static func replay(_ waveform: Waveform, into writer: VCDWriter) throws {
        var handles: [VCDWriter.Variable?] = Array(repeating: nil, count: waveform.traces.count)
        for variable in waveform.variables {
            if let original = handles[variable.traceIndex] {
                _ = try writer.declareAlias(variable.name, of: original)
            } else {
                handles[variable.traceIndex] = try writer.declare(variable.name, width: variable.width, kind: variable.kind)
            }
        }
        // All changes in time order; the sort is stable per trace because changes are appended in order.
        var order: [(time: UInt32, trace: Int32, change: Int32)] = []
        order.reserveCapacity(waveform.valueChangeCount)
        for (traceIndex, trace) in waveform.traces.enumerated() where handles[traceIndex] != nil {
            for change in 0..<trace.changeCount {
                order.append((trace.timeIndices[change], Int32(traceIndex), Int32(change)))
            }
        }
        order.sort { ($0.time, $0.trace, $0.change) < ($1.time, $1.trace, $1.change) }
        for entry in order {
            guard let handle = handles[Int(entry.trace)] else { continue }
            try writer.advance(to: waveform.times[Int(entry.time)])
            switch waveform.traces[Int(entry.trace)].value(ofChange: Int(entry.change)) {
            case .real(let number): try writer.change(handle, real: number)
            case .logic(let value): try writer.change(handle, value)
            }
        }
    }
}
