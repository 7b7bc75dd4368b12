/// The accelerator's instruction set, defined once: the functional model executes it, the tiler
/// emits it, and the RTL decoder is generated from / tested against `InstructionLayout`.
///
/// Instructions are dispatched in order to three decoupled modules, as in TVM VTA:
/// - **load**: `load` into the scratchpad (DRAM → scratchpad DMA);
/// - **compute**: `configureCompute`, `preload`, `compute`, `load` into the accumulator (bias and
///   per-channel parameters, so they are ordered with the computes that use them) and `finish`;
/// - **store**: `configureStore`, `store` (accumulator → post-processor → DRAM).
///
/// Modules synchronize only through dependency tokens. Each instruction may pop a token from its
/// previous/next neighbour before it runs and push one to its previous/next neighbour after it
/// ran (load's next is compute, compute's next is store). That is what lets loads of tile `i+1`
/// overlap the compute of tile `i` (double buffering) without races.
public enum Instruction: Equatable, Sendable {
    case load(Load)
    case store(Store)
    case preload(Preload)
    case compute(Compute)
    case configureCompute(ConfigureCompute)
    case configureStore(ConfigureStore)
    case finish(DependencyFlags)

    /// DRAM → on-chip SRAM, strided 2-D: `rowCount` rows of `elementsPerRow` elements, row `r`
    /// read from `dramAddress + r·dramStride` (stride 0 broadcasts one row). Lanes past
    /// `elementsPerRow` are zero-filled. Scratchpad elements are int8, accumulator ones int32 LE.
    public struct Load: Equatable, Sendable {
        public var target: Memory
        public var sramRow: Int
        public var rowCount: Int
        public var elementsPerRow: Int
        public var dramAddress: Int
        public var dramStride: Int
        public var dependencies: DependencyFlags

        public init(target: Memory, sramRow: Int, rowCount: Int, elementsPerRow: Int,
                    dramAddress: Int, dramStride: Int, dependencies: DependencyFlags = []) {
            self.target = target
            self.sramRow = sramRow
            self.rowCount = rowCount
            self.elementsPerRow = elementsPerRow
            self.dramAddress = dramAddress
            self.dramStride = dramStride
            self.dependencies = dependencies
        }
    }

    /// Accumulator → post-processor → DRAM, strided 2-D. `raw` writes int32 accumulators (LE);
    /// otherwise each value is requantized with the last `configureStore` and written as int8.
    public struct Store: Equatable, Sendable {
        public var raw: Bool
        public var accumulatorRow: Int
        public var rowCount: Int
        public var elementsPerRow: Int
        public var dramAddress: Int
        public var dramStride: Int
        public var dependencies: DependencyFlags

        public init(raw: Bool, accumulatorRow: Int, rowCount: Int, elementsPerRow: Int,
                    dramAddress: Int, dramStride: Int, dependencies: DependencyFlags = []) {
            self.raw = raw
            self.accumulatorRow = accumulatorRow
            self.rowCount = rowCount
            self.elementsPerRow = elementsPerRow
            self.dramAddress = dramAddress
            self.dramStride = dramStride
            self.dependencies = dependencies
        }
    }

    /// Latches weights into the array: PE row `k < rowCount` takes scratchpad row
    /// `scratchpadRow + k` (lane `c` feeds PE column `c`) minus the weight zero point; PE rows
    /// `k ≥ rowCount` are disabled (contribute 0), which is how K edge tiles are handled.
    public struct Preload: Equatable, Sendable {
        public var scratchpadRow: Int
        public var rowCount: Int
        public var dependencies: DependencyFlags

        public init(scratchpadRow: Int, rowCount: Int, dependencies: DependencyFlags = []) {
            self.scratchpadRow = scratchpadRow
            self.rowCount = rowCount
            self.dependencies = dependencies
        }
    }

    /// Streams `rowCount` input vectors (scratchpad rows from `inputRow`, lanes `0..<rows`, minus
    /// the input zero point) through the array; result vector `r` is written to accumulator row
    /// `accumulatorRow + r`, added to it when `accumulate`, replacing it otherwise.
    public struct Compute: Equatable, Sendable {
        public var inputRow: Int
        public var rowCount: Int
        public var accumulatorRow: Int
        public var accumulate: Bool
        public var dependencies: DependencyFlags

        public init(inputRow: Int, rowCount: Int, accumulatorRow: Int, accumulate: Bool,
                    dependencies: DependencyFlags = []) {
            self.inputRow = inputRow
            self.rowCount = rowCount
            self.accumulatorRow = accumulatorRow
            self.accumulate = accumulate
            self.dependencies = dependencies
        }
    }

    /// Sets the zero points the array subtracts from inputs and weights (int8 each).
    public struct ConfigureCompute: Equatable, Sendable {
        public var inputZeroPoint: Int
        public var weightZeroPoint: Int
        public var dependencies: DependencyFlags

