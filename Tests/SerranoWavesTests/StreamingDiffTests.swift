import Foundation
import Testing
import SerranoSupport
@testable import SerranoWaves

/// The streaming `wave diff` (`WaveDiff.run`) against the whole-file comparison
/// (`WaveDiff.compare` on fully read waveforms): same report, same picture, same errors.
@Suite("streaming wave diff")
struct StreamingDiffTests {
    private static let widths = [1, 1, 3, 8, 64, 65, 130]
    private static let digits: [Character] = ["0", "1", "x", "z"]

    /// Random VCD text: a clock, valid/ready, vectors of several widths (written short, with x and
    /// z), a real, an alias, repeated timestamps, several changes at one time, `$dumpoff`.
    /// `mutation` (percent) perturbs values with a second generator, so two calls with the same
    /// `seed` and different mutation give files that mostly agree.
    static func randomVCD(seed: UInt64, cycles: Int, timescale: String, mutation: Int, mutationSeed: UInt64) -> String {
        var random = SplitMix64(seed: seed)
        var mutate = SplitMix64(seed: mutationSeed)
        var text = "$timescale \(timescale) $end\n$scope module top $end\n"
        text += "$var wire 1 ! clk $end\n$var wire 1 \" valid $end\n$var wire 1 # ready $end\n"
        let codes = widths.indices.map { "s\($0)" }
        for (index, width) in widths.enumerated() {
            text += "$var wire \(width) \(codes[index]) sig\(index) [\(width - 1):0] $end\n"
        }
        text += "$var real 64 r level $end\n$var wire 8 s3 alias_of_3 $end\n$upscope $end\n$enddefinitions $end\n"
        var time: UInt64 = 0
        text += "#0\n$dumpvars\n0!\n0\"\n1#\n$end\n"
        for _ in 0..<cycles {
            time += UInt64(1 + random.below(4))
            text += "#\(time)\n1!\n"
            if random.chance(10) { text += "#\(time)\n" }
            let perturbed = mutate.chance(mutation)
            for (index, width) in widths.enumerated() where random.chance(40) {
                var digitCount = 1 + random.below(width)
                if random.chance(50) { digitCount = width }
                var value = String((0..<digitCount).map { _ in digits[random.chance(90) ? random.below(2) : 2 + random.below(2)] })
                if perturbed && mutate.chance(50) { value = String(value.map { $0 == "0" ? "1" : "0" }) }
                text += width == 1 && random.chance(50) ? "\(value.prefix(1))\(codes[index])\n" : "b\(value) \(codes[index])\n"
                if random.chance(5) { text += "b\(value) \(codes[index])\n" }
            }
            if random.chance(30) {
                let level = Double(random.below(5)) / 2 + (perturbed && mutate.chance(30) ? 1 : 0)
                text += "r\(level) r\n"
            }
            text += "\(random.chance(60) != (perturbed && mutate.chance(20)) ? 1 : 0)\"\n"
            if random.chance(30) { text += "\(random.below(2))#\n" }
            if random.chance(2) { text += "$dumpoff\n$end\n" }
            time += UInt64(1 + random.below(4))
            text += "#\(time)\n0!\n"
            if random.chance(20) { text += "b\(random.below(2))\(random.below(2)) s2\n" }
        }
        return text
    }

    /// The report, picture and errors of both routes for one pair and one set of options.
    static func outcomes(actual: String, expected: String, options: DiffOptions) -> (streamed: String, whole: String) {
        func describe(_ body: () throws -> DiffResult) -> String {
            do {
                let result = try body()
                let report = DiffReport.text(result)
                return report + DiffPicture.html(result, reportText: report)
            } catch {
                return "error: \(error)"
            }
        }
        let streamed = describe { try WaveDiff.run(actual: actual, expected: expected, options: options) }
        let whole = describe {
            try WaveDiff.compare(actual: try WaveFile.read(actual), expected: try WaveFile.read(expected), options: options)
        }
        return (streamed, whole)
    }

    @Test("on random traces the streamed diff equals the whole-file diff: every alignment, windows, --max, strict x")
    func randomEquivalence() throws {
        let seed = WaveTestRandom.seed("streaming diff equivalence")
        var random = SplitMix64(seed: seed)
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let timescales = ["1ns", "1ps", "10ps", "1 ns"]
        for round in 0..<60 {
            let traceSeed = random.next()
            let actualPath = directory.appendingPathComponent("a\(round).vcd").path
            let expectedPath = directory.appendingPathComponent("e\(round).vcd").path
            let cycles = 1 + random.below(120)
            let expectedCycles = random.chance(70) ? cycles : 1 + random.below(120)
            let actualScale = timescales[random.below(timescales.count)]
            let expectedScale = random.chance(70) ? actualScale : timescales[random.below(timescales.count)]
            try Self.randomVCD(seed: traceSeed, cycles: cycles, timescale: actualScale, mutation: 0, mutationSeed: 1)
                .write(toFile: actualPath, atomically: false, encoding: .utf8)
            try Self.randomVCD(seed: traceSeed, cycles: expectedCycles, timescale: expectedScale,
                          mutation: random.chance(20) ? 0 : random.below(15), mutationSeed: random.next())
                .write(toFile: expectedPath, atomically: false, encoding: .utf8)
            let alignment = random.below(4)
            let clock = alignment >= 1 ? "top.clk" : nil
            let valid = alignment >= 2 ? "top.valid" : nil
            let ready = alignment == 3 ? "top.ready" : nil
            let from = random.chance(30) ? "\(random.below(100))" : nil
            let to = random.chance(30) ? "\(random.below(400))" : nil
            let signals = random.chance(25) ? ["top.sig\(random.below(Self.widths.count))*"] : []
            let options = try DiffOptions(parsingClock: clock, valid: valid, ready: ready, signals: signals, map: [],
                                          from: from, to: to, strictX: random.chance(30), maxListed: random.below(4))
            let (streamed, whole) = Self.outcomes(actual: actualPath, expected: expectedPath, options: options)
            #expect(streamed == whole, "seed \(seed), round \(round): clock \(clock ?? "-") valid \(valid ?? "-") ready \(ready ?? "-") from \(from ?? "-") to \(to ?? "-")")
            if streamed != whole { return }
        }
    }

