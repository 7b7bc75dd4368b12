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

    /// A module whose name leaves out a parameter (like `SystolicArray.moduleName` without
    /// `accWidth`).
    struct Scaled: Module {
        let width: Int
        var moduleName: String { "Scaled" }
        struct Ports { let a: Signal; let y: Signal }
        func ports(_ p: PortBuilder) -> Ports { Ports(a: p.input("a", .uint(width)), y: p.output("y", .uint(width))) }
        func build(_ io: Ports, _ c: Circuit) { io.y.assign(io.a) }
    }

    @Test("two variants under one module name are an error, not one silently merged Verilog module")
    func variantsUnderOneName() throws {
        var line = 0
        let module = Probe(ports: { p in p.output("y", .uint(8)) }) { y, c in
            let narrow = c.instance(Scaled(width: 4), "narrow")
            line = #line + 1
            let wide = c.instance(Scaled(width: 8), "wide")
            narrow.a.assign(0)
            wide.a.assign(narrow.y)
            y.assign(wide.y)
        }
        let found = diagnostics(of: module)
        let collision = try #require(found.first { $0.kind == .nameCollision })
        #expect(collision.location.line == line)
        #expect(collision.message.contains("module name 'Scaled' stands for two different variants"))
        #expect(collision.message.contains("(width = 4) and (width = 8)"))
        // The instance's pins are checked against the module that was defined under the name.
        #expect(found.contains { $0.message.contains("instance 'wide' does not match module 'Scaled': port 'a' is UInt(4) in the module but UInt(8) here") })
    }

    struct BiasChild: Module {
        let biasType: HardwareType
        let depth: Int
        let label: String
        let enabled: Bool
        struct Ports { let y: Signal }
        func ports(_ p: PortBuilder) -> Ports { Ports(y: p.output("y", biasType)) }
        func build(_ io: Ports, _ c: Circuit) { io.y.assign(0) }
    }

    @Test("default module names stay short and legal: simple values by value, others by a stable hash")
    func shortModuleNames() throws {
        let name = BiasChild(biasType: .uint(8), depth: 3, label: "bias", enabled: true).moduleName
        #expect(name.hasPrefix("BiasChild_biasTypeh"))
        #expect(name.hasSuffix("_depth3_labelbias_enabledtrue"))
        #expect(name.count < 60, "\(name)")
        #expect(VerilogNames.problem(with: name) == nil)
        #expect(BiasChild(biasType: .uint(8), depth: 3, label: "bias", enabled: true).moduleName == name)
        #expect(BiasChild(biasType: .uint(9), depth: 3, label: "bias", enabled: true).moduleName != name)
        let design = try Elaboration.elaborate(BiasChild(biasType: .sint(4), depth: 1, label: "x", enabled: false)).get()
        #expect(design.topName.count < 60)
    }
}
