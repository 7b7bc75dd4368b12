import Foundation
import Testing
@testable import SerranoWaves

/// Bad or hostile input found by probing `serrano wave` (issue 9): each case once trapped, took
/// gigabytes, misattributed values silently or said something misleading.
@Suite("wave tools on hostile input")
struct HardeningTests {
    private func write(_ text: String, _ name: String, in directory: URL) throws -> String {
        let path = directory.appendingPathComponent(name).path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    private func message(_ body: () throws -> Void) -> String? {
        do { try body() } catch { return "\(error)" }
        return nil
    }

    private let header = "$timescale 1ns $end\n$scope module top $end\n$var wire 1 ! a $end\n$var wire 8 \" b $end\n$upscope $end\n$enddefinitions $end\n"

    @Test("wave show --svg draws timestamps near 1.8e19 and at UInt64.max without trapping")
    func hugeTimestamps() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        for times in [["0", "18000000000000000000"], ["18446744073709551000", "18446744073709551615"], ["18446744073709551615"]] {
            let body = times.enumerated().map { "#\($1)\n\($0 % 2)!\nb\(String($0 + 1, radix: 2)) \"\n" }.joined()
            let vcd = try write(header + body, "huge.vcd", in: directory)
            let svg = directory.appendingPathComponent("huge.svg").path
            let outcome = try WaveTool.show(file: vcd, signals: [], from: nil, to: nil, svgPath: svg)
            #expect(outcome.exitCode == 0)
            let picture = try String(contentsOfFile: svg, encoding: .utf8)
            #expect(picture.hasPrefix("<svg") && picture.contains("top.b"))
            _ = try WaveTool.show(file: vcd, signals: [], from: times.last, to: nil, svgPath: svg)
        }
        #expect(WaveShow.niceTicks(from: UInt64.max - 3, to: UInt64.max).last == UInt64.max)
        #expect(WaveShow.niceTicks(from: 0, to: UInt64.max).count <= 10)
    }

    @Test("a declared width is capped, naming the file, line and signal")
    func hugeWidth() throws {
        let text = "$scope module top $end\n$var wire 16777216 ! mem $end\n$upscope $end\n$enddefinitions $end\n#0\n1!\n#1\n0!\n"
        let error = message { _ = try VCDReader.parse(text: text, source: "wide.vcd") }
        #expect(error == "wide.vcd:2: $var 'top.mem' is 16,777,216 bits wide; at most 65,536 bits are supported")
        // The writer refuses what the reader would not read back.
        #expect(message { _ = try VCDWriter().declare("top.mem", width: 65_537) } == "top.mem: width 65537 is not between 1 and 65,536")
        #expect(message { _ = try VCDWriter().declare("top.mem", width: 65_536) } == nil)
    }

    @Test("short changes to a wide vector cannot take memory out of proportion to the file")
    func wideChangesBudget() throws {
        // 65,536 bits: 16 KiB a change; 8,000 changes of 3 bytes would take 128 MiB.
        var text = "$scope module top $end\n$var wire 65536 ! bus $end\n$upscope $end\n$enddefinitions $end\n"
        for time in 0..<8_000 { text += "#\(time)\n\(time % 2)!\n" }
        let error = message { _ = try VCDReader.parse(text: text, source: "wide.vcd") }
        #expect(error?.hasPrefix("wide.vcd:") == true)
        #expect(error?.contains("'top.bus' is 65,536 bits wide") == true, "\(error ?? "no error")")
        // The same vector with few changes is read, and quickly described.
        var small = "$scope module top $end\n$var wire 65536 ! bus $end\n$upscope $end\n$enddefinitions $end\n"
        for time in 0..<1_000 { small += "#\(time)\n\(time % 2)!\n" }
        let waveform = try VCDReader.parse(text: small, source: "wide.vcd")
        let description = try #require(valueText(waveform, "top.bus", at: 1))
        #expect(description.count == 2 + 65_536 / 4 && description.hasSuffix("0001"))
        // wave show formats only what a cell shows (formatting 1,000 full values took 20 s).
        let clock = ContinuousClock()
        let started = clock.now
        let svg = WaveShow.chart(waveform, variables: waveform.variables, window: 0...999).svg()
        #expect(clock.now - started < .seconds(5))
        #expect(svg.utf8.count < 1 << 20)
    }

