import Accelerator
import GoldenModel
import SerranoVerilog

/// The accelerator's generated files for a configuration: its Verilog (one file per module and
/// SRAM shape, the file list and the name map) and `config.json`, so that a folder of Verilog
/// says what it is (`serrano verify --rtl DIR` reads it back).
public enum AcceleratorRTL {
    public static let configFileName = "config.json"

    public static func files(_ config: AcceleratorConfig, mutation: Mutation? = nil) throws -> [GeneratedFile] {
        let design = try Accelerator.elaborate(config, mutation: mutation)
        return try VerilogPrinter.print(design) + [GeneratedFile(name: configFileName, contents: AcceleratorConfigFile.json(config))]
    }
}
