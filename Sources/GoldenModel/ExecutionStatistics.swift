/// Performance-relevant counts from one functional-model run.
public struct ExecutionStatistics: Equatable, Sendable, CustomStringConvertible {
    /// Executed instructions per opcode.
    public var instructionCounts: [Opcode: Int] = [:]
    /// Multiply-accumulates of enabled PE rows: input vectors × enabled rows × columns (columns
    /// past a layer's N edge still compute, on zero-filled weights).
    public var macs: Int = 0
    /// PE slots the array spent, enabled or not: input vectors × rows × columns.
    public var arrayMACSlots: Int = 0
    /// Bytes read from / written to DRAM by loads and stores.
    public var dramBytesRead: Int = 0
    public var dramBytesWritten: Int = 0
    /// DRAM bus beats (one per `dramBusBytes` of each transferred row, rounded up).
    public var dramBeats: Int = 0
    /// Dependency tokens passed between modules.
    public var tokens: Int = 0
    /// Scheduler rounds in which dispatch stopped at a full instruction queue.
    public var dispatchStalls: Int = 0

    /// Total instructions executed.
    public var instructions: Int { instructionCounts.values.reduce(0, +) }

    /// Executions of one opcode.
    public func count(of opcode: Opcode) -> Int { instructionCounts[opcode] ?? 0 }

    public var description: String {
        let kinds = Opcode.allCases.filter { count(of: $0) > 0 }.map { "\($0) \(count(of: $0))" }.joined(separator: ", ")
        return "\(instructions) instructions (\(kinds)); \(macs) MACs in \(arrayMACSlots) array slots; "
            + "DRAM \(dramBytesRead) B read, \(dramBytesWritten) B written, \(dramBeats) beats; \(tokens) tokens"
    }
}
