import Foundation

/// The Verilog tools Serrano drives: lint, synthesis check and a second parser.
public enum ExternalTool: String, Sendable, CaseIterable {
    case verilator, yosys, iverilog

    /// How to get the tool when it is missing.
    public var installHint: String {
        "install it with `sudo apt-get install verilator yosys iverilog` or `make setup`"
    }
}

/// The tool could not be run at all (as opposed to running and reporting findings).
public enum ToolError: Error, Sendable, CustomStringConvertible, Equatable {
    case notInstalled(ExternalTool)
    case launchFailed(ExternalTool, String)
    case noFiles

    public var description: String {
        switch self {
        case .notInstalled(let tool):
            return "\(tool.rawValue) not found on PATH: \(tool.installHint)"
        case .launchFailed(let tool, let reason):
            return "could not run \(tool.rawValue): \(reason)"
        case .noFiles:
            return "no Verilog files to check"
        }
    }
}

/// Runs a tool with Foundation's `Process` and collects what it prints.
enum ToolRunner {
    /// The tool's full path from `searchPath` (default: PATH), or nil when it is not installed.
    static func locate(_ tool: ExternalTool, searchPath: String? = nil) -> String? {
        let path = searchPath ?? ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for directory in path.split(separator: ":") where !directory.isEmpty {
            let candidate = "\(directory)/\(tool.rawValue)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// Runs `tool arguments…` in `directory`; returns the exit status and stdout+stderr merged.
    static func run(_ tool: ExternalTool, _ arguments: [String], in directory: URL? = nil,
                    searchPath: String? = nil) throws -> (status: Int32, output: String) {
        guard let executable = locate(tool, searchPath: searchPath) else { throw ToolError.notInstalled(tool) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw ToolError.launchFailed(tool, error.localizedDescription)
        }
        // Read before waiting: a tool that fills the pipe would otherwise block forever.
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
