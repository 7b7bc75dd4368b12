import Foundation
import Testing
import SerranoSupport
@testable import SerranoWaves
#if canImport(Glibc)
import Glibc
#endif

/// The FST route of `wave diff`: `fst2vcd`'s output parsed from its pipe a window at a time.
/// Stand-in converters (shell scripts that print a VCD) exercise the windows without GTKWave;
/// the real converters check that an FST pair diffs exactly as its VCD pair.
@Suite("FST streamed through fst2vcd's pipe")
struct FSTStreamTests {
    /// A stand-in for `fst2vcd` that prints the file it is given (`-f path`).
    private static func catConverter(in directory: URL) throws -> String {
        try script("#!/bin/sh\ncat \"$2\"\n", named: "fst2vcd", in: directory)
    }

    private static func script(_ text: String, named name: String, in directory: URL) throws -> String {
        let path = directory.appendingPathComponent(name).path
        try text.write(toFile: path, atomically: false, encoding: .utf8)
        chmod(path, 0o755)
        return path
    }

    /// Cycles of `top.clk`, every signal.
    private static func cycleOptions() throws -> DiffOptions {
        try DiffOptions(parsingClock: "top.clk", valid: nil, ready: nil, signals: [], map: [],
                        from: nil, to: nil, strictX: false, maxListed: 10)
    }

    /// Report and picture (or the error) of a diff of two open streams.
    private static func outcome(_ open: () throws -> (VCDStream, VCDStream), options: DiffOptions) -> String {
        do {
            let (actual, expected) = try open()
            let plan = try DiffPlan(actual: actual.header, expected: expected.header, options: options)
            let result = try StreamingDiff.run(actual: actual, expected: expected, plan: plan, options: options)
            let report = DiffReport.text(result)
            return report + DiffPicture.html(result, reportText: report)
        } catch {
            return "error: \(error)"
        }
    }

