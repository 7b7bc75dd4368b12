import SerranoSim
import SerranoSupport

/// How the DRAM the accelerator talks to behaves: a fixed read latency, a bandwidth, a limit on
/// reads in flight, and seeded random back-pressure on both channels.
public struct DRAMProfile: Sendable, Hashable, CustomStringConvertible {
    /// Cycles from a read request's acceptance to its data (at least 1).
    public var latency: Int
    /// Bytes per cycle the DRAM moves, reads and writes together (at least 1).
    public var bytesPerCycle: Int
    /// Reads accepted and not yet answered (at least 1).
    public var maxOutstanding: Int
    /// Percent of cycles the request channel is not ready, at random.
    public var requestStallPercent: Int
    /// Percent of cycles a due response is held back, at random.
    public var responseStallPercent: Int
    /// Seed of the back-pressure.
    public var seed: UInt64

    public init(latency: Int = 50, bytesPerCycle: Int = 16, maxOutstanding: Int = 64,
                requestStallPercent: Int = 0, responseStallPercent: Int = 0, seed: UInt64 = 1) {
        self.latency = latency
        self.bytesPerCycle = bytesPerCycle
        self.maxOutstanding = maxOutstanding
        self.requestStallPercent = requestStallPercent
        self.responseStallPercent = responseStallPercent
        self.seed = seed
    }

    /// An ideal memory: one cycle latency, a beat every cycle, no back-pressure.
    public static let ideal = DRAMProfile(latency: 1, bytesPerCycle: 4096, maxOutstanding: 4096)

    /// Checks every field; the message names the one out of range.
    public func validate() throws {
        func check(_ ok: Bool, _ message: String) throws { if !ok { throw HarnessError.invalidProfile(message) } }
        try check((1...100_000).contains(latency), "DRAM latency must be 1...100000 cycles, found \(latency)")
        try check((1...1 << 20).contains(bytesPerCycle), "DRAM bandwidth must be 1...1048576 bytes/cycle, found \(bytesPerCycle)")
        try check((1...1 << 20).contains(maxOutstanding), "DRAM outstanding-request limit must be 1...1048576, found \(maxOutstanding)")
        try check((0...90).contains(requestStallPercent), "DRAM request back-pressure must be 0...90 %, found \(requestStallPercent)")
        try check((0...90).contains(responseStallPercent), "DRAM response back-pressure must be 0...90 %, found \(responseStallPercent)")
    }

    public var description: String {
        var text = "DRAM \(bytesPerCycle) B/cycle, \(latency) cycles latency, ≤ \(maxOutstanding) reads in flight"
        if requestStallPercent > 0 || responseStallPercent > 0 {
            text += ", back-pressure \(requestStallPercent) %/\(responseStallPercent) % (seed \(seed))"
        }
        return text
    }
}

/// The DRAM behind the accelerator's port, cycle by cycle: requests are served in the order they
/// are accepted (a write is visible to every later read), reads answer in order after
/// `latency` cycles, and bandwidth is a budget of bytes refilled every cycle.
struct DRAMModel {
    let profile: DRAMProfile
    let busBytes: Int
    var memory: [UInt8]
    private var random: SplitMix64
    private var credit: Int
    /// The reads accepted and not yet taken from `readHead` on: when each is due, and their
    /// beats back to back (`beatWords` words each), so a read allocates nothing.
    private var dues: [UInt64] = []
    private var beats: [UInt64] = []
    private var readHead = 0
    private let beatWords: Int

    init(profile: DRAMProfile, busBytes: Int, memory: [UInt8]) {
        self.profile = profile
        self.busBytes = busBytes
        self.memory = memory
        random = SplitMix64(seed: profile.seed)
        credit = max(profile.bytesPerCycle, busBytes)
        beatWords = (busBytes + 7) / 8
    }

    var outstanding: Int { dues.count - readHead }

    /// Refills the bandwidth budget (once a cycle, before requests are decided).
    mutating func tick() {
        credit = min(credit + profile.bytesPerCycle, max(profile.bytesPerCycle, busBytes) * 2)
    }

    /// Whether the request channel is ready on this cycle for a request of this kind.
    mutating func acceptsRequest(write: Bool) -> Bool {
        if profile.requestStallPercent > 0, random.chance(profile.requestStallPercent) { return false }
        if credit < busBytes { return false }
        return write || outstanding < profile.maxOutstanding
    }

    /// Serves an accepted read: the beat at `address`, zero past the end of memory.
    mutating func read(address: UInt64, now: UInt64) {
        credit -= busBytes
        let size = UInt64(memory.count), busBytes = busBytes
        if address <= size, size - address >= UInt64(busBytes) {
            // The whole beat inside memory (every read but one past the end): whole words.
            let start = Int(address)
            for word in 0..<beatWords {
                let bytes = min(8, busBytes - 8 * word)
                let value: UInt64 = memory.withUnsafeBytes { raw in
                    if bytes == 8 { return UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: start + 8 * word, as: UInt64.self)) }
                    var value: UInt64 = 0
                    for byte in 0..<bytes { value |= UInt64(raw[start + 8 * word + byte]) << (8 * UInt64(byte)) }
                    return value
                }
                beats.append(value)
            }
        } else {
            let first = beats.count
            beats.append(contentsOf: repeatElement(0, count: beatWords))
            for byte in 0..<busBytes {
                let at = address &+ UInt64(byte)
                if at < size { beats[first + byte / 8] |= UInt64(memory[Int(at)]) << (8 * UInt64(byte % 8)) }
            }
        }
        dues.append(now &+ UInt64(profile.latency))
    }

    /// Serves an accepted write: the bytes the mask enables; a byte past the end is an error.
    mutating func write(address: UInt64, data: [UInt64], mask: UInt64, cycle: UInt64) throws {
        credit -= busBytes
        for byte in 0..<busBytes where mask >> UInt64(byte) & 1 == 1 {
            let at = address &+ UInt64(byte)
            guard at < UInt64(memory.count) else {
                throw HarnessError.dramOutOfRange(cycle: cycle, address: at, size: memory.count)
            }
            memory[Int(at)] = UInt8(truncatingIfNeeded: data[byte / 8] >> (8 * UInt64(byte % 8)))
        }
    }

    /// Whether a response is offered on this cycle (one is due and not held back); when it is,
    /// `body` sees its beat, `(busBytes + 7) / 8` little-endian words, without a copy.
    @inline(__always)
    mutating func response(now: UInt64, _ body: (UnsafeBufferPointer<UInt64>) -> Void) -> Bool {
        guard readHead < dues.count, dues[readHead] <= now else { return false }
        if profile.responseStallPercent > 0, random.chance(profile.responseStallPercent) { return false }
        let first = readHead * beatWords
        beats.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[first..<(first + beatWords)])) }
        return true
    }

    /// The offered response was taken.
    mutating func responseTaken() {
        readHead += 1
        if readHead > 1024, readHead * 2 > dues.count {
            dues.removeFirst(readHead)
            beats.removeFirst(readHead * beatWords)
            readHead = 0
        }
    }
}
