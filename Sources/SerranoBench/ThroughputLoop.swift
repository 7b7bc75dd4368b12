import Foundation
import SerranoIR
import SerranoSim
import SerranoVerilator
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A reproducible per-cycle workload for measuring simulation speed: every cycle, poke each
/// input (except `clock` and `reset`) with the next xorshift64 values, step one cycle, peek
/// every output and fold it into a checksum. `NativeLoop` runs the identical workload from a
/// plain C++ `main()`, so the two speeds compare the bridge's cost and the checksums must agree.
public enum ThroughputLoop {
    /// The result of a run.
    public struct Result: Sendable {
        public let cycles: Int
        /// Wall time.
        public let seconds: Double
        /// CPU time of the driving thread: unlike wall time, not inflated when other work on a
        /// shared machine preempts the loop, so the better figure for comparing two loops.
        public let cpuSeconds: Double
        /// Folded over every output word of every cycle; equal for equal behaviour.
        public let checksum: UInt64
        public var cyclesPerSecond: Double { Double(cycles) / max(seconds, 1e-9) }
        public var cyclesPerCPUSecond: Double { Double(cycles) / max(cpuSeconds, 1e-9) }

        public init(cycles: Int, seconds: Double, cpuSeconds: Double, checksum: UInt64) {
            self.cycles = cycles
            self.seconds = seconds
            self.cpuSeconds = cpuSeconds
            self.checksum = checksum
        }
    }

    /// The calling thread's CPU time in seconds.
    static func threadCPUTime() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    /// xorshift64 (Marsaglia), the generator the C++ loop uses too.
    @inline(__always)
    static func next(_ state: inout UInt64) -> UInt64 {
        state ^= state << 13
        state ^= state >> 7
        state ^= state << 17
        return state
    }

    /// Folds one word into the checksum (the C++ loop does the same).
    @inline(__always)
    static func fold(_ checksum: UInt64, _ word: UInt64) -> UInt64 {
        (checksum ^ word) &* 0x100_0000_01B3
    }

    /// How the loop talks to the simulator.
    public enum Access: String, Sendable, CaseIterable {
        /// One poke or peek per port (`poke(_:_:)`, `peek(_:)`).
        case perPort = "per-port"
        /// Port groups: the inputs and outputs bound once, one `step(_:poking:peeking:)` a cycle.
        case batched
    }

    /// Resets `simulator` for one cycle, then runs `cycles` cycles of the workload.
    public static func run<Backend: Simulator>(_ simulator: Backend, cycles: Int, seed: UInt64, access: Access = .perPort) throws -> Result {
        access == .batched ? try batchedLoop(simulator, cycles: cycles, seed: seed) : try loop(simulator, cycles: cycles, seed: seed)
    }

    /// The same for the Verilator backend, with the loop specialized to it (as a testbench
    /// written against `VerilatorSimulator` is): direct calls instead of protocol dispatch.
    public static func run(_ simulator: VerilatorSimulator, cycles: Int, seed: UInt64, access: Access = .perPort) throws -> Result {
        access == .batched ? try batchedLoop(simulator, cycles: cycles, seed: seed) : try loop(simulator, cycles: cycles, seed: seed)
    }