        public init(inputZeroPoint: Int, weightZeroPoint: Int, dependencies: DependencyFlags = []) {
            self.inputZeroPoint = inputZeroPoint
            self.weightZeroPoint = weightZeroPoint
            self.dependencies = dependencies
        }
    }

    /// Sets the post-processor: `(multiplier, shift)` per tensor or, when `perChannel`, read at
    /// store time from accumulator rows `channelParametersRow` (M0 per lane) and `+1` (shift per
    /// lane); output zero point, activation clamp and rounding mode.
    public struct ConfigureStore: Equatable, Sendable {
        public var multiplier: Int
        public var shift: Int
        public var outputZeroPoint: Int
        public var activationMin: Int
        public var activationMax: Int
        public var singleRounding: Bool
        public var perChannel: Bool
        public var channelParametersRow: Int
        public var dependencies: DependencyFlags

        public init(multiplier: Int, shift: Int, outputZeroPoint: Int, activationMin: Int, activationMax: Int,
                    singleRounding: Bool = false, perChannel: Bool = false, channelParametersRow: Int = 0,
                    dependencies: DependencyFlags = []) {
            self.multiplier = multiplier
            self.shift = shift
            self.outputZeroPoint = outputZeroPoint
            self.activationMin = activationMin
            self.activationMax = activationMax
            self.singleRounding = singleRounding
            self.perChannel = perChannel
            self.channelParametersRow = channelParametersRow
            self.dependencies = dependencies
        }
    }

    /// The on-chip memory a `load` writes.
    public enum Memory: Int, Equatable, Sendable {
        case scratchpad = 0
        case accumulator = 1
    }

    /// The module whose queue executes this instruction.
    public var module: ExecutionUnit {
        switch self {
        case .load(let load): return load.target == .scratchpad ? .load : .compute
        case .store, .configureStore: return .store
        case .preload, .compute, .configureCompute, .finish: return .compute
        }
    }

    /// Its binary opcode.
    public var opcode: Opcode {
        switch self {
        case .load: return .load
        case .store: return .store
        case .preload: return .preload
        case .compute: return .compute
        case .configureCompute: return .configureCompute
        case .configureStore: return .configureStore
        case .finish: return .finish
        }
    }

    /// Its dependency-token flags.
    public var dependencies: DependencyFlags {
        get {
            switch self {
            case .load(let i): return i.dependencies
            case .store(let i): return i.dependencies
            case .preload(let i): return i.dependencies
            case .compute(let i): return i.dependencies
            case .configureCompute(let i): return i.dependencies
            case .configureStore(let i): return i.dependencies
            case .finish(let flags): return flags
            }
        }
        set {
            switch self {
            case .load(var i): i.dependencies = newValue; self = .load(i)
            case .store(var i): i.dependencies = newValue; self = .store(i)
            case .preload(var i): i.dependencies = newValue; self = .preload(i)
            case .compute(var i): i.dependencies = newValue; self = .compute(i)
            case .configureCompute(var i): i.dependencies = newValue; self = .configureCompute(i)
            case .configureStore(var i): i.dependencies = newValue; self = .configureStore(i)
            case .finish: self = .finish(newValue)
            }
        }
    }
}

/// The three decoupled execution modules, in pipeline order.
public enum ExecutionUnit: Int, CaseIterable, Sendable, CustomStringConvertible {
    case load = 0, compute = 1, store = 2

    /// The upstream neighbour (load has none).
    public var previous: ExecutionUnit? { ExecutionUnit(rawValue: rawValue - 1) }
    /// The downstream neighbour (store has none).
    public var next: ExecutionUnit? { ExecutionUnit(rawValue: rawValue + 1) }
    public var description: String { ["load", "compute", "store"][rawValue] }
}

/// Binary opcodes (bits 3:0). Zero is reserved so an all-zero word never decodes.
public enum Opcode: UInt64, CaseIterable, Sendable, CustomStringConvertible {
    case load = 1, store = 2, preload = 3, compute = 4, configureCompute = 5, configureStore = 6, finish = 7

    public var description: String {
        switch self {
        case .load: return "LOAD"
        case .store: return "STORE"
        case .preload: return "PRELOAD"
        case .compute: return "COMPUTE"
        case .configureCompute: return "CONFIG_COMPUTE"
        case .configureStore: return "CONFIG_STORE"
        case .finish: return "FINISH"
        }
    }
}

/// Dependency-token flags carried by every instruction (bits 7:4).
public struct DependencyFlags: OptionSet, Hashable, Sendable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }
    /// Wait for (and consume) a token from the previous module before running.
    public static let popPrevious = DependencyFlags(rawValue: 1 << 0)
    /// Wait for (and consume) a token from the next module before running.
    public static let popNext = DependencyFlags(rawValue: 1 << 1)
    /// Send a token to the previous module after running.
    public static let pushPrevious = DependencyFlags(rawValue: 1 << 2)
    /// Send a token to the next module after running.
    public static let pushNext = DependencyFlags(rawValue: 1 << 3)
}
