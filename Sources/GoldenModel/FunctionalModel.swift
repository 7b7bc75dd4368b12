/// The ISA-level functional model: executes a program against a DRAM image as the accelerator
/// would, with the in-order dispatcher, the three decoupled module queues and the four
/// dependency-token queues simulated, and returns the final DRAM image.
///
/// Illegal programs are errors, never traps: bad encodings, out-of-range addresses, tokens a
/// module waits for but nobody pushes (underflow), deadlocks (including full queues), tokens left
/// over at the end, and data races between modules that no token chain orders.
public struct FunctionalModel: Sendable {
    /// The configuration being modelled (validated).
    public let config: AcceleratorConfig

    /// Throws `FunctionalModelError.invalidConfig` for a configuration the hardware cannot have.
    public init(config: AcceleratorConfig) throws {
        do { try config.validate() } catch { throw FunctionalModelError.invalidConfig("\(error)") }
        self.config = config
    }

    /// The outcome of a run.
    public struct Result: Sendable {
        /// DRAM after the program finished.
        public var dram: [UInt8]
        /// Instruction counts, MACs, DRAM traffic.
        public var statistics: ExecutionStatistics
    }

    /// Decodes a binary instruction stream (16 bytes an instruction) and runs it.
    public func run(encodedProgram bytes: [UInt8], dram: [UInt8]) throws -> Result {
        try run(ProgramCoding.decode(bytes), dram: dram)
    }

    /// Runs `program` until every queue has drained after FINISH.
    public func run(_ program: [Instruction], dram: [UInt8]) throws -> Result {
        guard let finishIndex = program.firstIndex(where: { $0.opcode == .finish }) else { throw FunctionalModelError.missingFinish }
        if finishIndex != program.count - 1 { throw FunctionalModelError.instructionAfterFinish(instruction: finishIndex + 1) }
        for (index, instruction) in program.enumerated() {
            // A field the 128-bit word cannot hold is a program the hardware cannot receive.
            do { _ = try instruction.encoded() } catch {
                throw FunctionalModelError.badEncoding(instruction: index, reason: "\(error)")
            }
            try checkDependencies(instruction, index)
        }
        var scheduler = Scheduler(program: program, config: config)
        var datapath = Datapath(config: config, dram: dram)
        try scheduler.run(&datapath)
        return Result(dram: datapath.dram, statistics: datapath.statistics)
    }

    /// Load has no previous module and store no next one.
    private func checkDependencies(_ instruction: Instruction, _ index: Int) throws {
        let flags = instruction.dependencies, module = instruction.module
        if module.previous == nil, !flags.isDisjoint(with: [.popPrevious, .pushPrevious]) {
            throw FunctionalModelError.illegalDependency(instruction: index, module: module, flag: "previous")
        }
        if module.next == nil, !flags.isDisjoint(with: [.popNext, .pushNext]) {
            throw FunctionalModelError.illegalDependency(instruction: index, module: module, flag: "next")
        }
    }
}

/// Dispatcher, module queues and token queues.
private struct Scheduler {
    let program: [Instruction]
    let config: AcceleratorConfig
    /// Next instruction to dispatch.
    var dispatched = 0
    /// Per module: indices of dispatched, not yet executed instructions (FIFO).
    var queues: [[Int]] = [[], [], []]
    var heads = [0, 0, 0]
    /// Tokens in flight, keyed `from * 3 + to`; each carries the sender's vector clock.
    var tokens: [[RaceDetector.Clock]] = Array(repeating: [], count: 9)
    var clocks: [RaceDetector.Clock] = Array(repeating: [0, 0, 0], count: 3)
    /// Instructions per module not yet executed (dispatched or not), for underflow diagnosis.
    var remaining = [0, 0, 0]

    init(program: [Instruction], config: AcceleratorConfig) {
        self.program = program
        self.config = config
        for instruction in program { remaining[instruction.module.rawValue] += 1 }
    }

    func pending(_ m: Int) -> Int { queues[m].count - heads[m] }

