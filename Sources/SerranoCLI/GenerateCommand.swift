import ArgumentParser
import Foundation
import Serrano
import SerranoExamples
import SerranoVerify
import SerranoVerilog
import GoldenModel

/// `serrano generate`: elaborate designs and write their Verilog.
struct GenerateCommand: ParsableCommand {
    static var configuration: CommandConfiguration { CommandConfiguration(
        commandName: "generate",
        abstract: "Generate Verilog for the accelerator or the designs this command knows.",
        discussion: "Each design goes to its own folder under --out: one .v per module and per SRAM shape, a .f file list and a .names.json name map; an accelerator folder (--config) also gets its config.json. Accelerator configurations: \(AcceleratorConfig.named.map(\.name).joined(separator: ", ")), or a .json file with the fields \(AcceleratorConfigFile.fields.joined(separator: ", ")). Designs: \(DesignRegistry.names).\n\n\(OutputHelp.text)") }

    @Flag(name: [.customLong("all"), .customLong("examples")], help: "Generate every design.")
    var examples = false

    @Option(name: [.customLong("design"), .customLong("example")], help: "Generate one design (may repeat).")
    var names: [String] = []

    @Option(name: .customLong("config"), help: "Generate the accelerator for a configuration: a name or a .json file (may repeat).")
    var configs: [String] = []

    @Option(help: "The folder to write into; each design gets a subfolder.")
    var out: String = "rtl"

    func validate() throws {
        if !examples && names.isEmpty && configs.isEmpty {
            throw ValidationError("say what to generate: --config NAME|FILE, --all, or --design NAME (one of \(DesignRegistry.all.map(\.name).joined(separator: ", ")))")
        }
        for name in names where DesignRegistry.named(name) == nil {
            throw ValidationError("unknown design '\(name)'; known: \(DesignRegistry.all.map(\.name).joined(separator: ", "))")
        }
    }

    func run() throws {
        let entries = examples ? DesignRegistry.all : names.compactMap(DesignRegistry.named)
        let root = URL(fileURLWithPath: out)
        for name in configs {
            let start = Date()
            let resolved: (name: String, config: AcceleratorConfig)
            let files: [GeneratedFile]
            do {
                resolved = try AcceleratorConfigFile.resolve(name)
                files = try AcceleratorRTL.files(resolved.config)
            } catch {
                throw UsageFailure("serrano generate: \(error)")
            }
            let result = try RTLGeneration.write(resolved.name, files: files, into: root.appendingPathComponent(resolved.name), since: start)
            print(result.summary + " · \(resolved.config)")
        }
        for entry in entries {
            let result = try RTLGeneration.generate(entry, into: root.appendingPathComponent(entry.name))
            print(result.summary)
        }
    }
}
