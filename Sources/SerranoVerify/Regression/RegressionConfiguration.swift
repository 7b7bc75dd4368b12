import GoldenModel
import SerranoSupport

/// An accelerator configuration the regression compiles for, with the name reports show.
public struct RegressionConfiguration: Equatable, Sendable, CustomStringConvertible {
    /// Short name: `default`, `tiny`, `3x5`, … or `random RxC` for a drawn one.
    public var name: String
    public var config: AcceleratorConfig

    public init(name: String, config: AcceleratorConfig) {
        self.name = name
        self.config = config
    }

    public var description: String { name }

    /// The fixed set: the shipped configurations plus odd shapes with scratchpads and
    /// accumulators that hold only a row or two of tiles, and queues from the minimum (2) up.
    public static let fixed: [RegressionConfiguration] = [
        RegressionConfiguration(name: "default", config: .default),
        RegressionConfiguration(name: "tiny", config: .tiny),
        RegressionConfiguration(name: "3x5", config: AcceleratorConfig(
            rows: 3, columns: 5, scratchpadRows: 24, scratchpadBanks: 2, accumulatorRows: 12, accumulatorBanks: 1,
            dramBusBytes: 8, instructionQueueDepth: 3, tokenQueueDepth: 2)),
        RegressionConfiguration(name: "8x2", config: AcceleratorConfig(
            rows: 8, columns: 2, scratchpadRows: 40, scratchpadBanks: 4, accumulatorRows: 64, accumulatorBanks: 2,
            dramBusBytes: 16, instructionQueueDepth: 8, tokenQueueDepth: 3)),
        // Two tile rows per buffer at most, a one-byte bus and the shallowest queues.
        RegressionConfiguration(name: "7x1", config: AcceleratorConfig(
            rows: 7, columns: 1, scratchpadRows: 18, scratchpadBanks: 3, accumulatorRows: 8, accumulatorBanks: 2,
            dramBusBytes: 1, instructionQueueDepth: 2, tokenQueueDepth: 2)),
        RegressionConfiguration(name: "1x9", config: AcceleratorConfig(
            rows: 1, columns: 9, scratchpadRows: 8, scratchpadBanks: 1, accumulatorRows: 10, accumulatorBanks: 1,
            dramBusBytes: 2, instructionQueueDepth: 5, tokenQueueDepth: 4)),
    ]

    /// A drawn configuration: 1…12 × 1…12, buffers of 1…10 tile rows, banked memories, a bus of
    /// 1…64 bytes, instruction queues 2…8 and token queues 2…4 deep (the tiler's minimum is 2).
    public static func random(using random: inout SplitMix64) -> RegressionConfiguration {
        let rows = random.int(in: 1...12), columns = random.int(in: 1...12)
        let scratchpadBanks = random.pick(1, 2, 4), accumulatorBanks = random.pick(1, 2)
        // Two buffers of (tile rows + one weight tile) scratchpad rows; two of (tile rows +
        // per-channel parameter rows) accumulator rows.
        let scratchpadRows = roundUp(2 * (rows + random.int(in: 1...10)), to: scratchpadBanks)
        let accumulatorRows = roundUp(2 * (2 + random.int(in: 1...10)), to: accumulatorBanks)
        let config = AcceleratorConfig(
            rows: rows, columns: columns, scratchpadRows: scratchpadRows, scratchpadBanks: scratchpadBanks,
            accumulatorRows: accumulatorRows, accumulatorBanks: accumulatorBanks,
            dramBusBytes: 1 << random.int(in: 0...6), instructionQueueDepth: random.int(in: 2...8),
            tokenQueueDepth: random.int(in: 2...4))
        return RegressionConfiguration(name: "random \(rows)x\(columns)", config: config)
    }

    private static func roundUp(_ value: Int, to multiple: Int) -> Int { (value + multiple - 1) / multiple * multiple }
}
