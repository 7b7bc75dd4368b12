import Foundation
import Serrano
import SerranoExamples
import SerranoVerilog
import Testing
@testable import SerranoSim
@testable import SerranoVerilator

/// Tracing only what is asked: the top's ports by default, signals by glob, a window of cycles.
@Suite("Trace selection")
struct TraceSelectionTests {
    /// The DSL's 4×4 array: its top declares every PE's port wires (`pe_0_0_sumIn`, …).
    static let array4x4: VerilogSources = {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("serrano-trace-selection-\(UUID().uuidString)")
        do {
            let design = try Elaboration.elaborate(SystolicArray(rows: 4, columns: 4)).get()
            try VerilogPrinter.print(design).write(to: folder)
            return try VerilogSources(top: design.topName, fileList: folder.appendingPathComponent("\(design.topName).f"))
        } catch {
            return VerilogSources(top: "missing", files: [])
        }
    }()

    /// The names a trace declares (its `$var` lines).
    private func declaredNames(_ options: VerilatorOptions, _ name: String) throws -> Set<String> {
        let sim = try VerilatorModel.build(Self.array4x4, options: options).makeSimulator()
        let path = try sim.trace(to: "trace-selection/\(name).vcd")
        try sim.step(2)
        try sim.stopTrace()
        let text = try TraceTests.vcdText(path)
        return Set(text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { $0.hasPrefix("$var") }.compactMap { line in
            let fields = line.split(separator: " ")
            return fields.count > 4 ? String(fields[4]) : nil
        })
    }

    @Test("the default trace holds the top's ports, not the nets between its children")
    func portsOnly() throws {
        let names = try declaredNames(VerilatorOptions(trace: .vcd), "ports")
        #expect(names.contains("activation_0") && names.contains("sum_3") && names.contains("clock"))
        #expect(!names.contains { $0.hasPrefix("pe_") })
        // .topModule brings them back.
        let everything = try declaredNames(VerilatorOptions(trace: .vcd, traceScope: .topModule), "top-module")
        #expect(everything.contains("pe_0_0_sumIn") && everything.contains("activation_0"))
    }

    @Test("signal globs pick nets of the top by name")
    func signalGlobs() throws {
        let names = try declaredNames(VerilatorOptions(trace: .vcd, traceScope: .scopes(["pe_1_2_sum*"])), "glob")
        #expect(names.contains("pe_1_2_sumIn") && names.contains("pe_1_2_sumOut"))
        #expect(!names.contains("pe_1_2_weightIn") && !names.contains("pe_0_0_sumIn"))
        #expect(names.contains("sum_0"))
    }

    @Test("a cycle window records only its cycles, whatever the step sizes")
    func cycleWindow() throws {
        let sim = try VerilatorModel.build(Fixtures.counter).makeSimulator()
        try sim.poke("enable", 1)
        try? FileManager.default.removeItem(at: TraceFiles.resolve("trace-selection/window.vcd"))  // an earlier run's
        let path = try sim.startTrace(to: "trace-selection/window.vcd", cycles: 5..<8)
        #expect(!FileManager.default.fileExists(atPath: path))
        try sim.step(3)
        try sim.step(10)  // crosses the window's start and end
        #expect(sim.cycle == 13)
        let text = try TraceTests.vcdText(path)
        let times = text.split(separator: "\n").filter { $0.hasPrefix("#") }.compactMap { Int($0.dropFirst()) }
        #expect(times.first == 50 && times.last == 80, "\(times)")
        #expect(times.contains(75))
        // The next trace may open at once; misuse is an error.
        #expect(throws: SimulationError.self) { try sim.startTrace(to: "trace-selection/empty.vcd", cycles: 20..<20) }
        #expect(throws: SimulationError.self) { try sim.startTrace(to: "trace-selection/past.vcd", cycles: 2..<4) }
        let now = try sim.startTrace(to: "trace-selection/now.vcd", cycles: 10..<15)
        try sim.step(1)
        try sim.stopTrace()
        let times2 = try TraceTests.vcdText(now).split(separator: "\n").filter { $0.hasPrefix("#") }.compactMap { Int($0.dropFirst()) }
        #expect(times2.first == 130 && times2.last == 140, "\(times2)")
    }

    @Test("a window through port groups and on the batched step")
    func cycleWindowBatched() throws {
        let sim = try VerilatorModel.build(Fixtures.counter).makeSimulator()
        let inputs = try sim.group(["enable"]), outputs = try sim.group(["count"])
        let path = try sim.startTrace(to: "trace-selection/window-batched.vcd", cycles: 2..<4)
        var results: [UInt64] = []
        for _ in 0..<6 { try sim.step(1, poking: inputs, [1], peeking: outputs, into: &results) }
        #expect(results == [6])
        let text = try TraceTests.vcdText(path)
        let times = text.split(separator: "\n").filter { $0.hasPrefix("#") }.compactMap { Int($0.dropFirst()) }
        #expect(times.first == 20 && times.last == 40, "\(times)")
    }
}

/// The port names the default trace keeps, read from the top's header.
@Suite("Top ports from a Verilog header")
struct TopPortParsingTests {
    @Test func serranoAndHandWrittenHeaders() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("serrano-top-ports-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("top.v")
        try """
            module child (input a, output b); assign b = a; endmodule
            module top #(
                parameter WIDTH = 8
            ) (
                input  wire               clock,        // clock
                input  wire signed [7:0]  activation_0, // Top.swift:3
                input  [WIDTH-1:0]        data,
                output reg  [99:0]        sum
            );
              wire internal;
            endmodule
            """.write(to: file, atomically: true, encoding: .utf8)
        #expect(TraceConfiguration.topPorts(top: "top", files: [file]) == ["clock", "activation_0", "data", "sum"])
        #expect(TraceConfiguration.topPorts(top: "child", files: [file]) == ["a", "b"])
        #expect(TraceConfiguration.topPorts(top: "absent", files: [file]) == nil)
    }
}
