import Foundation
import SerranoVerilog
import SerranoSim
import SerranoSupport

/// The installed Verilator: where it is, its version and its include folder.
public struct VerilatorToolchain: Sendable {
    /// The oldest Verilator Serrano supports (Debian bookworm's).
    public static let minimumVersion: (major: Int, minor: Int) = (5, 6)

    /// Path of the `verilator` executable.
    public let executable: String
    /// `verilator --version`'s output, e.g. `Verilator 5.006 2023-01-22 rev (Debian 5.006-3)`.
    public let versionLine: String
    /// Major and minor version, e.g. (5, 6).
    public let version: (major: Int, minor: Int)
    /// VERILATOR_ROOT (holds `include/verilated.cpp`).
    public let root: URL

    private static let lock = NSLock()
    nonisolated(unsafe) private static var detected: VerilatorToolchain?

    /// Finds Verilator on PATH (once per process) and checks its version.
    public static func detect() throws -> VerilatorToolchain {
        lock.lock()
        defer { lock.unlock() }
        if let detected { return detected }
        guard let executable = ToolProcess.find("verilator") else { throw VerilatorBuildError.verilatorMissing }
        let toolchain = try inspect(executable)
        detected = toolchain
        return toolchain
    }

    /// Checks the Verilator at `executable`.
    public static func inspect(_ executable: String) throws -> VerilatorToolchain {
        let versionRun = try ToolProcess.run(executable, ["--version"])
        let versionLine: String = versionRun.output.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let version = parseVersion(versionLine) else {
            throw VerilatorBuildError.verilatorTooOld(found: "`\(executable) --version` printed \"\(versionLine)\", which")
        }
        if version.major < minimumVersion.major || (version.major == minimumVersion.major && version.minor < minimumVersion.minor) {
            throw VerilatorBuildError.verilatorTooOld(found: versionLine)
        }
        let rootRun = try ToolProcess.run(executable, ["--getenv", "VERILATOR_ROOT"])
        let root = URL(fileURLWithPath: rootRun.output.trimmingCharacters(in: .whitespacesAndNewlines))
        guard FileManager.default.fileExists(atPath: root.appendingPathComponent("include/verilated.cpp").path) else {
            throw VerilatorBuildError.io("Verilator's runtime sources are missing under \(root.path)/include; reinstall verilator")
        }
        return VerilatorToolchain(executable: executable, versionLine: versionLine, version: version, root: root)
    }

    /// Parses `Verilator 5.006 ...` into (5, 6).
    static func parseVersion(_ line: String) -> (major: Int, minor: Int)? {
        let words = line.split(separator: " ")
        guard words.count >= 2, words[0] == "Verilator" else { return nil }
        let numbers = words[1].split(separator: ".")
        guard numbers.count >= 2, let major = Int(numbers[0]), let minor = Int(numbers[1]) else { return nil }
        return (major, minor)
    }
}

/// The C++ compiler that builds models: clang++ from the Swift toolchain, or g++.
public enum CXXCompiler: Sendable, Hashable, CustomStringConvertible {
    case clang
    case gcc
    /// Any compatible compiler by path or name.
    case custom(String)

    /// The default: `SERRANO_CXX` (`clang`, `gcc` or a path) if set, else clang++ when one is
    /// found (measured faster here, see `make bench`), else g++.
    public static var preferred: CXXCompiler {
        switch ProcessInfo.processInfo.environment["SERRANO_CXX"] {
        case "clang", "clang++": return .clang
        case "gcc", "g++": return .gcc
        case let path? where !path.isEmpty: return .custom(path)
        default: return clangPath() != nil ? .clang : .gcc
        }
    }

    public var description: String {
        switch self {
        case .clang: return "clang++"
        case .gcc: return "g++"
        case .custom(let path): return path
        }
    }

    private static func clangPath() -> String? {
        // The Swift toolchain's clang++ sits next to `swift`; prefer it over an older system one.
        let beside = "/opt/swift/usr/bin/clang++"
        if FileManager.default.isExecutableFile(atPath: beside) { return beside }
        return ToolProcess.find("clang++")
    }

    /// The executable and its identity (first line of `--version`), which goes into cache keys.
    package func resolve() throws -> (path: String, identity: String) {
        let path: String?
        switch self {
        case .clang: path = CXXCompiler.clangPath()
        case .gcc: path = ToolProcess.find("g++")
        case .custom(let name): path = ToolProcess.find(name)
        }
        guard let path else {
            throw VerilatorBuildError.compilerMissing("C++ compiler \(description) not found; install g++ (`apt-get install g++`) or pass another compiler")
        }
        let run = try ToolProcess.run(path, ["--version"])
        let identity: String = run.output.split(separator: "\n").first.map(String.init) ?? path
        return (path, identity)
    }
}
