/// How the tiler splits a GEMM for a configuration.
public struct TilingPlan: Equatable, Sendable, CustomStringConvertible {
    /// Output rows per tile (input vectors per COMPUTE), columns per tile (= array columns) and
    /// reduction depth per step (= array rows).
    public var tileRows: Int, tileColumns: Int, tileDepth: Int
    public var mTiles: Int, nTiles: Int, kTiles: Int
    /// First scratchpad row of each buffer (two to eight, see `Tiler`); weights follow the
    /// `tileRows` input rows.
    public var scratchpadBuffers: [Int]
    /// First accumulator row of each of the two buffers; per-channel parameter rows follow.
    public var accumulatorBuffers: [Int]

    /// Output tiles (M × N).
    public var tiles: Int { mTiles * nTiles }
    /// Load → compute steps (one per tile and K slice).
    public var steps: Int { tiles * kTiles }
    public var description: String {
        "tiles \(tileRows)×\(tileColumns)×\(tileDepth): \(mTiles)×\(nTiles)×\(kTiles) = \(steps) steps, \(scratchpadBuffers.count) scratchpad buffers"
    }
}

/// A program ready to run: instructions, the initial DRAM image and where everything lives.
public struct CompiledProgram: Sendable {
    public var program: [Instruction]
    /// Inputs, weights, bias and per-channel parameters in place; the output region zeroed.
    public var dram: [UInt8]
    public var layout: DRAMLayout
    public var plan: TilingPlan
    /// Shape the caller sees (M×N for GEMM and FC, NHWC for conv2d).
    public var outputShape: [Int]

    /// Reads the result out of a final DRAM image.
    public func output(from finalDRAM: [UInt8]) throws -> GEMMOutput {
        try layout.readOutput(from: finalDRAM).reshaped(outputShape)
    }

    /// Runs on the functional model; returns the result and the run's counts.
    public func run(on model: FunctionalModel) throws -> (output: GEMMOutput, statistics: ExecutionStatistics) {
        let result = try model.run(program, dram: dram)
        return (try output(from: result.dram), result.statistics)
    }
}

/// Errors compiling a layer for a configuration.
public enum TilerError: Error, Equatable, CustomStringConvertible {
    case configTooSmall(String)
    case tooLarge(String)
    case dramTooSmall(needed: Int, found: Int)

    public var description: String {
        switch self {
        case .configTooSmall(let why): return "configuration too small for double-buffered tiling: \(why)"
        case .tooLarge(let why): return "layer too large for the instruction fields: \(why)"
        case .dramTooSmall(let needed, let found): return "DRAM image has \(found) bytes, the output needs \(needed)"
        }
    }
}

/// Compiles GEMM, fully connected and conv2d layers to accelerator programs.
///
/// Loop nest: M tiles ⟶ N tiles ⟶ K steps. Each step loads an A slice (tileRows × tileDepth) and a
/// B slice (tileDepth × tileColumns) into one of two to eight scratchpad buffers while the compute
/// module works on the others; each output tile accumulates in one of two accumulator buffers while the
/// store module drains the other. Tokens: load → compute "data ready", compute → load "buffer
/// free", compute → store "tile ready", store → compute "accumulators free".
public enum Tiler {
    /// The most scratchpad buffers a plan uses.
    public static let maximumScratchpadBuffers = 8

    /// The plan for an M×K·K×N GEMM, or why the configuration cannot hold two buffers.
    public static func plan(m: Int, n: Int, k: Int, perChannel: Bool, config: AcceleratorConfig) throws -> TilingPlan {
        try config.validate()
        // Each token queue holds up to two tokens in this schedule (one per buffer); with room
        // for only one, a module blocks on a push whose consumer sits behind it in dispatch.
        guard config.tokenQueueDepth >= 2 else {
            throw TilerError.configTooSmall("token queues must hold ≥ 2 tokens for double buffering, found \(config.tokenQueueDepth)")
        }
        let depth = config.rows, width = config.columns
        let parameterRows = perChannel ? 2 : 0
        let scratchpadLimit = config.scratchpadRows / 2 - depth
        let accumulatorLimit = config.accumulatorRows / 2 - parameterRows
        let rowFieldLimit = Int(InstructionLayout.rowCount.maximum)
        let tileRows = min(m, scratchpadLimit, accumulatorLimit, rowFieldLimit)
        guard tileRows >= 1 else {
            throw TilerError.configTooSmall(
                "needs ≥ \(2 * (depth + 1)) scratchpad rows and ≥ \(2 * (1 + parameterRows)) accumulator rows, has \(config.scratchpadRows) and \(config.accumulatorRows)")
        }
        let scratchpadBuffer = tileRows + depth, accumulatorBuffer = tileRows + parameterRows
        // Loads run as many steps ahead as there are buffers: two hide a load as long as a
        // compute; more hide DRAM latency behind short steps (a GEMV's). Each buffer in flight
        // holds one token in the load ↔ compute queues, so their depth bounds the count.
        let buffers = max(2, min(maximumScratchpadBuffers, config.tokenQueueDepth, config.scratchpadRows / scratchpadBuffer))
        return TilingPlan(
            tileRows: tileRows, tileColumns: width, tileDepth: depth,
            mTiles: (m + tileRows - 1) / tileRows, nTiles: (n + width - 1) / width, kTiles: (k + depth - 1) / depth,
            scratchpadBuffers: (0..<buffers).map { $0 * scratchpadBuffer }, accumulatorBuffers: [0, accumulatorBuffer])
    }

