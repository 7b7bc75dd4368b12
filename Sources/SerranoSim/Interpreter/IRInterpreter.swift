import SerranoIR

/// The Swift IR interpreter: a cycle-based, two-state simulator of a legalized design, with no
/// build step.
///
/// The hierarchy is flattened and compiled once into a topologically ordered instruction list
/// over one word array; values of up to 64 bits take a fast path (`UInt64` with masks, sign
/// extension by shifts), wider ones a word-range path. Registers and memories start at zero,
/// like Verilator's default initialisation.
///
/// ```swift
/// let design = try Legalization.run(elaborated).get()
/// let sim = try IRInterpreter(design: design)
/// try sim.reset(cycles: 1)
/// try sim.poke(sim.port("enable"), 1)
/// try sim.step(10)
/// ```
///
/// Poking `clock` is accepted and has no effect: `step(_:)` runs the edges. Traces (VCD, or
/// FST through `vcd2fst`) record the ports and every named signal; see `InterpreterTrace`.
public final class IRInterpreter: Simulator {
    let program: InterpreterProgram
    private(set) var words: [UInt64]
    private var memoryWords: [UInt64]
    private let instructions: [InterpreterInstruction]
    private let parts: [ConcatPart]
    let topName: String
    /// The open trace, if any.
    var trace: InterpreterTrace?
    private let registers: ContiguousArray<InterpreterProgram.RegisterUpdate>
    /// Per memory, per read port (2 × memory + port): whether it reads on the current edge.
    private var reads: [Bool]
    /// Whether inputs or state changed since the combinational logic last settled.
    private var dirty = true
    /// Clock cycles run so far by `step` and `reset`.
    public private(set) var cycle: UInt64 = 0
    /// Per check (covers only): the checked edges on which the condition held.
    private var coverHits: [UInt64]
    /// The implicit `clock` and `reset` (when the top has them), then the top's ports in order.
    public let ports: [PortInfo]
    public let instanceID = SimulatorInstanceID.next()

    /// Compiles a checked design; fails on black boxes (no netlist to interpret).
    public init(design: LegalDesign) throws {
        program = try InterpreterCompiler.compile(design)
        topName = design.topName
        words = [UInt64](repeating: 0, count: max(program.wordCount, 1))
        memoryWords = [UInt64](repeating: 0, count: max(program.memoryWordCount, 1))
        instructions = program.instructions
        parts = program.parts
        registers = ContiguousArray(program.registers)
        reads = [Bool](repeating: false, count: 2 * program.memories.count)
        coverHits = [UInt64](repeating: 0, count: program.checks.count)
        ports = program.ports.map { PortInfo(name: $0.name, direction: $0.isInput ? .input : .output, width: $0.width) }
        for (offset, value) in program.constants {
            for (index, word) in value.enumerated() { words[offset + index] = word }
        }
    }

    deinit {
        // A trace still open is closed so that its file is complete.
        try? trace?.finish()
    }

    /// The number of instructions run per combinational evaluation (a size figure for benches).
    public var instructionCount: Int { instructions.count }

    // MARK: Unchecked access by port index (the `Simulator` conformance validates first)

    func portIndex(named name: String) -> Int? { program.ports.firstIndex { $0.name == name } }

    func setInput(_ index: Int, _ value: UInt64) {
        let port = program.ports[index]
        words[port.offset] = value & lowMask(port.width)
        for word in 1..<wordsNeeded(port.width) { words[port.offset + word] = 0 }
        dirty = true
    }

    func setInput(_ index: Int, words source: [UInt64]) {
        let port = program.ports[index]
        for word in 0..<wordsNeeded(port.width) {
            var value: UInt64 = word < source.count ? source[word] : 0
            if word == wordsNeeded(port.width) - 1 { value &= lowMask(port.width - word * 64) }
            words[port.offset + word] = value
        }
        dirty = true
    }

    func value(_ index: Int) -> UInt64 {
        settle()
        return words[program.ports[index].offset]
    }

    /// Copies the port's words into `target` (which holds at least the port's word count).
    func value(_ index: Int, into target: UnsafeMutableBufferPointer<UInt64>) {
        settle()
        let port = program.ports[index]
        for word in 0..<min(target.count, wordsNeeded(port.width)) { target[word] = words[port.offset + word] }
        for word in min(target.count, wordsNeeded(port.width))..<target.count { target[word] = 0 }
    }

    /// The words of a named internal signal (`child.signal`), or nil when there is none.
    func signalWords(_ path: String) -> (words: [UInt64], width: Int)? {
        guard let signal = program.signals[path] else { return nil }
        settle()
        return (Array(words[signal.offset..<(signal.offset + wordsNeeded(signal.width))]), signal.width)
    }

