import Foundation
import SerranoIR
@testable import SerranoSim
@testable import SerranoVerilator
@testable import SerranoVerify
import Testing

/// Every mismatch or build failure the differential fuzzer found, kept as a small design run on
/// both backends.
@Suite struct DifferentialRegressionTests {
    /// Runs `design` on the interpreter and on Verilator for `cycles` random cycles.
    private func agree(_ design: LegalDesign, cycles: Int = 300) throws {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("serrano-regression-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let outcome = try DifferentialBatch.run(design, seed: Fixtures.seed, stimulus: Fixtures.seed, cycles: cycles, directory: folder)
        #expect(outcome.mismatches.isEmpty, "\(outcome.mismatches.map(\.description))")
    }

    /// Found by seed 98708032 (circuits 0…49): a 1-bit memory with a 1-bit mask lane printed
    /// `storage[address][0]`, a bit-select of a scalar, which Verilator rejects. Fixed in
    /// `MemoryPrinter`.
    @Test(arguments: [Memory.Kind.oneReadOneWrite, .singlePort])
    func oneBitMemoryWithOneBitMask(kind: Memory.Kind) throws {
        var t = TestModule()
        t.memoryWithPorts(kind: kind, depth: 8, width: 1, maskGranularity: 1)
        try agree(t.design())
    }

    /// Found by seed 98708032 (circuits 100…149): a shift by a 129-bit constant printed the
    /// literal as the amount, which Verilator rejects ("Value too wide for 32-bits expected").
    /// Then seed 98708032 (circuit 89): the same through a named wire (`_const_…_ext`), which
    /// Verilator folds to a constant. Fixed in the printer's `Expressions.shiftAmount`: a
    /// constant amount prints as a clamped 32-bit literal, any other amount over 32 bits is
    /// saturated to 32 bits.
    @Test func shiftsByWideConstants() throws {
        var t = TestModule()
        let unsigned = t.input("a", .uint(16))
        let signed = t.input("b", .sint(16))
        let amounts: [(String, [UInt64])] = [("huge", [0xe0f0_753a_3eed_47c4, 0x1048_e714_12d7_f4e8, 1]),
                                             ("small", [5, 0, 0]), ("edge", [16, 0, 0])]
        for (name, words) in amounts {
            let amount = t.node(.constant(SerranoIR.BitVector(width: 129, words: words)), .uint(129))
            t.output("\(name)_left", .uint(16), t.node(.binary(.shiftLeft, unsigned, amount), .uint(16)))
            t.output("\(name)_right", .uint(16), t.node(.binary(.shiftRight, unsigned, amount), .uint(16)))
            t.output("\(name)_arith", .sint(16), t.node(.binary(.shiftRight, signed, amount), .sint(16)))
        }
        let narrowConstant = t.node(.constant(SerranoIR.BitVector(width: 63, words: [0x1e86_032a_4e54_ef2e])), .uint(63))
        let extended = t.node(.resize(narrowConstant), .uint(101))
        t.output("folded_left", .uint(16), t.node(.binary(.shiftLeft, unsigned, extended), .uint(16)))
        let wide = t.input("amount", .uint(70))
        t.output("wide_right", .uint(16), t.node(.binary(.shiftRight, unsigned, wide), .uint(16)))
        t.output("wide_arith", .sint(16), t.node(.binary(.shiftRight, signed, wide), .sint(16)))
        try agree(t.design())
        let sim = try t.interpreter()
        try sim.set("a", 0x8001)
        try sim.set("b", 0x8001)  // -32767
        #expect(try sim.get("huge_left") == 0)
        #expect(try sim.get("huge_arith") == 0xFFFF)
        #expect(try sim.get("small_left") == 0x0020)
        #expect(try sim.get("small_right") == 0x0400)
        #expect(try sim.get("small_arith") == 0xFC00)
        #expect(try sim.get("edge_right") == 0)
        #expect(try sim.get("folded_left") == 0)
        try sim.set("amount", words: [1, 1])  // 2^64 + 1
        #expect(try sim.get("wide_arith") == 0xFFFF)
        try sim.set("amount", words: [1, 0])
        #expect(try sim.get("wide_right") == 0x4000)
    }

    /// Found by seed 2026 (circuit 465): the saturated amount `32'hffffffff` of the previous fix
    /// came out as a shift by one the other way once Verilator 5.006 folded it to a constant
    /// (its constant folding reads an amount with bit 31 set as negative). Fixed in the
    /// printer: amounts of 32 bits or more saturate to the result width, never past bit 30.
    @Test func shiftsByAmountsWithBit31Set() throws {
        var t = TestModule()
        let unsigned = t.input("a", .uint(51))
        let signed = t.input("b", .sint(20))
        let amounts: [(String, Int, [UInt64])] = [("top32", 32, [0x8000_0000]), ("ones32", 32, [0xFFFF_FFFF]),
                                                  ("wide", 51, [0x54ab_e200_9579]), ("low31", 40, [0x80_8000_0000])]
        for (name, width, words) in amounts {
            let constant = t.node(.constant(SerranoIR.BitVector(width: width, words: words)), .uint(width))
            // Through a named wire too: Verilator folds it to a constant all the same.
            let folded = t.node(.resize(constant), .uint(width + 50))
            t.output("\(name)_left", .uint(51), t.node(.binary(.shiftLeft, unsigned, constant), .uint(51)))
            t.output("\(name)_folded_left", .uint(51), t.node(.binary(.shiftLeft, unsigned, folded), .uint(51)))
            t.output("\(name)_folded_arith", .sint(20), t.node(.binary(.shiftRight, signed, folded), .sint(20)))
            // A constant shifted by a constant: the whole expression folds.
            let asUnsigned = t.node(.reinterpret(constant), .uint(width))
            t.output("\(name)_constant", .uint(width), t.node(.binary(.shiftLeft, constant, asUnsigned), .uint(width)))
        }
        try agree(t.design())
        let sim = try t.interpreter()
        try sim.set("a", 0x54ab_e200_9579)
        try sim.set("b", 0x80000)
        for (name, _, _) in amounts {
            #expect(try sim.get("\(name)_left") == 0, "\(name)")
            #expect(try sim.get("\(name)_folded_left") == 0, "\(name)")
            #expect(try sim.get("\(name)_folded_arith") == 0xFFFFF, "\(name)")
            #expect(try sim.get("\(name)_constant") == 0, "\(name)")
        }
    }

    /// Found by seed 2026: Verilator 5.006's DFG optimiser crashes on circuit 2733 ("Reduction
    /// over single bit value should have been folded") and miscompiles circuit 7230 (output
    /// `out2` differs from the interpreter and from the same Verilog built with `-fno-dfg`);
    /// with DFG off its expansion pass still crashes the same way on circuits 3686 and 7430, and
    /// its gate optimisation gets circuits 5078 and 8452 wrong. Not Serrano bugs: differential
    /// builds turn the three passes off (`DifferentialBatch.options`). The circuits are kept as
    /// the Verilog they were found on (Fixtures/verilator-5.006, README there): the generator
    /// draws other circuits since. Each must build with the fuzzer's options and match the same
    /// Verilog built with every Verilator optimisation off, cycle for cycle.
    @Test(arguments: [2733, 3686, 5078, 7230, 7430, 8452])
    func verilatorOptimiserWorkaround(circuit: Int) throws {
        #expect(DifferentialBatch.options.verilatorFlags == ["-fno-dfg", "-fno-expand", "-fno-gate"])
        let folder = Fixtures.url("verilator-5.006/circuit_\(circuit)")
        let sources = try VerilogSources(top: "fuzz_top", fileList: folder.appendingPathComponent("fuzz_top.f"))
        let unoptimised = VerilatorOptions(trace: .none, optimization: "-O0", verilatorFlags: ["-O0"])
        let outcome = try DifferentialBatch.run(sources, reference: unoptimised, seed: 2026,
                                                stimulus: DifferentialBatch.stimulusSeed(seed: 2026, firstCircuit: circuit), cycles: 1000)
        #expect(outcome.mismatches.isEmpty, "\(outcome.mismatches.map(\.description))")
    }
}
