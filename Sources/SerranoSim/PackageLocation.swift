import Foundation

/// Where SerranoSim finds the C++ harness, keeps its build cache and writes traces.
///
/// The package root is derived from this source file's path at build time; environment
/// variables override each location: `SERRANO_TESTBENCH` (the harness folder),
/// `SERRANO_SIM_CACHE` (the model cache) and `SERRANO_TRACE_DIR` (relative trace paths).
public enum PackageLocation {
    /// The package root this library was built from.
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

    /// The default model cache: `.build/serrano-sim-cache` of the package root.
    public static var cache: URL {
        if let path = ProcessInfo.processInfo.environment["SERRANO_SIM_CACHE"], !path.isEmpty {
            return URL(fileURLWithPath: path)
        }
        return packageRoot.appendingPathComponent(".build/serrano-sim-cache")
    }

    /// Where relative trace paths land: `.build/serrano-traces` of the package root.
    public static var traces: URL {
        if let path = ProcessInfo.processInfo.environment["SERRANO_TRACE_DIR"], !path.isEmpty {
            return URL(fileURLWithPath: path)
        }
        return packageRoot.appendingPathComponent(".build/serrano-traces")
    }
}
