import Foundation
import Testing
@testable import SerranoSim
@testable import SerranoVerilator

@Suite("Build errors")
struct BuildErrorTests {
    @Test("bad Verilog fails with the Verilog file and line, and the Swift line from its comment")
    func verilatorErrorLocation() throws {
        let scratch = try ScratchCache("broken")
        defer { scratch.remove() }
        do {
            _ = try scratch.cache.build(Fixtures.broken)
            Issue.record("the broken design built")
        } catch VerilatorBuildError.toolFailed(let failure) {
            #expect(failure.stage == "verilator")
            #expect(failure.location?.file == Fixtures.url("broken.v").path)
            #expect(failure.location?.line == 6)
            #expect(failure.swiftLocation == FileLocation(file: "Broken.swift", line: 42))
            #expect(failure.headline.contains("missing_signal"))
            #expect(failure.description.contains("broken.v:6"))
            #expect(failure.description.contains("Broken.swift:42"))
        }
    }

    @Test("a missing Verilog file is named in the error")
    func missingFile() throws {
        let sources = VerilogSources(top: "ghost", files: [Fixtures.url("ghost.v")])
        #expect {
            try ModelCache.standard.build(sources)
        } throws: { error in
            "\(error)".contains("ghost.v")
        }
    }

    @Test("a C++ compiler error carries the compiler's output and the failing command")
    func compilerError() throws {
        let scratch = try ScratchCache("cxx")
        defer { scratch.remove() }
        // Its own runtime folder too: the runtime for these flags fails to compile, and nothing
        // of it should linger in the shared cache.
        let cache = ModelCache(directory: scratch.folder)
        do {
            _ = try cache.build(Fixtures.counter, options: VerilatorOptions(trace: .none, optimization: "-DEData=void"))
            Issue.record("the build succeeded")
        } catch VerilatorBuildError.toolFailed(let failure) {
            #expect(failure.stage == "compile")
            #expect(!failure.output.isEmpty)
            #expect(failure.command.contains("-DEData=void"))
            // The first error points into a C++ file with a line number.
            #expect(failure.location.map { $0.line > 0 && ($0.file.hasSuffix(".h") || $0.file.hasSuffix(".cpp")) } == true)
        }
    }

    @Test("compiler error lines are parsed into file, line and column")
    func compilerLocationParsing() {
        let output = "In file included from x.cpp:1:\n/tmp/Vmodel.cpp:12:5: error: expected ';'\n"
        #expect(ToolFailure.firstErrorLocation(in: output) == FileLocation(file: "/tmp/Vmodel.cpp", line: 12, column: 5))
        let verilator = "%Error-UNSUPPORTED: /x/a.v:3:9: Unsupported: thing\n"
        #expect(ToolFailure.firstErrorLocation(in: verilator) == FileLocation(file: "/x/a.v", line: 3, column: 9))
        #expect(ToolFailure.swiftLocation(in: "  assign x = y;  // Accelerator.swift:120") == FileLocation(file: "Accelerator.swift", line: 120))
        #expect(ToolFailure.swiftLocation(in: "  assign x = y;  // just a note") == nil)
    }

    @Test("Verilator older than 5.006, or not Verilator at all, is refused with the install hint")
    func versionFloor() throws {
        #expect(VerilatorToolchain.parseVersion("Verilator 5.006 2023-01-22 rev (Debian 5.006-3)")! == (5, 6))
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("serrano-fake-verilator-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for (name, line) in [("old", "Verilator 4.038 2020-07-11 rev v4.036-114"), ("other", "Icarus Verilog 11")] {
            let script = folder.appendingPathComponent(name)
            try Data("#!/bin/sh\necho '\(line)'\n".utf8).write(to: script)
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script.path)
            #expect {
                try VerilatorToolchain.inspect(script.path)
            } throws: { error in
                let text = "\(error)"
                return text.contains("5.006") && text.contains("apt-get install verilator")
            }
        }
        #expect(VerilatorBuildError.verilatorMissing.description.contains("apt-get install verilator"))
    }
}
