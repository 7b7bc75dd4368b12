import Testing
import SerranoSupport
@testable import SerranoVerify

@Suite struct DRAMModelTests {
    /// Every read's beat, byte by byte: the memory's bytes little-endian, zero past the end.
    static func expectedBeat(_ memory: [UInt8], address: UInt64, busBytes: Int) -> [UInt64] {
        var words = [UInt64](repeating: 0, count: (busBytes + 7) / 8)
        for byte in 0..<busBytes {
            let at = address &+ UInt64(byte)
            if at < UInt64(memory.count) { words[byte / 8] |= UInt64(memory[Int(at)]) << (8 * UInt64(byte % 8)) }
        }
        return words
    }

    @Test("reads answer in order after the latency with the bytes at their address, zero past the end",
          arguments: [1, 2, 4, 8, 16, 32, 64])
    func readsReturnTheirBytes(busBytes: Int) throws {
        var (random, seed) = SplitMix64.forTest("DRAMModelTests.readsReturnTheirBytes", fallback: 0xB1A5)
        let memory = (0..<203).map { _ in UInt8(truncatingIfNeeded: random.next()) }
        var model = DRAMModel(profile: DRAMProfile(latency: 3, bytesPerCycle: 4096, maxOutstanding: 4096), busBytes: busBytes, memory: memory)
        // Aligned, unaligned, the last full beat, beats running past the end, beats wholly past it.
        let size = UInt64(memory.count), bus = UInt64(busBytes)
        var addresses: [UInt64] = [0, 1, 7, size - bus, size - bus + 1, size - 1, size, size + 5, UInt64.max - 2]
        addresses += (0..<40).map { _ in random.below(size + 2 * bus) }
        for (cycle, address) in addresses.enumerated() { model.read(address: address, now: UInt64(cycle)) }
        var now: UInt64 = 0
        for address in addresses {
            var beat: [UInt64] = []
            while !model.response(now: now, { beat = Array($0) }) { now += 1 }
            #expect(now >= 3)
            #expect(beat == Self.expectedBeat(memory, address: address, busBytes: busBytes), "seed \(seed): bus \(busBytes) B, address \(address)")
            model.responseTaken()
        }
        let more = model.response(now: now + 100, { _ in })
        #expect(!more)
    }
}
