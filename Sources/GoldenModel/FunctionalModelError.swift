/// An illegal program or DRAM image, reported by the functional model instead of trapping.
///
/// `instruction` is always the index into the program (0-based).
public enum FunctionalModelError: Error, Equatable, CustomStringConvertible {
    case invalidConfig(String)
    case badEncoding(instruction: Int, reason: String)
    case missingFinish
    case instructionAfterFinish(instruction: Int)
    case illegalDependency(instruction: Int, module: ExecutionUnit, flag: String)
    case outOfRange(instruction: Int, what: String)
    case invalidParameter(instruction: Int, what: String)
    case computeBeforePreload(instruction: Int)
    case storeBeforeConfigure(instruction: Int)
    case tokenUnderflow(instruction: Int, module: ExecutionUnit, waitingOn: ExecutionUnit)
    case deadlock(String)
    case unconsumedTokens(from: ExecutionUnit, to: ExecutionUnit, count: Int)
    case dataRace(instruction: Int, module: ExecutionUnit, memory: String, row: Int, other: ExecutionUnit)

    public var description: String {
        switch self {
        case .invalidConfig(let reason): return "invalid accelerator config: \(reason)"
        case .badEncoding(let i, let reason): return "instruction \(i): bad encoding: \(reason)"
        case .missingFinish: return "program has no FINISH instruction"
        case .instructionAfterFinish(let i): return "instruction \(i) follows FINISH"
        case .illegalDependency(let i, let m, let flag): return "instruction \(i): the \(m) module has no \(flag) neighbour"
        case .outOfRange(let i, let what): return "instruction \(i): out of range: \(what)"
        case .invalidParameter(let i, let what): return "instruction \(i): \(what)"
        case .computeBeforePreload(let i): return "instruction \(i): COMPUTE before any PRELOAD"
        case .storeBeforeConfigure(let i): return "instruction \(i): requantizing STORE before any CONFIG_STORE"
        case .tokenUnderflow(let i, let m, let other):
            return "instruction \(i): token underflow: the \(m) module pops a token the \(other) module never pushes"
        case .deadlock(let state): return "deadlock: \(state)"
        case .unconsumedTokens(let from, let to, let count): return "\(count) token(s) from \(from) to \(to) never popped"
        case .dataRace(let i, let m, let memory, let row, let other):
            return "instruction \(i): data race: the \(m) module accesses \(memory) row \(row) without a token ordering it after the \(other) module's access"
        }
    }
}
