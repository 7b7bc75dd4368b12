import Testing
import Serrano

/// Errors are blamed on the line that made them, and a library module's own check comes first,
/// without the noise of what it could not build.
@Suite("Diagnostic blame")
struct DiagnosticBlameTests {
    @Test("an out-of-range slice whose result is unused is blamed on the slice, not on elaborate()")
    func unusedSliceBlamesItsLine() throws {
        var line = 0
        let module = Probe(ports: { p in (p.input("a", .uint(8)), p.output("y", .uint(8))) }) { io, _ in
            io.1.assign(io.0)
            line = #line + 1
            _ = io.0[11, 4]
        }
        let found = diagnostics(of: module)  // elaborate() is called in Probe.swift
        #expect(found.count == 1)
        let diagnostic = try #require(found.first)
        #expect(diagnostic.message.hasPrefix("bits [11, 4] are out of range for a UInt(8) value"))
        #expect(diagnostic.location.line == line)
        #expect(diagnostic.location.filePath.hasSuffix("Tests/SerranoTests/DiagnosticBlameTests.swift"))
    }

    @Test("a used slice out of range, in a longer statement, is blamed on its own line too")
    func usedSliceBlamesItsLine() throws {
        var line = 0
        let module = Probe(ports: { p in (p.input("a", .uint(8)), p.output("y", .uint(4))) }) { io, _ in
            io.1.assign(
                io.0[3, 0]
                    &+ io.0[
                        9, 6]
            )
            line = #line - 3
        }
        let diagnostic = try #require(diagnostics(of: module).first { $0.kind == .invalidArgument })
        #expect(diagnostic.location.line == line)
    }

    @Test("a truncation or an extension that cannot be made is blamed on its line")
    func resizeBlamesItsLine() throws {
        var lines: [Int] = []
        let module = Probe(ports: { p in (p.input("a", .uint(8)), p.output("y", .uint(8))) }) { io, _ in
            lines.append(#line + 1)
            _ = io.0.truncated(to: 0)
            lines.append(#line + 1)
            _ = io.0.extended(to: 4)
            io.1.assign(io.0)
        }
        let found = diagnostics(of: module)
        #expect(found.map(\.location.line) == lines)
    }

    @Test("Queue(depth: 1) reports its depth first, at the user's line, and nothing from inside Queue.swift")
    func queueDepthOne() throws {
        var line = 0
        let module = Probe(ports: { p in (p.input("a", .uint(8)), p.output("y", .uint(8))) }) { io, c in
            line = #line + 1
            let queue = c.instance(Queue(.uint(8), depth: 1), "queue")
            queue.enq.valid.assign(1)
            queue.enq.bits.assign(io.0)
            queue.deq.ready.assign(1)
            io.1.assign(queue.deq.bits)
        }
        let found = diagnostics(of: module)
        let first = try #require(found.first)
        #expect(first.message.hasPrefix("a Queue needs a depth of at least 2, got 1"))
        #expect(first.location.line == line)
        #expect(first.location.filePath.hasSuffix("Tests/SerranoTests/DiagnosticBlameTests.swift"))
        #expect(found.count == 1, "\(found.map(\.description))")
        #expect(!found.contains { $0.location.fileID.hasSuffix("Queue.swift") })
    }

    @Test("a module of one's own that stops at c.require reports only that, not its undriven ports")
    func requireSuppressesUndrivenNoise() throws {
        struct Burst: Module {
            let burst: Int
            struct Ports { let a: Signal; let y: Signal }
            func ports(_ p: PortBuilder) -> Ports { Ports(a: p.input("a", .uint(8)), y: p.output("y", .uint(8))) }
            func build(_ io: Ports, _ c: Circuit) {
                guard c.require(burst.nonzeroBitCount == 1, "burst \(burst) is not a power of two") else { return }
                io.y.assign(io.a)
            }
        }
        let module = Probe(ports: { p in (p.input("a", .uint(8)), p.output("y", .uint(8))) }) { io, c in
            let child = c.instance(Burst(burst: 3), "dma")
            child.a.assign(io.0)
            io.1.assign(child.y)
        }
        let found = diagnostics(of: module)
        #expect(found.count == 1, "\(found.map(\.description))")
        #expect(found.first?.message.hasPrefix("burst 3 is not a power of two") == true)
        // An undriven output of a module with no error of its own is still reported.
        let quiet = Probe(ports: { p in p.output("y", .uint(8)) }) { _, _ in }
        #expect(diagnostics(of: quiet).map(\.kind) == [.undriven])
    }
}
