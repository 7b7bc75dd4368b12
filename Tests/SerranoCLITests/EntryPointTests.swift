import Foundation
import Serrano
import SerranoCLI
import Testing

/// A design of "another package": a registered doubler, accumulated.
private struct Accumulate: Module {
    let width: Int
    struct Ports { let add: Signal; let total: Signal }
    func ports(_ p: PortBuilder) -> Ports {
        Ports(add: p.input("add", .uint(8)), total: p.output("total", .uint(width)))
    }
    func build(_ io: Ports, _ c: Circuit) {
        let sum = c.reg("sum", .uint(width), reset: 0)
        sum.assign(sum &+ io.add)
        io.total.assign(sum)
    }
}

/// A module whose output nothing drives: elaboration reports it.
private struct Undriven: Module {
    struct Ports { let y: Signal }
    func ports(_ p: PortBuilder) -> Ports { Ports(y: p.output("y", .uint(4))) }
    func build(_ io: Ports, _ c: Circuit) {}
}

/// `SerranoCommand.run(_:designs:commandName:)` is what `main(designs:)` calls; the registry is
/// global, so these run one at a time.
@Suite(.serialized)
struct EntryPointTests {
    private let designs = [
        DesignEntry("acc", summary: "an accumulator") { Accumulate(width: 16) },
        DesignEntry("wide") { Accumulate(width: 40) },
    ]

    private func scratch() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("serrano-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func generatesAndLintsTheRegisteredDesigns() throws {
        let out = try scratch()
        defer { try? FileManager.default.removeItem(at: out) }
        #expect(SerranoCommand.run(["generate", "--all", "--out", out.path], designs: designs, commandName: "mytool") == 0)
        let acc = try FileManager.default.contentsOfDirectory(atPath: out.appendingPathComponent("acc").path).sorted()
        #expect(acc.contains("Accumulate_width16.v"))
        #expect(acc.contains("Accumulate_width16.f"))
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("wide/Accumulate_width40.v").path))
        #expect(SerranoCommand.run(["lint", out.path], designs: designs, commandName: "mytool") == 0)
    }

    @Test func generatesOneDesignByName() throws {
        let out = try scratch()
        defer { try? FileManager.default.removeItem(at: out) }
        #expect(SerranoCommand.run(["generate", "--design", "wide", "--out", out.path], designs: designs, commandName: "mytool") == 0)
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("wide").path))
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("acc").path))
    }

    @Test func unknownDesignsAndSerranosOwnCommandsAreUsageErrors() throws {
        let out = try scratch()
        defer { try? FileManager.default.removeItem(at: out) }
        // A built-in example is not one of this tool's designs.
        #expect(SerranoCommand.run(["generate", "--design", "counter", "--out", out.path], designs: designs, commandName: "mytool") == 2)
        // `demo` and `fuzz` are about Serrano itself, not offered for a package's designs.
        #expect(SerranoCommand.run(["demo"], designs: designs, commandName: "mytool") == 2)
        #expect(SerranoCommand.run(["fuzz"], designs: designs, commandName: "mytool") == 2)
        #expect(SerranoCommand.run(["--help"], designs: designs, commandName: "mytool") == 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path).isEmpty)
    }

    @Test func aDesignThatDoesNotElaborateExitsWithTwo() throws {
        let out = try scratch()
        defer { try? FileManager.default.removeItem(at: out) }
        let broken = [DesignEntry("broken") { Undriven() }]
        #expect(SerranoCommand.run(["generate", "--all", "--out", out.path], designs: broken, commandName: "mytool") == 2)
    }
}