    /// Compiles a GEMM: program, DRAM image and layout.
    public static func compile(_ problem: GEMMProblem, config: AcceleratorConfig) throws -> CompiledProgram {
        let m = problem.m, n = problem.n, k = problem.k
        let perChannel: Bool
        if case .perChannel? = problem.requantization?.multipliers { perChannel = true } else { perChannel = false }
        let plan = try plan(m: m, n: n, k: k, perChannel: perChannel, config: config)
        let layout = DRAMLayout(m: m, k: k, n: n, hasBias: problem.bias != nil, perChannel: perChannel,
                                rawOutput: problem.requantization == nil)
        let addressLimit = Int(InstructionLayout.dramAddress.maximum)
        guard layout.totalBytes <= addressLimit + 1 else {
            throw TilerError.tooLarge("DRAM image of \(layout.totalBytes) bytes exceeds the 32-bit address field")
        }
        var dram = [UInt8](repeating: 0, count: layout.totalBytes)
        DRAMLayout.write(problem.a.elements, to: layout.a, in: &dram)
        DRAMLayout.write(problem.b.elements, to: layout.b, in: &dram)
        if let bias = problem.bias, let region = layout.bias { DRAMLayout.write(bias, to: region, in: &dram) }
        if case .perChannel(let list)? = problem.requantization?.multipliers,
           let multipliers = layout.multipliers, let shifts = layout.shifts {
            DRAMLayout.write(list.map(\.multiplier), to: multipliers, in: &dram)
            DRAMLayout.write(list.map(\.shift), to: shifts, in: &dram)
        }
        var emitter = ProgramEmitter(problem: problem, plan: plan, layout: layout, perChannel: perChannel)
        return CompiledProgram(program: emitter.emit(), dram: dram, layout: layout, plan: plan, outputShape: [m, n])
    }

    /// Compiles a TFLite-style fully connected layer (weights [out, in]).
    public static func compileFullyConnected(
        input: Tensor<Int8>, weights: Tensor<Int8>, bias: [Int32]?, inputZeroPoint: Int32 = 0,
        weightZeroPoint: Int32 = 0, requantization: Requantization?, config: AcceleratorConfig
    ) throws -> CompiledProgram {
        let problem = try GEMMProblem(
            a: input, b: ReferenceKernels.transpose(weights), bias: bias, inputZeroPoint: inputZeroPoint,
            weightZeroPoint: weightZeroPoint, requantization: requantization)
        return try compile(problem, config: config)
    }

    /// Compiles a conv2d: the host lowers the input with im2col into the A region, the filter
    /// becomes B, and the output region is NHWC.
    public static func compileConv2D(
        input: Tensor<Int8>, filter: Tensor<Int8>, bias: [Int32]?, geometry: Conv2DGeometry,
        inputZeroPoint: Int32 = 0, weightZeroPoint: Int32 = 0, requantization: Requantization?,
        config: AcceleratorConfig
    ) throws -> CompiledProgram {
        let problem = try GEMMProblem(
            a: ReferenceKernels.im2col(input, geometry, inputZeroPoint: inputZeroPoint),
            b: ReferenceKernels.filterMatrix(filter, geometry), bias: bias, inputZeroPoint: inputZeroPoint,
            weightZeroPoint: weightZeroPoint, requantization: requantization)
        var compiled = try compile(problem, config: config)
        compiled.outputShape = geometry.outputShape
        return compiled
    }

    /// Tiles, runs on the functional model and extracts the result: the golden backend.
    public static func runGEMM(_ problem: GEMMProblem, config: AcceleratorConfig) throws -> (output: GEMMOutput, statistics: ExecutionStatistics) {
        try compile(problem, config: config).run(on: FunctionalModel(config: config))
    }
}
