/// One warning or error an external tool reported, with where it points.
public struct ToolFinding: Hashable, Sendable, CustomStringConvertible {
    public enum Severity: String, Sendable { case warning, error }

    public var tool: ExternalTool
    public var severity: Severity
    /// The file the tool named (as the tool printed it), or nil for a finding without a place.
    public var file: String?
    public var line: Int?
    /// The tool's category when it has one (Verilator's `UNUSEDSIGNAL`, `WIDTH`…).
    public var code: String?
    public var message: String

    public init(tool: ExternalTool, severity: Severity, file: String?, line: Int?, code: String?, message: String) {
        self.tool = tool
        self.severity = severity
        self.file = file
        self.line = line
        self.code = code
        self.message = message
    }

    /// `Counter.v:12: warning: [verilator UNUSEDSIGNAL] Signal is not used: 'x'`.
    public var description: String {
        let place = file.map { file in line.map { "\(file):\($0): " } ?? "\(file): " } ?? ""
        let label = code.map { "\(tool.rawValue) \($0)" } ?? tool.rawValue
        return "\(place)\(severity.rawValue): [\(label)] \(message)"
    }
}

/// What one tool said about a set of files.
public struct ToolReport: Sendable, CustomStringConvertible {
    public var tool: ExternalTool
    /// The command that ran, for a user to repeat it.
    public var command: [String]
    public var findings: [ToolFinding]
    /// The tool's exit status.
    public var exitStatus: Int32
    /// Everything the tool printed, for reports when a finding needs context.
    public var output: String
    /// After a Yosys synthesis: the design's cell count (the hierarchy total).
    public var synthesizedCells: Int?

    /// No warnings, no errors, and the tool exited successfully.
    public var isClean: Bool { findings.isEmpty && exitStatus == 0 }

    /// `verilator: clean` or `yosys: 1 error, 2 warnings (exit 1)` followed by one finding a
    /// line, indented; a synthesis adds its cell count. The command is left out (see `command`).
    public var description: String {
        var status: String
        if isClean {
            status = "clean"
        } else {
            let errors = findings.filter { $0.severity == .error }.count
            let warnings = findings.count - errors
            var parts: [String] = []
            if errors > 0 { parts.append("\(errors) error\(errors == 1 ? "" : "s")") }
            if warnings > 0 { parts.append("\(warnings) warning\(warnings == 1 ? "" : "s")") }
            if exitStatus != 0 { parts.append("exit \(exitStatus)") }
            status = parts.joined(separator: ", ")
        }
        if let synthesizedCells { status += " (synthesized: \(synthesizedCells) cells)" }
        return (["\(tool.rawValue): \(status)"] + findings.map { "  \($0)" }).joined(separator: "\n")
    }
}
