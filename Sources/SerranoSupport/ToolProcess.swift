import Dispatch
import Foundation

/// Finds and runs external programs (Verilator, Yosys, compilers, GTKWave's converters, the
/// bench's child processes): the one place the package starts a `Process` and collects what it
/// prints.
public enum ToolProcess {
    /// What a finished program left: its exit status, stdout and stderr interleaved, and the
    /// wall time it took.
    public struct Result: Sendable {
        public let status: Int32
        public let output: String
        public let seconds: Double
        /// True when a signal ended the program (`status` is then the signal's number).
        public var signaled: Bool = false

        /// `exit 2`, or `killed by signal 11 (SIGSEGV)`.
        public var exitDescription: String { ToolExit.describe(status: status, signaled: signaled) }
    }

    /// The absolute path of `name` on `searchPath` (default: PATH), or `name` itself when it is
    /// a path to an executable; nil when it is not installed.
    public static func find(_ name: String, searchPath: String? = nil) -> String? {
        let files = FileManager.default
        if name.contains("/") { return files.isExecutableFile(atPath: name) ? name : nil }
        let path = searchPath ?? ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for directory in path.split(separator: ":") where !directory.isEmpty {
            let candidate = "\(directory)/\(name)"
            if files.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// What a finished program printed on each stream, kept apart (a converter's stdout is its
    /// product, its stderr the reason it failed).
    public struct Captured: Sendable {
        public let status: Int32
        public let signaled: Bool
        public let standardOutput: Data
        public let standardError: Data

        /// `exit 2`, or `killed by signal 11 (SIGSEGV)`.
        public var exitDescription: String { ToolExit.describe(status: status, signaled: signaled) }
    }

    /// Runs `executable` with `arguments` to completion; throws only when it cannot be started.
    /// `environment` replaces the inherited environment when given.
    public static func run(_ executable: String, _ arguments: [String], in directory: URL? = nil,
                           environment: [String: String]? = nil) throws -> Result {
        let process = prepared(executable, arguments, in: directory, environment: environment)
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        process.standardInput = FileHandle.nullDevice
        let start = Date()
        try process.run()
        // Read before waiting: a tool that fills the pipe would otherwise block forever.
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, output: String(decoding: data, as: UTF8.self),
                      seconds: Date().timeIntervalSince(start), signaled: process.terminationReason == .uncaughtSignal)
    }

    /// Runs `executable` to completion with stdout and stderr captured apart; throws only when
    /// it cannot be started.
    public static func capture(_ executable: String, _ arguments: [String], in directory: URL? = nil,
                               environment: [String: String]? = nil) throws -> Captured {
        let process = prepared(executable, arguments, in: directory, environment: environment)
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        try process.run()
        // Drain stderr concurrently so a chatty program cannot block on a full pipe.
        let errorText = Collector()
        let drained = DispatchGroup()
        drained.enter()
        DispatchQueue.global().async {
            errorText.data = errors.fileHandleForReading.readDataToEndOfFile()
            drained.leave()
        }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        drained.wait()
        return Captured(status: process.terminationStatus, signaled: process.terminationReason == .uncaughtSignal,
                        standardOutput: data, standardError: errorText.data)
    }

    private static func prepared(_ executable: String, _ arguments: [String], in directory: URL?,
                                 environment: [String: String]?) -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        if let environment { process.environment = environment }
        return process
    }

    private final class Collector: @unchecked Sendable { var data = Data() }
}
