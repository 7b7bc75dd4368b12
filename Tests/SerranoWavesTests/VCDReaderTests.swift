import Foundation
import Testing
import SerranoSupport
@testable import SerranoWaves

@Suite("VCD reader")
struct VCDReaderTests {
    @Test("several names on one identifier share one trace and read the same values")
    func aliases() throws {
        let waveform = try VCDReader.read(path: fixture("aliases.vcd"))
        #expect(waveform.variables.map(\.name) == ["top.clk", "top.data", "top.core.data_in", "top.core.clk"])
        #expect(waveform.traces.count == 2)
        let data = try #require(waveform.variable(named: "top.data"))
        let alias = try #require(waveform.variable(named: "top.core.data_in"))
        #expect(data.traceIndex == alias.traceIndex)
        for time: UInt64 in [0, 5, 12, 15, 20] {
            #expect(valueText(waveform, "top.data", at: time) == valueText(waveform, "top.core.data_in", at: time))
        }
        #expect(valueText(waveform, "top.core.data_in", at: 7) == "0x05")
        #expect(valueText(waveform, "top.core.data_in", at: 15) == "0xff")
        #expect(waveform.timescale == .nanosecond)
    }

    @Test("vectors left-extend with 0 after 0/1 and with x or z after x/z, wide ones too")
    func vectorsAndExtension() throws {
        let waveform = try VCDReader.read(path: fixture("vectors_xz.vcd"))
        #expect(waveform.timescale.femtoseconds == 10_000)
        func bits(_ name: String, _ time: UInt64) throws -> String {
            let variable = try #require(waveform.variable(named: name))
            guard case .logic(let value) = waveform.value(of: variable, at: time) else { return "real" }
            return value.binaryDigits
        }
        #expect(try bits("top.a", 0) == "00000001")
        #expect(try bits("top.b", 0) == "xxxxxxxx")
        #expect(try bits("top.c", 0) == "zzzzzz01")
        #expect(try bits("top.wide", 0) == String(repeating: "0", count: 67) + "1x0")
        #expect(try bits("top.small", 0) == "xxxx")   // a scalar x on a vector fills it
        #expect(try bits("top.a", 1) == "000010x1")   // upper-case B and X are legal
        #expect(try bits("top.b", 1) == "00000000")
        #expect(try bits("top.c", 1) == "xxxxxxxx")
        #expect(try bits("top.wide", 1) == String(repeating: "z", count: 70))
        #expect(try bits("top.small", 1) == "zzzz")
        #expect(try bits("top.small", 2) == "0110")
        #expect(valueText(waveform, "top.c", at: 0) == "0xzZ")
    }

    @Test("reals keep their values, in r and R spelling")
    func reals() throws {
        let waveform = try VCDReader.read(path: fixture("reals.vcd"))
        #expect(waveform.variable(named: "top.temperature")?.kind == .real)
        let expected: [(UInt64, Double)] = [(0, 0), (3, 1.5), (5, 1.5), (7, -2250), (9, 3.125)]
        for (time, number) in expected {
            let variable = try #require(waveform.variable(named: "top.temperature"))
            #expect(waveform.value(of: variable, at: time) == .real(number))
        }
        #expect(valueText(waveform, "top.on", at: 4) == "1")
    }

    @Test("$dumpoff makes every variable x until $dumpon")
    func dumpOff() throws {
        let waveform = try VCDReader.read(path: fixture("dumpoff.vcd"))
        #expect(valueText(waveform, "top.count", at: 15) == "0x1")
        #expect(valueText(waveform, "top.count", at: 25) == "0xx")
        #expect(valueText(waveform, "top.clk", at: 25) == "x")
        #expect(valueText(waveform, "top.count", at: 30) == "0x3")
        #expect(valueText(waveform, "top.clk", at: 45) == "0")
        // A $dumpoff that lists nothing still blanks every variable.
        let silent = try VCDReader.parse(text: """
            $scope module t $end $var wire 2 ! v $end $upscope $end $enddefinitions $end
            #0 b10 ! #5 $dumpoff $end #9 $dumpon b01 ! $end
            """)
        #expect(valueText(silent, "t.v", at: 6) == "0xx")
        #expect(valueText(silent, "t.v", at: 9) == "0x1")
    }

