import Foundation
import Testing
@testable import SerranoWaves

/// Diffs a real Verilator trace (the counter fixture, built here) against traces this test
/// writes from the counter's specification.
@Suite("Verilator trace against a written expectation")
struct VerilatorTraceTests {
    static let cycles = 40

    @Test("finds an injected one-cycle difference at the right cycle, and nothing without it")
    func injectedDifference() throws {
        guard let verilator = Self.verilatorPath else {
            print("SKIPPED: verilator is not installed (apt-get install verilator); the Verilator trace diff did not run")
            return
        }
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let actual = try buildAndRun(verilator: verilator, in: directory)

        let matching = directory.appendingPathComponent("expected.vcd").path
        try writeExpectedCounter(to: matching, corruptedAfterEdge: nil)
        let options = try DiffOptions(parsingClock: "TOP.counter.clk", valid: nil, ready: nil, signals: ["TOP.counter.count", "TOP.counter.wrap"],
                                      map: ["TOP.counter=top"], from: nil, to: nil, strictX: false, maxListed: 5)
        let same = try WaveDiff.run(actual: actual, expected: matching, options: options)
        #expect(same.isSame, "\(DiffReport.text(same))")
        #expect(same.comparedSampleCount == Self.cycles)

        // Corrupt the value the counter holds after rising edge 16: the sample at edge 17 differs.
        let corrupted = directory.appendingPathComponent("expected-corrupted.vcd").path
        try writeExpectedCounter(to: corrupted, corruptedAfterEdge: 16)
        let html = directory.appendingPathComponent("diff.html").path
        let outcome = try WaveTool.diff(actual: actual, expected: corrupted, options: options, htmlPath: html)
        #expect(outcome.exitCode == 1)
        let result = try WaveDiff.run(actual: actual, expected: corrupted, options: options)
        #expect(result.divergingSampleCount == 1)
        let first = try #require(result.divergences.first)
        #expect(first.index == 17)
        #expect(first.actual?.femtoseconds == 175_000)     // Verilator's 1 ps ticks: edge 17 at 175 ps
        #expect(first.expected?.femtoseconds == 35_000_000) // the written file: edge 17 at 35 ns
        #expect(first.mismatches.map(\.signal.expectedName) == ["top.count"])
        #expect(outcome.output.contains("first divergence: cycle 17 (actual time 175 ps; expected time 35 ns)"))
        #expect(outcome.output.contains("TOP.counter.count (expected: top.count)   expected 0x13   actual 0x0f   (bits 2, 3, 4)"))
        let page = try String(contentsOfFile: html, encoding: .utf8)
        #expect(page.contains("<svg") && page.contains("TOP.counter.count"))
    }

    /// The counter's trace, written from its specification: reset holds it at 0 through rising
    /// edges 0 and 1, then it counts. Times differ from Verilator's on purpose (1 ns ticks, a
    /// 2 ns period): cycle alignment must not care.
    private func writeExpectedCounter(to path: String, corruptedAfterEdge: Int?) throws {
        let writer = try VCDWriter(path: path, timescale: .nanosecond, comment: "counter.v, expected")
        let clock = try writer.declare("top.clk", width: 1)
        let count = try writer.declare("top.count", width: 8, kind: .reg)
        let wrap = try writer.declare("top.wrap", width: 1)
        try writer.change(clock, 0)
        try writer.change(count, digits: "x")  // unknown before reset: don't care
        try writer.change(wrap, digits: "x")
        for edge in 0..<Self.cycles {
            try writer.advance(to: UInt64(2 * edge + 1))
            try writer.change(clock, 1)
            var value = UInt64(max(0, edge - 1)) & 0xff
            if edge == corruptedAfterEdge { value ^= 0x1c }
            try writer.change(count, value)
            try writer.change(wrap, value == 0xff ? 1 : 0)
            try writer.advance(to: UInt64(2 * edge + 2))
            try writer.change(clock, 0)
        }
        try writer.finish()
    }

    private func buildAndRun(verilator: String, in directory: URL) throws -> String {
        let sources = URL(fileURLWithPath: fixture("counter"))
        let objects = directory.appendingPathComponent("obj").path
        try run(verilator, ["--cc", "--exe", "--build", "--trace", "-j", "2", "-Mdir", objects,
                            sources.appendingPathComponent("counter.v").path,
                            sources.appendingPathComponent("sim_main.cpp").path, "-o", "Vcounter"], in: directory)
        let trace = directory.appendingPathComponent("counter.vcd").path
        try run(objects + "/Vcounter", [trace, String(Self.cycles)], in: directory)
        return trace
    }

    private func run(_ tool: String, _ arguments: [String], in directory: URL) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        process.currentDirectoryURL = directory
        let log = directory.appendingPathComponent("build.log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let handle = try FileHandle(forWritingTo: log)
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        process.waitUntilExit()
        try handle.close()
        if process.terminationStatus != 0 {
            let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
            Issue.record("\(tool) failed (exit \(process.terminationStatus)):\n\(text.suffix(2000))")
            throw WaveError.misuse("\(tool) failed")
        }
    }

    static var verilatorPath: String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin"
        return (path.split(separator: ":").map(String.init) + ["/usr/bin", "/usr/local/bin"])
            .map { $0 + "/verilator" }
            .first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}
