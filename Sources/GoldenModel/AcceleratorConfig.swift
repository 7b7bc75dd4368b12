/// Elaboration-time parameters of the accelerator: the golden model, the tiler and the RTL
/// generator all read the same struct.
///
/// The array is weight-stationary: `rows` is the reduction depth of one weight tile (K) and
/// `columns` its width (N). A scratchpad row holds `scratchpadRowElements = max(rows, columns)`
/// int8 values (an input vector of `rows` values, or a weight row of `columns` values); an
/// accumulator row holds `columns` int32 values.
public struct AcceleratorConfig: Hashable, Sendable, CustomStringConvertible {
    /// PE rows: the reduction (K) extent of a preloaded weight tile.
    public var rows: Int
    /// PE columns: output channels (N) computed per input vector.
    public var columns: Int
    /// Scratchpad depth in rows.
    public var scratchpadRows: Int
    /// Scratchpad banks (rows are interleaved across banks).
    public var scratchpadBanks: Int
    /// Accumulator depth in rows.
    public var accumulatorRows: Int
    /// Accumulator banks.
    public var accumulatorBanks: Int
    /// DRAM data bus width in bytes (one beat).
    public var dramBusBytes: Int
    /// Depth of each module's instruction queue (load, compute, store).
    public var instructionQueueDepth: Int
    /// Depth of each of the four dependency-token queues.
    public var tokenQueueDepth: Int

    public init(
        rows: Int, columns: Int, scratchpadRows: Int, scratchpadBanks: Int,
        accumulatorRows: Int, accumulatorBanks: Int, dramBusBytes: Int,
        instructionQueueDepth: Int, tokenQueueDepth: Int
    ) {
        self.rows = rows
        self.columns = columns
        self.scratchpadRows = scratchpadRows
        self.scratchpadBanks = scratchpadBanks
        self.accumulatorRows = accumulatorRows
        self.accumulatorBanks = accumulatorBanks
        self.dramBusBytes = dramBusBytes
        self.instructionQueueDepth = instructionQueueDepth
        self.tokenQueueDepth = tokenQueueDepth
    }

    /// 16×16 weight-stationary; 256 KiB scratchpad in 4 banks; 64 KiB accumulators in 2 banks;
    /// 128-bit DRAM bus; queues deep enough for loads to run eight steps ahead (what hides 50
    /// cycles of DRAM latency behind a GEMV's short steps).
    public static let `default` = AcceleratorConfig(
        rows: 16, columns: 16, scratchpadRows: 256 * 1024 / 16, scratchpadBanks: 4,
        accumulatorRows: 64 * 1024 / (16 * 4), accumulatorBanks: 2, dramBusBytes: 16,
        instructionQueueDepth: 32, tokenQueueDepth: 8)

    /// 4×4 with a 256-byte scratchpad and 32 accumulator rows: small enough that tests cover
    /// matrices larger than every on-chip memory cheaply.
    public static let tiny = AcceleratorConfig(
        rows: 4, columns: 4, scratchpadRows: 64, scratchpadBanks: 2,
        accumulatorRows: 32, accumulatorBanks: 1, dramBusBytes: 4,
        instructionQueueDepth: 4, tokenQueueDepth: 2)

    /// 32×32; 512 KiB scratchpad in 4 banks; 128 KiB accumulators in 2 banks; 256-bit DRAM bus.
    public static let large = AcceleratorConfig(
        rows: 32, columns: 32, scratchpadRows: 512 * 1024 / 32, scratchpadBanks: 4,
        accumulatorRows: 128 * 1024 / (32 * 4), accumulatorBanks: 2, dramBusBytes: 32,
        instructionQueueDepth: 16, tokenQueueDepth: 4)

    /// 8 rows × 32 columns (a shallow, wide array: short reductions, many output channels);
    /// 128 KiB scratchpad in 4 banks; 64 KiB accumulators in 2 banks; 128-bit DRAM bus.
    public static let wide = AcceleratorConfig(
        rows: 8, columns: 32, scratchpadRows: 128 * 1024 / 32, scratchpadBanks: 4,
        accumulatorRows: 64 * 1024 / (32 * 4), accumulatorBanks: 2, dramBusBytes: 16,
        instructionQueueDepth: 16, tokenQueueDepth: 4)

