import Foundation

/// Turns tool output lines into findings, one pattern per tool.
enum OutputParsing {
    /// Matches `pattern` against `line`; returns the capture groups (empty string for a group
    /// that did not take part), or nil when the line does not match.
    static func captures(_ pattern: NSRegularExpression?, _ line: String) -> [String]? {
        guard let pattern else { return nil }
        let range = NSRange(line.startIndex..., in: line)
        guard let match = pattern.firstMatch(in: line, range: range) else { return nil }
        return (1..<match.numberOfRanges).map { index in
            Range(match.range(at: index), in: line).map { String(line[$0]) } ?? ""
        }
    }

    static func regex(_ pattern: String) -> NSRegularExpression? {
        try? NSRegularExpression(pattern: pattern)
    }

    /// `%Warning-WIDTH: N.v:6:18: Operator ADD …`, `%Error: N.v:3:1: syntax error`.
    static let verilatorLine = regex(#"^%(Warning|Error)(?:-([A-Z0-9_]+))?: (?:([^:\s]+):(\d+):(?:\d+:)? )?(.*)$"#)
    /// `M.v:5: Warning: …`, `Warning: …`, `ERROR: …` (Yosys).
    static let yosysLine = regex(#"^(?:([^:\s]+):(\d+)(?:\.\d+-\d+\.\d+)?: )?(Warning|ERROR): (.*)$"#)
    /// `M.v:3: warning: …`, `M.v:3: error: …`, `M.v:3: syntax error` (Icarus).
    static let icarusLine = regex(#"^([^:\s]+):(\d+): (warning|error|syntax error|sorry)(?:: (.*))?$"#)
    /// `… at M.v:12.` inside a message: the place Yosys names in the text.
    static let embeddedPlace = regex(#"([A-Za-z0-9_./-]+\.s?v):(\d+)"#)

    static func verilator(_ output: String) -> [ToolFinding] {
        var findings: [ToolFinding] = []
        for line in output.split(separator: "\n", omittingEmptySubsequences: true).map(String.init) {
            guard let groups = captures(verilatorLine, line) else { continue }
            let message = groups[4]
            // The closing summary repeats what came before.
            if message.hasPrefix("Exiting due to") { continue }
            findings.append(ToolFinding(tool: .verilator, severity: groups[0] == "Warning" ? .warning : .error,
                                        file: groups[2].isEmpty ? nil : groups[2], line: Int(groups[3]),
                                        code: groups[1].isEmpty ? nil : groups[1], message: message))
        }
        return findings
    }

    static func yosys(_ output: String) -> [ToolFinding] {
        var findings: [ToolFinding] = []
        let lines = output.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
        for (index, line) in lines.enumerated() {
            guard let groups = captures(yosysLine, line) else { continue }
            var file: String? = groups[0].isEmpty ? nil : groups[0]
            var number = Int(groups[1])
            var message = groups[3]
            if file == nil, let place = captures(embeddedPlace, message) {
                file = place[0]
                number = Int(place[1])
            }
            if message.contains("selection is not empty: t:$dlatch") {
                // The latch check: name the modules (the lines after list `Module/cell`).
                let cells = lines[(index + 1)...].prefix { !$0.hasPrefix("ERROR") && !$0.hasPrefix("Warning") }.filter { $0.contains("/") }
                let modules = Set(cells.compactMap { $0.split(separator: "/").first.map(String.init) }).sorted()
                message = "latch inferred in module \(modules.joined(separator: ", ")): a signal is not assigned on every path"
            }
            findings.append(ToolFinding(tool: .yosys, severity: groups[2] == "Warning" ? .warning : .error,
                                        file: file, line: number, code: nil, message: message))
        }
        return findings
    }

    static func icarus(_ output: String) -> [ToolFinding] {
        var findings: [ToolFinding] = []
        for line in output.split(separator: "\n", omittingEmptySubsequences: true).map(String.init) {
            guard let groups = captures(icarusLine, line) else { continue }
            let kind = groups[2]
            let message = kind == "syntax error" ? "syntax error" : groups[3]
            findings.append(ToolFinding(tool: .iverilog, severity: kind == "warning" ? .warning : .error,
                                        file: groups[0], line: Int(groups[1]), code: nil, message: message))
        }
        return findings
    }

    /// A failing exit with nothing parsed still counts: report the tool's first lines.
    static func unexplainedFailure(_ tool: ExternalTool, status: Int32, output: String) -> ToolFinding {
        let excerpt = output.split(separator: "\n").prefix(3).joined(separator: " / ")
        return ToolFinding(tool: tool, severity: .error, file: nil, line: nil, code: nil,
                           message: "exited with status \(status)" + (excerpt.isEmpty ? "" : ": \(excerpt)"))
    }
}
