import Testing
import Serrano

/// The width rules of Core/Operators.swift, one expectation per row of the table.
@Suite("Width rules")
struct WidthRuleTests {
    /// Builds `expression` over a UInt(8) `u`, a UInt(4) `v`, an SInt(8) `s` and an SInt(12) `t`
    /// and returns its type.
    func type(of expression: @escaping (Signal, Signal, Signal, Signal) -> Signal) -> HardwareType? {
        var result: HardwareType?
        let module = Probe(ports: { p in
            (p.input("u", .uint(8)), p.input("v", .uint(4)), p.input("s", .sint(8)), p.input("t", .sint(12)), p.output("y", .uint(1)))
        }) { io, c in
            let value = expression(io.0, io.1, io.2, io.3).named("value")
            result = value.type
            io.4.assign(value.asUInt()[0])
        }
        _ = Elaboration.elaborate(module)
        return result
    }

    @Test func fullPrecisionArithmetic() {
        #expect(type { u, v, _, _ in u + v } == .uint(9))
        #expect(type { u, v, _, _ in u - v } == .uint(9))
        #expect(type { u, v, _, _ in u * v } == .uint(12))
        #expect(type { _, _, s, t in s * t } == .sint(20))
        #expect(type { _, _, s, _ in -s } == .sint(9))
        #expect(type { u, _, _, _ in u + 1 } == .uint(9))
    }

    @Test func wrappingArithmetic() {
        #expect(type { u, v, _, _ in u &+ v } == .uint(8))
        #expect(type { _, _, s, t in s &- t } == .sint(12))
        #expect(type { _, _, s, t in s &* t } == .sint(12))
    }

    @Test func bitwiseAndComparisons() {
        #expect(type { u, v, _, _ in u & v } == .uint(8))
        #expect(type { _, _, s, t in s ^ t } == .sint(12))
        #expect(type { u, _, _, _ in ~u } == .uint(8))
        #expect(type { u, v, _, _ in u .< v } == .bool)
        #expect(type { _, _, s, _ in s .>= -3 } == .bool)
    }

    @Test func shiftsSlicesAndConcatenation() {
        #expect(type { u, _, _, _ in u << 3 } == .uint(11))
        #expect(type { _, _, s, _ in s << 3 } == .sint(11))
        #expect(type { u, _, _, _ in u >> 3 } == .uint(5))
        #expect(type { _, _, s, _ in s >> 3 } == .sint(5))
        #expect(type { u, v, _, _ in u.shiftedLeft(by: v) } == .uint(8))
        #expect(type { u, _, _, _ in u[3] } == .bool)
        #expect(type { _, _, s, _ in s[7, 4] } == .uint(4))
        #expect(type { u, v, s, _ in cat(u, v, s) } == .uint(20))
    }

    @Test func extensionAndTruncation() {
        #expect(type { _, v, _, _ in v.extended(to: 10) } == .uint(10))
        #expect(type { _, _, s, _ in s.extended(to: 10) } == .sint(10))
        #expect(type { _, v, _, _ in v.signExtended(to: 10) } == .sint(10))
        #expect(type { _, _, s, _ in s.zeroExtended(to: 10) } == .uint(10))
        #expect(type { _, _, _, t in t.truncated(to: 5) } == .sint(5))
        #expect(type { u, v, _, _ in mux(u[0], u, v) } == .uint(8))
        #expect(type { u, _, _, _ in u.xorReduce() } == .bool)
    }
}