    /// Named configurations the CLI accepts.
    public static let named: [(name: String, config: AcceleratorConfig)] = [
        ("tiny", .tiny), ("default", .default), ("large", .large), ("wide", .wide),
    ]

    /// A `rows` × `columns` array with the default's memories in rows (4096 scratchpad rows in 4
    /// banks, 1024 accumulator rows in 2), a bus as wide as a row of columns (4 to 64 bytes), and
    /// the default's queues: the shape sweeps and scaling studies vary.
    public static func sized(rows: Int, columns: Int) -> AcceleratorConfig {
        var bus = 4
        while bus < columns && bus < 64 { bus *= 2 }
        return AcceleratorConfig(
            rows: rows, columns: columns, scratchpadRows: 4096, scratchpadBanks: 4, accumulatorRows: 1024,
            accumulatorBanks: 2, dramBusBytes: bus, instructionQueueDepth: 32, tokenQueueDepth: 8)
    }

    /// The named configuration `name`, if there is one.
    public static func named(_ name: String) -> AcceleratorConfig? { named.first { $0.name == name }?.config }

    /// int8 lanes of one scratchpad row.
    public var scratchpadRowElements: Int { Swift.max(rows, columns) }
    /// Scratchpad capacity in bytes.
    public var scratchpadBytes: Int { scratchpadRows * scratchpadRowElements }
    /// Accumulator capacity in bytes.
    public var accumulatorBytes: Int { accumulatorRows * columns * 4 }

    /// Checks every parameter against what the hardware and the instruction fields can express.
    public func validate() throws {
        func require(_ ok: Bool, _ error: ConfigError) throws { if !ok { throw error } }
        try require((1...4096).contains(rows), .outOfRange("rows", rows, "1...4096"))
        try require((1...4096).contains(columns), .outOfRange("columns", columns, "1...4096"))
        let rowLimit = 1 << InstructionLayout.sramRowBits
        try require((1...rowLimit).contains(scratchpadRows), .outOfRange("scratchpadRows", scratchpadRows, "1...\(rowLimit)"))
        try require((1...rowLimit).contains(accumulatorRows), .outOfRange("accumulatorRows", accumulatorRows, "1...\(rowLimit)"))
        try require(scratchpadBanks >= 1 && scratchpadRows % scratchpadBanks == 0,
                    .banksDoNotDivide("scratchpad", rows: scratchpadRows, banks: scratchpadBanks))
        try require(accumulatorBanks >= 1 && accumulatorRows % accumulatorBanks == 0,
                    .banksDoNotDivide("accumulator", rows: accumulatorRows, banks: accumulatorBanks))
        try require(dramBusBytes >= 1 && dramBusBytes <= 512 && dramBusBytes & (dramBusBytes - 1) == 0,
                    .outOfRange("dramBusBytes", dramBusBytes, "a power of two in 1...512"))
        try require((1...1024).contains(instructionQueueDepth), .outOfRange("instructionQueueDepth", instructionQueueDepth, "1...1024"))
        try require((1...1024).contains(tokenQueueDepth), .outOfRange("tokenQueueDepth", tokenQueueDepth, "1...1024"))
    }

    public var description: String {
        let banks = { (count: Int) in count == 1 ? "1 bank" : "\(count) banks" }
        return "\(rows)×\(columns) weight-stationary, scratchpad \(scratchpadRows)×\(scratchpadRowElements) B (\(banks(scratchpadBanks))), "
            + "accumulator \(accumulatorRows)×\(columns)×4 B (\(banks(accumulatorBanks))), bus \(dramBusBytes) B"
    }
}

/// A configuration parameter the hardware cannot have.
public enum ConfigError: Error, Equatable, CustomStringConvertible {
    case outOfRange(String, Int, String)
    case banksDoNotDivide(String, rows: Int, banks: Int)
    case unknownName(String)

    public var description: String {
        switch self {
        case .outOfRange(let field, let value, let range): return "config \(field) must be \(range), found \(value)"
        case .banksDoNotDivide(let memory, let rows, let banks):
            return "config \(memory) has \(rows) rows, not a multiple of its \(banks) banks"
        case .unknownName(let name):
            return "unknown config '\(name)'; known: \(AcceleratorConfig.named.map(\.name).joined(separator: ", "))"
        }
    }
}
