/// A readable line per instruction, from the same field table the encoder uses:
/// `LOAD target=0 sram_row=0 rows=7 elements=3 dram_addr=0 dram_stride=3 [pop_next push_next]`.
extension Instruction {
    public var assembly: String {
        guard let word = try? encoded() else { return "\(opcode) (cannot be encoded)" }
        let header = Set(InstructionLayout.header.map(\.name))
        let fields = InstructionLayout.fields(of: opcode).filter { !header.contains($0.name) }
            .map { "\($0.name)=\(word.value($0))" }
        var flags: [String] = []
        if dependencies.contains(.popPrevious) { flags.append("pop_prev") }
        if dependencies.contains(.popNext) { flags.append("pop_next") }
        if dependencies.contains(.pushPrevious) { flags.append("push_prev") }
        if dependencies.contains(.pushNext) { flags.append("push_next") }
        return ([opcode.description] + fields).joined(separator: " ") + (flags.isEmpty ? "" : " [\(flags.joined(separator: " "))]")
    }

    /// A whole program, one numbered instruction a line.
    public static func assembly(of program: [Instruction]) -> String {
        program.enumerated().map { "\($0.offset)\t\($0.element.assembly)" }.joined(separator: "\n") + "\n"
    }
}
