import Foundation
import Testing
import Serrano
import SerranoExamples
import SerranoIR
import SerranoVerilog
@testable import SerranoSim
@testable import SerranoVerilator
@testable import SerranoVerify
import SerranoSupport

/// The enum state machine of `ControllerExample`, against a Swift model of the same machine, on
/// both backends and in both encodings.
@Suite("State machines over a Swift enum")
struct StateMachineTests {
    /// The controller's cycle-by-cycle behaviour: (busy, done) after each edge.
    struct Reference {
        var phase = ControllerExample.Phase.idle
        var timer = 0
        let computeCycles: Int

        mutating func step(start: Bool) {
            switch phase {
            case .idle: if start { phase = .load }
            case .load:
                timer = 0
                phase = .compute
            case .compute:
                if timer == computeCycles - 1 { phase = .drain }
                timer = (timer + 1) & ((1 << bitsToHold(max(computeCycles - 1, 1))) - 1)
            case .drain: phase = .idle
            }
        }
        var busy: Bool { phase != .idle }
        var done: Bool { phase == .drain }
    }

    static func verilator(_ design: LegalDesign) throws -> VerilatorSimulator {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("serrano-fsm-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try VerilogPrinter.print(design).write(to: folder)
        return try VerilatorModel.build(VerilogSources(top: design.topName, fileList: folder.appendingPathComponent("\(design.topName).f"))).makeSimulator()
    }

    @Test("the controller follows its Swift model on both backends, binary and one-hot", arguments: [StateEncoding.binary, .oneHot])
    func controllerFollowsModel(_ encoding: StateEncoding) throws {
        let seed: UInt64 = ProcessInfo.processInfo.environment["SERRANO_SEED"].flatMap { UInt64($0) } ?? 7
        print("state machine test seed \(seed) (replay: SERRANO_SEED=\(seed))")
        let design = try Elaboration.elaborate(ControllerExample(computeCycles: 3, encoding: encoding)).get()
        var finished: [UInt64] = []
        for sim in [try IRInterpreter(design: design) as any Simulator, try Self.verilator(design)] {
            var random = SplitMix64(seed: seed)
            var model = Reference(computeCycles: 3)
            var drains: UInt64 = 0
            try sim.reset(cycles: 2)
            for cycle in 0..<200 {
                let start = UInt64(random.int(in: 0...2)) == 0
                try sim.poke("start", start ? 1 : 0)
                if model.done { drains += 1 }  // the cover samples the state before the edge
                try sim.step(1)
                model.step(start: start)
                #expect(try sim.peek("busy") == (model.busy ? 1 : 0), "busy at cycle \(cycle)")
                #expect(try sim.peek("done") == (model.done ? 1 : 0), "done at cycle \(cycle)")
            }
            #expect(try sim.coverCount("finished") == drains)
            finished.append(drains)
        }
        #expect(finished[0] > 10)
    }

    @Test("the state register carries its case names; a one-hot register has one bit per state")
    func enumerationInIR() throws {
        let binary = try #require(Elaboration.elaborate(ControllerExample()).get().top)
        let enumeration = try #require(binary.enumerations.first)
        #expect(enumeration.caseNames == ["idle", "load", "compute", "drain"])
        #expect(enumeration.codes == (0..<4).map { BitVector(width: 2, value: $0) })
        #expect(binary.registers.first { $0.node == enumeration.register }?.resetValue == BitVector(width: 2, value: 0))
        let oneHot = try #require(Elaboration.elaborate(ControllerExample(encoding: .oneHot)).get().top)
        let hot = try #require(oneHot.enumerations.first)
        #expect(hot.isOneHot)
        #expect(hot.codes == [1, 2, 4, 8].map { BitVector(width: 4, value: $0) })
        #expect(hot.caseName(of: BitVector(width: 4, value: 4)) == "compute")
    }

    @Test("a switch with a value in two cases is an error")
    func duplicateSwitchValue() throws {
        struct Twice: Module {
            struct Ports { let s: Signal; let y: Signal }
            func ports(_ p: PortBuilder) -> Ports { Ports(s: p.input("s", .uint(2)), y: p.output("y", .uint(2))) }
            func build(_ io: Ports, _ c: Circuit) {
                let y = c.wire("w", .uint(2), default: 0)
                c.switch(io.s) { s in
                    s.is(1) { y.assign(1) }
                    s.is(2, 1) { y.assign(2) }
                }
                io.y.assign(y)
            }
        }
        guard case .failure(let error) = Elaboration.elaborate(Twice()) else {
            Issue.record("elaborated")
            return
        }
        #expect(error.diagnostics.map(\.message).contains { $0.contains("the value 1 appears in two cases of a switch") })
    }
}
