import Foundation
import Testing
@testable import SerranoWaves
import SerranoSupport

/// A seeded mutation fuzzer for the VCD reader: valid files, truncated, byte-flipped, with huge
/// widths and timestamps, broken headers and inserted tokens. Every case must parse or throw a
/// `WaveError` — never trap, hang or take memory out of proportion to its size — and whatever
/// parses must also draw (`wave show`) and list without trapping.
///
/// `make test` runs a short slice; `make parser-fuzz` (part of `make verify`) runs
/// `SERRANO_PARSER_FUZZ=100000`. `SERRANO_SEED` replays a run.
@Suite("VCD parser fuzz")
struct ParserFuzzTests {
    static var count: Int {
        ProcessInfo.processInfo.environment["SERRANO_PARSER_FUZZ"].flatMap { Int($0) }.map { max(1, $0) } ?? 5_000
    }

    /// Valid files the mutations start from.
    static func seeds() throws -> [[UInt8]] {
        var seeds: [[UInt8]] = []
        for name in ["aliases.vcd", "vectors_xz.vcd", "reals.vcd", "dumpoff.vcd", "txn_actual.vcd", "txn_expected.vcd"] {
            seeds.append([UInt8](try Data(contentsOf: URL(fileURLWithPath: fixture(name)))))
        }
        let writer = VCDWriter(timescale: .picosecond)
        let clock = try writer.declare("top.clk", width: 1)
        let wide = try writer.declare("top.core.wide", width: 130, kind: .reg)
        let real = try writer.declare("top.level", width: 64, kind: .real)
        let data = try writer.declare("top.data", width: 16)
        for step in 0..<12 {
            try writer.advance(to: UInt64(step) * 5)
            try writer.change(clock, UInt64(step % 2))
            try writer.change(wide, words: [UInt64(step) &* 0x9E37_79B9_7F4A_7C15, UInt64(step), 3])
            try writer.change(real, real: Double(step) / 3)
            if step % 3 == 0 { try writer.change(data, digits: "1x0z") } else { try writer.change(data, UInt64(step * 1234)) }
        }
        try writer.finish()
        seeds.append(Array(writer.text.utf8))
        return seeds
    }

    /// Fragments worth inserting: keywords, huge numbers, bytes outside printable ASCII.
    static let tokens: [String] = [
        "$var wire 16777216 ! big $end\n", "$var wire 65536 ~ wide $end\n", "$var wire 0 ! zero $end\n",
        "$var wire -1 ! neg $end\n", "$var real 64 ! r $end\n", "$var wire 99999999999999999999 ! n $end\n",
        "#18446744073709551615\n", "#18446744073709551616\n", "#18000000000000000000\n", "#0\n", "#",
        "$dumpoff\n", "$dumpon\n", "$dumpvars\n", "$end\n", "$comment ", "$scope module m $end\n", "$upscope $end\n",
        "$enddefinitions $end\n", "$timescale 100 s $end\n", "$timescale 7 ns $end\n", "b", "B1x0z ", "r1e400 ",
        "rnan ", "r-0.0 ", "1", "0", "x", "z", "\u{80}", "\u{ff}", "\0", " ", "\n", "!!", "~~~~~~~~~~",
        String(repeating: "1", count: 200),
    ]

    struct Mutator {
        var random: SplitMix64

        mutating func number(_ bound: Int) -> Int { bound <= 0 ? 0 : random.int(in: 0..<bound) }

