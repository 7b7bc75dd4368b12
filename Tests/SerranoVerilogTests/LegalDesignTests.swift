import Foundation
import SerranoIR
import SerranoSupport
import SerranoVerilog
import Testing

/// A checked design is a type: the printer (and the interpreter, and the Verilator backend's
/// `VerilogSources(printing:into:)`) take a `LegalDesign`, and only `Legalization.run` makes one.
/// "Printed before it was checked" is a compile error, which these tests show by type-checking
/// small programs against the built modules.
@Suite struct LegalDesignTests {
    /// The folder of the built `.swiftmodule`s: beside the test bundle, or under `.build/debug`.
    static func modulesFolder() -> URL? {
        var candidates: [URL] = []
        if let executable = Bundle.main.executableURL {
            candidates.append(executable.deletingLastPathComponent().appendingPathComponent("Modules"))
        }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        candidates.append(root.appendingPathComponent(".build/debug/Modules"))
        return candidates.first { FileManager.default.fileExists(atPath: $0.appendingPathComponent("SerranoVerilog.swiftmodule").path) }
    }

    /// Type-checks `source` against SerranoIR and SerranoVerilog; returns the compiler's errors.
    static func typeCheck(_ source: String, label: String) throws -> (status: Int32, output: String) {
        let modules = try #require(modulesFolder(), "no built SerranoVerilog.swiftmodule found next to the tests or in .build/debug")
        let swiftc = try #require(ToolProcess.find("swiftc"), "swiftc is not on PATH")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("serrano-legal-\(label)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("main.swift")
        try ("import SerranoIR\nimport SerranoVerilog\n" + source).write(to: file, atomically: true, encoding: .utf8)
        let result = try ToolProcess.run(swiftc, ["-typecheck", "-I", modules.path, file.path], in: folder)
        return (result.status, result.output)
    }

    static let unchecked = "let unchecked = Design(modules: [IRModule(name: \"Raw\", location: .synthesized)], topName: \"Raw\")\n"

    @Test func theLegalizedPathCompiles() throws {
        // The control: the same program through legalization type-checks, so the failures below
        // are about the types, not about the harness.
        let result = try Self.typeCheck(Self.unchecked + "_ = try VerilogPrinter.print(Legalization.run(unchecked).get())\n", label: "ok")
        #expect(result.status == 0, "\(result.output)")
    }

    @Test func printingAnUncheckedDesignDoesNotCompile() throws {
        let result = try Self.typeCheck(Self.unchecked + "_ = try VerilogPrinter.print(unchecked)\n", label: "print")
        #expect(result.status != 0)
        #expect(result.output.contains("cannot convert value of type 'Design' to expected argument type 'LegalDesign'"), "\(result.output)")
    }

    @Test func onlyLegalizationMakesALegalDesign() throws {
        let result = try Self.typeCheck(Self.unchecked + "_ = LegalDesign(checked: unchecked)\n", label: "init")
        #expect(result.status != 0)
        #expect(result.output.contains("initializer is inaccessible"), "\(result.output)")
    }

    @Test func aRejectedDesignGivesDiagnosticsNotALegalDesign() {
        var builder = IRBuilder(name: "Raw", countingLinesIn: "Tests/Raw.swift")
        _ = builder.output("y", .uint(4))  // never driven
        guard case .failure(let error) = Legalization.run(Design(modules: [builder.module], topName: "Raw")) else {
            Issue.record("an undriven output legalized")
            return
        }
        #expect(error.description.contains("'y'"), "\(error.description)")
    }
}