    // MARK: Running

    /// Settles combinational logic after pokes, without a clock edge.
    public func eval() {
        dirty = true
        settle()
    }

    func settle() {
        guard dirty else { return }
        instructions.withUnsafeBufferPointer { program in
            parts.withUnsafeBufferPointer { parts in
                words.withUnsafeMutableBufferPointer { words in
                    guard let base = words.baseAddress else { return }
                    InterpreterExecution.run(program, parts: parts, words: base)
                }
            }
        }
        dirty = false
    }

    /// Runs `cycles` rising clock edges; each samples the inputs and state as they settled.
    /// The logic after the last edge settles lazily, at the next peek or `eval()`.
    func run(cycles: Int) throws {
        guard cycles > 0 else { return }
        if let trace {
            // Traced as Verilator's harness does (see `Simulator`): the inputs poked before the
            // step at 10k+1, the values after the rising edge at 10k+5, the falling edge at 10k+10.
            for _ in 0..<cycles {
                settle()
                try trace.sample(words, time: cycle * 10 + 1, clockLevel: 0)
                let failure = checkEdge()
                clockEdge()
                dirty = true
                settle()
                try trace.sample(words, time: cycle * 10 + 5, clockLevel: 1)
                try trace.sample(words, time: cycle * 10 + 10, clockLevel: 0)
                cycle += 1
                if let failure { throw SimulationError.checkFailed(failure) }
            }
            return
        }
        let checked = !program.checks.isEmpty
        for _ in 0..<cycles {
            settle()
            let failure = checked ? checkEdge() : nil
            clockEdge()
            dirty = true
            cycle += 1
            if let failure { throw SimulationError.checkFailed(failure) }
        }
    }

    /// Evaluates every check on the settled values before an edge (none while in reset):
    /// counts covers, and returns the failed assertions and assumptions (`CheckFailure.ordered`).
    private func checkEdge() -> CheckFailure? {
        if program.resetOffset >= 0 && words[program.resetOffset] != 0 { return nil }
        var failures: [CheckFailure] = []
        for (index, site) in program.checks.enumerated() {
            let high = words[site.offset] & 1 == 1
            switch site.kind {
            case .cover:
                if high { coverHits[index] &+= 1 }
            case .assert, .assume:
                if !high {
                    failures.append(CheckFailure(kind: site.kind.rawValue, cycle: cycle, location: site.check.location.description,
                                                 message: site.check.message, instancePath: site.instancePath))
                }
            }
        }
        return CheckFailure.ordered(failures)
    }

    /// The number of checked edges on which the cover at `path` (`child.name`, or `name` at
    /// the top) held, or nil when there is no such cover.
    func coverHits(_ path: String) -> UInt64? {
        for (index, site) in program.checks.enumerated() where site.kind == .cover {
            let full = site.instancePath.isEmpty ? site.check.message : "\(site.instancePath).\(site.check.message)"
            if full == path { return coverHits[index] }
        }
        return nil
    }

    /// Every cover's path, sorted.
    package var coverPaths: [String] {
        program.checks.filter { $0.kind == .cover }
            .map { $0.instancePath.isEmpty ? $0.check.message : "\($0.instancePath).\($0.check.message)" }.sorted()
    }

    /// Holds `reset` high for `cycles` edges (when the design has a reset), then low again.
    func runReset(cycles: Int) throws {
        if program.resetOffset >= 0 { words[program.resetOffset] = 1 }
        dirty = true
        try run(cycles: cycles)
        if program.resetOffset >= 0 { words[program.resetOffset] = 0 }
        dirty = true
    }

    /// One rising edge: every register and memory samples the settled values, then all update.
    private func clockEdge() {
        let resetting = program.resetOffset >= 0 && words[program.resetOffset] != 0
        words.withUnsafeMutableBufferPointer { buffer in
            memoryWords.withUnsafeMutableBufferPointer { memoryBuffer in
                registers.withUnsafeBufferPointer { registers in
                    guard let w = buffer.baseAddress, let m = memoryBuffer.baseAddress else { return }
                    InterpreterRegisters.clockEdge(registers, resetting: resetting, words: w)
                    InterpreterMemoryPorts.clockEdge(program.memories, words: w, memory: m, reads: &reads)
                    InterpreterRegisters.commit(registers, words: w)
                    for (index, memory) in program.memories.enumerated() {
                        if reads[2 * index] {
                            for word in 0..<memory.entryWords { w[memory.readData + word] = w[memory.staging + word] }
                        }
                        if reads[2 * index + 1] {
                            for word in 0..<memory.entryWords { w[memory.readDataB + word] = w[memory.stagingB + word] }
                        }
                    }
                }
            }
        }
    }
}