    @Test("a truncated file is an error with its line number")
    func truncated() throws {
        #expect(throws: WaveError.malformed(file: fixture("truncated.vcd"), line: 12,
                                            message: "value change without an identifier code (file truncated?)")) {
            try VCDReader.read(path: fixture("truncated.vcd"))
        }
        let unclosed = "$timescale 1ns $end\n$scope module t $end\n$var wire 1 ! a"
        #expect(throws: WaveError.malformed(file: "<text>", line: 3, message: "$var is never closed by $end (file truncated?)")) {
            try VCDReader.parse(text: unclosed)
        }
    }

    @Test("a header without $enddefinitions is an error")
    func missingEndDefinitions() throws {
        #expect(throws: WaveError.malformed(file: fixture("no_enddefinitions.vcd"), line: 5,
                                            message: "no $enddefinitions: the header never ends")) {
            try VCDReader.read(path: fixture("no_enddefinitions.vcd"))
        }
        let changesTooEarly = "$scope module t $end $var wire 1 ! a $end $upscope $end\n#0\n1!\n"
        #expect(throws: WaveError.self) { try VCDReader.parse(text: changesTooEarly) }
    }

    @Test("bad body lines are errors naming the line")
    func badBody() throws {
        let header = "$scope module t $end $var wire 4 ! a $end $upscope $end $enddefinitions $end\n"
        let cases: [(String, Int, String)] = [
            ("#0\nb12 !\n", 3, "'2' is not a VCD digit (0 1 x z)"),
            ("#0\n1?\n", 3, "unknown identifier code '?' (no $var declares it)"),
            ("#5\n#3\n", 3, "time goes backwards (#3 after #5)"),
            ("#0\nq!\n", 3, "unexpected 'q' where a value change or #time belongs"),
            ("#x\n", 2, "expected a decimal time after '#'"),
        ]
        for (body, line, message) in cases {
            #expect(throws: WaveError.malformed(file: "<text>", line: line, message: message)) {
                try VCDReader.parse(text: header + body)
            }
        }
        #expect(throws: WaveError.io(path: "/nonexistent/x.vcd", message: "cannot read: no such file")) {
            try VCDReader.read(path: "/nonexistent/x.vcd")
        }
    }

    @Test("unselected traces are checked but not stored")
    func selection() throws {
        let waveform = try VCDReader.read(path: fixture("aliases.vcd"), selecting: { $0 == "top.core.clk" })
        #expect(waveform.isLoaded == [true, false])
        #expect(waveform.traces[1].changeCount == 0)
        #expect(valueText(waveform, "top.clk", at: 5) == "1")
    }

    @Test("every $var type is accepted and kept")
    func variableTypes() throws {
        let types = ["event", "integer", "parameter", "real", "realtime", "reg", "supply0", "supply1", "time", "tri",
                     "triand", "trior", "trireg", "tri0", "tri1", "wand", "wire", "wor", "logic"]
        var text = "$scope module t $end\n"
        for (index, type) in types.enumerated() {
            text += "$var \(type) \(type.hasPrefix("real") ? 64 : 4) \(VCDWriter.code(for: index)) v\(index) $end\n"
        }
        text += "$upscope $end $enddefinitions $end\n#0\n"
        for (index, type) in types.enumerated() {
            text += type.hasPrefix("real") ? "r2.5 \(VCDWriter.code(for: index))\n" : "b101 \(VCDWriter.code(for: index))\n"
        }
        let waveform = try VCDReader.parse(text: text)
        #expect(waveform.variables.map(\.kind.rawValue) == types)
        for (index, type) in types.enumerated() {
            #expect(valueText(waveform, "t.v\(index)", at: 0) == (type.hasPrefix("real") ? "2.5" : "0x5"))
        }
    }

    @Test("bit-select names stay distinct and ranges are dropped from names")
    func names() throws {
        let waveform = try VCDReader.parse(text: """
            $scope module t $end
            $var wire 1 ! bus [0] $end
            $var wire 1 " bus [1] $end
            $var wire 8 # data[7:0] $end
            $upscope $end $enddefinitions $end
            #0 1! 0" b11 #
            """)
        #expect(waveform.variables.map(\.name) == ["t.bus[0]", "t.bus[1]", "t.data"])
        #expect(valueText(waveform, "t.data", at: 0) == "0x03")
    }
}

