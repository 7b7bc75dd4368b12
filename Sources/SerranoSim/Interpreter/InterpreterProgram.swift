import SerranoIR

/// A design compiled for the interpreter: one flat word array, the combinational program in
/// topological order, and the state updated on each rising clock edge.
struct InterpreterProgram {
    /// A top-level port: where its value lives.
    struct Port {
        var name: String
        var isInput: Bool
        var width: Int
        var offset: Int
    }

    /// A register of some instance: on a clock edge `state` takes `resetValue` while reset is
    /// high (when it has one), else `next` when `enable` is high (or always without an enable).
    struct RegisterUpdate {
        var state: Int
        var next: Int
        /// -1: no enable.
        var enable: Int
        /// -1: no reset value; else the offset of a constant holding it.
        var resetValue: Int
        var width: Int
        /// Where the new value waits while every other register samples the old state.
        var staging: Int
    }

    /// A memory of some instance, its fields resolved to offsets (-1 where the kind has none).
    struct MemoryUpdate {
        /// Whether the write goes through the first read port (1RW, 1RW1R): `address`/`enable`.
        var isSinglePort: Bool
        /// Read-during-write returns the new word (`Memory.ReadDuringWrite.newData`).
        var newData = false
        var depth: Int
        var width: Int
        /// Offset of entry 0 in the memory storage array.
        var base: Int
        var readAddress = -1, readEnable = -1, writeAddress = -1, writeEnable = -1
        var writeData = -1, writeMask = -1, address = -1, enable = -1
        var readData: Int
        var staging: Int
        /// The second read port (2R1W, 1RW1R); -1 when there is none.
        var readAddressB = -1, readEnableB = -1, readDataB = -1, stagingB = -1
        /// Per mask lane, the bits it covers, `wordsNeeded(width)` words each; empty without a mask.
        var laneMasks: [UInt64] = []
        var lanes: Int = 1

        var entryWords: Int { wordsNeeded(width) }
    }

    /// An assertion, assumption or cover of some instance: its 1-bit condition's place.
    struct CheckSite {
        var kind: Check.Kind
        var offset: Int
        /// The instance's path below the top ("" for the top itself).
        var instancePath: String
        var check: Check
    }

    var instructions: [InterpreterInstruction] = []
    /// Every check of every instance, in hierarchy order.
    var checks: [CheckSite] = []
    var parts: [ConcatPart] = []
    var wordCount = 0
    /// Values set once at start: constants and reset values.
    var constants: [(offset: Int, words: [UInt64])] = []
    var registers: [RegisterUpdate] = []
    var memories: [MemoryUpdate] = []
    var memoryWordCount = 0
    /// Implicit clock and reset first (when the top has them), then the top's ports in order.
    var ports: [Port] = []
    /// Offset of the top-level reset input, or -1.
    var resetOffset = -1
    /// Every signal by hierarchical path (`child.signal`, Verilog names), for `peekSignal`.
    var signals: [String: (offset: Int, width: Int)] = [:]
    /// The signals a trace records: every node a user named, below the top's ports.
    var tracedSignals: [(path: String, offset: Int, width: Int)] = []
}
