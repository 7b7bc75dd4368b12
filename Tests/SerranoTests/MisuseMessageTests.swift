import Foundation
import SerranoSupport
import Testing

/// What Swift says for the usual misuse of signals: the words the README's table quotes. Where
/// Swift allows a hook (an unavailable overload), the message says what to write instead.
@Suite("Swift misuse messages")
struct MisuseMessageTests {
    static let snippet = """
        import Serrano
        struct Misuse: Module {
            struct Ports { let a: Signal; let b: Signal; let sel: Signal; let y: Signal }
            func ports(_ p: PortBuilder) -> Ports {
                Ports(a: p.input("a", .uint(8)), b: p.input("b", .uint(8)), sel: p.input("sel", .uint(2)), y: p.output("y", .uint(8)))
            }
            func build(_ io: Ports, _ c: Circuit) {
                let same = io.a == io.b
                let below = io.a < io.b
                switch io.sel {
                case 0: io.y.assign(io.a)
                default: io.y.assign(io.b)
                }
                if io.sel { io.y.assign(0) }
                let picked = io.sel[0] ? io.a : io.b
                _ = (same, below, picked)
            }
        }
        """

    /// Type-checks `snippet` against the Serrano module this test binary was built with.
    static func compilerOutput(_ source: String) throws -> String {
        let binaryFolder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        let candidates = [binaryFolder.appendingPathComponent("Modules"),
                          URL(fileURLWithPath: #filePath).deletingLastPathComponent()
                              .appendingPathComponent("../../.build/debug/Modules").standardized]
        let modules = try #require(candidates.first { FileManager.default.fileExists(atPath: $0.appendingPathComponent("Serrano.swiftmodule").path) },
                                   "no Serrano.swiftmodule next to the test binary (\(binaryFolder.path))")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("serrano-misuse-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("Misuse.swift")
        try Data(source.utf8).write(to: file)
        let swiftc = try #require(ToolProcess.find("swiftc"), "swiftc is not on PATH")
        let result = try ToolProcess.run(swiftc, ["-typecheck", "-I", modules.path, file.path])
        #expect(result.status != 0, "the misuse compiled")
        return result.output
    }

    @Test("==, < and a switch over a signal name the DSL spelling; if and ?: get Swift's own words")
    func messages() throws {
        let output = try Self.compilerOutput(Self.snippet)
        #expect(output.contains("'==' is unavailable: use .== for a hardware comparison"), "\(output)")
        #expect(output.contains("'<' is unavailable: use .< for a hardware comparison"), "\(output)")
        #expect(output.contains("'~=' is unavailable: a Swift switch cannot see a hardware value: use c.switch(selector)"), "\(output)")
        // No hook: `if` and `?:` need a Swift Bool, and Swift has no user conversion to one.
        #expect(output.contains("cannot convert value of type 'Signal' to expected condition type 'Bool'"), "\(output)")
    }

    @Test("`:=` is not an operator Swift can parse")
    func colonEquals() throws {
        let output = try Self.compilerOutput("""
            import Serrano
            func build(_ y: Signal, _ x: Signal) {
                y := x
            }
            """)
        #expect(output.contains("consecutive statements on a line must be separated by ';'"), "\(output)")
    }
}