    @Test("identifier codes outside printable ASCII are rejected, not aliased to another code")
    func nonPrintableCodes() throws {
        let declared = "$scope module top $end\n$var wire 1 !! a $end\n$var wire 1 \u{80} b $end\n$upscope $end\n$enddefinitions $end\n#0\n1!!\n"
        let bytes = Data(declared.utf8)
        let error = message { _ = try VCDReader.parse(data: bytes, source: "ids.vcd") }
        #expect(error?.hasPrefix("ids.vcd:3: $var 'top.b' has an identifier code with byte 0xc2") == true, "\(error ?? "no error")")
        // A raw 0x80 in a value change would pack to the same key as `!!`.
        var raw = Data("$scope module top $end\n$var wire 1 !! a $end\n$upscope $end\n$enddefinitions $end\n#0\n1".utf8)
        raw.append(0x80)
        raw.append(contentsOf: Array("\n".utf8))
        let changeError = message { _ = try VCDReader.parse(data: raw, source: "ids.vcd") }
        #expect(changeError == "ids.vcd:6: identifier code with byte 0x80; codes are printable ASCII (! to ~)")
    }

    @Test("wave diff lists and counts signals present in one file only")
    func missingSignals() throws {
        var actualText = "$scope module top $end\n$var wire 8 ! shared $end\n"
        var expectedText = actualText + "$var wire 1 # gold_only $end\n"
        for index in 0..<12 { actualText += "$var wire 1 \(Character(Unicode.Scalar(UInt8(65 + index)))) extra\(index) $end\n" }
        actualText += "$upscope $end\n$enddefinitions $end\n#0\nb1 !\n"
        expectedText += "$upscope $end\n$enddefinitions $end\n#0\nb1 !\n"
        let actual = try VCDReader.parse(text: actualText, source: "a.vcd")
        let expected = try VCDReader.parse(text: expectedText, source: "e.vcd")
        let result = try WaveDiff.compare(actual: actual, expected: expected, options: DiffOptions())
        #expect(result.onlyInActual.count == 12 && result.onlyInExpected == ["top.gold_only"])
        let report = DiffReport.text(result)
        #expect(report.hasPrefix("compared 1 signal (13 more in one file only) at 1 timestamps\n"))
        #expect(report.contains("note: 12 signals only in a.vcd, not compared: top.extra0, top.extra1, "))
        #expect(report.contains("top.extra9, … (10 of 12 listed)\n"))
        #expect(!report.contains("top.extra10"))
        #expect(report.contains("note: 1 signal only in e.vcd, not compared: top.gold_only\n"))
    }

    @Test("signed signals print in decimal, others in hex")
    func signedValues() throws {
        func file(_ value: String, _ source: String) throws -> Waveform {
            try VCDReader.parse(text: "$scope module top $end\n$var wire 8 ! acc $end\n$var wire 8 \" raw $end\n$upscope $end\n$enddefinitions $end\n#0\nb\(value) !\nb\(value) \"\n", source: source)
        }
        var options = DiffOptions()
        options.signed = ["top.acc"]
        let result = try WaveDiff.compare(actual: try file("11111110", "a.vcd"), expected: try file("00000011", "e.vcd"), options: options)
        let report = DiffReport.text(result)
        #expect(report.contains("top.acc   expected 3    actual -2"), "\(report)")
        #expect(report.contains("top.raw   expected 0x03   actual 0xfe"))
        #expect(LogicValue(width: 8, 0x80).signedDecimal == "-128")
        #expect(LogicValue(width: 64, UInt64.max).signedDecimal == "-1")
        #expect(LogicValue(width: 4, 7).signedDecimal == "7")
        #expect(LogicValue(digits: "1x").map(\.signedDecimal) == .some(nil))
    }