    /// A long trace with one wrong value at `wrongCycle`.
    static func longTrace(cycles: Int, wrongCycle: Int?) -> String {
        var text = "$timescale 1ns $end\n$scope module top $end\n$var wire 1 ! clk $end\n$var wire 32 \" count $end\n"
        text += "$var wire 8 # slow $end\n$upscope $end\n$enddefinitions $end\n#0\n0!\nb0 \"\nb0 #\n"
        text.reserveCapacity(cycles * 40)
        for cycle in 0..<cycles {
            text += "#\(cycle * 10 + 5)\n1!\nb\(String(cycle == wrongCycle ? cycle ^ 0x100 : cycle, radix: 2)) \"\n"
            if cycle % 3 == 0 { text += "b\(String(cycle % 256, radix: 2)) #\n" }
            text += "#\(cycle * 10 + 10)\n0!\n"
        }
        return text
    }

    @Test("a divergence far into a long file is found, with eight cycles of context either side, as the whole-file diff draws it")
    func farDivergence() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let actualPath = directory.appendingPathComponent("long.vcd").path
        let expectedPath = directory.appendingPathComponent("long-expected.vcd").path
        let cycles = 150_000
        let wrong = 149_000
        try Self.longTrace(cycles: cycles, wrongCycle: nil).write(toFile: actualPath, atomically: false, encoding: .utf8)
        try Self.longTrace(cycles: cycles, wrongCycle: wrong).write(toFile: expectedPath, atomically: false, encoding: .utf8)
        let options = try DiffOptions(parsingClock: "top.clk", valid: nil, ready: nil, signals: [], map: [],
                                      from: nil, to: nil, strictX: false, maxListed: 10)
        let result = try WaveDiff.run(actual: actualPath, expected: expectedPath, options: options)
        // The count changes at edge `wrong`, so the sample before edge `wrong + 1` reads it.
        #expect(result.divergingSampleCount == 1)
        #expect(result.divergences.map(\.index) == [wrong + 1])
        let window = try #require(result.window)
        #expect(window.indices == Array(wrong - 7...wrong + 9))
        #expect(window.focusColumn == 8)
        let count = try #require(window.rows.first { $0.signal.actualName == "top.count" })
        #expect(count.actual.first??.description == LogicValue(width: 32, UInt64(wrong - 8)).description)
        #expect(count.mismatch == window.indices.map { $0 == wrong + 1 })
        #expect(window.rows.contains { $0.signal.actualName == "top.slow" && $0.actual.allSatisfy { $0 != nil } })
        let (streamed, whole) = Self.outcomes(actual: actualPath, expected: expectedPath, options: options)
        #expect(streamed == whole)
    }

    @Test("the diff holds a bounded number of change chunks however long the files are")
    func boundedChunks() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("long.vcd").path
        // About 2 changes per cycle: 400,000 cycles make a dozen chunks per file.
        try Self.longTrace(cycles: 400_000, wrongCycle: nil).write(toFile: path, atomically: false, encoding: .utf8)
        let options = try DiffOptions(parsingClock: "top.clk", valid: nil, ready: nil, signals: [], map: [],
                                      from: nil, to: nil, strictX: false, maxListed: 10)
        let actual = try VCDStream(path: path, queueCapacity: 2)
        let expected = try VCDStream(path: path, queueCapacity: 2)
        let plan = try DiffPlan(actual: actual.header, expected: expected.header, options: options)
        let result = try StreamingDiff.run(actual: actual, expected: expected, plan: plan, options: options)
        #expect(result.isSame && result.comparedSampleCount == 400_000)
        for census in [actual.census.counts, expected.census.counts] {
            #expect(census.made >= 12)
            // The queue's chunks, the one being filled, the one being read and the one it replaces.
            #expect(census.peak <= 2 + 3)
        }
    }

    @Test("a bad file is still one sentence naming it, from either side, and a reader error beats a diff error")
    func badInput() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let good = directory.appendingPathComponent("good.vcd").path
        let bad = directory.appendingPathComponent("bad.vcd").path
        try Self.longTrace(cycles: 50_000, wrongCycle: nil).write(toFile: good, atomically: false, encoding: .utf8)
        // Truncated deep in the body, mid-value.
        let text = Self.longTrace(cycles: 50_000, wrongCycle: nil)
        try (String(text.prefix(text.utf8.count * 3 / 4)) + "\nb10q1 \"\n").write(toFile: bad, atomically: false, encoding: .utf8)
        let options = try DiffOptions(parsingClock: "top.clk", valid: nil, ready: nil, signals: [], map: [],
                                      from: nil, to: nil, strictX: false, maxListed: 10)
        for (actual, expected) in [(good, bad), (bad, good), (bad, bad)] {
            let (streamed, whole) = Self.outcomes(actual: actual, expected: expected, options: options)
            #expect(streamed == whole)
            #expect(streamed.hasPrefix("error: ") && streamed.contains("bad.vcd"))
        }
        let missing = directory.appendingPathComponent("missing.vcd").path
        let (streamed, whole) = Self.outcomes(actual: good, expected: missing, options: options)
        #expect(streamed == whole && streamed.contains("missing.vcd"))
    }
}
