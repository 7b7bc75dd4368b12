import Testing
import Serrano

/// One test per check: a faulty circuit, the exact message, the exact line.
@Suite("Diagnostics")
struct DiagnosticTests {
    @Test("connecting a wider value is implicit narrowing, reported at the connection")
    func implicitNarrowing() throws {
        var line = 0
        let module = Probe(ports: { p in (p.input("a", .uint(32)), p.output("rounded", .uint(32))) }) { io, c in
            line = #line + 1
            io.1.assign(io.0 + io.0)
        }
        let found = diagnostics(of: module)
        #expect(found.count == 1)
        let diagnostic = try #require(found.first)
        #expect(diagnostic.kind == .implicitNarrowing)
        #expect(diagnostic.description == """
            Tests/SerranoTests/DiagnosticTests.swift:\(line):24: error: connecting a 33-bit value to 'rounded' (32 bits) would drop bit 32
              hint: widen 'rounded', or write `.truncated(to: 32)` if dropping it is intended
            """)
    }

    @Test("truncated(to:) is the explicit way to narrow")
    func explicitTruncation() {
        let module = Probe(ports: { p in (p.input("a", .uint(32)), p.output("rounded", .uint(32))) }) { io, _ in
            io.1.assign((io.0 + io.0).truncated(to: 32))
        }
        #expect(diagnostics(of: module).isEmpty)
    }

    @Test("mixing signed and unsigned operands is an error at the statement that uses them")
    func signednessMismatch() throws {
        var line = 0
        let module = Probe(ports: { p in (p.input("a", .uint(8)), p.input("b", .sint(8)), p.output("y", .sint(9))) }) { io, _ in
            line = #line + 1
            io.2.assign(io.0 + io.1)
        }
        let found = diagnostics(of: module)
        let diagnostic = try #require(found.first { $0.kind == .signednessMismatch })
        #expect(diagnostic.location.line == line)
        #expect(diagnostic.message == "'add' of UInt(8) and SInt(8) mixes signed and unsigned (in module 'Probe')")
    }

    @Test("a combinational loop lists every source line on it")
    func combinationalLoop() throws {
        var lines: [Int] = []
        let module = Probe(ports: { p in p.output("ready", .bool) }) { ready, c in
            lines.append(#line + 1)
            let full = c.wire("full", .bool)
            lines.append(#line + 1)
            full.assign(!ready)
            lines.append(#line + 1)
            ready.assign(full)
        }
        let found = diagnostics(of: module)
        #expect(found.count == 1)
        let diagnostic = try #require(found.first)
        #expect(diagnostic.kind == .combinationalLoop)
        #expect(diagnostic.message.hasPrefix("combinational loop in module 'Probe': "))
        #expect(diagnostic.message.contains("ready (DiagnosticTests.swift:\(lines[2]))"))
        #expect(diagnostic.message.contains("full (DiagnosticTests.swift:\(lines[1]))"))
        #expect(diagnostic.message.contains("not (DiagnosticTests.swift:\(lines[1]))"))
        #expect(Set(lines).isSubset(of: Set(diagnostic.related.map(\.line))))
    }

    @Test("a loop through a child instance is found in the parent")
    func loopThroughInstance() throws {
        let passThrough = Probe("PassThrough", ports: { p in (p.input("x", .uint(4)), p.output("y", .uint(4))) }) { io, _ in
            io.1.assign(io.0)
        }
        var line = 0
        let parent = Probe("Parent", ports: { p in p.output("out", .uint(4)) }) { out, c in
            let child = c.instance(passThrough, "child")
            line = #line + 1
            child.0.assign(child.1)
            out.assign(child.1)
        }
        let found = diagnostics(of: parent)
        let diagnostic = try #require(found.first { $0.kind == .combinationalLoop })
        #expect(diagnostic.message.contains("child.x"))
        #expect(diagnostic.message.contains("child.y"))
        #expect(diagnostic.related.contains { $0.line == line })
    }

    @Test("a register breaks a loop")
    func registerBreaksLoop() {
        let module = Probe(ports: { p in p.output("toggle", .bool) }) { out, c in
            let state = c.reg("state", .bool, reset: 0)
            state.assign(!state)
            out.assign(state)
        }
        #expect(diagnostics(of: module).isEmpty)
    }

    @Test("an undriven output and an undriven wire are reported where declared")
    func undriven() throws {
        var outputLine = 0
        var wireLine = 0
        let module = Probe(ports: { p in
            outputLine = #line + 1
            return p.output("result", .uint(8))
        }) { _, c in
            wireLine = #line + 1
            _ = c.wire("spare", .uint(8))
        }
        let found = diagnostics(of: module).sorted { $0.location.line < $1.location.line }
        #expect(found.map(\.kind) == [.undriven, .undriven])
        #expect(found.map(\.description) == [
            "Tests/SerranoTests/DiagnosticTests.swift:\(outputLine):28: error: output 'result' in module 'Probe' is never driven\n  hint: drive it (`result.assign(…)`)",
            "Tests/SerranoTests/DiagnosticTests.swift:\(wireLine):23: error: wire 'spare' in module 'Probe' is never driven\n  hint: drive it (`spare.assign(…)`)",
        ])
    }

    @Test("an undriven register and a child input get hints in real syntax")
    func undrivenRegisterHint() throws {
        struct Child: Module {
            struct Ports { let a: Signal; let y: Signal }
            func ports(_ p: PortBuilder) -> Ports { Ports(a: p.input("a", .uint(4)), y: p.output("y", .uint(4))) }
            func build(_ io: Ports, _ c: Circuit) { io.y.assign(io.a) }
        }
        let module = Probe(ports: { p in p.output("y", .uint(4)) }) { y, c in
            let r = c.reg("held", .uint(4))
            _ = r
            let child = c.instance(Child(), "child")
            y.assign(0)
            child.y.assign(3)
        }
        let hints = diagnostics(of: module).compactMap(\.hint)
        #expect(hints.contains("assign its next value (`held.assign(…)`), or use a constant if it never changes"))
        #expect(hints.contains { $0.contains("(`x.assign(child.port)`)") })
        #expect(!hints.contains { $0.contains(":=") || $0.contains(".next") })
    }

    @Test("two drivers in one block cite both sites")
    func multipleDrivers() throws {
        var first = 0
        var second = 0
        let module = Probe(ports: { p in (p.input("a", .uint(8)), p.output("y", .uint(8))) }) { io, _ in
            first = #line + 1
            io.1.assign(io.0)
            second = #line + 1
            io.1.assign(0)
        }
        let found = diagnostics(of: module)
        #expect(found.count == 1)
        let diagnostic = try #require(found.first)
        #expect(diagnostic.kind == .multipleDrivers)
        #expect(diagnostic.location.line == second)
        #expect(diagnostic.message == "multiple drivers for output 'y': driven at DiagnosticTests.swift:\(first) and again at DiagnosticTests.swift:\(second)")
        #expect(diagnostic.related.map(\.line) == [first, second])
    }

    @Test("a default followed by a conditional override is one driver")
    func conditionalOverride() {
        let module = Probe(ports: { p in (p.input("go", .bool), p.output("y", .uint(8))) }) { io, c in
            io.1.assign(0)
            c.when(io.0) { io.1.assign(7) }
        }
        #expect(diagnostics(of: module).isEmpty)
    }

    @Test("a wire assigned only under when is a latch")
    func latch() throws {
        var line = 0
        let module = Probe(ports: { p in (p.input("go", .bool), p.output("y", .uint(8))) }) { io, c in
            c.when(io.0) {
                line = #line + 1
                io.1.assign(3)
            }
        }
        let found = diagnostics(of: module)
        #expect(found.count == 1)
        let diagnostic = try #require(found.first)
        #expect(diagnostic.kind == .latch)
        #expect(diagnostic.location.line == line)
        #expect(diagnostic.message == "output 'y' is not assigned on every path: it would hold its value (a latch)")
    }

    @Test("when / elseWhen / otherwise that covers every path is not a latch")
    func fullCoverage() {
        let ports: (PortBuilder) -> (Signal, Signal) = { p in (p.input("sel", .uint(2)), p.output("y", .uint(8))) }
        let module = Probe(ports: ports) { (io: (Signal, Signal), c: Circuit) in
            let (select, y) = io
            let first: Signal = select .== 0, second: Signal = select .== 1
            c.when(first) { y.assign(1) }
                .elseWhen(second) { y.assign(2) }
                .otherwise { y.assign(3) }
        }
        #expect(diagnostics(of: module).isEmpty)
    }

    @Test("a switch with default covers every path")
    func switchWithDefault() {
        let module = Probe(ports: { p in (p.input("sel", .uint(2)), p.output("y", .uint(8))) }) { io, c in
            c.switch(io.0) { s in
                s.is(0) { io.1.assign(10) }
                s.is(1, 2) { io.1.assign(20) }
                s.default { io.1.assign(30) }
            }
        }
        #expect(diagnostics(of: module).isEmpty)
    }

    @Test("driving an input port from inside is a direction violation")
    func directionViolation() throws {
        var line = 0
        let module = Probe(ports: { p in (p.input("a", .uint(8)), p.output("y", .uint(8))) }) { io, _ in
            io.1.assign(io.0)
            line = #line + 1
            io.0.assign(5)
        }
        let found = diagnostics(of: module)
        #expect(found.count == 1)
        let diagnostic = try #require(found.first)
        #expect(diagnostic.kind == .directionViolation)
        #expect(diagnostic.location.line == line)
        #expect(diagnostic.message == "cannot drive input port 'a' in module 'Probe': it is a source, not a sink")
    }

    @Test("driving a child's output from the parent is a direction violation")
    func childOutputDriven() throws {
        let child = Probe("Child", ports: { p in p.output("y", .uint(4)) }) { y, _ in y.assign(1) }
        var line = 0
        let parent = Probe("Parent", ports: { p in p.output("out", .uint(4)) }) { out, c in
            let instance = c.instance(child, "kid")
            line = #line + 1
            instance.assign(2)
            out.assign(instance)
        }
        let diagnostic = try #require(diagnostics(of: parent).first)
        #expect(diagnostic.kind == .directionViolation)
        #expect(diagnostic.location.line == line)
        #expect(diagnostic.message == "cannot drive output 'y' of instance 'kid' in module 'Parent': it is a source, not a sink")
    }

    @Test("two signals with one name collide, citing both")
    func nameCollision() throws {
        var first = 0
        var second = 0
        let module = Probe(ports: { p in p.output("y", .uint(8)) }) { y, c in
            first = #line + 1
            let a = c.wire("t", .uint(8), default: 1)
            second = #line + 1
            let b = c.wire("t", .uint(8), default: 2)
            y.assign(a & b)
        }
        let found = diagnostics(of: module)
        #expect(found.count == 1)
        let diagnostic = try #require(found.first)
        #expect(diagnostic.kind == .nameCollision)
        #expect(diagnostic.location.line == second)
        #expect(diagnostic.message == "name 't' is used twice in module 'Probe': at DiagnosticTests.swift:\(first) and at DiagnosticTests.swift:\(second)")
    }

    @Test("a Verilog keyword is not a legal name")
    func keywordName() throws {
        let module = Probe(ports: { p in p.output("module", .uint(8)) }) { y, _ in y.assign(0) }
        let diagnostic = try #require(diagnostics(of: module).first)
        #expect(diagnostic.kind == .invalidName)
        #expect(diagnostic.message == "port name 'module' is a Verilog keyword")
    }

    @Test("misuse never traps: every error of one design is reported at once")
    func allAtOnce() {
        let module = Probe(ports: { p in (p.input("a", .uint(8)), p.output("y", .uint(4)), p.output("z", .uint(4))) }) { io, c in
            io.1.assign(io.0)                 // narrowing
            _ = io.0[9, 2]                    // slice out of range
            _ = c.reg("r", .uint(0))          // zero width
            _ = c.constant(300, .uint(8))     // does not fit
        }
        let kinds = diagnostics(of: module).map(\.kind)
        #expect(kinds.contains(.implicitNarrowing))
        #expect(kinds.contains(.undriven))
        #expect(kinds.filter { $0 == .invalidArgument }.count == 3)
    }

    @Test("a module that instantiates itself is an error, not a hang")
    func recursion() {
        struct Recursive: Module {
            func ports(_ p: PortBuilder) -> Signal { p.output("y", .bool) }
            func build(_ y: Signal, _ c: Circuit) {
                let inner = c.instance(Recursive(), "inner")
                y.assign(inner)
            }
        }
        #expect(diagnostics(of: Recursive()).contains { $0.message.contains("instantiates itself") })
    }
}
