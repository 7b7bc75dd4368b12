import Foundation
import Serrano
import SerranoIR
@testable import SerranoSim
@testable import SerranoVerify
import Testing
import SerranoSupport

/// A `Request` as plain numbers, in port order.
struct RequestValue: Equatable, CustomStringConvertible {
    var addr: UInt64, len: UInt64, tag: UInt64, write: UInt64

    static func random(using random: inout SplitMix64) -> RequestValue {
        RequestValue(addr: UInt64(random.int(in: 0..<(1 << 16))), len: UInt64(random.int(in: 0..<64)),
                     tag: UInt64(random.int(in: 0..<8)), write: UInt64(random.int(in: 0..<2)))
    }

    func poke(_ sim: any Simulator, _ prefix: String) throws {
        try sim.poke("\(prefix)_addr", addr)
        try sim.poke("\(prefix)_len", len)
        try sim.poke("\(prefix)_header_tag", tag)
        try sim.poke("\(prefix)_header_write", write)
    }

    static func peek(_ sim: any Simulator, _ prefix: String) throws -> RequestValue {
        RequestValue(addr: try sim.peek("\(prefix)_addr"), len: try sim.peek("\(prefix)_len"),
                     tag: try sim.peek("\(prefix)_header_tag"), write: try sim.peek("\(prefix)_header_write"))
    }

    var description: String { "{addr \(addr), len \(len), tag \(tag), write \(write)}" }
}

/// A producer that obeys the handshake (holds `valid` and the payload until the transfer) and
/// a consumer with random `ready`, around one stream component with an `in`-side and an
/// `out`-side stream.
struct StreamBench {
    var random: SplitMix64
    let validPercent: Int
    let readyPercent: Int

    /// Runs `cycles` cycles; returns what went in and what came out, in order, and the
    /// number of cycles each side transferred.
    mutating func run(_ sim: any Simulator, input: String, output: String, cycles: Int,
                      check: (any Simulator, Int) throws -> Void = { _, _ in }) throws -> (sent: [RequestValue], received: [RequestValue]) {
        var sent: [RequestValue] = [], received: [RequestValue] = []
        var offer: RequestValue?
        for cycle in 0..<cycles {
            if offer == nil, random.chance(validPercent) { offer = RequestValue.random(using: &random) }
            try sim.poke("\(input)_valid", offer == nil ? 0 : 1)
            try offer?.poke(sim, input)
            try sim.poke("\(output)_ready", random.chance(readyPercent) ? 1 : 0)
            sim.eval()
            try check(sim, cycle)
            if let value = offer, try sim.peek("\(input)_ready") == 1 {
                sent.append(value)
                offer = nil
            }
            if try sim.peek("\(output)_valid") == 1, try sim.peek("\(output)_ready") == 1 {
                received.append(try RequestValue.peek(sim, output))
            }
            try sim.step(1)
        }
        return (sent, received)
    }
}

@Suite("Decoupled streams in simulation")
struct StreamSimulationTests {
    @Test("a queue of aggregates keeps order and never holds more than it may, in registers and in an SRAM",
          arguments: [QueueStorage.registers, .sram])
    func queueOfAggregates(storage: QueueStorage) throws {
        let depth = 6
        let capacity = storage == .sram ? depth + 2 : depth
        let seed = Fixtures.seed
        print("queueOfAggregates(\(storage)) seed \(seed) (replay: SERRANO_SEED=\(seed))")
        for (backend, sim) in try Backends.both(StreamQueue(Request.self, depth: depth, storage: storage)) {
            try sim.reset(cycles: 1)
            var bench = StreamBench(random: SplitMix64(seed: seed), validPercent: 70, readyPercent: 40)
            var inside = 0
            let (sent, received) = try bench.run(sim, input: "enq", output: "deq", cycles: 600) { sim, cycle in
                let count = try sim.peek("count")
                #expect(count == UInt64(inside), "\(backend) cycle \(cycle): count")
                #expect(count <= UInt64(capacity), "\(backend) cycle \(cycle)")
                inside += Int(try sim.peek("enq_valid") & sim.peek("enq_ready"))
                inside -= Int(try sim.peek("deq_valid") & sim.peek("deq_ready"))
            }
            #expect(sent.count > 100, "\(backend): the bench moved data")
            #expect(received == Array(sent.prefix(received.count)), "\(backend): first in, first out")
            #expect(sent.count - received.count == inside, "\(backend)")
        }
    }

