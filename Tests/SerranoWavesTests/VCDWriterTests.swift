import Foundation
import Testing
@testable import SerranoWaves
import SerranoSupport

@Suite("VCD writer")
struct VCDWriterTests {
    @Test("writes only changes, a #time only when something changes, and the shortest vector form")
    func onlyChanges() throws {
        let writer = VCDWriter(timescale: .nanosecond)
        let clock = try writer.declare("top.clk", width: 1)
        let data = try writer.declare("top.core.data", width: 8, kind: .reg)
        try writer.change(clock, 0)
        try writer.change(data, 5)
        try writer.advance(to: 5)
        try writer.change(clock, 0)       // unchanged: nothing written
        try writer.advance(to: 10)
        try writer.change(clock, 1)
        try writer.change(data, 5)        // unchanged
        try writer.change(data, digits: "x1")
        try writer.finish()
        #expect(writer.text == """
            $version Serrano $end
            $timescale 1ns $end
            $scope module top $end
            $var wire 1 ! clk $end
            $scope module core $end
            $var reg 8 " data [7:0] $end
            $upscope $end
            $upscope $end
            $enddefinitions $end
            #0
            0!
            b101 "
            #10
            1!
            bx1 "

            """)
    }

    @Test("wide values take little-endian words; 4-state and reals round-trip through the reader")
    func wideFourStateAndReal() throws {
        let writer = VCDWriter(timescale: .picosecond)
        let wide = try writer.declare("t.wide", width: 130)
        let temperature = try writer.declare("t.temperature", width: 64, kind: .real)
        let alias = try writer.declareAlias("t.mirror", of: wide)
        try writer.change(wide, words: [0xdead_beef, 0x1, 0x2])
        try writer.change(temperature, real: -0.5)
        try writer.advance(to: 3)
        try writer.change(wide, LogicValue(digits: "z10x", width: 130) ?? .allX(width: 130))
        try writer.change(temperature, real: 1e-3)
        try writer.finish()
        _ = alias
        let waveform = try VCDReader.parse(text: writer.text)
        #expect(waveform.timescale == .picosecond)
        let expectedWide = LogicValue(width: 130, words: [0xdead_beef, 0x1, 0x2])
        #expect(waveform.value(of: try #require(waveform.variable(named: "t.wide")), at: 0) == .logic(expectedWide))
        #expect(waveform.variable(named: "t.mirror")?.traceIndex == waveform.variable(named: "t.wide")?.traceIndex)
        let later = waveform.value(of: try #require(waveform.variable(named: "t.mirror")), at: 3)
        guard case .logic(let value) = later else { Issue.record("not logic"); return }
        #expect(value.binaryDigits == String(repeating: "z", count: 127) + "10x")
        #expect(valueText(waveform, "t.temperature", at: 0) == "-0.5")
        #expect(valueText(waveform, "t.temperature", at: 3) == "0.001")
    }

    @Test("misuse is an error, not a crash")
    func misuse() throws {
        let writer = VCDWriter()
        let small = try writer.declare("t.small", width: 4)
        #expect(throws: WaveError.misuse("'t.small' is declared twice")) { try writer.declare("t.small", width: 1) }
        #expect(throws: WaveError.misuse("'t..x' is not a dot-separated name without spaces")) { try writer.declare("t..x", width: 1) }
        #expect(throws: WaveError.misuse("value does not fit in the 4 bits of t.small")) { try writer.change(small, 16) }
        #expect(throws: WaveError.misuse("'12' is not made of the digits 0 1 x z")) { try writer.change(small, digits: "12") }
        #expect(throws: WaveError.misuse("t.small is not a real")) { try writer.change(small, real: 1) }
        try writer.advance(to: 4)
        #expect(throws: WaveError.misuse("time goes backwards: advance(to: 3) after 4")) { try writer.advance(to: 3) }
        #expect(throws: WaveError.misuse("declare 't.late' before the first advance or change")) { try writer.declare("t.late", width: 1) }
    }

    @Test("identifier codes are distinct printable strings")
    func codes() {
        let codes = (0..<20_000).map(VCDWriter.code(for:))
        #expect(Set(codes).count == codes.count)
        #expect(codes[0] == "!" && codes[93] == "~" && codes[94] == "!!")
        #expect(codes.allSatisfy { $0.utf8.allSatisfy { $0 >= 33 && $0 <= 126 } })
    }

    @Test("seeded random traces read back exactly (replay with SERRANO_SEED)")
    func randomRoundTrip() throws {
        let seed = SplitMix64.testSeed("VCDWriterTests", fallback: 20_261_125)
        print("VCD writer round trip seed: \(seed)")
        var random = SplitMix64(seed: seed)
        let widths = [1, 1, 3, 8, 63, 64, 65, 130]
        let writer = VCDWriter()
        let variables = try widths.enumerated().map { try writer.declare("top.u\($0.offset % 3).s\($0.offset)", width: $0.element) }
        var model: [[UInt64: LogicValue]] = Array(repeating: [:], count: widths.count)
        var time: UInt64 = 0
        for _ in 0..<400 {
            time += UInt64(random.int(in: 0...3))
            try writer.advance(to: time)
            for (index, width) in widths.enumerated() where random.next() & 1 == 0 {
                let words = (0..<LogicValue.wordCount(width)).map { _ in random.next() }
                let unknown = random.int(in: 0..<4) == 0
                    ? (0..<words.count).map { _ in random.next() } : []
                let value = LogicValue(width: width, value: words, unknown: unknown)
                try writer.change(variables[index], value)
                model[index][time] = value
            }
        }
        try writer.finish()
        let waveform = try VCDReader.parse(text: writer.text)
        for (index, width) in widths.enumerated() {
            let variable = try #require(waveform.variable(named: "top.u\(index % 3).s\(index)"))
            var current = LogicValue.allX(width: width)
            for probe in 0...time {
                if let value = model[index][probe] { current = value }
                #expect(waveform.value(of: variable, at: probe) == .logic(current), "seed \(seed) signal \(index) time \(probe)")
            }
        }
    }
}
