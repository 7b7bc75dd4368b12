import Foundation
import Testing
import Serrano
import SerranoIR

/// Diagnostics name the place an editor can jump to: the path relative to the package root,
/// the line and the column. Generated Verilog keeps the machine-independent `File.swift:LINE`.
@Suite("Diagnostic locations")
struct DiagnosticLocationTests {
    @Test("a DSL call's diagnostic prints the package-relative path, the line and the column")
    func packageRelativePathAndColumn() throws {
        var line = 0
        let module = Probe(ports: { p in (p.input("a", .uint(8)), p.output("y", .uint(4))) }) { io, _ in
            line = #line + 1
            io.1.assign(io.0)
        }
        let diagnostic = try #require(diagnostics(of: module).first)
        #expect(diagnostic.location.line == line)
        #expect(diagnostic.location.column == 24)  // the call's argument list: `assign(`
        #expect(diagnostic.description.hasPrefix("Tests/SerranoTests/DiagnosticLocationTests.swift:\(line):24: error: "))
        // The Verilog form stays the file name and line.
        #expect(diagnostic.location.description == "DiagnosticLocationTests.swift:\(line)")
    }

    @Test("the path is relative to the nearest folder above the file that holds a Package.swift")
    func nearestPackageRoot() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("serrano-location-\(UUID().uuidString)")
        let inner = root.appendingPathComponent("Sources/My")
        try FileManager.default.createDirectory(at: inner, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        try Data("// swift-tools-version:6.0\n".utf8).write(to: root.appendingPathComponent("Package.swift"))
        let file = inner.appendingPathComponent("Mistakes.swift").path
        let location = SerranoIR.SourceLocation(fileID: "My/Mistakes.swift", filePath: file, line: 159, column: 14)
        #expect(location.editorDescription == "Sources/My/Mistakes.swift:159:14")
        #expect(location.description == "Mistakes.swift:159")
    }

    @Test("outside any package and the current directory the path stays absolute; no column, no column shown")
    func fallbacks() {
        let absolute = "/nonexistent-serrano-\(UUID().uuidString)/My/Mistakes.swift"
        #expect(SourceLocation(fileID: "My/Mistakes.swift", filePath: absolute, line: 3, column: 9).editorDescription == "\(absolute):3:9")
        #expect(SourceLocation(fileID: "My/Mistakes.swift", filePath: absolute, line: 3).editorDescription == "\(absolute):3")
        // Made by hand (IR tests, passes): the file name, as before.
        #expect(SourceLocation(fileID: "My/Mistakes.swift", line: 3).editorDescription == "Mistakes.swift:3")
    }

    @Test("generated Verilog comments carry no machine-specific path")
    func verilogCommentsStayPortable() throws {
        let module = Probe(ports: { p in (p.input("a", .uint(8)), p.output("y", .uint(8))) }) { io, _ in
            io.1.assign(io.0 &+ 1)
        }
        let design = try Elaboration.elaborate(module).get()
        let nodeLocations = design.modules.flatMap { $0.nodes.map(\.location) }
        #expect(nodeLocations.contains { $0.filePath.hasSuffix("Tests/SerranoTests/DiagnosticLocationTests.swift") })
        #expect(nodeLocations.allSatisfy { !$0.description.contains("/") })
    }
}
