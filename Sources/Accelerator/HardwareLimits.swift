import GoldenModel
import Serrano

/// What the RTL generator supports beyond `AcceleratorConfig.validate()` (which is what the ISA
/// and the golden model can express).
public enum HardwareLimits {
    /// Rows and columns of the array.
    public static let arraySides = 1...64
    /// DRAM bus width in bytes.
    public static let busBytes = 1...64

    /// Every reason the generator cannot build `config`, empty when it can.
    public static func problems(_ config: AcceleratorConfig) -> [String] {
        var problems: [String] = []
        do { try config.validate() } catch { problems.append("\(error)") }
        func require(_ ok: Bool, _ message: String) { if !ok { problems.append(message) } }
        require(arraySides.contains(config.rows), "config rows must be 1...64 for the RTL, found \(config.rows)")
        require(arraySides.contains(config.columns), "config columns must be 1...64 for the RTL, found \(config.columns)")
        require(busBytes.contains(config.dramBusBytes), "config dramBusBytes must be 1...64 for the RTL, found \(config.dramBusBytes)")
        for (name, banks, rows) in [("scratchpad", config.scratchpadBanks, config.scratchpadRows),
                                    ("accumulator", config.accumulatorBanks, config.accumulatorRows)] {
            require(banks >= 1 && banks & (banks - 1) == 0, "config \(name)Banks must be a power of two, found \(banks)")
            require(banks >= 1 && rows / max(banks, 1) >= 2, "config \(name) needs at least 2 rows per bank, found \(rows) rows in \(banks) banks")
        }
        require(config.instructionQueueDepth >= 2, "config instructionQueueDepth must be at least 2 for the RTL, found \(config.instructionQueueDepth)")
        require(config.tokenQueueDepth >= 2, "config tokenQueueDepth must be at least 2 for the RTL, found \(config.tokenQueueDepth)")
        return problems
    }
}

/// The configuration cannot be built as hardware.
public struct UnsupportedConfiguration: Error, CustomStringConvertible {
    public let problems: [String]
    public init(problems: [String]) { self.problems = problems }
    public var description: String { problems.joined(separator: "; ") }
}

extension Accelerator {
    /// Checks `config` against the generator's limits, then elaborates and legalizes the chip
    /// (with `mutation` built in, for mutation testing only; `covers: false` leaves out the
    /// simulation-only cover points).
    public static func elaborate(_ config: AcceleratorConfig, mutation: Mutation? = nil, covers: Bool = true) throws -> LegalDesign {
        let problems = HardwareLimits.problems(config)
        guard problems.isEmpty else { throw UnsupportedConfiguration(problems: problems) }
        switch Elaboration.elaborate(Accelerator(config: config, mutation: mutation, covers: covers)) {
        case .success(let design): return design
        case .failure(let error): throw error
        }
    }
}
