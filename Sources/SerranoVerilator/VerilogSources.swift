import Foundation
import SerranoIR
import SerranoSim
import SerranoVerilog

/// The design a Verilator model is built from: a top module and its Verilog files.
public struct VerilogSources: Sendable, Hashable {
    /// The top module's name.
    public let top: String
    /// The Verilog files, in the order Verilator reads them.
    public let files: [URL]

    public init(top: String, files: [URL]) {
        self.top = top
        self.files = files
    }

    /// Reads a file list: one path a line, relative to the list's folder; `#` and `//` start
    /// comments.
    public init(top: String, fileList: URL) throws {
        guard let text = try? String(contentsOf: fileList, encoding: .utf8) else {
            throw VerilatorBuildError.unreadableSource("cannot read file list \(fileList.path)")
        }
        let folder = fileList.deletingLastPathComponent()
        var files: [URL] = []
        for raw in text.split(separator: "\n") {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") || line.hasPrefix("//") { continue }
            files.append(line.hasPrefix("/") ? URL(fileURLWithPath: line) : folder.appendingPathComponent(line))
        }
        self.init(top: top, files: files)
    }

    /// The files' contents, in order; fails with the path of the first unreadable one.
    func contents() throws -> [Data] {
        if files.isEmpty { throw VerilatorBuildError.unreadableSource("no Verilog files given for top module \(top)") }
        return try files.map { file in
            guard let data = FileManager.default.contents(atPath: file.path) else {
                throw VerilatorBuildError.unreadableSource("cannot read Verilog file \(file.path)")
            }
            return data
        }
    }
}

extension VerilogSources {
    /// The Verilator backend's way in from a checked design: prints `design` into `folder`
    /// (created when missing) and reads back its file list.
    public init(printing design: LegalDesign, into folder: URL) throws {
        try VerilogPrinter.print(design).write(to: folder)
        try self.init(top: design.topName, fileList: folder.appendingPathComponent("\(design.topName).f"))
    }
}
