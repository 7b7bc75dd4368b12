import Foundation
import Testing
@testable import GoldenModel
import SerranoSupport

/// A seeded mutation fuzzer for the `.npy` reader: valid int8 and int32 files, truncated,
/// byte-flipped, with bad magic, versions, header lengths, shapes and dtypes. Every case must
/// decode or throw an `NpyError`/`TensorError` — never trap or hang — and what decodes holds no
/// more elements than the file has bytes.
///
/// `make test` runs a short slice; `make parser-fuzz` (part of `make verify`) runs
/// `SERRANO_PARSER_FUZZ=100000`. `SERRANO_SEED` replays a run.
@Suite("npy parser fuzz")
struct NpyFuzzTests {
    static var count: Int {
        ProcessInfo.processInfo.environment["SERRANO_PARSER_FUZZ"].flatMap { Int($0) }.map { max(1, $0) } ?? 5_000
    }

    static let headerTokens: [String] = [
        "'shape': (-1,)", "'shape': (99999999999999999999,)", "'shape': (4294967296, 4294967296)", "'shape': ()",
        "'shape': (0,)", "'descr': '>i4'", "'descr': '<f8'", "'descr': '|i1'", "'fortran_order': True",
        "'fortran_order': Maybe", "{", "}", "(", ")", ",", "'", "\"", ":", "'extra': 1", "\u{80}", "\0", " ",
    ]

    @Test("mutated .npy files decode or fail with a typed error, in bounded time and memory")
    func mutatedFiles() throws {
        let (generator, seed) = SplitMix64.forTest("npy parser fuzz", fallback: 0x0_5EED_0F_4E9)
        var random = generator
        let count = Self.count
        var seeds: [[UInt8]] = []
        for shape in [[3], [2, 3], [4, 1, 2], [0], [1, 1, 1, 1], [16]] {
            seeds.append(Npy.encode(.int8(random.int8Tensor(shape))))
            let values = (0..<shape.reduce(1, *)).map { _ in Int32.random(in: .min ... .max, using: &random) }
            seeds.append(Npy.encode(.int32(try Tensor(shape: shape, elements: values))))
        }
        func number(_ bound: Int) -> Int { bound <= 0 ? 0 : random.int(in: 0..<bound) }
        var decoded = 0, rejected = 0
        var slowest: Duration = .zero
        let clock = ContinuousClock()
        for index in 0..<count {
            var bytes = seeds[index % seeds.count]
            for _ in 0...number(1) {
                switch number(7) {
                case 0: bytes = Array(bytes.prefix(number(bytes.count + 1)))
                case 1, 2:
                    // Most flips land in the 64-byte header, where the parsing is.
                    for _ in 0...number(3) where !bytes.isEmpty {
                        bytes[number(min(bytes.count, number(2) == 0 ? 12 : 80))] = UInt8.random(in: 0...255, using: &random)
                    }
                case 3:
                    let token = Array(Self.headerTokens[number(Self.headerTokens.count)].utf8)
                    bytes.insert(contentsOf: token, at: min(bytes.count, 10 + number(60)))
                case 4:
                    guard !bytes.isEmpty else { break }
                    let start = number(bytes.count)
                    bytes.removeSubrange(start..<min(bytes.count, start + 1 + number(16)))
                case 5:  // the header length field: huge, zero or off by a little
                    guard bytes.count >= 10 else { break }
                    bytes[8] = UInt8.random(in: 0...255, using: &random)
                    bytes[9] = UInt8.random(in: 0...255, using: &random)
                default:  // version 2.0, whose length field is four bytes
                    guard bytes.count >= 8 else { break }
                    bytes[6] = [1, 2, 3, 0][number(4)]
                    bytes[7] = [0, 0, 1][number(3)]
                }
            }
            let started = clock.now
            do {
                let array = try Npy.decode(bytes)
                decoded += 1
                let elementBytes = array.shape.reduce(1, *) * (array.dtype == "|i1" ? 1 : 4)
                #expect(elementBytes <= bytes.count, "case \(index) (seed \(seed)): \(elementBytes) bytes of elements from \(bytes.count)")
            } catch is NpyError {
                rejected += 1
            } catch is TensorError {
                rejected += 1
            } catch {
                Issue.record("case \(index) (seed \(seed)): untyped error \(error)")
            }
            let elapsed = clock.now - started
            slowest = max(slowest, elapsed)
            #expect(elapsed < .seconds(5), "case \(index) (seed \(seed)) took \(elapsed)")
        }
        var usage = rusage()
        getrusage(Int32(RUSAGE_SELF.rawValue), &usage)
        print("npy parser fuzz: \(count) cases, \(decoded) decoded, \(rejected) rejected, 0 traps; slowest case \(slowest); peak RSS \(String(format: "%.1f", Double(usage.ru_maxrss) / 1024)) MiB")
        #expect(decoded + rejected == count)
        #expect(decoded > 0 && rejected > 0)
    }

    @Test("a negative shape entry is quoted in the message")
    func negativeShape() throws {
        let header = "{'descr': '|i1', 'fortran_order': False, 'shape': (-1,), }"
        var bytes = Npy.magic + [1, 0, UInt8(header.utf8.count), 0]
        bytes += Array(header.utf8)
        #expect(throws: NpyError.badHeader("shape entry '-1' is not a non-negative integer")) { try Npy.decode(bytes) }
    }
}
