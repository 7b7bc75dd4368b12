import Foundation
import SerranoVerilog
import SerranoSim
import SerranoSupport

/// The steps that turn Verilog into a model's shared library inside one cache entry:
/// verilate, read the port table, generate `serrano_model.h`, compile, link.
package struct ModelRecipe {
    package static let libraryName = "model.so"
    package static let className = "Vmodel"

    /// What a finished entry records in `done.json`.
    package struct Completed: Codable {
        package struct Port: Codable {
            let name: String
            let direction: String
            let width: Int
        }
        let portList: [Port]
        let warnings: String
        /// The Verilator runtime archive the library was linked with.
        let runtimeArchive: String

        var ports: [PortInfo] {
            portList.map { PortInfo(name: $0.name, direction: PortDirection(rawValue: $0.direction) ?? .input, width: $0.width) }
        }
    }

    package let entry: URL
    package let sources: VerilogSources
    package let options: VerilatorOptions
    package let setup: CompilerSetup
    package let harness: HarnessFiles
    private let state = RecipeState()

    package init(entry: URL, sources: VerilogSources, options: VerilatorOptions, setup: CompilerSetup, harness: HarnessFiles) {
        self.entry = entry
        self.sources = sources
        self.options = options
        self.setup = setup
        self.harness = harness
    }

    package var verilatedFolder: URL { entry.appendingPathComponent("verilated") }
    package var objectFolder: URL { entry.appendingPathComponent("objects") }
    package var completed: Completed { state.completed ?? Completed(portList: [], warnings: "", runtimeArchive: "") }

    /// The entry's record if it finished building, else nil (or a throw when unreadable).
    package static func loadCompleted(_ entry: URL) throws -> Completed? {
        let done = entry.appendingPathComponent("done.json")
        guard let data = FileManager.default.contents(atPath: done.path) else { return nil }
        return try JSONDecoder().decode(Completed.self, from: data)
    }

    /// Builds the entry; returns how many C++ files were compiled.
    package func run(runtimeArchive: URL) throws -> Int {
        let files = FileManager.default
        try files.createDirectory(at: verilatedFolder, withIntermediateDirectories: true)
        try files.createDirectory(at: objectFolder, withIntermediateDirectories: true)
        // The XML run (a fifth of the model's verilate time) goes on the other core meanwhile.
        let runs = try parallelMap(count: 2) { index -> (warnings: String, order: [String], seconds: Double) in
            if index == 0 { return (try verilate(), [], 0) }
            let order = try writePortOrder()
            return ("", order.names, order.seconds)
        }
        let warnings = runs[0].warnings, order = runs[1].order
        // Logged here, not by the run: two threads appending to the log at once could lose a line.
        appendLog("port order (Verilator XML) \(String(format: "%.2f", runs[1].seconds)) s")

        let headerPath = verilatedFolder.appendingPathComponent("\(ModelRecipe.className).h")
        guard let header = try? String(contentsOf: headerPath, encoding: .utf8) else {
            throw VerilatorBuildError.io("Verilator wrote no \(headerPath.path)")
        }
        let table = PortTable(header: header).ordered(by: order)
        let modelHeader = table.modelHeader(className: ModelRecipe.className, top: sources.top, trace: options.trace)
        try Data(modelHeader.utf8).write(to: verilatedFolder.appendingPathComponent("serrano_model.h"))

        let classes = try VerilatedClassList(verilatedFolder.appendingPathComponent("\(ModelRecipe.className)_classes.mk"))
        var jobs = try unityJobs(classes.fast, group: "fast", optimization: options.optimization)
        jobs += try unityJobs(classes.slow, group: "slow", optimization: "-O0")
        jobs.append((harness.source, objectFolder.appendingPathComponent("serrano_harness.o"), options.optimization))
        try setup.compileAll(jobs, extraFlags: modelFlags)
        try link(objects: jobs.map(\.object), runtimeArchive: runtimeArchive)

        let record = Completed(
            portList: table.entries.map { Completed.Port(name: $0.name, direction: $0.direction.rawValue, width: $0.width) },
            warnings: warnings, runtimeArchive: runtimeArchive.path)
        state.completed = record
        // Written last: its presence is what marks the entry complete.
        try JSONEncoder().encode(record).write(to: entry.appendingPathComponent("done.json"), options: .atomic)
        return jobs.count
    }

    /// The compile jobs of one group of Verilated classes: `UnityChunks` of them, each written as
    /// `serrano_unity_GROUP_K.cpp` beside the Verilated files.
    private func unityJobs(_ classes: [String], group: String, optimization: String) throws -> [(source: URL, object: URL, optimization: String)] {
        let files = try classes.map { name -> (name: String, bytes: Int) in
            let file = name + ".cpp"
            let path = verilatedFolder.appendingPathComponent(file).path
            guard let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int else {
                throw VerilatorBuildError.io("Verilator listed \(file) but wrote no \(path)")
            }
            return (file, size)
        }
        return try UnityChunks.pack(files, slots: setup.slots.slots).enumerated().map { index, chunk in
            let name = "serrano_unity_\(group)_\(index)"
            let source = verilatedFolder.appendingPathComponent(name + ".cpp")
            try Data(UnityChunks.source(of: chunk).utf8).write(to: source)
            return (source, objectFolder.appendingPathComponent(name + ".o"), optimization)
        }
    }

    /// Preprocessor flags for the model's sources and the harness.
    package var modelFlags: [String] {
        [
            "-I\(verilatedFolder.path)", "-I\(harness.folder.path)",
            "-DVM_TRACE=\(options.trace == .none ? 0 : 1)",
            "-DVM_TRACE_FST=\(options.trace == .fst ? 1 : 0)", "-DVM_TRACE_VCD=\(options.trace == .vcd ? 1 : 0)",
        ] + RuntimeLibrary.hookFlags(harness.folder.appendingPathComponent("serrano_hooks.h"))
    }

    /// Libraries the model's library and the native benchmark loop link with.
    package var linkLibraries: [String] {
        (options.trace == .fst ? ["-lz"] : []) + ["-pthread", "-latomic"]
    }

    private func verilate() throws -> String {
        var arguments: [String] = [
            "--cc", "--prefix", ModelRecipe.className, "--top-module", sources.top, "-Mdir", verilatedFolder.path,
            "-Wno-fatal", "--no-timing",
        ]
        switch options.trace {
        case .none: break
        case .vcd: arguments.append("--trace")
        case .fst: arguments.append("--trace-fst")
        }
        if options.trace != .none {
            switch options.traceScope {
            case .topLevel:
                // Everything in the top module off but its ports (found in its ANSI header; a
                // header that cannot be read keeps the whole top module, as .topModule).
                arguments += ["--trace-depth", "1"]
                if let ports = TraceConfiguration.topPorts(top: sources.top, files: sources.files), !ports.isEmpty {
                    let config = verilatedFolder.appendingPathComponent("serrano_trace.vlt")
                    try Data(TraceConfiguration.vlt(top: sources.top, scopes: ports).utf8).write(to: config)
                    arguments.append(config.path)
                }
            case .topModule: arguments += ["--trace-depth", "1"]
            case .depth(let levels): arguments += ["--trace-depth", String(max(levels, 1))]
            case .all: break
            case .scopes(let scopes):
                let config = verilatedFolder.appendingPathComponent("serrano_trace.vlt")
                try Data(TraceConfiguration.vlt(top: sources.top, scopes: scopes).utf8).write(to: config)
                arguments.append(config.path)
            }
        }
        if let threads = options.threads { arguments += ["--threads", String(threads)] }
        arguments += designArguments
        let result = try ToolProcess.run(setup.toolchain.executable, arguments)
        appendLog("verilator \(String(format: "%.2f", result.seconds)) s")
        if result.status != 0 {
            throw VerilatorBuildError.toolFailed(ToolFailure(
                stage: "verilator", command: ([setup.toolchain.executable] + arguments).joined(separator: " "), output: result.output))
        }
        return result.output.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The parameters, the caller's flags and the files: what both Verilator runs read.
    private var designArguments: [String] {
        options.parameters.sorted(by: { $0.key < $1.key }).map { "-G\($0.key)=\($0.value)" } + options.verilatorFlags + sources.files.map(\.path)
    }

    /// Writes `serrano_port_order.txt`: the top module's port names in declaration order, from
    /// Verilator's `--xml-only` output for the same sources. The port table follows it, not the
    /// member order of the model header, which Verilator chooses by storage size and, with
    /// `--threads`, by thread affinity: so a threaded model lists its ports in the same order as
    /// a single-threaded one, and a testbench that walks `ports` drives the same values into both.
    private func writePortOrder() throws -> (names: [String], seconds: Double) {
        let xml = entry.appendingPathComponent("serrano_ports.xml")
        defer { try? FileManager.default.removeItem(at: xml) }
        let arguments: [String] = ["--xml-only", "--xml-output", xml.path, "--top-module", sources.top, "-Wno-fatal", "--no-timing"] + designArguments
        let result = try ToolProcess.run(setup.toolchain.executable, arguments)
        guard result.status == 0, let data = FileManager.default.contents(atPath: xml.path) else {
            throw VerilatorBuildError.toolFailed(ToolFailure(
                stage: "verilator --xml-only", command: ([setup.toolchain.executable] + arguments).joined(separator: " "), output: result.output))
        }
        let names = PortTable.declarationOrder(xml: String(decoding: data, as: UTF8.self))
        try Data(names.map { $0 + "\n" }.joined().utf8).write(to: verilatedFolder.appendingPathComponent(PortTable.orderFile))
        return (names, result.seconds)
    }

    private func link(objects: [URL], runtimeArchive: URL) throws {
        let library = entry.appendingPathComponent(ModelRecipe.libraryName)
        let arguments: [String] = ["-shared", "-o", library.path] + objects.map(\.path) + [
            runtimeArchive.path, "-Wl,--version-script=\(harness.exports.path)", "-Wl,-Bsymbolic", "-Wl,-z,defs",
        ] + linkLibraries
        let result = try setup.slots.withSlot { try ToolProcess.run(setup.path, arguments) }
        appendLog("link \(String(format: "%.2f", result.seconds)) s")
        if result.status != 0 {
            throw VerilatorBuildError.toolFailed(ToolFailure(
                stage: "link", command: ([setup.path] + arguments).joined(separator: " "), output: result.output))
        }
    }

    private func appendLog(_ line: String) {
        let log = entry.appendingPathComponent("build.log")
        let stamped = "\(ISO8601DateFormatter().string(from: Date())) pid \(ProcessInfo.processInfo.processIdentifier): \(line)\n"
        if let handle = try? FileHandle(forWritingTo: log) {
            handle.seekToEndOfFile()
            handle.write(Data(stamped.utf8))
            try? handle.close()
        } else {
            try? Data(stamped.utf8).write(to: log)
        }
    }
}

/// Mutable state of one recipe run (the recipe itself is a value).
final class RecipeState {
    var completed: ModelRecipe.Completed?
}

/// The C++ files Verilator generated, from `V<prefix>_classes.mk`: hot ("fast") and
/// construction-only ("slow") code.
struct VerilatedClassList {
    var fast: [String] = []
    var slow: [String] = []

    init(_ makefile: URL) throws {
        guard let text = try? String(contentsOf: makefile, encoding: .utf8) else {
            throw VerilatorBuildError.io("Verilator wrote no \(makefile.path)")
        }
        var current: String?
        for raw in text.split(separator: "\n") {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("#") { continue }
            if line.hasSuffix("+= \\") {
                current = line.split(separator: " ").first.map(String.init)
                continue
            }
            guard let variable = current else { continue }
            let name = line.replacingOccurrences(of: "\\", with: "").trimmingCharacters(in: .whitespaces)
            if name.isEmpty {
                current = nil
                continue
            }
            switch variable {
            case "VM_CLASSES_FAST", "VM_SUPPORT_FAST": fast.append(name)
            case "VM_CLASSES_SLOW", "VM_SUPPORT_SLOW": slow.append(name)
            default: break
            }
        }
    }
}

/// The `.vlt` file that limits tracing to the top module's ports plus chosen scopes or signals
/// (Verilator matches `-scope` patterns against `scope.signal` names).
enum TraceConfiguration {
    /// The port names of module `top` from its ANSI-style header (`module top (input … a, …);`),
    /// or nil when no file declares it that way.
    static func topPorts(top: String, files: [URL]) -> [String]? {
        for file in files {
            guard let text = try? String(contentsOf: file, encoding: .utf8) else { continue }
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            guard let start = lines.firstIndex(where: { line in
                let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "(" || $0 == "#" })
                return words.count >= 2 && words[0] == "module" && words[1] == Substring(top)
            }) else { continue }
            // The header up to `);`, without comments and bit ranges, one segment per port.
            var header = ""
            for raw in lines[start...] {
                header += raw.components(separatedBy: "//")[0] + " "
                if let end = header.range(of: ");") {
                    header = String(header[..<end.lowerBound])
                    break
                }
            }
            var depth = 0
            header = String(header.filter { character in
                if character == "[" { depth += 1 } else if character == "]" { depth -= 1; return false }
                return depth == 0
            })
            var names: [String] = []
            for segment in header.split(separator: ",") {
                let words = segment.split(whereSeparator: { " \t()\r".contains($0) })
                guard let direction = words.firstIndex(where: { ["input", "output", "inout"].contains($0) }),
                      let name = words[(direction + 1)...].last,
                      name.first.map({ $0.isLetter || $0 == "_" }) == true,
                      !["wire", "reg", "logic", "signed"].contains(name) else { continue }
                names.append(String(name))
            }
            return names
        }
        return nil
    }

    static func vlt(top: String, scopes: [String]) -> String {
        var text = "`verilator_config\n"
        text += "tracing_off -scope \"\(top).*\"\n"
        for scope in scopes {
            text += "tracing_on -scope \"\(top).\(scope)\" -levels 0\n"
        }
        return text
    }
}
