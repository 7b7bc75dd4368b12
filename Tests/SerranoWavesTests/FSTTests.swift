import Foundation
import Testing
@testable import SerranoWaves

@Suite("FST through gtkwave's converters")
struct FSTTests {
    /// Every variable's value at every timestamp of either file, as text.
    private func everyValue(_ waveform: Waveform, at times: [UInt64]) -> [String: [String]] {
        var values: [String: [String]] = [:]
        for variable in waveform.variables {
            values[variable.name] = times.map { waveform.value(of: variable, at: $0).description }
        }
        return values
    }

    @Test("VCD → FST → VCD keeps every value: aliases, x/z vectors, wide vectors, reals", .enabled(if: FSTTests.convertersInstalled))
    func roundTrip() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        for name in ["aliases.vcd", "vectors_xz.vcd", "reals.vcd", "dumpoff.vcd", "txn_actual.vcd"] {
            let original = try WaveFile.read(fixture(name))
            let fst = directory.appendingPathComponent(name + ".fst").path
            _ = try WaveTool.convert(input: fixture(name), output: fst)
            let back = directory.appendingPathComponent(name + ".back.vcd").path
            _ = try WaveTool.convert(input: fst, output: back)
            let fromFST = try WaveFile.read(fst)
            let roundTripped = try WaveFile.read(back)
            let times = Array(Set(original.times + fromFST.times)).sorted()
            #expect(Set(fromFST.variables.map(\.name)) == Set(original.variables.map(\.name)), "\(name)")
            #expect(everyValue(fromFST, at: times) == everyValue(original, at: times), "\(name)")
            #expect(everyValue(roundTripped, at: times) == everyValue(original, at: times), "\(name)")
            #expect(fromFST.timescale == original.timescale, "\(name)")
        }
        // Aliases stay aliases.
        let aliases = try WaveFile.read(directory.appendingPathComponent("aliases.vcd.fst").path)
        #expect(aliases.variable(named: "top.data")?.traceIndex == aliases.variable(named: "top.core.data_in")?.traceIndex)
    }

    @Test("a diff can mix FST and VCD", .enabled(if: FSTTests.convertersInstalled))
    func mixedDiff() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let fst = directory.appendingPathComponent("actual.fst").path
        _ = try WaveTool.convert(input: fixture("txn_actual.vcd"), output: fst)
        let options = try DiffOptions(parsingClock: "top.clk", valid: "top.out_valid", ready: "top.out_ready",
                                      signals: ["top.out_data"], map: ["top=gold"], from: nil, to: nil, strictX: false, maxListed: 3)
        let outcome = try WaveTool.diff(actual: fst, expected: fixture("txn_expected_bad.vcd"), options: options, htmlPath: nil)
        #expect(outcome.exitCode == 1)
        #expect(outcome.output.contains("first divergence: transaction 2"))
    }

    @Test("a missing converter is a clear error naming the package")
    func missingConverter() throws {
        let empty = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: empty) }
        #expect(throws: WaveError.converter(message: "fst2vcd not found: FST needs GTKWave's converters (apt-get install gtkwave, or make setup)")) {
            try FSTConverter.locate("fst2vcd", in: [empty.path])
        }
    }

    @Test("a file that is not FST is an error, not a crash", .enabled(if: FSTTests.convertersInstalled))
    func notFST() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let bogus = directory.appendingPathComponent("bogus.fst").path
        try Data("this is not an FST file\n".utf8).write(to: URL(fileURLWithPath: bogus))
        #expect(throws: WaveError.self) { try WaveFile.read(bogus) }
        #expect(throws: WaveError.io(path: "/nonexistent.fst", message: "no such file")) { try WaveFile.read("/nonexistent.fst") }
    }

    static var convertersInstalled: Bool {
        (try? FSTConverter.locate("fst2vcd")) != nil && (try? FSTConverter.locate("vcd2fst")) != nil
    }
}
