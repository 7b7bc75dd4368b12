import SerranoIR

/// The `Simulator` protocol over the interpreter's unchecked port access.
extension IRInterpreter {
    public func poke(_ port: PortHandle, _ value: UInt64) throws {
        try validateInput(port, value)
        setInput(port.index, value)
    }

    public func poke(_ port: PortHandle, _ value: BitVector) throws {
        try validateInput(port, value)
        setInput(port.index, words: value.words)
    }

    public func peek(_ port: PortHandle) throws -> UInt64 {
        try validate(port)
        return value(port.index)
    }

    public func peek(_ port: PortHandle, into target: inout BitVector) throws {
        try validate(port)
        if target.width != port.width { target = BitVector(width: port.width) }
        let index = port.index
        target.withUnsafeMutableWords { value(index, into: $0) }
    }

    public func step(_ cycles: Int) throws {
        guard cycles >= 0 else { throw SimulationError.invalidArgument("step(\(cycles)): the cycle count must not be negative") }
        guard program.ports.contains(where: { $0.name == "clock" }) else {
            throw SimulationError.missingPort("clock", purpose: "step(_:)")
        }
        try run(cycles: cycles)
    }

    public func reset(cycles: Int) throws {
        guard program.resetOffset >= 0 else { throw SimulationError.missingPort("reset", purpose: "reset(cycles:)") }
        guard cycles >= 0 else { throw SimulationError.invalidArgument("reset(cycles: \(cycles)): the cycle count must not be negative") }
        try runReset(cycles: cycles)
    }

    @discardableResult
    public func startTrace(to path: String) throws -> String {
        if trace != nil { throw SimulationError.trace("a trace is already open; stopTrace() first") }
        let requested = TraceFiles.resolve(path)
        let opened = try InterpreterTrace(program: program, topName: topName, requested: requested)
        // Like Verilator's harness: the settled values when the trace opens, at the current time.
        settle()
        try opened.sample(words, time: cycle * 10, clockLevel: 0)
        trace = opened
        return requested.path
    }

    public func stopTrace() throws {
        guard let open = trace else { return }
        trace = nil
        try open.finish()
    }

    public func peekSignal(_ path: String) throws -> BitVector {
        // `Top.child.sum` (the form both backends take) or `child.sum` (below the top).
        let below = path.hasPrefix(topName + ".") ? String(path.dropFirst(topName.count + 1)) : path
        guard let signal = signalWords(path) ?? signalWords(below) else {
            throw SimulationError.unknownSignal(path, reason: "no named signal with that hierarchical path in the interpreted design")
        }
        return try BitVector.checked(width: signal.width, words: signal.words)
    }

    public func coverCount(_ path: String) throws -> UInt64 {
        guard let hits = coverHits(path) else {
            throw SimulationError.unknownSignal(path, reason: "no cover with that path; the covers are \(coverPaths.joined(separator: ", "))")
        }
        return hits
    }
}
