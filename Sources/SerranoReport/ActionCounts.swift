import GoldenModel
import SerranoVerify

/// The actions energy is charged for: MACs, SRAM row accesses per bank, DRAM bytes on the bus.
/// Read from the chip's counters after a run, or predicted from a program alone — the two must
/// agree, which is what makes the energy figures the RTL's own.
public struct ActionCounts: Codable, Equatable, Sendable {
    /// Multiply-accumulates of enabled PE rows (columns past N's edge compute on zeros and count).
    public var macs: UInt64
    public var scratchpadReads: [UInt64]
    public var scratchpadWrites: [UInt64]
    public var accumulatorReads: [UInt64]
    public var accumulatorWrites: [UInt64]
    /// Bytes of whole bus beats moved, as the DRAM sees them (a partial beat counts whole).
    public var dramBytesRead: UInt64
    public var dramBytesWritten: UInt64
    public var instructions: UInt64

    public init(macs: UInt64, scratchpadReads: [UInt64], scratchpadWrites: [UInt64], accumulatorReads: [UInt64],
                accumulatorWrites: [UInt64], dramBytesRead: UInt64, dramBytesWritten: UInt64, instructions: UInt64) {
        self.macs = macs
        self.scratchpadReads = scratchpadReads
        self.scratchpadWrites = scratchpadWrites
        self.accumulatorReads = accumulatorReads
        self.accumulatorWrites = accumulatorWrites
        self.dramBytesRead = dramBytesRead
        self.dramBytesWritten = dramBytesWritten
        self.instructions = instructions
    }

    /// What the chip counted.
    public init(_ counters: AcceleratorCounters) {
        let config = counters.config
        self.init(macs: counters.macs,
                  scratchpadReads: counters.bankCounts("scratchpadReads", banks: config.scratchpadBanks),
                  scratchpadWrites: counters.bankCounts("scratchpadWrites", banks: config.scratchpadBanks),
                  accumulatorReads: counters.bankCounts("accumulatorReads", banks: config.accumulatorBanks),
                  accumulatorWrites: counters.bankCounts("accumulatorWrites", banks: config.accumulatorBanks),
                  dramBytesRead: counters.dramBytesRead, dramBytesWritten: counters.dramBytesWritten,
                  instructions: counters["instructions"])
    }

    /// What `program` must make the chip do on `config`, from the instruction semantics alone:
    /// a LOAD writes `rowCount` SRAM rows (row `r` to bank `(row + r) mod banks`) and reads the
    /// bus beats each row's bytes touch (a stride-0 broadcast: its one row's); PRELOAD reads `rowCount` scratchpad rows; COMPUTE reads
    /// `rowCount` input rows, writes as many accumulator rows and, when accumulating, reads them
    /// first; a requantizing STORE with per-channel parameters reads their two rows, then every
    /// STORE reads its rows and writes the beats each row's bytes touch.
    public static func predicted(for program: [Instruction], config: AcceleratorConfig) -> ActionCounts {
        var counts = ActionCounts(macs: 0, scratchpadReads: Array(repeating: 0, count: config.scratchpadBanks),
                                  scratchpadWrites: Array(repeating: 0, count: config.scratchpadBanks),
                                  accumulatorReads: Array(repeating: 0, count: config.accumulatorBanks),
                                  accumulatorWrites: Array(repeating: 0, count: config.accumulatorBanks),
                                  dramBytesRead: 0, dramBytesWritten: 0, instructions: UInt64(program.count))
        let bus = config.dramBusBytes
        func beats(address: Int, bytes: Int) -> UInt64 {
            bytes <= 0 ? 0 : UInt64((address % bus + bytes + bus - 1) / bus)
        }
        func touch(_ banks: inout [UInt64], from row: Int, count: Int) {
            for r in 0..<max(count, 0) { banks[(row + r) % banks.count] += 1 }
        }
        var preloadedRows = 0
        var parameterRow: Int?
        for instruction in program {
            switch instruction {
            case .load(let load):
                let elementBytes = load.target == .scratchpad ? 1 : 4
                // A broadcast (stride 0) reads its row once and writes it `rowCount` times.
                for r in 0..<(load.dramStride == 0 ? min(load.rowCount, 1) : load.rowCount) {
                    counts.dramBytesRead += UInt64(bus) * beats(address: load.dramAddress + r * load.dramStride,
                                                                bytes: load.elementsPerRow * elementBytes)
                }
                if load.target == .scratchpad {
                    touch(&counts.scratchpadWrites, from: load.sramRow, count: load.rowCount)
                } else {
                    touch(&counts.accumulatorWrites, from: load.sramRow, count: load.rowCount)
                }
            case .preload(let preload):
                touch(&counts.scratchpadReads, from: preload.scratchpadRow, count: preload.rowCount)
                preloadedRows = preload.rowCount
            case .compute(let compute):
                touch(&counts.scratchpadReads, from: compute.inputRow, count: compute.rowCount)
                touch(&counts.accumulatorWrites, from: compute.accumulatorRow, count: compute.rowCount)
                if compute.accumulate { touch(&counts.accumulatorReads, from: compute.accumulatorRow, count: compute.rowCount) }
                counts.macs += UInt64(compute.rowCount * min(preloadedRows, config.rows) * config.columns)
            case .configureStore(let configure):
                parameterRow = configure.perChannel ? configure.channelParametersRow : nil
            case .store(let store):
                // Per-channel parameters: every requantizing STORE reads their two rows again.
                if !store.raw, let parameterRow { touch(&counts.accumulatorReads, from: parameterRow, count: 2) }
                let elementBytes = store.raw ? 4 : 1
                for r in 0..<store.rowCount {
                    counts.dramBytesWritten += UInt64(bus) * beats(address: store.dramAddress + r * store.dramStride,
                                                                   bytes: store.elementsPerRow * elementBytes)
                }
                touch(&counts.accumulatorReads, from: store.accumulatorRow, count: store.rowCount)
            case .configureCompute, .finish:
                break
            }
        }
        return counts
    }
}
