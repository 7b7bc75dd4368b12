import SerranoIR
@testable import SerranoSim
import Testing

/// Registers, `when` chains, memories, hierarchy and the errors the interpreter reports.
@Suite struct InterpreterStateTests {
    /// An 8-bit counter with reset value 5 that counts while `enable` is high.
    private func counter() -> TestModule {
        var t = TestModule("counter")
        let enable = t.input("enable", .bool)
        let count = t.ir.register("count", .uint(8), reset: SerranoIR.BitVector(width: 8, value: 5), enable: enable)
        let one = t.constant(1, .uint(8))
        t.connect(count, t.node(.binary(.add, count, one), .uint(8)))
        t.output("value", .uint(8), count)
        return t
    }

    @Test func registerResetsSynchronouslyAndCountsWhenEnabled() throws {
        let sim = try counter().interpreter()
        #expect(try sim.get("value") == 0)  // state starts at zero, like Verilator
        try sim.runReset(cycles: 1)
        #expect(try sim.get("value") == 5)
        try sim.run(cycles: 3)
        #expect(try sim.get("value") == 5)  // enable low: holds
        try sim.set("enable", 1)
        #expect(try sim.get("value") == 5)  // no edge yet
        try sim.run(cycles: 3)
        #expect(try sim.get("value") == 8)
        try sim.run(cycles: 250)
        #expect(try sim.get("value") == (8 + 250) % 256)
        try sim.set("reset", 1)  // reset wins over enable
        try sim.run(cycles: 1)
        #expect(try sim.get("value") == 5)
        #expect(sim.cycle == 1 + 3 + 3 + 250 + 1)
    }

    @Test func whenChainsOverrideInOrder() throws {
        var t = TestModule()
        let a = t.input("a", .bool), b = t.input("b", .bool)
        let wire = t.node(.wire, .uint(4), name: "choice")
        t.connect(wire, t.constant(1, .uint(4)))
        let notA = t.node(.unary(.not, a), .bool)
        _ = t.ir.block(parent: 0, chain: 1, isOtherwise: false, condition: a)
        _ = t.ir.block(parent: 0, chain: 1, isOtherwise: false, condition: t.node(.binary(.and, notA, b), .bool))
        t.connect(wire, t.constant(2, .uint(4)), block: 1)
        t.connect(wire, t.constant(3, .uint(4)), block: 2)
        t.output("out", .uint(4), wire)
        let sim = try t.interpreter()
        for (aValue, bValue, expected) in [(0, 0, 1), (1, 0, 2), (0, 1, 3), (1, 1, 2)] as [(UInt64, UInt64, UInt64)] {
            try sim.set("a", aValue)
            try sim.set("b", bValue)
            #expect(try sim.get("out") == expected, "a=\(aValue) b=\(bValue)")
        }
    }

    /// A 1R1W memory, 4 × 16 bits with a byte mask, every field an input port.
    private func twoPortMemory() throws -> IRInterpreter {
        var t = TestModule()
        t.memoryWithPorts(kind: .oneReadOneWrite, depth: 4, width: 16, maskGranularity: 8)
        return try t.interpreter()
    }

    @Test func twoPortMemoryReadsOldDataAndMasksBytes() throws {
        let sim = try twoPortMemory()
        try sim.set("writeEnable", 1)
        try sim.set("writeAddress", 2)
        try sim.set("writeData", 0xABCD)
        try sim.set("writeMask", 0b11)
        try sim.run(cycles: 1)
        try sim.set("writeData", 0x1234)
        try sim.set("writeMask", 0b10)  // high byte only
        try sim.set("readEnable", 1)
        try sim.set("readAddress", 2)
        try sim.run(cycles: 1)
        #expect(try sim.get("rdata") == 0xABCD)  // same-address read returns the old data
        try sim.set("writeEnable", 0)
        try sim.run(cycles: 1)
        #expect(try sim.get("rdata") == 0x12CD)
        try sim.set("readEnable", 0)
        try sim.set("readAddress", 1)
        try sim.run(cycles: 1)
        #expect(try sim.get("rdata") == 0x12CD)  // read disabled: data holds
    }

    @Test func singlePortMemoryHoldsReadDataOnWrites() throws {
        var t = TestModule()
        t.memoryWithPorts(kind: .singlePort, depth: 8, width: 70, maskGranularity: nil)
        let sim = try t.interpreter()
        try sim.set("enable", 1)
        try sim.set("writeEnable", 1)
        try sim.set("address", 7)
        try sim.set("writeData", words: [0x55, 0x2A])
        try sim.run(cycles: 1)
        #expect(try sim.getWords("rdata") == [0, 0])  // a write cycle leaves readData unchanged
        try sim.set("writeEnable", 0)
        try sim.run(cycles: 1)
        #expect(try sim.getWords("rdata") == [0x55, 0x2A])
        try sim.set("enable", 0)
        try sim.set("writeEnable", 1)
        try sim.set("writeData", words: [1, 0])
        try sim.run(cycles: 1)
        try sim.set("writeEnable", 0)
        try sim.set("enable", 1)
        try sim.run(cycles: 1)
        #expect(try sim.getWords("rdata") == [0x55, 0x2A])  // disabled port wrote nothing
    }

    @Test func hierarchyIsFlattenedThroughInstances() throws {
        let child = counter().module
        var t = TestModule("parent")
        let go = t.input("go", .bool)
        let pins = t.ir.instance("inner", of: "counter", pins: [.bool, .uint(8)]).pins
        let enableNode = pins[0], valueNode = pins[1]
        t.connect(enableNode, go)
        let doubled = t.node(.binary(.add, valueNode, valueNode), .uint(9))
        t.output("twice", .uint(9), doubled)
        let sim = try t.interpreter(children: [child])
        try sim.runReset(cycles: 2)
        try sim.set("go", 1)
        try sim.run(cycles: 4)
        #expect(try sim.get("twice") == 18)
        #expect(sim.signalWords("inner.count")?.words == [9])
    }

    @Test func blackBoxesAreAClearError() throws {
        let boxLocation = SerranoIR.SourceLocation(fileID: "Tests/box.swift", line: 1)
        var box = IRBuilder(name: "vendor_pll", kind: .blackBox(source: nil, usesClock: true, usesReset: false), location: boxLocation)
        box.input("a", .bool, at: boxLocation)
        var t = TestModule("top")
        let a = t.input("a", .bool)
        let port = t.ir.instance("pll", of: "vendor_pll", pins: [.bool]).pins[0]
        t.connect(port, a)
        let design = try t.design(children: [box.module])
        #expect(throws: InterpreterError.blackBox(module: "vendor_pll", instancePath: "pll")) { try IRInterpreter(design: design) }
        let message = InterpreterError.blackBox(module: "vendor_pll", instancePath: "pll").description
        #expect(message.contains("black box vendor_pll cannot be interpreted; use the Verilator backend"))
    }

    // An unlegalized design cannot reach the interpreter: `IRInterpreter(design:)` takes a
    // `LegalDesign`, which only `Legalization.run` makes (LegalDesignTests in SerranoVerilogTests
    // type-check the same fact for the printer). A design whose top is missing never becomes one.
    @Test func aDesignWithoutItsTopNeverReachesTheInterpreter() throws {
        var t = TestModule()
        t.output("out", .bool, t.input("a", .bool))
        guard case .failure(let error) = Legalization.run(Design(modules: [t.module], topName: "nothing")) else {
            Issue.record("a design without its top legalized")
            return
        }
        #expect(error.description.contains("no module named 'nothing'"))
        #expect(try IRInterpreter(design: t.design()).portIndex(named: "out") != nil)
    }
}
