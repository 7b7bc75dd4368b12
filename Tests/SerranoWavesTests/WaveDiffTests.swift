import Foundation
import Testing
@testable import SerranoWaves

@Suite("wave diff")
struct WaveDiffTests {
    private func options(_ clock: String?, valid: String? = nil, ready: String? = nil, signals: [String] = [],
                         map: [String] = [], from: String? = nil, to: String? = nil, strictX: Bool = false,
                         max: Int = 10) throws -> DiffOptions {
        try DiffOptions(parsingClock: clock, valid: valid, ready: ready, signals: signals, map: map, from: from, to: to,
                        strictX: strictX, maxListed: max)
    }

    /// A counter trace: after rising edge k the count is k + 1 (`wrong` and `unknownAt` override
    /// that by value index), so the sample at edge k (taken just before it) reads k.
    private func counter(period: UInt64, cycles: Int, name: String = "top", source: String = "actual.vcd",
                         wrong: [Int: UInt64] = [:], unknownAt: Set<Int> = []) throws -> Waveform {
        let writer = VCDWriter()
        let clock = try writer.declare("\(name).clk", width: 1)
        let count = try writer.declare("\(name).count", width: 8)
        try writer.change(clock, 0)
        try writer.change(count, 0)
        for cycle in 0..<cycles {
            try writer.advance(to: UInt64(cycle) * period + period / 2)
            try writer.change(clock, 1)
            let value = wrong[cycle + 1] ?? UInt64(cycle + 1) & 0xff
            if unknownAt.contains(cycle + 1) { try writer.change(count, digits: "x") } else { try writer.change(count, value) }
            try writer.advance(to: UInt64(cycle + 1) * period)
            try writer.change(clock, 0)
        }
        try writer.finish()
        return try VCDReader.parse(text: writer.text, source: source)
    }

