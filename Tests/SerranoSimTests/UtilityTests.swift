import Foundation
import Testing
import Serrano
import SerranoIR
import SerranoVerilog
@testable import SerranoSim
@testable import SerranoVerilator
@testable import SerranoVerify
import SerranoSupport

/// Every hardware utility of the DSL in one module, to run against a Swift reference.
private struct Utilities: Module {
    static let table = [11, 22, 33, 44, 55]
    static let magic = "0x0123_4567_89ab_cdef_fedc_ba98_7654_3210"

    struct Ports {
        let x: Signal, s: Signal, index: Signal, selects: Signal
        let pop: Signal, lowest: Signal, clampS: Signal, clampU: Signal, picked: Signal
        let oneHot: Signal, priority: Signal, delayed: Signal, wide: Signal
    }
    func ports(_ p: PortBuilder) -> Ports {
        Ports(x: p.input("x", .uint(13)), s: p.input("s", .sint(12)), index: p.input("index", .uint(4)),
              selects: p.input("selects", .uint(3)),
              pop: p.output("pop", .uint(bitsToHold(13))), lowest: p.output("lowest", .uint(log2Ceil(13))),
              clampS: p.output("clamp_s", .sint(8)), clampU: p.output("clamp_u", .uint(5)), picked: p.output("picked", .uint(6)),
              oneHot: p.output("one_hot", .uint(13)), priority: p.output("first_hit", .uint(13)),
              delayed: p.output("delayed", .uint(13)), wide: p.output("wide", .uint(128)))
    }
    func build(_ io: Ports, _ c: Circuit) {
        io.pop.assign(io.x.popCount())
        io.lowest.assign(io.x.priorityEncoder())
        io.clampS.assign(io.s.clamp(to: 8))
        io.clampU.assign(io.x.clamp(to: 5))
        io.picked.assign(c.select(Self.table.map { c.constant($0, .uint(6)) }, at: io.index))
        let values = [io.x, ~io.x, io.x &+ 1]
        io.oneHot.assign(c.oneHotMux((0..<3).map { (select: io.selects[$0], value: values[$0]) }))
        io.priority.assign(c.priorityMux((0..<3).map { (select: io.selects[$0], value: values[$0]) }, default: c.constant(7, .uint(13))))
        io.delayed.assign(c.delay(io.x, cycles: 3, "x_delay", reset: 0))
        io.wide.assign(c.constant(hex: Self.magic, .uint(128)) ^ io.x.extended(to: 128))
    }
}

@Suite("DSL utilities")
struct UtilityTests {
    @Test("log2Ceil and bitsToHold")
    func sizes() {
        #expect([0, 1, 2, 3, 4, 5, 8, 9, 1 << 20].map(log2Ceil) == [0, 0, 1, 2, 2, 3, 3, 4, 20])
        #expect([-3, 0, 1, 2, 3, 4, 255, 256].map(bitsToHold) == [1, 1, 1, 2, 2, 3, 8, 9])
        #expect(log2Ceil(Int.max) == 63)
    }

    @Test("wide constants: hex, binary and BitVector, with diagnostics for bad literals")
    func wideConstants() throws {
        #expect(BitVector.parse("0x1_0000_0000_0000_0000", radix: 16, width: 80) == .success(BitVector(width: 80, words: [0, 1])))
        #expect(BitVector.parse("0b1010", radix: 2, width: 4) == .success(BitVector(width: 4, value: 10)))
        #expect((try? BitVector.parse("0x1f", radix: 16, width: 4).get()) == nil)
        #expect((try? BitVector.parse("0xg", radix: 16, width: 8).get()) == nil)
        #expect((try? BitVector.parse("0x", radix: 16, width: 8).get()) == nil)
        struct Bad: Module {
            struct Ports { let y: Signal }
            func ports(_ p: PortBuilder) -> Ports { Ports(y: p.output("y", .uint(8))) }
            func build(_ io: Ports, _ c: Circuit) {
                io.y.assign(c.constant(hex: "0x1ff", .uint(8)))
                _ = c.constant(binary: "0b102", .uint(8)).named("b")
                _ = c.constant(BitVector(width: 70, words: [0, 1]), .uint(64)).named("w")
            }
        }
        guard case .failure(let error) = Elaboration.elaborate(Bad()) else {
            Issue.record("elaborated")
            return
        }
        let messages = error.diagnostics.map(\.message)
        #expect(messages.contains { $0.contains("the hexadecimal constant \"0x1ff\" is too wide for UInt(8)") }, "\(messages)")
        #expect(messages.contains { $0.contains("the binary constant \"0b102\" has the character '2'") })
        #expect(messages.contains { $0.contains("does not fit in UInt(64)") })
    }

