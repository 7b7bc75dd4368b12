import ArgumentParser
import Foundation
import Serrano
import SerranoExamples
import SerranoVerilog

/// `serrano generate`: elaborate designs and write their Verilog.
struct GenerateCommand: ParsableCommand {
    static var configuration: CommandConfiguration { CommandConfiguration(
        commandName: "generate",
        abstract: "Generate Verilog for the designs this command knows.",
        discussion: "Each design goes to its own folder under --out: one .v per module and per SRAM shape, a .f file list and a .names.json name map. Designs: \(DesignRegistry.names).\n\n\(OutputHelp.text)") }

    @Flag(name: [.customLong("all"), .customLong("examples")], help: "Generate every design.")
    var examples = false

    @Option(name: [.customLong("design"), .customLong("example")], help: "Generate one design (may repeat).")
    var names: [String] = []

    @Option(help: "The folder to write into; each design gets a subfolder.")
    var out: String = "rtl"

    func validate() throws {
        if !examples && names.isEmpty {
            throw ValidationError("say what to generate: --all, or --design NAME (one of \(DesignRegistry.all.map(\.name).joined(separator: ", ")))")
        }
        for name in names where DesignRegistry.named(name) == nil {
            throw ValidationError("unknown design '\(name)'; known: \(DesignRegistry.all.map(\.name).joined(separator: ", "))")
        }
    }

    func run() throws {
        let entries = examples ? DesignRegistry.all : names.compactMap(DesignRegistry.named)
        let root = URL(fileURLWithPath: out)
        for entry in entries {
            let result = try RTLGeneration.generate(entry, into: root.appendingPathComponent(entry.name))
            print(result.summary)
        }
    }
}