    mutating func run(_ datapath: inout Datapath) throws {
        while true {
            var progressed = false
            while dispatched < program.count {
                let m = program[dispatched].module.rawValue
                if pending(m) >= config.instructionQueueDepth {
                    datapath.statistics.dispatchStalls += 1
                    break
                }
                queues[m].append(dispatched)
                dispatched += 1
                progressed = true
            }
            for module in ExecutionUnit.allCases where try step(module, &datapath) { progressed = true }
            if dispatched == program.count, (0..<3).allSatisfy({ pending($0) == 0 }) { break }
            if !progressed { throw diagnoseDeadlock() }
        }
        for from in ExecutionUnit.allCases {
            for to in [from.previous, from.next].compactMap({ $0 }) where !tokens[from.rawValue * 3 + to.rawValue].isEmpty {
                throw FunctionalModelError.unconsumedTokens(from: from, to: to, count: tokens[from.rawValue * 3 + to.rawValue].count)
            }
        }
    }

    /// Why the module at the head of its queue cannot run, or nil if it can.
    func blocker(_ module: ExecutionUnit) -> String? {
        guard pending(module.rawValue) > 0 else { return "idle" }
        let flags = program[queues[module.rawValue][heads[module.rawValue]]].dependencies
        let m = module.rawValue
        if flags.contains(.popPrevious), let p = module.previous, tokens[p.rawValue * 3 + m].isEmpty { return "waits for a token from \(p)" }
        if flags.contains(.popNext), let n = module.next, tokens[n.rawValue * 3 + m].isEmpty { return "waits for a token from \(n)" }
        if flags.contains(.pushPrevious), let p = module.previous, tokens[m * 3 + p.rawValue].count >= config.tokenQueueDepth {
            return "token queue to \(p) is full"
        }
        if flags.contains(.pushNext), let n = module.next, tokens[m * 3 + n.rawValue].count >= config.tokenQueueDepth {
            return "token queue to \(n) is full"
        }
        return nil
    }

    /// Runs the module's head instruction if it can; returns whether it did.
    mutating func step(_ module: ExecutionUnit, _ datapath: inout Datapath) throws -> Bool {
        guard pending(module.rawValue) > 0, blocker(module) == nil else { return false }
        let m = module.rawValue
        let index = queues[m][heads[m]]
        let instruction = program[index]
        let flags = instruction.dependencies
        if flags.contains(.popPrevious), let p = module.previous { merge(tokens[p.rawValue * 3 + m].removeFirst(), into: m) }
        if flags.contains(.popNext), let n = module.next { merge(tokens[n.rawValue * 3 + m].removeFirst(), into: m) }
        clocks[m][m] += 1
        try datapath.execute(instruction, index: index, module: module, clock: clocks[m])
        if flags.contains(.pushPrevious), let p = module.previous { push(from: m, to: p.rawValue, &datapath) }
        if flags.contains(.pushNext), let n = module.next { push(from: m, to: n.rawValue, &datapath) }
        heads[m] += 1
        remaining[m] -= 1
        if heads[m] == queues[m].count {
            queues[m].removeAll(keepingCapacity: true)
            heads[m] = 0
        }
        return true
    }

    mutating func merge(_ clock: RaceDetector.Clock, into m: Int) {
        for i in 0..<3 { clocks[m][i] = max(clocks[m][i], clock[i]) }
    }

    mutating func push(from: Int, to: Int, _ datapath: inout Datapath) {
        tokens[from * 3 + to].append(clocks[from])
        datapath.statistics.tokens += 1
    }

    /// Token underflow when a module waits on a neighbour with nothing left to run; otherwise a
    /// deadlock with every module's state.
    func diagnoseDeadlock() -> FunctionalModelError {
        for module in ExecutionUnit.allCases where pending(module.rawValue) > 0 {
            let flags = program[queues[module.rawValue][heads[module.rawValue]]].dependencies
            let index = queues[module.rawValue][heads[module.rawValue]]
            for (flag, neighbour) in [(DependencyFlags.popPrevious, module.previous), (.popNext, module.next)] {
                if flags.contains(flag), let neighbour, remaining[neighbour.rawValue] == 0,
                   tokens[neighbour.rawValue * 3 + module.rawValue].isEmpty {
                    return .tokenUnderflow(instruction: index, module: module, waitingOn: neighbour)
                }
            }
        }
        let state = ExecutionUnit.allCases.map { module -> String in
            let head = pending(module.rawValue) > 0 ? " at instruction \(queues[module.rawValue][heads[module.rawValue]])" : ""
            return "\(module)\(head) \(blocker(module) ?? "ready")"
        }
        let dispatch = dispatched < program.count ? "; dispatch blocked at instruction \(dispatched) (queue full)" : ""
        return .deadlock(state.joined(separator: ", ") + dispatch)
    }
}
