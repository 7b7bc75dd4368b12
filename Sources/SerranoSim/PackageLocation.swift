import Foundation

/// Where SerranoSim finds the C++ harness, keeps its build cache and writes traces.
///
/// The harness ships with Serrano, so it is found beside this source file (in the dependency's
/// checkout when Serrano is a dependency). Output never goes there: the model cache and traces
/// go under `.build` of the package you run from — the nearest folder at or above the current
/// directory that holds a `Package.swift`, else the current directory. Environment variables
/// override each location: `SERRANO_TESTBENCH` (the harness folder), `SERRANO_SIM_CACHE` (the
/// model cache) and `SERRANO_TRACE_DIR` (where relative trace paths land).
public enum PackageLocation {
    /// The Serrano package this library was built from (where `testbench/` is).
    public static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // SerranoSim
        .deletingLastPathComponent()  // Sources
        .deletingLastPathComponent()

    /// The folder holding `serrano_harness.cpp`, `serrano_harness.h` and `serrano_exports.map`.
    public static var testbench: URL {
        if let path = ProcessInfo.processInfo.environment["SERRANO_TESTBENCH"], !path.isEmpty {
            return URL(fileURLWithPath: path)
        }
        return packageRoot.appendingPathComponent("testbench")
    }

    /// The package output belongs to: the nearest folder at or above the current directory
    /// with a `Package.swift`, else the current directory.
    public static var outputRoot: URL {
        outputRoot(from: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
    }

    /// The nearest folder at or above `directory` with a `Package.swift`, else `directory`.
    public static func outputRoot(from directory: URL) -> URL {
        var folder = directory.standardizedFileURL
        while true {
            if FileManager.default.fileExists(atPath: folder.appendingPathComponent("Package.swift").path) { return folder }
            let parent = folder.deletingLastPathComponent()
            if parent.path == folder.path || folder.path == "/" { return directory.standardizedFileURL }
            folder = parent
        }
    }

    /// The default model cache: `.build/serrano-sim-cache` of `outputRoot`, or `SERRANO_SIM_CACHE`.
    public static var cache: URL {
        if let path = ProcessInfo.processInfo.environment["SERRANO_SIM_CACHE"], !path.isEmpty {
            return URL(fileURLWithPath: path)
        }
        return outputRoot.appendingPathComponent(".build/serrano-sim-cache")
    }

    /// Where relative trace paths land: `.build/serrano-traces` of `outputRoot`, or `SERRANO_TRACE_DIR`.
    public static var traces: URL {
        if let path = ProcessInfo.processInfo.environment["SERRANO_TRACE_DIR"], !path.isEmpty {
            return URL(fileURLWithPath: path)
        }
        return outputRoot.appendingPathComponent(".build/serrano-traces")
    }

    /// The `--help` paragraph every command that may simulate, trace or cache shows.
    public static let environmentHelp = """
        Where output goes: Verilator models are cached in .build/serrano-sim-cache and relative \
        trace paths land in .build/serrano-traces, both under the package you run from (the \
        nearest folder with a Package.swift, else the current folder). SERRANO_SIM_CACHE=DIR \
        moves the cache, SERRANO_TRACE_DIR=DIR the traces; SERRANO_TESTBENCH=DIR points at the \
        C++ harness folder.
        """
}
