import Foundation
import Serrano
import SerranoExamples
import SerranoIR
import SerranoVerilog
import Testing
@testable import SerranoSim
@testable import SerranoVerilator
@testable import SerranoVerify
import SerranoSupport

/// Batched port access (`PortGroup`) against the per-port API: same values, same errors.
@Suite("Port groups")
struct PortGroupTests {
    /// Random words for every port of `group`, each masked to its port's width.
    private static func stimulus(_ group: PortGroup, _ random: inout SplitMix64) -> [UInt64] {
        var words = [UInt64](repeating: 0, count: group.wordCount)
        for (port, offset) in zip(group.ports, group.offsets) {
            let count = (port.width + 63) / 64
            for word in 0..<count { words[offset + word] = random.next() }
            words[offset + count - 1] &= BitVector.mask(ofWord: count - 1, width: port.width)
        }
        return words
    }

    /// Drives two instances of one design with the same random stimulus, one port by port and
    /// one through groups, and compares every output of every cycle.
    /// `shuffled`: the groups list their ports in a seeded random order, so the ports that lie
    /// side by side in the model are not side by side in the group's buffer.
    private func compare(_ perPort: any Simulator, _ batched: any Simulator, cycles: Int, test: String, shuffled: Bool = false) throws {
        var random = Fixtures.random(for: test)
        try compare(perPort, batched, cycles: cycles, test: test, shuffled: shuffled, random: &random)
    }

    private func compare(_ perPort: any Simulator, _ batched: any Simulator, cycles: Int, test: String, shuffled: Bool,
                         random: inout SplitMix64) throws {
        var inputNames = perPort.ports.filter { $0.direction == .input && $0.name != "clock" }.map(\.name)
        var outputNames = perPort.ports.filter { $0.direction == .output }.map(\.name)
        if shuffled {
            inputNames.shuffle(using: &random)
            outputNames.shuffle(using: &random)
        }
        let inputs = try batched.group(inputNames), outputs = try batched.group(outputNames)
        let singleInputs = try inputNames.map { try perPort.port($0) }
        let singleOutputs = try outputNames.map { try perPort.port($0) }
        var results = [UInt64](repeating: 0, count: outputs.wordCount)
        for cycle in 0..<cycles {
            let words = Self.stimulus(inputs, &random)
            for (port, offset) in zip(singleInputs, inputs.offsets) {
                try words.withUnsafeBufferPointer {
                    try perPort.poke(port, words: UnsafeBufferPointer(rebasing: $0[offset..<(offset + (port.width + 63) / 64)]))
                }
            }
            if cycle % 3 == 0 {
                // Half of the time the parts separately, the rest in one call.
                try batched.poke(inputs, words)
                try batched.step(1)
                results = try batched.peek(outputs)
            } else {
                try batched.step(1, poking: inputs, words, peeking: outputs, into: &results)
            }
            try perPort.step(1)
            var expected: [UInt64] = []
            for port in singleOutputs {
                var words = [UInt64](repeating: 0, count: (port.width + 63) / 64)
                try words.withUnsafeMutableBufferPointer { try perPort.peek(port, words: $0) }
                expected += words
            }
            #expect(results == expected, "cycle \(cycle) (\(test) seed \(Fixtures.seed))")
            if results != expected { return }
        }
    }

    @Test("Verilator, ports of 1, 64, 65 and 100 bits: per-port and batched agree on random stimulus")
    func verilatorWidePorts() throws {
        let model = try VerilatorModel.build(Fixtures.wide)
        try compare(try model.makeSimulator(), try model.makeSimulator(), cycles: 2000, test: "verilatorWidePorts")
    }

    @Test("Verilator, the DSL's 4×4 systolic array: per-port and batched agree on random stimulus")
    func verilatorSystolicArray() throws {
        let model = try Self.systolicArrayModel()
        try compare(try model.makeSimulator(), try model.makeSimulator(), cycles: 2000, test: "verilatorSystolicArray")
    }