    /// The workload through port groups: the stimulus goes into one buffer, one call a cycle
    /// pokes it, steps and peeks every output into another. Same values, same checksum.
    private static func batchedLoop<Backend: Simulator>(_ simulator: Backend, cycles: Int, seed: UInt64) throws -> Result {
        let inputHandles: [PortHandle] = try simulator.ports
            .filter { $0.direction == .input && $0.name != "clock" && $0.name != "reset" }
            .map { try simulator.port($0.name) }
        let outputHandles: [PortHandle] = try simulator.ports.filter { $0.direction == .output }.map { try simulator.port($0.name) }
        let inputs = try simulator.group(inputHandles), outputs = try simulator.group(outputHandles)
        let inputWords = UnsafeMutableBufferPointer<UInt64>.allocate(capacity: inputs.wordCount)
        let outputWords = UnsafeMutableBufferPointer<UInt64>.allocate(capacity: outputs.wordCount)
        defer {
            inputWords.deallocate()
            outputWords.deallocate()
        }
        inputWords.initialize(repeating: 0)
        outputWords.initialize(repeating: 0)
        // Per input word: the mask of its valid bits (all ones but for each port's top word).
        let masks = UnsafeMutableBufferPointer<UInt64>.allocate(capacity: inputs.wordCount)
        defer { masks.deallocate() }
        masks.initialize(repeating: ~0)
        for (port, offset) in zip(inputs.ports, inputs.offsets) {
            let top = (port.width - 1) / 64
            masks[offset + top] = BitVector.mask(ofWord: top, width: port.width)
        }
        if simulator.ports.contains(where: { $0.name == "reset" }) { try simulator.reset(cycles: 1) }
        var state: UInt64 = seed == 0 ? 1 : seed
        var checksum: UInt64 = 0xCBF2_9CE4_8422_2325
        let start = DispatchTime.now().uptimeNanoseconds
        let cpuStart: Double = threadCPUTime()
        let wordsIn = inputs.wordCount, wordsOut = outputs.wordCount
        let input = UnsafeBufferPointer(inputWords)
        for _ in 0..<cycles {
            for word in 0..<wordsIn { inputWords[word] = next(&state) & masks[word] }
            try simulator.step(1, poking: inputs, input, peeking: outputs, into: outputWords)
            for word in 0..<wordsOut { checksum = fold(checksum, outputWords[word]) }
        }
        let cpuSeconds: Double = threadCPUTime() - cpuStart
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        return Result(cycles: cycles, seconds: seconds, cpuSeconds: cpuSeconds, checksum: checksum)
    }

    private static func loop<Backend: Simulator>(_ simulator: Backend, cycles: Int, seed: UInt64) throws -> Result {
        let inputs: [PortHandle] = try simulator.ports
            .filter { $0.direction == .input && $0.name != "clock" && $0.name != "reset" }
            .map { try simulator.port($0.name) }
        let outputs: [PortHandle] = try simulator.ports.filter { $0.direction == .output }.map { try simulator.port($0.name) }
        // One caller-owned word buffer per port: the loop allocates nothing and retains nothing.
        let inputWords: [UnsafeMutableBufferPointer<UInt64>] = inputs.map { .allocate(capacity: ($0.width + 63) / 64) }
        let outputWords: [UnsafeMutableBufferPointer<UInt64>] = outputs.map { .allocate(capacity: ($0.width + 63) / 64) }
        defer { for buffer in inputWords + outputWords { buffer.deallocate() } }
        let topMasks: [UInt64] = inputs.map { BitVector.mask(ofWord: ($0.width - 1) / 64, width: $0.width) }
        if simulator.ports.contains(where: { $0.name == "reset" }) { try simulator.reset(cycles: 1) }
        var state: UInt64 = seed == 0 ? 1 : seed
        var checksum: UInt64 = 0xCBF2_9CE4_8422_2325
        let start = DispatchTime.now().uptimeNanoseconds
        let cpuStart: Double = threadCPUTime()
        for _ in 0..<cycles {
            for index in inputs.indices {
                let port = inputs[index]
                if port.width <= 64 {
                    let mask: UInt64 = port.width == 64 ? ~0 : (UInt64(1) << UInt64(port.width)) - 1
                    try simulator.poke(port, next(&state) & mask)
                } else {
                    let words = inputWords[index]
                    for word in words.indices { words[word] = next(&state) }
                    words[words.count - 1] &= topMasks[index]
                    try simulator.poke(port, words: UnsafeBufferPointer(words))
                }
            }
            try simulator.step(1)
            for index in outputs.indices {
                let port = outputs[index]
                if port.width <= 64 {
                    checksum = fold(checksum, try simulator.peek(port))
                } else {
                    let words = outputWords[index]
                    try simulator.peek(port, words: words)
                    for word in words { checksum = fold(checksum, word) }
                }
            }
        }
        let cpuSeconds: Double = threadCPUTime() - cpuStart
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        return Result(cycles: cycles, seconds: seconds, cpuSeconds: cpuSeconds, checksum: checksum)
    }
}
