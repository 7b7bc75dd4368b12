import Foundation
import GoldenModel

/// A folder of accelerator Verilog that did not necessarily come from the generator — the
/// generated `rtl/<config>/` after a hand edit, or a gate-level netlist — with the
/// `config.json` that says which configuration it implements.
public struct VerilogFolder {
    public let folder: URL
    /// Its `.v` files, sorted.
    public let files: [URL]
    /// Its configuration: from `config.json`, unless the caller gave one.
    public let config: AcceleratorConfig
    public let name: String

    public init(path: String, config override: String? = nil) throws {
        let folder = URL(fileURLWithPath: path)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ConfigFileError("--rtl \(path) is not a folder")
        }
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else {
            throw ConfigFileError("--rtl \(path) cannot be read")
        }
        let verilog = names.filter { $0.hasSuffix(".v") }.sorted().map { folder.appendingPathComponent($0) }
        guard !verilog.isEmpty else { throw ConfigFileError("--rtl \(path) holds no .v files") }
        if let override {
            (name, config) = try AcceleratorConfigFile.resolve(override)
        } else {
            let file = folder.appendingPathComponent(AcceleratorRTL.configFileName).path
            guard FileManager.default.fileExists(atPath: file) else {
                throw ConfigFileError("--rtl \(path) has no \(AcceleratorRTL.configFileName): say which configuration it implements with --config")
            }
            config = try AcceleratorConfigFile.load(path: file)
            name = folder.lastPathComponent
        }
        self.folder = folder
        self.files = verilog
    }
}