/// Short vectors (1–7 digits, the usual VCD form without leading zeros) are read eight bytes at
/// a time where the file has eight bytes left; every length, every value, at the file's end too.
@Suite struct ShortVectorTests {
    @Test("every 1- to 7-digit value of 0/1 reads as written, mid-file and as the file's last bytes")
    func everyShortValue() throws {
        for length in 1...7 {
            for last in [false, true] {
                var text = "$timescale 1ns $end\n$var wire 8 ! v $end\n$enddefinitions $end\n"
                var expected: [UInt64] = []
                for value in 0..<(1 << length) {
                    let digits = String(value, radix: 2)
                    let padded = String(repeating: "0", count: length - digits.count) + digits
                    text += "#\(value)\nb\(padded) !\n"
                    expected.append(UInt64(value))
                }
                // `last`: the final value is the file's last bytes (no newline, no room for eight).
                if last { text.removeLast() }
                let waveform = try VCDReader.parse(text: text)
                let variable = try #require(waveform.variable(named: "v"))
                for (time, value) in expected.enumerated() {
                    guard case .logic(let read) = waveform.value(of: variable, at: UInt64(time)) else {
                        Issue.record("length \(length): not a logic value at \(time)")
                        continue
                    }
                    let digits = String(value, radix: 2)
                    #expect(read.binaryDigits == String(repeating: "0", count: 8 - digits.count) + digits, "length \(length), value \(value), last \(last)")
                }
            }
        }
    }

    @Test("a short vector with x or z digits still reads digit by digit")
    func shortVectorsWithUnknowns() throws {
        let text = "$timescale 1ns $end\n$var wire 8 ! v $end\n$enddefinitions $end\n#0\nb1x0 !\n#1\nbz01 !\n#2\nb10 !\n#3\n"
        let waveform = try VCDReader.parse(text: text)
        let variable = try #require(waveform.variable(named: "v"))
        func bits(_ time: UInt64) -> String {
            guard case .logic(let value) = waveform.value(of: variable, at: time) else { return "real" }
            return value.binaryDigits
        }
        #expect(bits(0) == "000001x0")
        #expect(bits(1) == "zzzzzz01")
        #expect(bits(2) == "00000010")
    }

    @Test("random values of 1 to 80 digits on vectors of 1 to 100 bits read as the VCD rules say, mid-file and at its end")
    func randomLengths() throws {
        let seed = WaveTestRandom.seed("vector digits")
        var random = SplitMix64(seed: seed)
        let widths = [1, 2, 7, 8, 9, 31, 32, 33, 63, 64, 65, 100]
        for round in 0..<40 {
            var text = "$timescale 1ns $end\n"
            for (index, width) in widths.enumerated() { text += "$var wire \(width) v\(index) v\(index) $end\n" }
            text += "$enddefinitions $end\n"
            var expected: [(time: Int, name: String, digits: String)] = []
            for time in 0..<60 {
                let index = random.below(widths.count)
                let width = widths[index]
                let length = 1 + random.below(80)
                let plain = random.chance(70)
                let digits = String((0..<length).map { _ in Array("01xz")[plain ? random.below(2) : random.below(4)] })
                text += "#\(time)\nb\(digits) v\(index)\n"
                // Left-extended with 0 after 0/1, with x or z after x or z; extra digits on the left dropped.
                let lead = digits.first.map { $0 == "x" || $0 == "z" ? $0 : "0" } ?? "0"
                let extended = String(repeating: lead, count: max(0, width - length)) + digits
                expected.append((time, "v\(index)", String(extended.suffix(width))))
            }
            if random.chance(50) { text.removeLast() }
            let waveform = try VCDReader.parse(text: text)
            for entry in expected {
                let variable = try #require(waveform.variable(named: entry.name))
                guard case .logic(let read) = waveform.value(of: variable, at: UInt64(entry.time)) else {
                    Issue.record("not a logic value")
                    continue
                }
                #expect(read.binaryDigits.lowercased() == entry.digits, "seed \(seed), round \(round), #\(entry.time) \(entry.name)")
            }
        }
    }
}