    @Test("cycle alignment pairs the k-th rising edges even when the periods differ")
    func cycleAlignment() throws {
        let actual = try counter(period: 10, cycles: 40)
        let same = try WaveDiff.compare(actual: actual, expected: try counter(period: 4, cycles: 40),
                                        options: try options("top.clk", signals: ["top.count"]))
        #expect(same.isSame)
        #expect(same.alignment == .cycle && same.comparedSampleCount == 40)
        // The counter's value after edge 17 is wrong, so the sample at edge 18 (taken just before
        // it, as a flip-flop would) differs: one cycle only.
        let different = try WaveDiff.compare(actual: actual, expected: try counter(period: 4, cycles: 40, source: "expected.vcd", wrong: [18: 0x40]),
                                             options: try options("top.clk", signals: ["top.count"]))
        #expect(different.divergingSampleCount == 1)
        let first = try #require(different.divergences.first)
        #expect(first.index == 18)
        #expect(first.actual?.femtoseconds == 185_000_000 && first.expected?.femtoseconds == 74_000_000)
        #expect(first.mismatches.map(\.signal.actualName) == ["top.count"])
        #expect(first.mismatches.first?.differingBits == [1, 4, 6])
        #expect(DiffReport.text(different) == """
            compared 1 signal on 40 cycles (rising edges of top.clk)
            first divergence: cycle 18 (actual time 185 ns; expected time 74 ns)
              top.count   expected 0x40   actual 0x12   (bits 1, 4, 6)

            """)
    }

    @Test("transactions line up by ordinal across different latencies; x on the expected side is don't care")
    func transactions() throws {
        let arguments: (String?, String?, String?) = ("top.clk", "top.out_valid", "top.out_ready")
        let same = try WaveDiff.run(actual: fixture("txn_actual.vcd"), expected: fixture("txn_expected.vcd"),
                                    options: try options(arguments.0, valid: arguments.1, ready: arguments.2,
                                                         signals: ["top.out_data"], map: ["top=gold"]))
        #expect(same.alignment == .transaction)
        #expect(same.comparedSampleCount == 4 && same.isSame)

        let strict = try WaveDiff.run(actual: fixture("txn_actual.vcd"), expected: fixture("txn_expected.vcd"),
                                      options: try options(arguments.0, valid: arguments.1, ready: arguments.2,
                                                           signals: ["top.out_data"], map: ["top=gold"], strictX: true))
        #expect(strict.divergences.map(\.index) == [3])
        #expect(strict.divergences.first?.mismatches.first?.differingBits == [0, 1, 2, 3])

        let bad = try WaveDiff.run(actual: fixture("txn_actual.vcd"), expected: fixture("txn_expected_bad.vcd"),
                                   options: try options(arguments.0, valid: arguments.1, ready: arguments.2,
                                                        signals: ["top.out_data"], map: ["top=gold"]))
        let first = try #require(bad.divergences.first)
        #expect(bad.divergingSampleCount == 1)
        #expect(first.index == 2 && first.actual?.cycle == 7 && first.expected?.cycle == 4)
        #expect(DiffReport.text(bad, htmlPath: "diff.html") == """
            compared 1 signal on 4 transactions (top.out_valid && top.out_ready at rising edges of top.clk)
            first divergence: transaction 2 (actual cycle 7, time 75 ns; expected cycle 4, time 18 ns)
              top.out_data (expected: gold.out_data)   expected 0x35   actual 0x33   (bits 1, 2)
            report: diff.html

            """)
    }

    @Test("without ready, the stalled cycle counts as a transaction and everything after shifts")
    func validOnly() throws {
        let result = try WaveDiff.run(actual: fixture("txn_actual.vcd"), expected: fixture("txn_expected.vcd"),
                                      options: try options("top.clk", valid: "top.out_valid", signals: ["top.out_data"], map: ["top=gold"]))
        #expect(result.actualSampleCount == 5 && result.expectedSampleCount == 4)
        // Transaction 3 is the stalled 0x44 on both sides (0x4x matches); transaction 4 exists only in actual.
        #expect(result.divergences.map(\.index) == [4])
        #expect(result.divergences.first?.expected == nil)
        #expect(DiffReport.text(result).contains("first divergence: transaction 4 (actual cycle 9, time 95 ns; expected has no such transaction)"))
    }

    @Test("timestamp alignment compares at every time of either file, across timescales")
    func timestamps() throws {
        let actual = try VCDReader.parse(text: """
            $timescale 1ns $end $scope module t $end $var wire 4 ! v $end $upscope $end $enddefinitions $end
            #0 b1 ! #10 b10 ! #20 b11 !
            """, source: "a.vcd")
        let expected = try VCDReader.parse(text: """
            $timescale 100ps $end $scope module t $end $var wire 4 ! v $end $upscope $end $enddefinitions $end
            #0 b1 ! #100 b10 ! #150 b111 ! #160 b10 ! #200 b11 !
            """, source: "e.vcd")
        let result = try WaveDiff.compare(actual: actual, expected: expected, options: try options(nil))
        #expect(result.alignment == .timestamp && result.comparedSampleCount == 5)
        #expect(result.divergences.map(\.index) == [2])
        #expect(result.divergences.first?.actual?.femtoseconds == 15_000_000)
        #expect(DiffReport.text(result) == """
            compared 1 signal at 5 timestamps
            first divergence: time 15 ns
              t.v   expected 0x7   actual 0x2   (bits 0, 2)

            """)
        let windowed = try WaveDiff.compare(actual: actual, expected: expected, options: try options(nil, from: "16ns", to: "20ns"))
        #expect(windowed.isSame && windowed.comparedSampleCount == 2)
    }

    @Test("x in the expected file is don't care unless --strict-x; x in the actual file always differs")
    func dontCare() throws {
        let actual = try counter(period: 10, cycles: 20)
        let expected = try counter(period: 10, cycles: 20, name: "top", unknownAt: [5, 6])
        #expect(try WaveDiff.compare(actual: actual, expected: expected, options: try options("top.clk")).isSame)
        let strict = try WaveDiff.compare(actual: actual, expected: expected, options: try options("top.clk", strictX: true))
        #expect(strict.divergences.map(\.index) == [5, 6])
        let reversed = try WaveDiff.compare(actual: expected, expected: actual, options: try options("top.clk"))
        #expect(reversed.divergences.map(\.index) == [5, 6])
    }

    @Test("--map renames hierarchy; names on either side resolve or fail with suggestions")
    func renameMap() throws {
        let actual = try counter(period: 10, cycles: 10, name: "tb.dut")
        let expected = try counter(period: 10, cycles: 10, name: "model", source: "expected.vcd")
        let mapped = try WaveDiff.compare(actual: actual, expected: expected,
                                          options: try options("tb.dut.clk", map: ["tb.dut=model"]))
        #expect(mapped.isSame && mapped.signals.map(\.expectedName) == ["model.clk", "model.count"])
        let explicitClock = try WaveDiff.compare(actual: actual, expected: expected,
                                                 options: try options("tb.dut.clk=model.clk", signals: ["tb.dut.c*"], map: ["tb.dut=model"]))
        #expect(explicitClock.isSame && explicitClock.signals.count == 2)
        #expect(throws: WaveError.badOption("actual.vcd and expected.vcd share no signal names; use --map ACTUAL_PREFIX=EXPECTED_PREFIX or --signals")) {
            try WaveDiff.compare(actual: actual, expected: expected, options: try options(nil))
        }
        #expect(throws: WaveError.unknownSignal(name: "tb.dut.cnt", file: "actual.vcd", suggestions: ["tb.dut.clk", "tb.dut.count"])) {
            try WaveDiff.compare(actual: actual, expected: expected, options: try options("tb.dut.clk", signals: ["tb.dut.cnt"], map: ["tb.dut=model"]))
        }
        #expect(throws: WaveError.unknownSignal(name: "tb.dut.count", file: "expected.vcd", suggestions: ["model.count"])) {
            try WaveDiff.compare(actual: actual, expected: expected, options: try options("tb.dut.clk=model.clk", signals: ["tb.dut.count"]))
        }
        #expect(throws: WaveError.unknownSignal(name: "tb.dut.clock", file: "actual.vcd", suggestions: ["tb.dut.clk"])) {
            try WaveDiff.compare(actual: actual, expected: expected, options: try options("tb.dut.clock", map: ["tb.dut=model"]))
        }
    }

    @Test("name maps match whole components; the longest prefix wins; an empty target strips")
    func nameMap() throws {
        let map = try NameMap(parsing: ["top.dut=gold", "top=", "top.dut.core=g.c"])
        #expect(map.expectedName(for: "top.dut.valid") == "gold.valid")
        #expect(map.expectedName(for: "top.dut2.valid") == "dut2.valid")
        #expect(map.expectedName(for: "top.dut.core.x") == "g.c.x")
        #expect(map.expectedName(for: "other.x") == "other.x")
        #expect(throws: WaveError.badOption("--map 'nothing' must be ACTUAL_PREFIX=EXPECTED_PREFIX (the right side may be empty)")) {
            try NameMap(parsing: ["nothing"])
        }
    }

    @Test("flag combinations that cannot work are rejected before reading files")
    func optionValidation() throws {
        #expect(throws: WaveError.badOption("--valid needs --clock: transactions are sampled on rising clock edges")) {
            try options(nil, valid: "top.v")
        }
        #expect(throws: WaveError.badOption("--ready needs --valid (a transaction is a cycle with valid && ready)")) {
            try options("top.clk", ready: "top.r")
        }
        #expect(throws: WaveError.badOption("--max must be 0 or more, not -1")) { try options(nil, max: -1) }
        #expect(throws: WaveError.badOption("--clock '=x' must be NAME or ACTUAL_NAME=EXPECTED_NAME")) { try options("=x") }
        let actual = try counter(period: 10, cycles: 4)
        #expect(throws: WaveError.badOption("--from 'soon' is not a time (like 250ns, 1.5us, or a tick count)")) {
            try WaveDiff.compare(actual: actual, expected: actual, options: try options(nil, from: "soon"))
        }
        #expect(throws: WaveError.badOption("--from 30ns is after --to 20")) {
            try WaveDiff.compare(actual: actual, expected: actual, options: try options(nil, from: "30ns", to: "20"))
        }
    }

    @Test("a divergence touching many signals lists eight and counts the rest")
    func manySignals() throws {
        func file(_ value: UInt64, source: String) throws -> Waveform {
            let writer = VCDWriter()
            let signals = try (0..<12).map { try writer.declare("top.s\($0)", width: 4) }
            for signal in signals { try writer.change(signal, value) }
            try writer.finish()
            return try VCDReader.parse(text: writer.text, source: source)
        }
        let result = try WaveDiff.compare(actual: try file(1, source: "a"), expected: try file(2, source: "e"), options: try options(nil))
        let report = DiffReport.text(result)
        #expect(result.divergences.first?.mismatches.count == 12)
        #expect(report.components(separatedBy: "\n").filter { $0.hasPrefix("  top.s") }.count == 8)
        #expect(report.contains("  … 4 more signals differ here\n"))
    }

    @Test("comparing nothing is an error, not a pass")
    func nothingToCompare() throws {
        let actual = try counter(period: 10, cycles: 10)
        let flat = try VCDReader.parse(text: """
            $scope module top $end $var wire 1 ! clk $end $var wire 8 " count $end $upscope $end $enddefinitions $end
            #0 0! b0 " #100 b1 "
            """, source: "flat.vcd")
        #expect(throws: WaveError.badOption("top.clk has no rising edge in flat.vcd")) {
            try WaveDiff.compare(actual: actual, expected: flat, options: try options("top.clk"))
        }
        #expect(throws: WaveError.badOption("top.clk has no rising edge in actual.vcd inside the window")) {
            try WaveDiff.compare(actual: actual, expected: actual, options: try options("top.clk", from: "1us"))
        }
        #expect(throws: WaveError.badOption("no timestamps to compare (empty files, or a window outside them)")) {
            try WaveDiff.compare(actual: actual, expected: actual, options: try options(nil, from: "1us"))
        }
    }

    @Test("the list of further divergences is bounded by --max and counts the rest")
    func boundedList() throws {
        let actual = try counter(period: 10, cycles: 30)
        let wrong = Dictionary(uniqueKeysWithValues: (10...20).map { ($0, UInt64(0xff)) })
        let expected = try counter(period: 10, cycles: 30, wrong: wrong)
        let result = try WaveDiff.compare(actual: actual, expected: expected, options: try options("top.clk", max: 2))
        #expect(result.divergingSampleCount == 11)
        #expect(result.divergences.map(\.index) == [10, 11, 12])
        let report = DiffReport.text(result)
        #expect(report.contains("10 more differing cycles: 11, 12, …"))
        #expect(report.contains("  cycle 11 (time 115 ns)   top.count   expected 0xff   actual 0x0b   (bits 2, 4, 5, 6, 7)"))
        #expect(report.contains("  … 8 more not listed (--max 2)"))
        // The window follows --from/--to on the actual file's times.
        let windowed = try WaveDiff.compare(actual: actual, expected: expected, options: try options("top.clk", from: "150ns", to: "250ns"))
        #expect(windowed.divergences.first?.index == 15 && windowed.divergingSampleCount == 6)
    }

    @Test("edit distance and suggestions")
    func suggestions() {
        #expect(SignalNames.editDistance("kitten", "sitting") == 3)
        #expect(SignalNames.editDistance("", "abc") == 3)
        let names = ["top.out_valid", "top.out_ready", "top.out_data", "top.clk", "top.core.acc"]
        #expect(SignalNames.suggestions(for: "top.out_vaild", among: names) == ["top.out_valid"])
        #expect(SignalNames.suggestions(for: "top.acc", among: names) == ["top.core.acc"])
        #expect(SignalNames.suggestions(for: "zzzzzzzz", among: names).isEmpty)
    }

    @Test("globs: *, ?, classes, and literal dots")
    func globs() {
        #expect(SignalNames.glob("top.out_*", matches: "top.out_data"))
        #expect(SignalNames.glob("*.clk", matches: "tb.dut.clk"))
        #expect(!SignalNames.glob("top.out_*", matches: "top.in_data"))
        #expect(SignalNames.glob("top.d?ta", matches: "top.data"))
        #expect(SignalNames.glob("top.bus[0-3]", matches: "top.bus2"))
        #expect(!SignalNames.glob("top.bus[0-3]", matches: "top.bus7"))
        #expect(!SignalNames.glob("top.clk", matches: "top.clkx"))
    }
}