        mutating func mutate(_ input: [UInt8]) -> [UInt8] {
            var bytes = input
            for _ in 0...number(2) {
                switch number(8) {
                case 0:  // truncate
                    bytes = Array(bytes.prefix(number(bytes.count + 1)))
                case 1, 2:  // flip bytes
                    for _ in 0...number(2) where !bytes.isEmpty {
                        bytes[number(bytes.count)] = UInt8.random(in: 0...255, using: &random)
                    }
                case 3, 4:  // insert a token
                    let token = Array(ParserFuzzTests.tokens[number(ParserFuzzTests.tokens.count)].utf8)
                    bytes.insert(contentsOf: token, at: number(bytes.count + 1))
                case 5:  // delete a run
                    guard !bytes.isEmpty else { break }
                    let start = number(bytes.count)
                    bytes.removeSubrange(start..<min(bytes.count, start + 1 + number(40)))
                case 6:  // duplicate a run
                    guard !bytes.isEmpty else { break }
                    let start = number(bytes.count)
                    let run = Array(bytes[start..<min(bytes.count, start + 1 + number(200))])
                    bytes.insert(contentsOf: run, at: number(bytes.count + 1))
                default:  // replace a decimal number with a huge one
                    guard let index = bytes.indices.filter({ bytes[$0] >= 48 && bytes[$0] <= 57 }).randomElement(using: &random) else { break }
                    let huge = ["18446744073709551615", "4294967296", "65537", "16777216", "9223372036854775808", "99999999999999999999999"]
                    bytes.replaceSubrange(index...index, with: Array(huge[number(huge.count)].utf8))
                }
            }
            return bytes
        }
    }

    /// Bytes a parsed waveform holds: what the fuzzer bounds.
    static func footprint(_ waveform: Waveform) -> Int {
        waveform.traces.reduce(waveform.times.count * 8) { $0 + $1.words.count * 8 + $1.timeIndices.count * 4 }
    }

    static func peakResidentMiB() -> Double {
        var usage = rusage()
        getrusage(Int32(RUSAGE_SELF.rawValue), &usage)
        return Double(usage.ru_maxrss) / 1024  // kilobytes on Linux
    }

    @Test("mutated VCD files parse or fail with a WaveError, within time and memory bounds")
    func mutatedFiles() throws {
        let seed = SplitMix64.testSeed("ParserFuzzTests", fallback: 0x5EED_0F_FC0D)
        let count = Self.count
        print("VCD parser fuzz: \(count) cases, seed \(seed) (replay: SERRANO_SEED=\(seed) SERRANO_PARSER_FUZZ=\(count))")
        let seeds = try Self.seeds()
        var mutator = Mutator(random: SplitMix64(seed: seed))
        var parsed = 0, rejected = 0, largestFootprint = 0
        var slowest: Duration = .zero
        let clock = ContinuousClock()
        for index in 0..<count {
            let input = mutator.mutate(seeds[index % seeds.count])
            let started = clock.now
            do {
                let waveform = try VCDReader.parse(data: Data(input), source: "case\(index).vcd")
                parsed += 1
                let footprint = Self.footprint(waveform)
                largestFootprint = max(largestFootprint, footprint)
                let bound = VCDReader.wideAllowance + 64 * input.count + 4096
                #expect(footprint <= bound, "case \(index) (seed \(seed)): \(footprint) bytes from a \(input.count)-byte file")
                if waveform.valueChangeCount <= 2_000 {
                    let variables = Array(waveform.variables.prefix(8))
                    let window = waveform.times.isEmpty ? 0...0 : waveform.times[0]...waveform.endTime
                    _ = WaveShow.chart(waveform, variables: variables, window: window).svg()
                    _ = WaveTool.listing(waveform, variables: variables, window: window)
                }
            } catch is WaveError {
                rejected += 1
            } catch {
                Issue.record("case \(index) (seed \(seed)): not a WaveError: \(error)")
            }
            let elapsed = clock.now - started
            slowest = max(slowest, elapsed)
            #expect(elapsed < .seconds(5), "case \(index) (seed \(seed)) took \(elapsed)")
        }
        print("VCD parser fuzz: \(parsed) parsed, \(rejected) rejected, 0 traps; slowest case \(slowest); largest waveform \(largestFootprint / 1024) KiB; peak RSS \(String(format: "%.1f", Self.peakResidentMiB())) MiB")
        #expect(parsed + rejected == count)
        #expect(parsed > 0 && rejected > 0)
    }
}