    /// Random VCD text with the items a window may cut: a value and its code on two lines, a
    /// `$comment` over several lines, long vectors.
    private static func cuttableVCD(seed: UInt64, cycles: Int, mutation: Int, mutationSeed: UInt64) -> String {
        let text = StreamingDiffTests.randomVCD(seed: seed, cycles: cycles, timescale: "1ns", mutation: mutation, mutationSeed: mutationSeed)
        var random = SplitMix64(seed: seed ^ 0xC0FFEE)
        var lines: [Substring] = []
        var body = false
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if body && line.hasPrefix("b") && random.chance(20) {
                lines.append(contentsOf: line.split(separator: " ", maxSplits: 1))
            } else {
                lines.append(line)
            }
            if line == "$enddefinitions $end" { body = true }
            if body && random.chance(3) { lines.append("$comment a note\nover two lines $end") }
        }
        return lines.joined(separator: "\n")
    }

    @Test("parsed through windows as small as 64 bytes, a diff equals the diff of the mapped files, errors and their lines included")
    func windowsEqualMappedFiles() throws {
        let seed = WaveTestRandom.seed("FST window equivalence")
        var random = SplitMix64(seed: seed)
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let converter = try Self.catConverter(in: directory)
        for round in 0..<40 {
            let traceSeed = random.next()
            let actualPath = directory.appendingPathComponent("a\(round).vcd").path
            let expectedPath = directory.appendingPathComponent("e\(round).vcd").path
            let cycles = 1 + random.below(150)
            try Self.cuttableVCD(seed: traceSeed, cycles: cycles, mutation: 0, mutationSeed: 1)
                .write(toFile: actualPath, atomically: false, encoding: .utf8)
            var expected = Self.cuttableVCD(seed: traceSeed, cycles: cycles, mutation: random.below(15), mutationSeed: random.next())
            if random.chance(15) {
                // A bad value somewhere in the body: the same message, at the same line.
                let cut = expected.utf8.count * (1 + random.below(9)) / 10
                expected = String(expected.prefix(cut)) + "\nbq1 s3\n"
            }
            try expected.write(toFile: expectedPath, atomically: false, encoding: .utf8)
            let alignment = random.below(3)
            let options = try DiffOptions(parsingClock: alignment >= 1 ? "top.clk" : nil, valid: alignment == 2 ? "top.valid" : nil,
                                          ready: nil, signals: [], map: [], from: nil, to: nil, strictX: random.chance(30),
                                          maxListed: random.below(4))
            let blockBytes = 64 + random.below(400)
            let windowed = Self.outcome({
                (try VCDStream(converting: ConverterWindow(path: actualPath, tool: converter, blockBytes: blockBytes)),
                 try VCDStream(converting: ConverterWindow(path: expectedPath, tool: converter, blockBytes: blockBytes)))
            }, options: options)
            var mapped = Self.outcome({ (try VCDStream(path: actualPath), try VCDStream(path: expectedPath)) }, options: options)
            if !expected.contains("$enddefinitions") {
                // A converter's output that never finishes its header is the converter's failure
                // (fst2vcd prints a header even for files it cannot read), not a VCD syntax error.
                mapped = "error: \(expectedPath): fst2vcd could not read it (not an FST file?)"
            }
            #expect(windowed == mapped, "seed \(seed), round \(round), window \(blockBytes) bytes, alignment \(alignment)")
            if windowed != mapped { return }
        }
    }

    @Test("an FST pair made by vcd2fst diffs to exactly the report and picture of its VCD pair", .enabled(if: FSTTests.convertersInstalled))
    func fstPairEqualsVCDPair() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        // FST has no $dumpoff (fst2vcd writes its x values differently), so the random pair goes without.
        func random(_ mutation: Int) -> String {
            StreamingDiffTests.randomVCD(seed: 7, cycles: 300, timescale: "1ps", mutation: mutation, mutationSeed: 99)
                .replacingOccurrences(of: "$dumpoff\n$end\n", with: "")
        }
        let pairs: [(String, String)] = [
            (StreamingDiffTests.longTrace(cycles: 20_000, wrongCycle: nil), StreamingDiffTests.longTrace(cycles: 20_000, wrongCycle: 19_000)),
            (random(0), random(8)),
        ]
        for (index, (actualText, expectedText)) in pairs.enumerated() {
            var paths: [String] = []
            for (side, text) in [("actual", actualText), ("expected", expectedText)] {
                let vcd = directory.appendingPathComponent("\(side)\(index).vcd").path
                try text.write(toFile: vcd, atomically: false, encoding: .utf8)
                let fst = directory.appendingPathComponent("\(side)\(index).fst").path
                try FSTConverter.writeFST(fromVCD: vcd, to: fst)
                paths += [vcd, fst]
            }
            for clock in ["top.clk", nil] {
                let options = try DiffOptions(parsingClock: clock, valid: nil, ready: nil, signals: [], map: [],
                                              from: nil, to: nil, strictX: false, maxListed: 5)
                let fromVCD = Self.outcome({ (try VCDStream(path: paths[0]), try VCDStream(path: paths[2])) }, options: options)
                let fromFST = Self.outcome({ (try VCDStream(path: paths[1]), try VCDStream(path: paths[3])) }, options: options)
                #expect(fromVCD.contains("first divergence"), "pair \(index): \(fromVCD.prefix(300))")
                // The same text but for the files' names.
                let renamed = fromFST.replacingOccurrences(of: ".fst", with: ".vcd")
                #expect(renamed == fromVCD, "pair \(index), clock \(clock ?? "none")")
            }
        }
    }

    @Test("the FST route holds one window of fst2vcd's output however long it is", .enabled(if: FSTTests.convertersInstalled))
    func boundedWindow() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let vcd = directory.appendingPathComponent("long.vcd").path
        let fst = directory.appendingPathComponent("long.fst").path
        try StreamingDiffTests.longTrace(cycles: 200_000, wrongCycle: nil).write(toFile: vcd, atomically: false, encoding: .utf8)
        try FSTConverter.writeFST(fromVCD: vcd, to: fst)
        let options = try Self.cycleOptions()
        let window = 64 << 10
        let actual = try VCDStream(path: fst, queueCapacity: 2, windowBytes: window)
        let expected = try VCDStream(path: fst, queueCapacity: 2, windowBytes: window)
        let plan = try DiffPlan(actual: actual.header, expected: expected.header, options: options)
        let result = try StreamingDiff.run(actual: actual, expected: expected, plan: plan, options: options)
        #expect(result.isSame && result.comparedSampleCount == 200_000)
        for stream in [actual, expected] {
            let counts = try #require(stream.windowCounts)
            #expect(counts.peak == window, "the window never grew")
            #expect(counts.passed > 50 * window, "\(counts.passed) bytes of VCD went through a \(window)-byte window")
            #expect(stream.census.counts.peak <= 2 + 3)
        }
    }

    @Test("a converter that fails or crashes midway is one sentence naming the file, its exit or signal and its first stderr line")
    func converterFailures() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let vcd = directory.appendingPathComponent("trace.vcd").path
        try StreamingDiffTests.longTrace(cycles: 20_000, wrongCycle: nil).write(toFile: vcd, atomically: false, encoding: .utf8)
        let options = try Self.cycleOptions()
        let cases: [(String, String)] = [
            ("head -c 300000 \"$2\"\necho 'write error: disk full' >&2\nexit 3\n", "\(vcd): fst2vcd failed (exit 3): write error: disk full"),
            ("head -c 300000 \"$2\"\necho 'bad block' >&2\nkill -SEGV $$\n", "\(vcd): fst2vcd crashed (signal 11, SIGSEGV): bad block"),
            ("echo 'could not open' >&2\nexit 255\n", "\(vcd): fst2vcd failed (exit 255): could not open"),
            ("echo '$date today $end'\n", "\(vcd): fst2vcd could not read it (not an FST file?)"),
        ]
        for (index, (body, message)) in cases.enumerated() {
            let bin = directory.appendingPathComponent("bin\(index)")
            try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
            let tool = try Self.script("#!/bin/sh\n" + body, named: "fst2vcd", in: bin)
            let outcome = Self.outcome({
                (try VCDStream(converting: ConverterWindow(path: vcd, tool: tool, blockBytes: 4096)), try VCDStream(path: vcd))
            }, options: options)
            #expect(outcome == "error: \(message)")
        }
    }

    @Test("a truncated or bogus FST is one sentence naming it", .enabled(if: FSTTests.convertersInstalled))
    func truncatedFST() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let vcd = directory.appendingPathComponent("trace.vcd").path
        let fst = directory.appendingPathComponent("trace.fst").path
        try StreamingDiffTests.longTrace(cycles: 50_000, wrongCycle: nil).write(toFile: vcd, atomically: false, encoding: .utf8)
        try FSTConverter.writeFST(fromVCD: vcd, to: fst)
        let whole = try Data(contentsOf: URL(fileURLWithPath: fst))
        let options = try Self.cycleOptions()
        for keep in [whole.count / 2, whole.count - 40, 400] {
            let cut = directory.appendingPathComponent("cut\(keep).fst").path
            try whole.prefix(keep).write(to: URL(fileURLWithPath: cut))
            do {
                _ = try WaveDiff.run(actual: cut, expected: fst, options: options)
                Issue.record("a truncated FST (\(keep) of \(whole.count) bytes) was read")
            } catch let error as WaveError {
                #expect("\(error)".hasPrefix("\(cut): fst2vcd "), "\(error)")
            }
        }
        let text = directory.appendingPathComponent("text.fst").path
        try Data("#0\n1!\n".utf8).write(to: URL(fileURLWithPath: text))
        #expect(throws: WaveError.converter(message: "\(text) is not an FST file (it looks like VCD text; name it .vcd)")) {
            try WaveDiff.run(actual: text, expected: fst, options: options)
        }
    }

    @Test("newlines of dropped window bytes are counted eight at a time exactly as one by one")
    func newlineCount() {
        var random = SplitMix64(seed: 0x5EED)
        // Bytes near the newline (0x0A) in value and in bits: 0x0B, 0x8A, 0x0A with the top bit.
        let alphabet: [UInt8] = [0x0A, 0x0B, 0x09, 0x8A, 0x00, 0xFF, 0x30, 0x31, 0x20, 0x7F, 0x80]
        for _ in 0..<300 {
            let bytes = (0..<random.below(70)).map { _ in alphabet[random.below(alphabet.count)] }
            let counted = bytes.withUnsafeBytes { ConverterWindow.newlines(in: $0) }
            #expect(counted == bytes.filter { $0 == 10 }.count, "\(bytes)")
        }
    }

    /// Whether a process id is gone: exited and reaped (a zombie still answers signal 0).
    private static func isGone(_ pid: Int32) -> Bool { kill(pid, 0) == -1 && errno == ESRCH }

    @Test("a diff that stops early, or never starts reading, kills and reaps the converter: no hang, no zombie")
    func stoppingKillsTheConverter() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        // A converter that never ends: a header, then a change every nanosecond, forever.
        let endless = try Self.script("""
            #!/bin/sh
            printf '$timescale 1ns $end\\n$scope module top $end\\n$var wire 1 ! clk $end\\n$upscope $end\\n$enddefinitions $end\\n'
            exec awk 'BEGIN { for (i = 1; ; i++) printf "#%d\\n%d!\\n", i, i % 2 }'

            """, named: "fst2vcd", in: directory)
        // Cancelled after the first chunk.
        let window = try ConverterWindow(path: "endless.fst", tool: endless, blockBytes: 1 << 16)
        let pid = try #require(window.processIdentifier)
        let stream = try VCDStream(converting: window, queueCapacity: 2)
        let queue = stream.start(names: ["top.clk"])
        #expect(try queue.take() != nil)
        queue.cancel()
        #expect(Self.isGone(pid))
        // Opened, then dropped without reading (the other file or the signal plan failed).
        var dropped: VCDStream? = try VCDStream(converting: ConverterWindow(path: "endless.fst", tool: endless, blockBytes: 1 << 16))
        let droppedPID = try #require(dropped?.converterProcess)
        #expect(dropped?.header.variables.map(\.name) == ["top.clk"])
        dropped = nil
        #expect(Self.isGone(droppedPID))
    }
}
