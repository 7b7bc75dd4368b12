import Foundation
import SerranoFiles
import SerranoWaves

/// Which waveform format a model can write; fixed when the model is built.
public enum TraceFormat: String, Sendable, Hashable {
    case none, vcd, fst
}

/// Where traces go and how they are kept: relative paths land in `PackageLocation.traces`
/// (`.build/serrano-traces` of the package you run from, or `SERRANO_TRACE_DIR`), so a failing
/// test's waveform is always in a known folder.
public enum TraceFiles {
    /// The absolute path a `startTrace(to:)` argument names.
    public static func resolve(_ path: String) -> URL {
        if path.hasPrefix("/") { return URL(fileURLWithPath: path) }
        return PackageLocation.traces.appendingPathComponent(path)
    }

    /// Creates the folder a trace goes to, or says in one sentence why it cannot.
    package static func prepareFolder(for trace: URL) throws {
        let folder = trace.deletingLastPathComponent().path
        do { try OutputFile.createDirectory(folder) } catch let error as OutputFileError {
            let variable = ProcessInfo.processInfo.environment["SERRANO_TRACE_DIR"].map { " (SERRANO_TRACE_DIR is \($0))" } ?? ""
            throw SimulationError.trace("cannot write the trace \(trace.path): the folder \(folder) cannot be made: \(error.reason)\(variable)")
        }
    }

    /// The format a path's extension asks for (`.fst` or `.vcd`).
    public static func format(of path: String) throws -> TraceFormat {
        switch URL(fileURLWithPath: path).pathExtension.lowercased() {
        case "fst": return .fst
        case "vcd": return .vcd
        default: throw SimulationError.trace("\(path): name the file .fst or .vcd")
        }
    }

    /// Converts between VCD and FST through SerranoWaves' `FSTConverter` (GTKWave's
    /// `vcd2fst` / `fst2vcd`), the one place the package runs them.
    package static func convert(_ source: URL, to destination: URL) throws {
        do {
            if destination.pathExtension.lowercased() == "vcd" {
                try FSTConverter.vcdData(fromFST: source.path).write(to: destination)
            } else {
                try FSTConverter.writeFST(fromVCD: source.path, to: destination.path)
            }
        } catch let error as WaveError {
            throw SimulationError.trace("\(error); or build the model with the trace format you asked for")
        } catch {
            throw SimulationError.trace("cannot write \(destination.path): \(error.localizedDescription)")
        }
    }

    /// Runs `body` with a trace open at `path`. When `body` throws (e.g. a `#require` failed),
    /// the trace is kept and its path printed; when it returns, the trace is kept only if
    /// `keepOnSuccess` is true.
    public static func withTrace<T>(
        _ simulator: Simulator, to path: String, keepOnSuccess: Bool = false, _ body: () throws -> T
    ) throws -> T {
        let written: String = try simulator.startTrace(to: path)
        do {
            let value = try body()
            try simulator.stopTrace()
            if !keepOnSuccess { try? FileManager.default.removeItem(atPath: written) }
            return value
        } catch {
            try? simulator.stopTrace()
            FileHandle.standardError.write(Data("trace kept: \(written)\n".utf8))
            throw error
        }
    }
}
