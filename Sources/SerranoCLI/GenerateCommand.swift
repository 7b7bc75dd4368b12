import ArgumentParser
import Foundation
import Serrano
import SerranoExamples
import SerranoVerilog

/// `serrano generate`: elaborate designs and write their Verilog.
struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Generate Verilog for the example designs.",
        discussion: "Each design goes to its own folder under --out: one .v per module and per SRAM shape, a .f file list and a .names.json name map. Examples: \(Examples.all.map(\.name).joined(separator: ", ")).\n\n\(OutputHelp.text)")

    @Flag(help: "Generate every example design.")
    var examples = false

    @Option(name: .customLong("example"), help: "Generate one example (may repeat).")
    var names: [String] = []

    @Option(help: "The folder to write into; each design gets a subfolder.")
    var out: String = "rtl"

    func validate() throws {
        if !examples && names.isEmpty {
            throw ValidationError("say what to generate: --examples, or --example NAME (one of \(Examples.all.map(\.name).joined(separator: ", ")))")
        }
        for name in names where Examples.named(name) == nil {
            throw ValidationError("unknown example '\(name)'; known: \(Examples.all.map(\.name).joined(separator: ", "))")
        }
    }

    func run() throws {
        let entries = examples ? Examples.all : names.compactMap(Examples.named)
        let root = URL(fileURLWithPath: out)
        for entry in entries {
            let result = try RTLGeneration.generate(entry, into: root.appendingPathComponent(entry.name))
            print(result.summary)
        }
    }
}
