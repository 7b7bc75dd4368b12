import Foundation

/// A reproducible per-cycle workload for measuring simulation speed: every cycle, poke each
/// input (except `clock` and `reset`) with the next xorshift64 values, step one cycle, peek
/// every output and fold it into a checksum. `NativeLoop` runs the identical workload from a
/// plain C++ `main()`, so the two speeds compare the bridge's cost and the checksums must agree.
public enum ThroughputLoop {
    /// The result of a run.
    public struct Result: Sendable {
        public let cycles: Int
        public let seconds: Double
        /// Folded over every output word of every cycle; equal for equal behaviour.
        public let checksum: UInt64
        public var cyclesPerSecond: Double { Double(cycles) / max(seconds, 1e-9) }
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

    /// Resets `simulator` for one cycle, then runs `cycles` cycles of the workload.
    public static func run(_ simulator: Simulator, cycles: Int, seed: UInt64) throws -> Result {
        let inputs: [PortHandle] = try simulator.ports
            .filter { $0.direction == .input && $0.name != "clock" && $0.name != "reset" }
            .map { try simulator.port($0.name) }
        let outputs: [PortHandle] = try simulator.ports.filter { $0.direction == .output }.map { try simulator.port($0.name) }
        var inputValues: [BitVector] = inputs.map { BitVector(width: $0.width) }
        var outputValues: [BitVector] = outputs.map { BitVector(width: $0.width) }
        if simulator.ports.contains(where: { $0.name == "reset" }) { try simulator.reset(cycles: 1) }
        var state: UInt64 = seed == 0 ? 1 : seed
        var checksum: UInt64 = 0xCBF2_9CE4_8422_2325
        let start = DispatchTime.now().uptimeNanoseconds
        for _ in 0..<cycles {
            for index in inputs.indices {
                let port = inputs[index]
                if port.width <= 64 {
                    let mask: UInt64 = port.width == 64 ? ~0 : (UInt64(1) << UInt64(port.width)) - 1
                    try simulator.poke(port, next(&state) & mask)
                } else {
                    inputValues[index].withUnsafeMutableWords { words in
                        for word in words.indices { words[word] = next(&state) & BitVector.mask(ofWord: word, width: port.width) }
                    }
                    try simulator.poke(port, inputValues[index])
                }
            }
            try simulator.step(1)
            for index in outputs.indices {
                let port = outputs[index]
                if port.width <= 64 {
                    checksum = fold(checksum, try simulator.peek(port))
                } else {
                    try simulator.peek(port, into: &outputValues[index])
                    for word in outputValues[index].words { checksum = fold(checksum, word) }
                }
            }
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        return Result(cycles: cycles, seconds: seconds, checksum: checksum)
    }
}
