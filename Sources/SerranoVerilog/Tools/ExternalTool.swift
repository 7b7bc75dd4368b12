import Foundation
import SerranoSupport

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

/// Runs a tool with `ToolProcess`, mapping "not installed" and "cannot start" to `ToolError`.
enum ToolRunner {
    /// The tool's full path from `searchPath` (default: PATH), or nil when it is not installed.
    static func locate(_ tool: ExternalTool, searchPath: String? = nil) -> String? {
        ToolProcess.find(tool.rawValue, searchPath: searchPath)
    }

    /// Runs `tool arguments…` in `directory`; returns the exit status and stdout+stderr merged.
    static func run(_ tool: ExternalTool, _ arguments: [String], in directory: URL? = nil,
                    searchPath: String? = nil) throws -> (status: Int32, output: String) {
        guard let executable = locate(tool, searchPath: searchPath) else { throw ToolError.notInstalled(tool) }
        let result: ToolProcess.Result
        do {
            result = try ToolProcess.run(executable, arguments, in: directory)
        } catch {
            throw ToolError.launchFailed(tool, error.localizedDescription)
        }
        return (result.status, result.output)
    }
}
