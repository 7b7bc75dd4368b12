import Accelerator
import GoldenModel

/// Programs for the cover points random layers cannot reach, run after a suite's random cases
/// so its coverage table has every point hit.
///
/// The tiler's programs never fill the compute unit's outgoing token queues (it pushes a token
/// only after the unit on the other side asked for one), so the compute unit never waits for a
/// token's room. `tokenCorners` does: while the load unit is busy with a LOAD and the store unit
/// with a long raw STORE, CONFIG_COMPUTEs push one token more than the queue holds into each
/// queue; the LOADs and CONFIG_STOREs behind them pop the tokens, so the extra push waits for room.
public enum DirectedCoverage {
    /// The points only these programs reach.
    public static let points: Set<String> = ["tokens_computeToLoad_full", "tokens_computeToStore_full", "stall_compute_token"]

    /// A program and its DRAM image.
    public struct Program: Sendable {
        public let name: String
        public let instructions: [Instruction]
        public let dram: [UInt8]
    }

    /// The token-corner program for `config`: `tokenQueueDepth + 1` pushes into each of the
    /// compute unit's outgoing queues.
    public static func tokenCorners(for config: AcceleratorConfig) -> Program {
        let pushes = config.tokenQueueDepth + 1
        let columns = config.columns
        let storeRows = min(config.accumulatorRows, 16 * pushes)
        let storeBase = ((config.rows * columns + 255) / 256) * 256
        func configure(_ flags: DependencyFlags) -> Instruction {
            .configureCompute(.init(inputZeroPoint: 0, weightZeroPoint: 0, dependencies: flags))
        }
        func load(rows: Int, _ flags: DependencyFlags) -> Instruction {
            .load(.init(target: .scratchpad, sramRow: 0, rowCount: rows, elementsPerRow: columns, dramAddress: 0,
                        dramStride: columns, dependencies: flags))
        }
        let longStore = Instruction.store(.init(raw: true, accumulatorRow: 0, rowCount: storeRows, elementsPerRow: columns,
                                                dramAddress: storeBase, dramStride: columns * 4))
        let configureStore = Instruction.configureStore(.init(multiplier: 1 << 30, shift: 0, outputZeroPoint: 0, activationMin: -128,
                                                              activationMax: 127, dependencies: [.popPrevious]))
        var instructions = [load(rows: min(config.rows, config.scratchpadRows), []), longStore]
        instructions += Array(repeating: configure([.pushPrevious]), count: pushes)
        instructions += Array(repeating: configure([.pushNext]), count: pushes)
        instructions += Array(repeating: load(rows: 1, [.popNext]), count: pushes)
        instructions += Array(repeating: configureStore, count: pushes)
        instructions.append(.finish([]))
        var dram = [UInt8](repeating: 0, count: storeBase + storeRows * columns * 4)
        for index in 0..<storeBase { dram[index] = UInt8(truncatingIfNeeded: index &* 37 &+ 11) }
        return Program(name: "token corners", instructions: instructions, dram: dram)
    }

    /// What a directed run found: the points it hit that it is there for, and whether DRAM
    /// afterwards equals the golden model's.
    public struct Outcome: Sendable {
        public let config: String
        public let program: String
        public let bitExact: Bool
        public let reached: [String]
    }

    /// Runs every directed program on `backend`'s chip for each configuration, checks the final
    /// DRAM against the golden model, and adds the covers to `backend.coverage`.
    public static func run(on backend: RTLBackend, configurations: [RegressionConfiguration]) throws -> [Outcome] {
        var outcomes: [Outcome] = []
        for configuration in configurations {
            let config = configuration.config
            let program = tokenCorners(for: config)
            let expected = try FunctionalModel(config: config).run(program.instructions, dram: program.dram).dram
            let run = try backend.run(program.instructions, dram: program.dram, config: config, cycleLimit: 1_000_000)
            outcomes.append(Outcome(config: configuration.name, program: program.name, bitExact: run.dram == expected,
                                    reached: points.filter { (run.covers[$0] ?? 0) > 0 }.sorted()))
        }
        return outcomes
    }
}