    static func reference(x: UInt64, s: Int64, index: UInt64, selects: UInt64, history: [UInt64]) -> [String: BitVector] {
        let values = [x, ~x & 0x1fff, (x + 1) & 0x1fff]
        var oneHot: UInt64 = 0
        for bit in 0..<3 where selects >> UInt64(bit) & 1 == 1 { oneHot |= values[bit] }
        let priority = (0..<3).first { selects >> UInt64($0) & 1 == 1 }.map { values[$0] } ?? 7
        let lowest = x == 0 ? 0 : UInt64(x.trailingZeroBitCount)
        let magic = try! BitVector.parse(Utilities.magic, radix: 16, width: 128).get()
        return [
            "pop": BitVector(width: 4, unsigned: UInt64(x.nonzeroBitCount)),
            "lowest": BitVector(width: 4, unsigned: lowest),
            "clamp_s": BitVector(width: 8, value: Int(min(max(s, -128), 127))),
            "clamp_u": BitVector(width: 5, unsigned: min(x, 31)),
            "picked": BitVector(width: 6, unsigned: UInt64(Utilities.table[index < 5 ? Int(index) : 0])),
            "one_hot": BitVector(width: 13, unsigned: oneHot),
            "first_hit": BitVector(width: 13, unsigned: priority),
            "delayed": BitVector(width: 13, unsigned: history.count >= 3 ? history[history.count - 3] : 0),
            "wide": BitVector(width: 128, words: [magic.words[0] ^ x, magic.words[1]]),
        ]
    }

    @Test("every utility matches its Swift reference on both backends (random inputs)")
    func utilitiesMatchReference() throws {
        let seed: UInt64 = ProcessInfo.processInfo.environment["SERRANO_SEED"].flatMap { UInt64($0) } ?? 20261201
        print("utility reference test seed \(seed) (replay: SERRANO_SEED=\(seed))")
        let design = try Elaboration.elaborate(Utilities()).get()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("serrano-utilities-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try VerilogPrinter.print(design).write(to: folder)
        let model = try VerilatorModel.build(VerilogSources(top: design.topName, fileList: folder.appendingPathComponent("\(design.topName).f")))
        for sim in [try IRInterpreter(design: design) as any Simulator, try model.makeSimulator()] {
            var random = SplitMix64(seed: seed)
            try sim.reset(cycles: 1)
            var history: [UInt64] = []
            for _ in 0..<300 {
                let x = UInt64(random.int(in: 0...0x1fff)) >> UInt64(random.int(in: 0...12))
                let s = Int64(random.int(in: -2048...2047))
                let index = UInt64(random.int(in: 0...15))
                let selects = UInt64(random.int(in: 0...7))
                try sim.poke("x", x)
                try sim.poke(try sim.port("s"), signed: s)
                try sim.poke("index", index)
                try sim.poke("selects", selects)
                try sim.step(1)
                history.append(x)
                for (name, expected) in Self.reference(x: x, s: s, index: index, selects: selects, history: history) {
                    let actual = try sim.peekBits(try sim.port(name))
                    #expect(actual == expected, "\(name) for x=\(x) s=\(s) index=\(index) selects=\(selects)")
                    if actual != expected { return }
                }
            }
        }
    }
}

@Suite("SplitMix64 bounded draws")
struct SplitMix64BoundsTests {
    @Test("an empty range never traps: it draws nothing and gives its lower bound")
    func emptyRanges() {
        var random = SplitMix64(seed: 9)
        var copy = random
        #expect(random.below(0) == 0)
        #expect(random.int(in: 5..<5) == 5)
        // Nothing was drawn: the stream continues exactly where an untouched copy does.
        #expect(random.next() == copy.next())
        #expect((0..<1000).allSatisfy { _ in random.int(in: 3..<7) >= 3 && random.below(10) < 10 })
    }
}