    @Test("Verilator, groups in a random port order (4×4 array; ports of 1 to 100 bits interleaved): per-port and batched agree")
    func verilatorShuffledGroups() throws {
        let array = try Self.systolicArrayModel()
        try compare(try array.makeSimulator(), try array.makeSimulator(), cycles: 500, test: "verilatorShuffledGroups", shuffled: true)
        // Ports of every storage class interleaved: a run of one class is interrupted by others.
        let mixed = try VerilatorModel.build(Fixtures.mixed)
        try compare(try mixed.makeSimulator(), try mixed.makeSimulator(), cycles: 500, test: "verilatorMixedPorts")
        var random = Fixtures.random(for: "verilatorShuffledGroups, mixed ports")
        for round in 0..<8 {
            try compare(try mixed.makeSimulator(), try mixed.makeSimulator(), cycles: 200, test: "verilatorShuffledGroups round \(round)",
                        shuffled: true, random: &random)
        }
    }

    @Test("a value too wide for a port inside a run of side-by-side ports names that port")
    func tooWideInsideARun() throws {
        let model = try Self.systolicArrayModel()
        let sim = try model.makeSimulator()
        let names = sim.ports.filter { $0.name.hasPrefix("activation_") }.map(\.name)
        #expect(names.count == 4)
        let group = try sim.group(names)
        var words = [UInt64](repeating: 0x7F, count: group.wordCount)
        words[2] = 0x100
        #expect(throws: SimulationError.valueTooWide(port: names[2], width: 8, value: "0x100")) { try sim.poke(group, words) }
        words[2] = 0xFF
        try sim.poke(group, words)
        let single = try sim.port(names[2])
        #expect(try sim.peek(single) == 0xFF)
    }

    private static func systolicArrayModel() throws -> VerilatorModel {
        let design = try Elaboration.elaborate(SystolicArray(rows: 4, columns: 4)).get()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("serrano-port-group-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        return try VerilatorModel.build(try VerilogSources(printing: design, into: folder))
    }

    @Test("the IR interpreter (the protocol's default groups) agrees with itself port by port")
    func interpreterDefaults() throws {
        let design = try Elaboration.elaborate(ProcessingElement(accWidth: 32)).get()
        try compare(try IRInterpreter(design: design), try IRInterpreter(design: design), cycles: 500, test: "interpreterDefaults")
    }

    @Test("bad groups and bad values are errors, not truncation")
    func errors() throws {
        let model = try VerilatorModel.build(Fixtures.wide)
        let sim = try model.makeSimulator(), other = try model.makeSimulator()
        let inputs = try sim.group(["a", "word"])
        #expect(inputs.wordCount == 3 && inputs.offsets == [0, 2])
        // Bits above a's 100 bits are refused; nothing silently truncated.
        #expect(throws: SimulationError.valueTooWide(port: "a", width: 100, value: "0x10000000000000000000000000")) {
            try sim.poke(inputs, [0, 1 << 36, 7])
        }
        #expect(throws: SimulationError.self) { try sim.poke(inputs, [0, 0]) }  // too short
        #expect(throws: SimulationError.notAnInput(port: "sum")) { try sim.poke(try sim.group(["word", "sum"]), [0, 0, 0]) }
        #expect(throws: SimulationError.self) { try sim.group(["a", "a"]) }
        #expect(throws: SimulationError.self) { try other.poke(inputs, [0, 0, 0]) }  // another instance's group
        #expect(throws: SimulationError.self) { try sim.group(["nope"]) }
        // The same rules on the interpreter's default implementation.
        let interpreter = try IRInterpreter(design: try Elaboration.elaborate(ProcessingElement(accWidth: 32)).get())
        let weight = try interpreter.group(["weightIn"])
        #expect(throws: SimulationError.self) { try interpreter.poke(weight, [0x100]) }
        try interpreter.poke(weight, [0x7F])
    }
}
