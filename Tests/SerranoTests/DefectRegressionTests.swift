import Serrano
import SerranoIR
import Testing

/// The DSL defects of issue 9, each pinned by the test that failed (hung or crashed) before its fix.
@Suite("DSL defect regressions")
struct DefectRegressionTests {
    @Test("minimumWidth of a negative value read as unsigned ends (it looped forever)")
    func minimumWidthOfNegativeUnsigned() {
        #expect(BitVector.minimumWidth(of: -1, signed: false) == 1)
        #expect(BitVector.minimumWidth(of: -129, signed: false) == 9)
        #expect(BitVector.minimumWidth(of: Int.min, signed: false) == 64)
    }

    @Test("negative constants with unsigned values are diagnostics, not a hang")
    func negativeConstantsWithUnsignedValues() throws {
        var lines: [Int] = []
        let module = Probe(ports: { p in (p.input("x", .uint(8)), p.output("y", .uint(9)), p.output("e", .bool)) }) { io, c in
            lines.append(#line + 1)
            io.1.assign(io.0 + (-1))
            lines.append(#line + 1)
            io.2.assign(io.0 .== -1)
            lines.append(#line + 1)
            _ = c.constant(-1, .uint(8)).named("k")
            lines.append(#line + 1)
            _ = c.wire("w", .uint(8), default: -1)
        }
        let found = diagnostics(of: module)
        let negative = found.filter { $0.message.contains("negative constant -1") }
        #expect(Set(negative.map(\.location.line)) == Set(lines), "\(found.map(\.description))")
        #expect(negative.allSatisfy { $0.kind == .signednessMismatch })
        #expect(found.contains { $0.hint?.contains("`.sint(1)`") == true })
    }

    final class Leak { var signal: Signal? }

    @Test("a child's internal signal used after its build returned is a diagnostic at the using line (it crashed)")
    func leakedChildSignal() throws {
        struct Child: Module {
            let leak: Leak
            var moduleName: String { "Child" }
            struct Ports { let y: Signal }
            func ports(_ p: PortBuilder) -> Ports { Ports(y: p.output("y", .uint(4))) }
            func build(_ io: Ports, _ c: Circuit) {
                let hidden = c.reg("hidden", .uint(4), reset: 0)
                hidden.assign(hidden &+ 1)
                io.y.assign(hidden)
                leak.signal = hidden
            }
        }
        let leak = Leak()
        var line = 0
        let module = Probe(ports: { p in p.output("y", .uint(4)) }) { y, c in
            _ = c.instance(Child(leak: leak), "child")
            guard let leaked = leak.signal else { return }
            line = #line + 1
            y.assign(leaked)
        }
        let found = diagnostics(of: module)
        let diagnostic = try #require(found.first { $0.kind == .directionViolation })
        #expect(diagnostic.location.line == line)
        #expect(diagnostic.message.contains("a signal of module 'Child' is used in module 'Probe'"))
    }
}
