import Foundation

/// Runs a tool to completion and captures its output (stdout and stderr interleaved).
struct ProcessRunner {
    struct Result {
        let status: Int32
        let output: String
        let seconds: Double
    }

    /// Runs `executable` with `arguments`; throws only when it cannot be started.
    static func run(_ executable: String, _ arguments: [String], in directory: URL? = nil) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        process.standardInput = FileHandle.nullDevice
        let start = Date()
        try process.run()
        // Read before waiting: a tool that fills the pipe would otherwise block forever.
        let data: Data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus,
            output: String(decoding: data, as: UTF8.self),
            seconds: Date().timeIntervalSince(start))
    }

    /// The absolute path of `name` on PATH (or `name` itself when it is a path to an executable).
    static func find(_ name: String) -> String? {
        let files = FileManager.default
        if name.contains("/") { return files.isExecutableFile(atPath: name) ? name : nil }
        let path: String = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for folder in path.split(separator: ":") {
            let candidate = "\(folder)/\(name)"
            if files.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }
}
