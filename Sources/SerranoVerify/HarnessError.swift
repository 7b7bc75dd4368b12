/// Why a run of the accelerator did not complete.
public enum HarnessError: Error, Equatable, CustomStringConvertible {
    /// The chip did not reach `done` within the cycle limit; `state` says where each unit stood.
    case hang(cycles: UInt64, state: String)
    /// The chip dropped an instruction whose opcode the ISA does not define.
    case illegalInstruction(cycle: UInt64)
    /// A DRAM write outside the image.
    case dramOutOfRange(cycle: UInt64, address: UInt64, size: Int)
    /// A DRAM profile field out of range.
    case invalidProfile(String)
    /// The simulator's ports are not the accelerator's.
    case missingPort(String)
    /// The scoreboard caught a DRAM write that differs from the golden model's.
    case wrongWrite(WriteMismatch)

    public var description: String {
        switch self {
        case .hang(let cycles, let state): return "the accelerator did not finish within \(cycles) cycles; stuck: \(state)"
        case .illegalInstruction(let cycle): return "the accelerator dropped an illegal instruction (cycle \(cycle))"
        case .dramOutOfRange(let cycle, let address, let size):
            return "DRAM write at address \(address) past the \(size)-byte image (cycle \(cycle))"
        case .invalidProfile(let message): return message
        case .missingPort(let name): return "the simulated design has no port '\(name)': is it the Accelerator?"
        case .wrongWrite(let mismatch): return mismatch.description
        }
    }
}
