import Foundation
import Testing

/// The package's layering, as README's "Architecture" draws it: each rule reads the sources'
/// `import` lines, and the README's arrows are compared with Package.swift's dependencies.
@Suite("architecture: what each target may import")
struct ArchitectureTests {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let libraries = [
        "SerranoSupport", "SerranoFiles", "SerranoIR", "Serrano", "SerranoExamples", "SerranoVerilog", "SerranoWaves",
        "SerranoSim", "SerranoVerilator", "GoldenModel", "Accelerator", "SerranoVerify", "SerranoReport", "SerranoCLI",
    ]
    static let targets = libraries + ["SerranoBench", "serrano"]
    static let simulators = ["SerranoSim", "SerranoVerilator", "SerranoVerify", "SerranoReport"]

    /// The package targets `target`'s sources import.
    static func imports(of target: String) throws -> Set<String> {
        let folder = root.appendingPathComponent("Sources/\(target)")
        guard let files = FileManager.default.enumerator(atPath: folder.path) else { return [] }
        var found = Set<String>()
        let pattern = try Regex(#"^(?:@testable |@_exported )?import (?:struct |enum |class )?(\w+)"#).anchorsMatchLineEndings()
        for case let file as String in files where file.hasSuffix(".swift") {
            let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            for match in text.matches(of: pattern) {
                if let name = match.output[1].substring.map(String.init), targets.contains(name), name != target { found.insert(name) }
            }
        }
        return found
    }

    @Test("the leaves import no other target; GoldenModel knows no hardware and no files",
          arguments: ["GoldenModel", "SerranoSupport", "SerranoFiles", "SerranoIR"])
    func leaves(target: String) throws {
        let found = try Self.imports(of: target)
        #expect(found.isEmpty, "\(target) imports \(found.sorted())")
    }

    @Test("the DSL, IR, printer, waveform and example targets import no simulator",
          arguments: ["Serrano", "SerranoIR", "SerranoWaves", "SerranoVerilog", "SerranoExamples"])
    func noSimulator(target: String) throws {
        let forbidden = try Self.imports(of: target).intersection(Self.simulators + ["Accelerator", "SerranoCLI", "SerranoBench"])
        #expect(forbidden.isEmpty, "\(target) imports \(forbidden.sorted())")
    }

    @Test("the interpreter does not know the printer or Verilator; the chip knows only the DSL and the golden model")
    func simulatorAndChip() throws {
        let sim = try Self.imports(of: "SerranoSim")
        #expect(sim.isDisjoint(with: ["SerranoVerilog", "SerranoVerilator", "SerranoVerify", "Accelerator"]), "\(sim.sorted())")
        let chip = try Self.imports(of: "Accelerator")
        #expect(chip.isSubset(of: ["Serrano", "SerranoIR", "GoldenModel"]), "\(chip.sorted())")
    }

    @Test("no library imports the command line or the bench", arguments: libraries)
    func noCommandLine(target: String) throws {
        let forbidden = try Self.imports(of: target).intersection(target == "SerranoCLI" ? ["SerranoBench", "serrano"] : ["SerranoCLI", "SerranoBench", "serrano"])
        #expect(forbidden.isEmpty, "\(target) imports \(forbidden.sorted())")
    }

    /// `X → a, b,` lines (with continuation lines) of README's Architecture picture.
    static func readmeArrows() throws -> [String: Set<String>] {
        let text = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
        guard let section = text.range(of: "## Architecture"), let open = text.range(of: "```\n", range: section.upperBound..<text.endIndex),
              let close = text.range(of: "```", range: open.upperBound..<text.endIndex) else { return [:] }
        var arrows: [String: Set<String>] = [:]
        var current: String?
        for line in text[open.upperBound..<close.lowerBound].split(separator: "\n") {
            let parts = line.components(separatedBy: "→")
            if parts.count == 2 {
                current = parts[0].trimmingCharacters(in: .whitespaces)
            } else if !line.hasPrefix(" ") {
                current = nil
                continue
            }
            guard let name = current else { continue }
            let names = (parts.last ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            arrows[name, default: []].formUnion(names)
        }
        return arrows
    }

    /// Each target's dependencies in Package.swift.
    static func manifestDependencies() throws -> [String: Set<String>] {
        let text = try String(contentsOf: root.appendingPathComponent("Package.swift"), encoding: .utf8)
        let pattern = try Regex(#"\.target\(\s*name: "(\w+)",\s*dependencies: \[([^\]]*)\]"#)
        var result: [String: Set<String>] = [:]
        for match in text.matches(of: pattern) {
            guard let name = match.output[1].substring, let list = match.output[2].substring else { continue }
            let quoted = try Regex(#"^\s*"(\w+)""#).anchorsMatchLineEndings()
            let names = list.split(separator: ",").compactMap { item in item.firstMatch(of: quoted)?.output[1].substring.map(String.init) }
            result[String(name)] = Set(names)
        }
        return result
    }

    @Test("README's arrows are Package.swift's dependencies")
    func readmeMatchesManifest() throws {
        let arrows = try Self.readmeArrows()
        let manifest = try Self.manifestDependencies()
        let drawn = ["Serrano", "SerranoExamples", "SerranoVerilog", "SerranoWaves", "SerranoSim", "SerranoVerilator",
                     "Accelerator", "SerranoVerify", "SerranoReport"]
        for target in drawn {
            #expect(arrows[target] == manifest[target], "\(target): README \(arrows[target]?.sorted() ?? []), Package.swift \(manifest[target]?.sorted() ?? [])")
        }
        // The leaves have no dependencies at all.
        for leaf in ["SerranoSupport", "SerranoFiles", "SerranoIR", "GoldenModel"] { #expect(manifest[leaf] == nil || manifest[leaf] == []) }
    }

    /// Every `.swift` file under `folder` (relative to the package root), with its text.
    static func sources(under folder: String) throws -> [(path: String, text: String)] {
        let base = root.appendingPathComponent(folder)
        guard let files = FileManager.default.enumerator(atPath: base.path) else { return [] }
        var result: [(path: String, text: String)] = []
        for case let file as String in files where file.hasSuffix(".swift") {
            result.append(("\(folder)/\(file)", try String(contentsOf: base.appendingPathComponent(file), encoding: .utf8)))
        }
        return result.sorted { $0.path < $1.path }
    }

    @Test("IR is made in one place: outside SerranoIR no source constructs nodes, ports, registers, memories, instances, connections, blocks or checks")
    func oneIRBuilder() throws {
        let construction = try Regex(#"(?:^|[^.\w])(?:Node\(\.|Port\(name:|Memory\(name:|Register\(node:|Instance\(name:|Connection\(target:|ConditionalBlock\(parent:|Check\(kind:)"#)
        var offenders: [String] = []
        for file in try Self.sources(under: "Sources") where !file.path.hasPrefix("Sources/SerranoIR/") {
            if file.text.contains(construction) { offenders.append(file.path) }
        }
        #expect(offenders.isEmpty, "build IR with SerranoIR's IRBuilder, not by hand: \(offenders)")
        let builder = try String(contentsOf: Self.root.appendingPathComponent("Sources/SerranoIR/Core/IRBuilder.swift"), encoding: .utf8)
        #expect(builder.contains("isDefault: true"), "the builder gives memories their idle defaults")
    }

    @Test("a LegalDesign is made only by Legalization, and the printer and the interpreter take nothing else")
    func legalDesignHasOneMaker() throws {
        var makers: [String] = []
        for file in try Self.sources(under: "Sources") where file.text.contains("LegalDesign(checked:") { makers.append(file.path) }
        #expect(makers == ["Sources/SerranoIR/Passes/Legalization.swift"], "\(makers)")
        let printer = try String(contentsOf: Self.root.appendingPathComponent("Sources/SerranoVerilog/Printer/VerilogPrinter.swift"), encoding: .utf8)
        let interpreter = try String(contentsOf: Self.root.appendingPathComponent("Sources/SerranoSim/Interpreter/IRInterpreter.swift"), encoding: .utf8)
        #expect(!printer.contains("_ design: Design)") && printer.contains("_ design: LegalDesign)"))
        #expect(!interpreter.contains("init(design: Design)") && interpreter.contains("init(design: LegalDesign)"))
    }

    @Test("one SystolicArrayDriver, in SerranoVerify, for the DSL example and the Verilog fixture alike")
    func oneSystolicArrayDriver() throws {
        let declaration = "struct " + "SystolicArrayDriver"  // split, so that this file does not match
        var homes: [String] = []
        for folder in ["Sources", "Tests"] {
            for file in try Self.sources(under: folder) where file.text.contains(declaration) { homes.append(file.path) }
        }
        #expect(homes == ["Sources/SerranoVerify/Drivers/SystolicArrayDriver.swift"], "\(homes)")
    }
}
