import GoldenModel

/// Energy of one run: the chip's action counts × an energy table, by component, in picojoules.
///
/// What is charged: per MAC an 8-bit multiply, a 32-bit add and the PE's pipeline registers; per
/// scratchpad or accumulator row access, the 64-bit words of the row at the bank's size; per
/// requantized output value a 32-bit multiply and two 32-bit adds; per DRAM byte on the bus an
/// eighth of a 64-bit access. Not charged (not in the table, so not guessed): clock tree,
/// leakage, control logic, queues and wires between units.
public struct EnergyEstimate: Codable, Equatable, Sendable {
    public var arithmetic: Double
    public var peRegisters: Double
    public var scratchpad: Double
    public var accumulator: Double
    public var requantizer: Double
    public var dram: Double

    public var total: Double { arithmetic + peRegisters + scratchpad + accumulator + requantizer + dram }
    public var sram: Double { scratchpad + accumulator }

    /// The components in display order, named.
    public var components: [(name: String, picojoules: Double)] {
        [("MAC arithmetic", arithmetic), ("PE registers", peRegisters), ("scratchpad SRAM", scratchpad),
         ("accumulator SRAM", accumulator), ("requantizer", requantizer), ("DRAM", dram)]
    }

    public init(arithmetic: Double, peRegisters: Double, scratchpad: Double, accumulator: Double, requantizer: Double, dram: Double) {
        self.arithmetic = arithmetic
        self.peRegisters = peRegisters
        self.scratchpad = scratchpad
        self.accumulator = accumulator
        self.requantizer = requantizer
        self.dram = dram
    }

    /// `requantizedValues`: int8 outputs the post-processor produced (raw int32 stores are not requantized).
    public init(counts: ActionCounts, requantizedValues: Int, config: AcceleratorConfig, table: EnergyTable) {
        let macs = Double(counts.macs)
        let scratchpadBank = config.scratchpadBytes / max(config.scratchpadBanks, 1)
        let accumulatorBank = config.accumulatorBytes / max(config.accumulatorBanks, 1)
        // A row of `bits` costs its 64-bit words (a part-word rounds up: the bank is that wide).
        let scratchpadRow = Double((config.scratchpadRowElements * 8 + 63) / 64) * table.sramReadPer64Bits(capacityBytes: scratchpadBank)
        let accumulatorRow = Double((config.columns * 32 + 63) / 64) * table.sramReadPer64Bits(capacityBytes: accumulatorBank)
        let write = table.sramWriteOverRead.picojoules
        func sum(_ values: [UInt64]) -> Double { values.reduce(0) { $0 + Double($1) } }
        self.init(
            arithmetic: macs * (table.multiply8.picojoules + table.add32.picojoules),
            peRegisters: macs * table.peRegistersPerMAC.picojoules,
            scratchpad: scratchpadRow * (sum(counts.scratchpadReads) + write * sum(counts.scratchpadWrites)),
            accumulator: accumulatorRow * (sum(counts.accumulatorReads) + write * sum(counts.accumulatorWrites)),
            requantizer: Double(requantizedValues) * (table.multiply32.picojoules + 2 * table.add32.picojoules),
            dram: Double(counts.dramBytesRead + counts.dramBytesWritten) / 8 * table.dram64Bits.picojoules)
    }

    public static func + (a: EnergyEstimate, b: EnergyEstimate) -> EnergyEstimate {
        EnergyEstimate(arithmetic: a.arithmetic + b.arithmetic, peRegisters: a.peRegisters + b.peRegisters,
                       scratchpad: a.scratchpad + b.scratchpad, accumulator: a.accumulator + b.accumulator,
                       requantizer: a.requantizer + b.requantizer, dram: a.dram + b.dram)
    }

    public static func * (a: EnergyEstimate, factor: Double) -> EnergyEstimate {
        EnergyEstimate(arithmetic: a.arithmetic * factor, peRegisters: a.peRegisters * factor, scratchpad: a.scratchpad * factor,
                       accumulator: a.accumulator * factor, requantizer: a.requantizer * factor, dram: a.dram * factor)
    }

    public static let zero = EnergyEstimate(arithmetic: 0, peRegisters: 0, scratchpad: 0, accumulator: 0, requantizer: 0, dram: 0)
}
