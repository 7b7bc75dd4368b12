import Foundation
import SerranoFiles

/// Yosys generic synthesis of a design, module by module, as an area and depth proxy: cells by
/// type per module (the hierarchy is kept, so a module instantiated 256 times is synthesized
/// once), how many times each module is instantiated under the top, and the longest
/// combinational path inside each module (`ltp -noff` over its gate cells; a path that crosses a
/// module boundary is cut there). Modules named in `macros` (SRAM models) are read as black
/// boxes: counted as instances, never synthesized.
public struct SynthesisArea: Sendable, Equatable {
    public struct ModuleCells: Sendable, Equatable {
        public let name: String
        /// Cells by Yosys type (`$_AND_`, `$_DFFE_PP_`, or a child module's name).
        public let cells: [String: Int]
        /// Gates on the longest combinational path inside the module (0 when it has none).
        public let longestPath: Int
    }

    public let top: String
    /// Every synthesized module (black boxes excluded), sorted by name.
    public let modules: [ModuleCells]
    /// Instances of each module (black boxes included) in the whole design under `top`; the top
    /// itself counts once.
    public let instances: [String: Int]
    public let seconds: Double

    /// Yosys' internal gate and flip-flop types start with `$_`; anything else is an instance.
    public static func isGate(_ type: String) -> Bool { type.hasPrefix("$_") }
    /// `$_DFF_P_`, `$_SDFFE_PP0P_`, `$_DFFSR_…`, `$_DLATCH_…`: the state-holding gate types.
    public static func isFlipFlop(_ type: String) -> Bool {
        type.hasPrefix("$_DFF") || type.hasPrefix("$_SDFF") || type.hasPrefix("$_ALDFF") || type.hasPrefix("$_DLATCH")
            || type.hasPrefix("$_SR_")
    }

    public enum Failure: Error, CustomStringConvertible, Equatable {
        case yosysFailed(String)
        case unreadableStatistics(String)

        public var description: String {
            switch self {
            case .yosysFailed(let output): return "Yosys synthesis failed: \(output)"
            case .unreadableStatistics(let reason): return "cannot read Yosys' statistics: \(reason)"
            }
        }
    }

    /// Synthesizes `files` (with `macros`' files read as black boxes) under `top`.
    public static func measure(files: [String], macros: [String], top: String, searchPath: String? = nil) throws -> SynthesisArea {
        guard !files.isEmpty else { throw ToolError.noFiles }
        for path in files + macros where path.contains(";") || path.contains("\"") || path.contains("\n") {
            throw ToolError.launchFailed(.yosys, "the path \(path) cannot be quoted in a Yosys script")
        }
        guard top.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else {
            throw ToolError.launchFailed(.yosys, "the top module name '\(top)' is not a plain Verilog identifier")
        }
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("serrano-area-\(UUID().uuidString)")
        try OutputFile.createDirectory(scratch.path)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let statistics = scratch.appendingPathComponent("stat.txt").path
        let paths = scratch.appendingPathComponent("ltp.txt").path
        let script = macros.map { "read_verilog -lib \"\($0)\"" } + files.map { "read_verilog \"\($0)\"" } + [
            "hierarchy -check -top \(top)",
            "synth -top \(top)",
            // Text, not `stat -json`: Yosys 0.23 writes the hierarchy's text into its JSON.
            "tee -q -o \(statistics) stat",
            // Gate cells only: a child instance is not a combinational box to path through, so
            // instances go (after the statistics are written) and paths end at module ports.
            "delete c:* t:$_* %d",
            "tee -q -o \(paths) ltp -noff",
        ]
        let start = Date()
        let (status, output) = try ToolRunner.run(.yosys, ["-q", "-p", script.joined(separator: "; ")], searchPath: searchPath)
        guard status == 0 else {
            let errors = output.split(separator: "\n").filter { $0.contains("ERROR") || $0.contains("rror:") }.prefix(3)
            throw Failure.yosysFailed(errors.isEmpty ? "exit \(status)" : errors.joined(separator: "; "))
        }
        let seconds = Date().timeIntervalSince(start)
        let statisticsText = String(decoding: try InputFile.read(statistics, limit: 256 << 20), as: UTF8.self)
        let pathText = (try? InputFile.read(paths, limit: 256 << 20)).map { String(decoding: $0, as: UTF8.self) } ?? ""
        return try parse(statistics: statisticsText, longestPaths: pathText, top: top, seconds: seconds)
    }

    /// Reads `stat`'s and `ltp`'s text (split out for tests): one `=== Name ===` section per
    /// module, its cell types indented under `Number of cells:`.
    public static func parse(statistics: String, longestPaths: String, top: String, seconds: Double) throws -> SynthesisArea {
        var depths: [String: Int] = [:]
        for line in longestPaths.split(separator: "\n") where line.hasPrefix("Longest topological path in ") {
            // `Longest topological path in Name (length=12):`
            let rest = line.dropFirst("Longest topological path in ".count)
            guard let open = rest.range(of: " (length="), let close = rest.range(of: ")", range: open.upperBound..<rest.endIndex),
                  let length = Int(rest[open.upperBound..<close.lowerBound]) else { continue }
            depths[unescaped(String(rest[..<open.lowerBound]))] = max(length, 0)
        }
        var modules: [ModuleCells] = []
        var current: String?
        var counts: [String: Int] = [:]
        var inCells = false
        func finish() {
            if let current { modules.append(ModuleCells(name: current, cells: counts, longestPath: depths[current] ?? 0)) }
            current = nil
            counts = [:]
            inCells = false
        }
        for rawLine in statistics.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("=== "), line.hasSuffix(" ===") {
                finish()
                let name = String(line.dropFirst(4).dropLast(4))
                if name != "design hierarchy" { current = unescaped(name) }
                continue
            }
            guard current != nil else { continue }
            if line.hasPrefix("Number of cells:") {
                inCells = true
                continue
            }
            guard inCells else { continue }
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            guard fields.count == 2, let count = Int(fields[1]) else {
                inCells = false
                continue
            }
            counts[unescaped(String(fields[0])), default: 0] += count
        }
        finish()
        guard !modules.isEmpty else { throw Failure.unreadableStatistics("no module sections") }
        modules.sort { $0.name < $1.name }
        let byName = Dictionary(uniqueKeysWithValues: modules.map { ($0.name, $0) })
        guard byName[top] != nil else { throw Failure.unreadableStatistics("the top module \(top) is not among the synthesized modules") }
        // Instance counts: walk down from the top, multiplying (the hierarchy is a DAG).
        var instances: [String: Int] = [top: 1]
        var order: [String] = []
        var visited = Set<String>()
        func visit(_ name: String) {
            guard visited.insert(name).inserted, let module = byName[name] else { return }
            for child in module.cells.keys where !isGate(child) { visit(child) }
            order.append(name)
        }
        visit(top)
        for name in order.reversed() {
            guard let module = byName[name], let count = instances[name] else { continue }
            for (child, perInstance) in module.cells where !isGate(child) {
                let (product, overflow) = count.multipliedReportingOverflow(by: perInstance)
                guard !overflow else { throw Failure.unreadableStatistics("instance counts under \(name) overflow") }
                instances[child, default: 0] += product
            }
        }
        return SynthesisArea(top: top, modules: modules.filter { instances[$0.name] != nil }, instances: instances, seconds: seconds)
    }

    /// Yosys writes public names with a leading backslash.
    static func unescaped(_ name: String) -> String { name.hasPrefix("\\") ? String(name.dropFirst()) : name }
}