@Suite("Structures")
struct StructureTests {
    @Test("a flipped bundle swaps directions; names are prefixed")
    func bundles() throws {
        let module = Probe(ports: { p in
            (ReadyValid.consumer(p, "in", .uint(8)), ReadyValid.producer(p, "out", .uint(8)))
        }) { io, _ in
            io.1.valid.assign(io.0.valid)
            io.1.bits.assign(io.0.bits)
            io.0.ready.assign(io.1.ready)
        }
        let design = try Elaboration.elaborate(module).get()
        let ports = try #require(design.top).ports.map { "\($0.direction.rawValue) \($0.name)" }
        #expect(ports == ["input in_valid", "output in_ready", "input in_bits",
                          "output out_valid", "input out_ready", "output out_bits"])
    }

    @Test("memories of both kinds get every field; a byte mask has one lane per byte")
    func memories() throws {
        let module = Probe(ports: { p in (p.input("a", .uint(4)), p.output("y", .uint(32)), p.output("z", .uint(16))) }) { io, c in
            let wide = c.memory("wide", depth: 16, width: 32, maskGranularity: 8)
            let single = c.memory("single", depth: 16, width: 16, kind: .singlePort)
            c.when(io.0[0]) { wide.write(io.0, io.0.zeroExtended(to: 32), mask: io.0) }
            io.1.assign(wide.read(io.0))
            c.when(io.0[1]) { single.write(io.0, io.0.zeroExtended(to: 16)) }.otherwise { single.read(io.0) }
            io.2.assign(single.data)
        }
        let design = try Elaboration.elaborate(module).get()
        let top = try #require(design.top)
        #expect(top.memories.map(\.shapeName) == ["serrano_sram_1r1w_d16_w32_m8", "serrano_sram_1rw_d16_w16"])
        #expect(top.memories[0].type(of: .writeMask) == .uint(4))
        #expect(Set(top.memories[1].fields.keys) == [.address, .enable, .writeEnable, .writeData, .readData])
        #expect(design.memoryShapes.count == 2)
    }

    @Test("2R1W and 1RW1R memories get a second read port B; a memory with one read port has no port 1")
    func secondReadPort() throws {
        let module = Probe(ports: { p in (p.input("a", .uint(4)), p.output("y", .uint(8)), p.output("z", .uint(8))) }) { io, c in
            let two = c.memory("two", depth: 16, width: 8, kind: .twoReadOneWrite)
            let both = c.memory("both", depth: 16, width: 8, kind: .readWriteOneRead, readDuringWrite: .newData)
            c.when(io.0[0]) { two.write(io.0, io.0.zeroExtended(to: 8)) }
            c.when(io.0[1]) { both.write(io.0, io.0.zeroExtended(to: 8)) }
            _ = two.read(io.0)
            io.1.assign(two.read(io.0 &+ 1, port: 1))
            io.2.assign(both.read(io.0, port: 1))
        }
        let design = try Elaboration.elaborate(module).get()
        let top = try #require(design.top)
        #expect(top.memories.map(\.shapeName) == ["serrano_sram_2r1w_d16_w8", "serrano_sram_1rw1r_d16_w8_wf"])
        #expect(Set(top.memories[0].fields.keys) == [.readAddress, .readEnable, .readData, .writeAddress, .writeEnable, .writeData,
                                                    .readAddressB, .readEnableB, .readDataB])
        #expect(Set(top.memories[1].fields.keys) == [.address, .enable, .writeEnable, .writeData, .readData,
                                                    .readAddressB, .readEnableB, .readDataB])

        var line = 0
        let misuse = Probe(ports: { p in (p.input("a", .uint(4)), p.output("y", .uint(8))) }) { io, c in
            let ram = c.memory("ram", depth: 16, width: 8)
            line = #line + 1
            io.1.assign(ram.read(io.0, port: 1))
        }
        let found = diagnostics(of: misuse)
        #expect(found.count == 1)
        #expect(found.first?.description == """
            Tests/SerranoTests/WidthRuleTests.swift:\(line):33: error: memory 'ram' has no read port 1: it has one read port (0) (in module 'Probe')
              hint: declare it with `kind: .twoReadOneWrite` or `.readWriteOneRead` for a second read port
            """)
    }

    @Test("a memory port used twice in one block is two drivers")
    func memoryPortTwice() {
        let module = Probe(ports: { p in (p.input("a", .uint(4)), p.output("y", .uint(8))) }) { io, c in
            let ram = c.memory("ram", depth: 16, width: 8)
            _ = ram.read(io.0)
            io.1.assign(ram.read(io.0 &+ 1))
        }
        #expect(diagnostics(of: module).contains { $0.kind == .multipleDrivers && $0.message.contains("memory 'ram'") })
    }

    @Test("a black box keeps its ports and source; its clock is implicit")
    func blackBox() throws {
        struct VendorMultiplier: BlackBox {
            var moduleName: String { "vendor_mul" }
            var verilogSource: String? { "module vendor_mul(input clock, input [7:0] a, output [7:0] y); endmodule\n" }
            func ports(_ p: PortBuilder) -> (a: Signal, y: Signal) { (p.input("a", .uint(8)), p.output("y", .uint(8))) }
        }
        let module = Probe(ports: { p in (p.input("x", .uint(8)), p.output("y", .uint(8))) }) { io, c in
            let mul = c.instance(VendorMultiplier(), "mul")
            mul.a.assign(io.0)
            io.1.assign(mul.y)
        }
        let design = try Elaboration.elaborate(module).get()
        let box = try #require(design.module(named: "vendor_mul"))
        guard case .blackBox(let source, let usesClock, _) = box.kind else {
            Issue.record("not a black box")
            return
        }
        #expect(source?.contains("module vendor_mul") == true)
        #expect(usesClock)
        #expect(design.top?.isSequential == true)
    }

    @Test("parameterized modules get one definition per parameter set")
    func parameterizedNames() throws {
        struct Adder: Module {
            let width: Int
            func ports(_ p: PortBuilder) -> (Signal, Signal) { (p.input("a", .uint(width)), p.output("y", .uint(width + 1))) }
            func build(_ io: (Signal, Signal), _ c: Circuit) { io.1.assign(io.0 + 1) }
        }
        let module = Probe(ports: { p in p.output("y", .uint(9)) }) { y, c in
            let low = c.instance(Adder(width: 4), "low")
            let big = c.instance(Adder(width: 8), "big")
            let again = c.instance(Adder(width: 4), "again")
            low.0.assign(c.constant(1, .uint(4)))
            again.0.assign(c.constant(2, .uint(4)))
            big.0.assign(cat(low.1, again.1[4, 2]))
            y.assign(big.1)
        }
        let design = try Elaboration.elaborate(module).get()
        #expect(design.modules.map(\.name) == ["Adder_width4", "Adder_width8", "Probe"])
        #expect(design.modules[0].parameters == [IRModule.Parameter(name: "width", value: "4")])
    }

    @Test("temporaries are named after what they compute, independently of the rest")
    func stableNames() throws {
        func build(extraLogicFirst: Bool) throws -> [String] {
            let module = Probe(ports: { p in (p.input("a", .uint(8)), p.input("b", .uint(8)), p.output("y", .uint(9)), p.output("z", .uint(8))) }) { io, _ in
                if extraLogicFirst { io.3.assign(io.1 ^ io.0) } else { io.3.assign(io.0) }
                io.2.assign(io.0 + io.1)
            }
            let top = try #require(try Elaboration.elaborate(module).get().top)
            return top.legalNames.filter { $0.hasPrefix("_a_add") }
        }
        #expect(try build(extraLogicFirst: false) == ["_a_add"])
        #expect(try build(extraLogicFirst: true) == ["_a_add"])
    }
}