    @Test("the divergence picture prints both differing values in full")
    func fullValuesInPicture() throws {
        func file(_ low: UInt64, _ source: String) throws -> Waveform {
            let writer = VCDWriter()
            let clock = try writer.declare("top.clk", width: 1)
            let data = try writer.declare("top.data", width: 64)
            for cycle in 0..<40 {
                try writer.advance(to: UInt64(cycle) * 10)
                try writer.change(clock, 0)
                try writer.change(data, 0x05b3_c2d1_e0f0_0000 | (cycle == 20 ? low : UInt64(cycle)))
                try writer.advance(to: UInt64(cycle) * 10 + 5)
                try writer.change(clock, 1)
            }
            try writer.finish()
            return try VCDReader.parse(text: writer.text, source: source)
        }
        let options = DiffOptions(clock: SignalPairName(actual: "top.clk", expected: "top.clk"), signals: ["top.data"])
        let result = try WaveDiff.compare(actual: try file(0xaa, "a.vcd"), expected: try file(0xbb, "e.vcd"), options: options)
        #expect(!result.isSame)
        let svg = DiffPicture.chart(try #require(result.window), result: result).svg()
        #expect(svg.contains(">0x05b3c2d1e0f000aa<"), "\(svg)")
        #expect(svg.contains(">0x05b3c2d1e0f000bb<"))
    }

    @Test("--valid that is never high, or real, is an error rather than a pass")
    func validNeverHigh() throws {
        let text = "$scope module top $end\n$var wire 1 ! clk $end\n$var wire 1 \" v $end\n$var real 64 # r $end\n$var wire 8 $ d $end\n$upscope $end\n$enddefinitions $end\n"
            + (0..<10).map { "#\($0 * 10)\n0!\n0\"\nr1.5 #\nb\($0 % 2) $\n#\($0 * 10 + 5)\n1!\n" }.joined()
        let waveform = try VCDReader.parse(text: text, source: "t.vcd")
        let never = try DiffOptions(parsingClock: "top.clk", valid: "top.v", ready: nil, signals: ["top.d"], map: [],
                                    from: nil, to: nil, strictX: false, maxListed: 10)
        let error = message { _ = try WaveDiff.compare(actual: waveform, expected: waveform, options: never) }
        #expect(error == "top.v is never 1 at a rising edge of top.clk in t.vcd (nor in t.vcd): no transactions to compare")
        let real = try DiffOptions(parsingClock: "top.clk", valid: "top.r", ready: nil, signals: ["top.d"], map: [],
                                   from: nil, to: nil, strictX: false, maxListed: 10)
        let realError = message { _ = try WaveDiff.compare(actual: waveform, expected: waveform, options: real) }
        #expect(realError == "--valid top.r is a real in t.vcd, not a bit")
    }

    @Test("wave diff converts timescales, and refuses a time past the femtosecond axis")
    func timescales() throws {
        func file(_ timescale: String, _ times: [UInt64], _ source: String) throws -> Waveform {
            try VCDReader.parse(text: "$timescale \(timescale) $end\n$scope module top $end\n$var wire 1 ! a $end\n$upscope $end\n$enddefinitions $end\n"
                + times.enumerated().map { "#\($1)\n\($0 % 2)!\n" }.joined(), source: source)
        }
        let same = try WaveDiff.compare(actual: try file("1ns", [0, 10, 20], "ns.vcd"), expected: try file("1ps", [0, 10_000, 20_000], "ps.vcd"),
                                        options: DiffOptions())
        #expect(same.isSame && same.comparedSampleCount == 3)
        let error = message {
            _ = try WaveDiff.compare(actual: try file("1s", [0, 20_000], "s.vcd"), expected: try file("1ns", [0], "ns.vcd"), options: DiffOptions())
        }
        #expect(error == "s.vcd: time 20,000 × 1s is past 18,446 s, beyond the 64-bit femtosecond axis samples are placed on")
    }

    @Test("a converter that dies of a signal is reported as a crash, not as an exit code")
    func converterCrash() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let script = try write("#!/bin/sh\necho 'about to fail' >&2\nkill -SEGV $$\n", "fst2vcd", in: directory)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script)
        #expect(message { _ = try FSTConverter.run(script, []) } == "fst2vcd crashed (signal 11, SIGSEGV): about to fail")
    }

    @Test("a .fst that is really text is named as not an FST")
    func textAsFST() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let fake = try write(header + "#0\n1!\n", "fake.fst", in: directory)
        #expect(message { _ = try WaveFile.read(fake) } == "\(fake) is not an FST file (it looks like VCD text; name it .vcd)")
        let empty = try write("", "empty.fst", in: directory)
        #expect(message { _ = try WaveFile.read(empty) } == "\(empty) is not an FST file (it is empty)")
        let binary = try write("\u{7f}ELF....", "binary.fst", in: directory)
        #expect(message { _ = try WaveFile.read(binary) } == "\(binary) is not an FST file (it does not start with an FST header block)")
    }
}