    @Test("a queue moves one entry per cycle when both sides are always willing, in either storage",
          arguments: [QueueStorage.registers, .sram])
    func queueFullThroughput(storage: QueueStorage) throws {
        for (backend, sim) in try Backends.both(StreamQueue(Request.self, depth: 8, storage: storage)) {
            try sim.reset(cycles: 1)
            var bench = StreamBench(random: SplitMix64(seed: 1), validPercent: 100, readyPercent: 100)
            let (sent, received) = try bench.run(sim, input: "enq", output: "deq", cycles: 100)
            let latency = storage == .sram ? 3 : 1
            #expect(sent.count == 100, "\(backend): enq never stalls")
            #expect(received.count == 100 - latency, "\(backend): \(latency) cycle(s) from enq to deq")
        }
    }

    @Test("a skid buffer passes everything in order at full throughput, with registered ready")
    func skidBuffer() throws {
        for (backend, sim) in try Backends.both(SkidBuffer(Request.self)) {
            try sim.reset(cycles: 1)
            var full = StreamBench(random: SplitMix64(seed: 2), validPercent: 100, readyPercent: 100)
            let (fastIn, fastOut) = try full.run(sim, input: "in", output: "out", cycles: 50)
            #expect(fastIn.count == 50 && fastOut.count == 49, "\(backend): one per cycle, one cycle of latency")
            var random = StreamBench(random: Fixtures.random(for: "skidBuffer"), validPercent: 60, readyPercent: 50)
            let (sent, received) = try random.run(sim, input: "in", output: "out", cycles: 400) { sim, cycle in
                // `in_ready` is a register: changing `out_ready` now cannot change it now.
                let ready = try sim.peek("in_ready")
                try sim.poke("out_ready", 1 - (try sim.peek("out_ready")))
                sim.eval()
                #expect(try sim.peek("in_ready") == ready, "\(backend) cycle \(cycle)")
                try sim.poke("out_ready", 1 - (try sim.peek("out_ready")))
                sim.eval()
            }
            let all: [RequestValue] = fastIn + sent
            let out: [RequestValue] = fastOut + received
            let expected: [RequestValue] = Array(all.prefix(out.count))
            #expect(out == expected, "\(backend): nothing lost or reordered")
            #expect(all.count - fastOut.count - received.count <= 2, "\(backend): at most two entries inside")
        }
    }

    /// Every input always valid with a payload naming it; the consumer always ready.
    static func grants(_ sim: any Simulator, inputs: Int, cycles: Int, clocked: Bool = true, valid: (Int, Int) -> Bool) throws -> [Int?] {
        var result: [Int?] = []
        try sim.poke("out_ready", 1)
        for cycle in 0..<cycles {
            for input in 0..<inputs {
                try sim.poke("in_\(input)_valid", valid(cycle, input) ? 1 : 0)
                try RequestValue(addr: UInt64(input), len: UInt64(cycle % 64), tag: 0, write: 0).poke(sim, "in_\(input)")
            }
            sim.eval()
            var granted: Int?
            for input in 0..<inputs where try sim.peek("in_\(input)_ready") == 1 && valid(cycle, input) {
                #expect(granted == nil, "cycle \(cycle): two inputs granted")
                granted = input
            }
            if let granted {
                #expect(try sim.peek("out_valid") == 1)
                #expect(try sim.peek("chosen") == UInt64(granted), "cycle \(cycle)")
                #expect(try sim.peek("out_addr") == UInt64(granted), "cycle \(cycle): the chosen input's payload")
            } else {
                #expect(try sim.peek("out_valid") == 0, "cycle \(cycle)")
            }
            result.append(granted)
            if clocked { try sim.step(1) }
        }
        return result
    }

    @Test("a fixed-priority arbiter always serves the lowest-numbered valid input")
    func fixedPriorityArbiter() throws {
        for (backend, sim) in try Backends.both(Arbiter(Request.self, inputs: 3, policy: .fixedPriority)) {
            let pattern: (Int, Int) -> Bool = { cycle, input in (cycle >> input) & 1 == 1 || input == 2 && cycle % 3 == 0 }
            let granted = try Self.grants(sim, inputs: 3, cycles: 24, clocked: false, valid: pattern)
            for (cycle, winner) in granted.enumerated() {
                let expected = (0..<3).first { pattern(cycle, $0) }
                #expect(winner == expected, "\(backend) cycle \(cycle)")
            }
        }
    }

    @Test("a round-robin arbiter gives every always-valid input its turn, input 0 first, and skips idle inputs")
    func roundRobinArbiter() throws {
        for (backend, sim) in try Backends.both(Arbiter(Request.self, inputs: 3, policy: .roundRobin)) {
            try sim.reset(cycles: 1)
            let busy = try Self.grants(sim, inputs: 3, cycles: 7) { _, _ in true }
            #expect(busy == [0, 1, 2, 0, 1, 2, 0], "\(backend)")
            // Input 1 idle: the turn passes from 0 straight to 2 and back.
            let skipping = try Self.grants(sim, inputs: 3, cycles: 4) { _, input in input != 1 }
            #expect(skipping == [2, 0, 2, 0], "\(backend)")
        }
    }
}
