import Foundation
import GoldenModel
@testable import SerranoSim
@testable import SerranoVerify
import SerranoSupport

/// Drives the systolic_array fixture through any `Simulator`: loads weights, streams a skewed
/// activation matrix and collects the de-skewed results (see the fixture's header comment).
struct SystolicArrayDriver {
    let simulator: Simulator
    let size: Int
    let loadWeights: PortHandle
    let weightsIn: PortHandle
    let activationsIn: PortHandle
    let sumsOut: PortHandle

    init(_ simulator: Simulator, size: Int) throws {
        self.simulator = simulator
        self.size = size
        loadWeights = try simulator.port("load_weights")
        weightsIn = try simulator.port("weights_in")
        activationsIn = try simulator.port("activations_in")
        sumsOut = try simulator.port("sums_out")
    }

    /// Packs signed lanes (two's complement, `laneWidth` bits each) into one port value.
    static func pack(_ lanes: [Int], laneWidth: Int) throws -> BitVector {
        var words = [UInt64](repeating: 0, count: (lanes.count * laneWidth + 63) / 64)
        let mask: UInt64 = (UInt64(1) << UInt64(laneWidth)) - 1
        for (index, lane) in lanes.enumerated() {
            let bits: UInt64 = UInt64(bitPattern: Int64(lane)) & mask
            let offset: Int = index * laneWidth
            words[offset / 64] |= bits << UInt64(offset % 64)
            if offset % 64 + laneWidth > 64 { words[offset / 64 + 1] |= bits >> UInt64(64 - offset % 64) }
        }
        return try BitVector.checked(width: lanes.count * laneWidth, words: words)
    }

    /// Unpacks 32-bit signed lanes.
    static func unpack32(_ value: BitVector) -> [Int32] {
        (0..<(value.width / 32)).map { lane in
            Int32(bitPattern: UInt32(truncatingIfNeeded: value.words[lane / 2] >> UInt64(32 * (lane % 2))))
        }
    }

    /// Loads `weights` (size × size, row i into array row i): N cycles with load_weights high.
    func load(weights: [[Int]]) throws {
        try simulator.poke(loadWeights, 1)
        for cycle in 0..<size {
            try simulator.poke(weightsIn, try SystolicArrayDriver.pack(weights[size - 1 - cycle], laneWidth: 8))
            try simulator.step(1)
        }
        try simulator.poke(loadWeights, 0)
        try simulator.poke(weightsIn, BitVector(width: 8 * size))
    }

    /// One cycle of streaming `activations` (M × size): pokes the skewed lanes for cycle `t`,
    /// steps, and stores every result that leaves the array in `results`.
    func streamCycle(_ t: Int, activations: [[Int]], results: inout [[Int32]]) throws {
        let lanes: [Int] = (0..<size).map { lane in
            let row: Int = t - lane
            return row >= 0 && row < activations.count ? activations[row][lane] : 0
        }
        try simulator.poke(activationsIn, try SystolicArrayDriver.pack(lanes, laneWidth: 8))
        try simulator.step(1)
        let sums = SystolicArrayDriver.unpack32(try simulator.peekBits(sumsOut))
        for column in 0..<size {
            let row: Int = t - column - size + 1
            if row >= 0 && row < activations.count { results[row][column] = sums[column] }
        }
    }

    /// Cycles needed to stream M rows through.
    func streamCycles(rows: Int) -> Int { rows + 2 * size - 1 }

    /// A × W on the array.
    func multiply(_ activations: [[Int]], _ weights: [[Int]]) throws -> [[Int32]] {
        try load(weights: weights)
        var results = [[Int32]](repeating: [Int32](repeating: 0, count: size), count: activations.count)
        for t in 0..<streamCycles(rows: activations.count) {
            try streamCycle(t, activations: activations, results: &results)
        }
        return results
    }

    /// The reference: A × W with 32-bit wrapping accumulation (the golden model's GEMM).
    static func reference(_ activations: [[Int]], _ weights: [[Int]]) throws -> [[Int32]] {
        try ReferenceKernels.gemm(activations.map { $0.map { Int8(truncatingIfNeeded: $0) } },
                                  weights.map { $0.map { Int8(truncatingIfNeeded: $0) } })
    }

    /// A random int8 matrix.
    static func randomMatrix(rows: Int, columns: Int, using random: inout SplitMix64) -> [[Int]] {
        (0..<rows).map { _ in (0..<columns).map { _ in Int(Int8(truncatingIfNeeded: random.next())) } }
    }
}
