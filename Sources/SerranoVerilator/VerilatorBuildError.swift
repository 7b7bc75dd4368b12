import Foundation
import SerranoSim

/// A place in a source file: the Verilog (or generated C++) line a tool complained about, or
/// the Swift line a generated Verilog statement came from.
public struct FileLocation: Equatable, Sendable, CustomStringConvertible {
    public let file: String
    public let line: Int
    public let column: Int?

    public init(file: String, line: Int, column: Int? = nil) {
        self.file = file
        self.line = line
        self.column = column
    }

    public var description: String { column.map { "\(file):\(line):\($0)" } ?? "\(file):\(line)" }
}

/// Why a Verilator model could not be built or loaded. Every case says what to do next.
public enum VerilatorBuildError: Error, CustomStringConvertible {
    /// `verilator` is not on PATH.
    case verilatorMissing
    /// The installed Verilator is older than the 5.006 floor.
    case verilatorTooOld(found: String)
    /// No usable C++ compiler of the requested kind.
    case compilerMissing(String)
    /// A Verilog file does not exist or cannot be read.
    case unreadableSource(String)
    /// Verilator rejected the design, or the C++ compiler or linker rejected the output.
    case toolFailed(ToolFailure)
    /// The built library could not be loaded or does not speak this harness's ABI.
    case loadFailed(String)
    /// A file system failure in the cache.
    case io(String)

    public var description: String {
        switch self {
        case .verilatorMissing:
            return "verilator not found on PATH; install it with `apt-get install verilator` (or `make setup`); version 5.006 or newer is needed"
        case .verilatorTooOld(let found):
            return "\(found) is too old; Serrano needs Verilator 5.006 or newer (`apt-get install verilator` on Debian bookworm or later, or build it from source)"
        case .compilerMissing(let message):
            return message
        case .unreadableSource(let message):
            return message
        case .toolFailed(let failure):
            return failure.description
        case .loadFailed(let message):
            return "cannot load model: \(message)"
        case .io(let message):
            return message
        }
    }
}

/// A failed tool run, with the first error's location in the generated files and, when the
/// Verilog line carries a `// File.swift:LINE` comment, the Swift line it came from.
public struct ToolFailure: Sendable, CustomStringConvertible {
    /// The stage that failed: `verilator`, `compile` or `link`.
    public let stage: String
    /// The command line that ran.
    public let command: String
    /// Everything the tool printed.
    public let output: String
    /// The first error's file and line, when the tool named one.
    public let location: FileLocation?
    /// The offending source line's text, when it could be read.
    public let sourceLine: String?
    /// The Swift line that generated the offending Verilog line.
    public let swiftLocation: FileLocation?

    /// The first error message line (the one a user reads first).
    public var headline: String {
        let lines = output.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
        return lines.first(where: { $0.contains("%Error") || $0.contains("error:") }) ?? lines.first ?? "(no output)"
    }

    public var description: String {
        var text = "\(stage) failed"
        if let location { text += " at \(location)" }
        if let swiftLocation { text += " (generated from \(swiftLocation))" }
        text += ": \(headline)"
        if let sourceLine { text += "\n    \(sourceLine.trimmingCharacters(in: .whitespaces))" }
        text += "\n--- \(command)\n\(output)"
        return text
    }

    package init(stage: String, command: String, output: String) {
        self.stage = stage
        self.command = command
        self.output = output
        let location = ToolFailure.firstErrorLocation(in: output)
        self.location = location
        let line: String? = location.flatMap { ToolFailure.readLine($0) }
        self.sourceLine = line
        self.swiftLocation = line.flatMap(ToolFailure.swiftLocation(in:))
    }

    /// Finds `%Error: FILE:LINE:COL:` (Verilator) or `FILE:LINE:COL: error:` (C++ compilers).
    static func firstErrorLocation(in output: String) -> FileLocation? {
        for raw in output.split(separator: "\n") {
            let line = String(raw)
            var rest: Substring
            if let range = line.range(of: "%Error") {
                rest = line[range.upperBound...]
                // `%Error: file:..` or `%Error-CODE: file:..`
                guard let colon = rest.firstIndex(of: ":") else { continue }
                rest = rest[rest.index(after: colon)...].drop(while: { $0 == " " })
            } else if line.contains(": error:") || line.contains(": fatal error:") {
                rest = Substring(line)
            } else {
                continue
            }
            let fields = rest.split(separator: ":", maxSplits: 3, omittingEmptySubsequences: false)
            guard fields.count >= 3, let number = Int(fields[1]) else { continue }
            return FileLocation(file: String(fields[0]), line: number, column: Int(fields[2]))
        }
        return nil
    }

    static func readLine(_ location: FileLocation) -> String? {
        guard let text = try? String(contentsOfFile: location.file, encoding: .utf8) else { return nil }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard location.line >= 1, location.line <= lines.count else { return nil }
        return String(lines[location.line - 1])
    }

    /// The `File.swift:LINE` in a trailing `// ...` comment of a generated line.
    static func swiftLocation(in line: String) -> FileLocation? {
        guard let comment = line.range(of: "//", options: .backwards) else { return nil }
        let text = line[comment.upperBound...].trimmingCharacters(in: .whitespaces)
        let parts = text.split(separator: ":")
        guard parts.count >= 2, parts[0].hasSuffix(".swift"), let number = Int(parts[1]) else { return nil }
        return FileLocation(file: String(parts[0]), line: number)
    }
}
