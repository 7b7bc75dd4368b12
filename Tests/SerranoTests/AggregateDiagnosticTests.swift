import Serrano
import Testing

/// Two fields; `Wide` has the same names with `len` twice as wide.
struct Span: Aggregate {
    var addr: Signal
    var len: Signal
    init(_ f: Fields) { self.init(f, lenWidth: 8) }
    init(_ f: Fields, lenWidth: Int) {
        addr = f.field("addr", .uint(16))
        len = f.field("len", .uint(lenWidth))
    }
}

/// An aggregate whose `init` names a field after no property.
struct Misnamed: Aggregate {
    var addr: Signal
    init(_ f: Fields) { addr = f.field("address", .uint(8)) }
}

/// Misuse of aggregates and streams is a diagnostic that names the field, never a trap.
@Suite("Aggregate and stream diagnostics")
struct AggregateDiagnosticTests {
    @Test("connecting aggregates of different widths names the field that differs, at the connect")
    func widthMismatchNamesTheField() throws {
        var line = 0
        let module = Probe(ports: { p in
            (p.input("a", Span.self), p.output("b") { Span($0, lenWidth: 16) })
        }) { io, c in
            line = #line + 1
            c.connect(io.1, io.0)
        }
        let found = diagnostics(of: module)
        let diagnostic = try #require(found.first)
        #expect(found.count == 1)
        #expect(diagnostic.kind == .widthMismatch)
        #expect(diagnostic.description.hasPrefix("Tests/SerranoTests/AggregateDiagnosticTests.swift:\(line):22: error: connect: field 'len' of Span is UInt(16) on one side and UInt(8) on the other"))
    }

    @Test("connecting two inputs is a direction error naming each field; an output to an output as well")
    func directionsAreChecked() throws {
        let inputs = Probe(ports: { p in (p.input("a", Span.self), p.input("b", Span.self)) }) { io, c in c.connect(io.0, io.1) }
        let found = diagnostics(of: inputs).map(\.description)
        #expect(found.count == 2)
        #expect(found.contains { $0.contains("field 'addr' of Span is driven by both sides") })
        #expect(found.contains { $0.contains("field 'len' of Span is driven by both sides") })
        let outputs = Probe(ports: { p in (p.output("a", Span.self), p.output("b", Span.self)) }) { io, c in c.connect(io.0, io.1) }
        #expect(diagnostics(of: outputs).contains { $0.description.contains("field 'addr' of Span is taken by both sides and driven by neither") })
    }

    @Test("connect picks each field's direction: a stream's ready flows back while valid and payload flow forward")
    func streamConnectBothWays() {
        let module = Probe(ports: { p in
            (Decoupled.consumer(p, "in", Span.self), Decoupled.producer(p, "out", Span.self))
        }) { io, c in
            c.connect(io.1, io.0)
        }
        #expect(diagnostics(of: module).isEmpty)
    }

    @Test("a reset value for a field the register does not have is an error listing its fields")
    func unknownResetField() throws {
        let module = Probe(ports: { p in p.output("y", Span.self) }) { io, c in
            let state = c.reg("state", Span.self, reset: ["length": 3])
            c.connect(io, state)
        }
        let diagnostic = try #require(diagnostics(of: module).first)
        #expect(diagnostic.description.contains("register 'state' has no field 'length' to reset"))
        #expect(diagnostic.description.contains("its fields are addr, len"))
    }

    @Test("unflattening bits of the wrong width is an error giving both widths")
    func unflattenWidth() throws {
        let module = Probe(ports: { p in (p.input("bits", .uint(20)), p.output("y", Span.self)) }) { io, c in
            c.connect(io.1, c.unflatten(io.0, as: Span.self))
        }
        let diagnostic = try #require(diagnostics(of: module).first)
        #expect(diagnostic.description.contains("unflatten: the fields of Span take 24 bits, the value has 20"))
    }

    @Test("a field named after no stored property is reported when the value is rebuilt")
    func misnamedField() throws {
        let module = Probe(ports: { p in (p.input("a", Misnamed.self), p.input("pick", .bool), p.output("y", Misnamed.self)) }) { io, c in
            c.connect(io.2, mux(io.1, io.0, io.0))
        }
        #expect(diagnostics(of: module).contains { $0.description.contains("field 'address' of Misnamed is not a stored property of the value") })
    }

    @Test("queues, arbiters and skid buffers reject shapes they cannot build")
    func badStdlibParameters() {
        #expect(diagnostics(of: StreamQueue(Span.self, depth: 1)).contains { $0.description.contains("a Queue needs a depth of at least 2, got 1") })
        #expect(diagnostics(of: Arbiter(Span.self, inputs: 1)).contains { $0.description.contains("an Arbiter needs at least 2 inputs, got 1") })
        #expect(diagnostics(of: StreamQueue(Span.self, depth: 4, storage: .sram)).isEmpty)
    }

    @Test("an unnamed value needs a name to be observable")
    func observableNeedsAName() {
        let module = Probe(ports: { p in (p.input("a", .uint(8)), p.output("y", .uint(8))) }) { io, _ in
            io.1.assign((io.0 &+ io.0).observable())
        }
        #expect(diagnostics(of: module).contains { $0.description.contains("an unnamed value cannot be observed by name") })
    }

    @Test("two shapes of one payload type, or plain values of different signedness, never share a module name")
    func distinctShapesGetDistinctModules() {
        let names = [StreamQueue(Span.self, depth: 4).moduleName,
                     StreamQueue(depth: 4) { Span($0, lenWidth: 16) }.moduleName,
                     StreamQueue(depth: 4) { $0.field("bits", .uint(8)) }.moduleName,
                     StreamQueue(depth: 4) { $0.field("bits", .sint(8)) }.moduleName]
        #expect(Set(names).count == 4, "\(names)")
        #expect(names[0] == "Queue_Span_w24_d4")
        #expect(names[1].hasPrefix("Queue_Span_") && names[1].hasSuffix("_w32_d4"))
        #expect(names[2] == "Queue_u8_w8_d4" && names[3] == "Queue_s8_w8_d4")
    }

    @Test("stream ports are named prefix_valid, prefix_ready and prefix_field; a Valid has no ready; wires join streams inside a module")
    func streamPortNames() throws {
        let module = Probe(ports: { p in
            (Valid.consumer(p, "in", Span.self), Decoupled.producer(p, "out", Span.self), Decoupled.consumer(p, "data", .uint(8)))
        }) { io, c in
            let link = c.decoupled("link", Span.self)
            link.valid.assign(io.0.valid)
            c.connect(link.payload, io.0.payload)
            c.connect(io.1, link)
            _ = io.2.fire
            io.2.ready.assign(1)
        }
        let design = try Elaboration.elaborate(module).get()
        let top = try #require(design.modules.last)
        #expect(top.ports.map(\.name) == ["in_valid", "in_addr", "in_len", "out_valid", "out_ready", "out_addr", "out_len",
                                          "data_valid", "data_ready", "data_bits"])
        #expect(top.ports.map(\.direction) == [.input, .input, .input, .output, .input, .output, .output, .input, .output, .input])
        #expect(top.nodes.contains { $0.name == "link_valid" } && top.nodes.contains { $0.name == "data_fire" })
    }
}
