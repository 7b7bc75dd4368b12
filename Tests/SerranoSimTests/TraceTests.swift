import Foundation
import Testing
@testable import SerranoSim
@testable import SerranoVerilator

@Suite("Traces")
struct TraceTests {
    /// The VCD text of a trace (FST is converted with fst2vcd).
    static func vcdText(_ path: String) throws -> String {
        if path.hasSuffix(".vcd") { return try String(contentsOfFile: path, encoding: .utf8) }
        let converted = path + ".vcd"
        try TraceFiles.convert(URL(fileURLWithPath: path), to: URL(fileURLWithPath: converted))
        defer { try? FileManager.default.removeItem(atPath: converted) }
        return try String(contentsOfFile: converted, encoding: .utf8)
    }

    @Test("trace(to:) with one call writes an FST of the top-level ports, one cycle every 10 time units")
    func fstOfTopLevel() throws {
        let sim = try VerilatorModel.build(Fixtures.systolicArray, options: Fixtures.arrayOptions(size: 4)).makeSimulator()
        let path = try sim.trace(to: "trace-tests/array.fst")
        #expect(path.hasPrefix(PackageLocation.traces.path))
        try sim.reset(cycles: 2)
        try sim.step(3)
        try sim.stopTrace()
        let text = try TraceTests.vcdText(path)
        #expect(text.contains(" sums_out "))
        #expect(text.contains(" activations_in "))
        // Inside a processing element: not traced by default (tracing everything costs 40–100x).
        #expect(!text.contains(" weight_in "))
        #expect(text.contains("#50\n"))
        #expect(!text.contains("#60\n"))
    }

    @Test("a .vcd path on an FST-built model is converted when the trace stops")
    func vcdFromFstModel() throws {
        let sim = try VerilatorModel.build(Fixtures.counter).makeSimulator()
        let path = try sim.trace(to: "trace-tests/counter.vcd")
        try sim.reset(cycles: 1)
        try sim.poke("enable", 1)
        try sim.step(4)
        try sim.stopTrace()
        let text = try TraceTests.vcdText(path)
        #expect(text.contains("$enddefinitions"))
        #expect(text.contains(" count "))
        #expect(text.contains("b00000100 "))  // count reached 4
        #expect(!FileManager.default.fileExists(atPath: path + ".fst"))
    }

    @Test("selected scopes are traced below the top level")
    func selectedScopes() throws {
        let options = VerilatorOptions(trace: .vcd, traceScope: .scopes(["row[1].column[2].pe"]), parameters: ["N": "4"])
        let sim = try VerilatorModel.build(Fixtures.systolicArray, options: options).makeSimulator()
        let path = try sim.trace(to: "trace-tests/scoped.vcd")
        try sim.step(2)
        try sim.stopTrace()
        let text = try TraceTests.vcdText(path)
        #expect(text.contains(" sums_out "))
        #expect(text.contains(" weight_in "))
        // Only the one selected cell: one `weight_in` declaration.
        #expect(text.components(separatedBy: " weight_in ").count == 2)
    }

    @Test("withTrace keeps the trace when the body fails and removes it when it passes")
    func keepsTraceOfFailure() throws {
        struct Failure: Error {}
        let sim = try VerilatorModel.build(Fixtures.counter).makeSimulator()
        let folder = "trace-tests"
        try? FileManager.default.removeItem(at: TraceFiles.resolve("\(folder)/failing.fst"))  // from an earlier run
        try TraceFiles.withTrace(sim, to: "\(folder)/passing.fst") { try sim.step(2) }
        #expect(!FileManager.default.fileExists(atPath: TraceFiles.resolve("\(folder)/passing.fst").path))
        #expect(throws: Failure.self) {
            try TraceFiles.withTrace(sim, to: "\(folder)/failing.fst") {
                try sim.step(2)
                throw Failure()
            }
        }
        #expect(FileManager.default.fileExists(atPath: TraceFiles.resolve("\(folder)/failing.fst").path))
    }

    @Test("trace misuse is an error: unknown extension, second open, no tracing compiled in")
    func traceMisuse() throws {
        let sim = try VerilatorModel.build(Fixtures.counter).makeSimulator()
        #expect(throws: SimulationError.self) { try sim.trace(to: "x.txt") }
        try sim.trace(to: "trace-tests/twice.fst")
        #expect(throws: SimulationError.self) { try sim.trace(to: "trace-tests-twice-again.fst") }
        try sim.stopTrace()
    }
}
