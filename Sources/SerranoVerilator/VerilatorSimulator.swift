import Foundation
import SerranoIR
import SerranoSim

/// One instance of a Verilator model, driven through the harness's C ABI.
///
/// Not thread-safe: drive one instance from one task at a time (different instances may run
/// on different threads). Each poke or peek is one C call of a few nanoseconds.
public final class VerilatorSimulator: Simulator {
    public let model: VerilatorModel
    public let instanceID = SimulatorInstanceID.next()
    public var ports: [PortInfo] { model.ports }
    /// Derived from the instance's time (10 units a cycle) rather than counted here: a stored
    /// counter would cost a dynamic exclusivity check on every step.
    public var cycle: UInt64 { functions.time(instance) / 10 }

    private let instance: HarnessFunctions.Instance
    private let functions: HarnessFunctions
    private let clock: Int?
    private let resetPort: Int?
    /// The open trace: the file Verilator writes, and the file the user asked for when a
    /// conversion is due at close.
    /// (Unchecked exclusivity: read on every step, never accessed re-entrantly.)
    @exclusivity(unchecked) private var openTrace: (written: URL, requested: URL)?
    /// A trace limited to a window of cycles: opened when `cycle` reaches `start`, closed at `end`.
    @exclusivity(unchecked) private var window: (path: String, start: UInt64, end: UInt64)?

    init(model: VerilatorModel, name: String) throws {
        self.model = model
        let functions = model.functions
        self.functions = functions
        guard let instance = name.withCString({ functions.create($0) }) else {
            throw VerilatorBuildError.loadFailed("serrano_create returned no instance")
        }
        self.instance = instance
        clock = model.ports.firstIndex { $0.name == "clock" && $0.direction == .input }
        resetPort = model.ports.firstIndex { $0.name == "reset" && $0.direction == .input }
    }

    deinit {
        try? stopTrace()
        functions.destroy(instance)
    }

    /// Simulation time in trace units (10 per clock cycle).
    public var time: UInt64 { functions.time(instance) }

    public func poke(_ port: PortHandle, _ value: UInt64) throws {
        try validateInput(port, value)
        functions.set(instance, Int32(truncatingIfNeeded: port.index), value)
    }

    public func poke(_ port: PortHandle, _ value: BitVector) throws {
        try validateInput(port, value)
        let needed: Int = (port.width + 63) / 64
        if value.words.count >= needed {
            value.words.withUnsafeBufferPointer { functions.setWords(instance, Int32(truncatingIfNeeded: port.index), $0.baseAddress) }
        } else {
            var words = value.words
            words += [UInt64](repeating: 0, count: needed - words.count)
            words.withUnsafeBufferPointer { functions.setWords(instance, Int32(truncatingIfNeeded: port.index), $0.baseAddress) }
        }
    }

    public func peek(_ port: PortHandle) throws -> UInt64 {
        try validate(port)
        return functions.get(instance, Int32(truncatingIfNeeded: port.index))
    }

    public func peek(_ port: PortHandle, into value: inout BitVector) throws {
        try validate(port)
        if value.width != port.width { value = BitVector(width: port.width) }
        value.withUnsafeMutableWords { functions.getWords(instance, Int32(truncatingIfNeeded: port.index), $0.baseAddress) }
    }

    public func poke(_ port: PortHandle, words: UnsafeBufferPointer<UInt64>) throws {
        try validate(port)
        if port.direction == .output { throw SimulationError.notAnInput(port: name(of: port)) }
        try checkWordCount(port, words.count)
        let top: Int = (port.width - 1) / 64
        if words[top] & ~BitVector.mask(ofWord: top, width: port.width) != 0 {
            throw SimulationError.valueTooWide(port: name(of: port), width: port.width, value: BitVector.hex(Array(words)))
        }
        functions.setWords(instance, Int32(truncatingIfNeeded: port.index), words.baseAddress)
    }

    public func peek(_ port: PortHandle, words: UnsafeMutableBufferPointer<UInt64>) throws {
        try validate(port)
        try checkWordCount(port, words.count)
        functions.getWords(instance, Int32(truncatingIfNeeded: port.index), words.baseAddress)
    }

    /// Binds the ports in the harness once: later group calls are one C call each.
    public func makeGroup(_ ports: [PortHandle]) throws -> PortGroup {
        let unbound = try PortGroup(ports: ports, owner: instanceID)
        let indices: [Int32] = ports.map { Int32(truncatingIfNeeded: $0.index) }
        let id: Int32 = indices.withUnsafeBufferPointer { functions.groupCreate(instance, $0.baseAddress, Int32(truncatingIfNeeded: $0.count)) }
        if id < 0 { throw SimulationError.invalidArgument(harnessError("cannot bind the port group")) }
        return try PortGroup(ports: unbound.ports, owner: instanceID, backendID: id)
    }

    public func poke(_ group: PortGroup, words: UnsafeBufferPointer<UInt64>) throws {
        try checkGroup(group, words.count, poking: true)
        try check(functions.groupSet(instance, group.backendID, words.baseAddress), group, words)
    }

    public func peek(_ group: PortGroup, words: UnsafeMutableBufferPointer<UInt64>) throws {
        try checkGroup(group, words.count, poking: false)
        try check(functions.groupGet(instance, group.backendID, words.baseAddress), group, UnsafeBufferPointer(words))
    }

    public func step(_ cycles: Int, poking inputs: PortGroup, _ inputWords: UnsafeBufferPointer<UInt64>,
                     peeking outputs: PortGroup, into outputWords: UnsafeMutableBufferPointer<UInt64>) throws {
        guard cycles >= 0 else { throw SimulationError.invalidArgument("step(\(cycles)): the cycle count must not be negative") }
        guard clock != nil else { throw SimulationError.missingPort("clock", purpose: "step(_:)") }
        try checkGroup(inputs, inputWords.count, poking: true)
        try checkGroup(outputs, outputWords.count, poking: false)
        if window != nil {
            try poke(inputs, words: inputWords)
            try step(cycles)
            return try peek(outputs, words: outputWords)
        }
        let status: Int32 = functions.stepGroups(
            instance, inputs.backendID, inputWords.baseAddress, UInt64(cycles), outputs.backendID, outputWords.baseAddress)
        if status != -1 { try check(status, inputs, inputWords) }
    }

    /// Turns a group call's status into an error: a position is a value too wide for its port.
    private func check(_ status: Int32, _ group: PortGroup, _ words: UnsafeBufferPointer<UInt64>) throws {
        switch status {
        case -1: return
        case -2: throw SimulationError.finished(atTime: time)
        case 0...:
            let position = Int(status)
            guard position < group.ports.count else { throw SimulationError.invalidArgument(harnessError("bad group status \(status)")) }
            let port = group.ports[position], offset = group.offsets[position]
            let value = Array(words[offset..<(offset + (port.width + 63) / 64)])
            throw SimulationError.valueTooWide(port: name(of: port), width: port.width, value: BitVector.hex(value))
        default:
            throw SimulationError.invalidArgument(harnessError("a port group call failed"))
        }
    }

    private func harnessError(_ fallback: String) -> String {
        functions.error(instance).map { String(cString: $0) } ?? fallback
    }

    public func eval() { functions.eval(instance) }

    public func step(_ cycles: Int) throws {
        guard cycles >= 0 else { throw SimulationError.invalidArgument("step(\(cycles)): the cycle count must not be negative") }
        guard clock != nil else { throw SimulationError.missingPort("clock", purpose: "step(_:)") }
        if window != nil { return try stepThroughWindow(UInt64(cycles)) }
        let status: Int32 = functions.step(instance, UInt64(cycles))
        if status == 1 { throw SimulationError.finished(atTime: time) }
        if status == 2 {
            let printed: String = functions.error(instance).map { String(cString: $0) } ?? ""
            // The failing edge has completed: it was edge `cycle - 1`.
            let edge: UInt64 = cycle > 0 ? cycle - 1 : 0
            if let failure = VerilatorSimulator.checkFailure(printed: printed, cycle: edge) {
                throw SimulationError.checkFailed(failure)
            }
            throw SimulationError.finished(atTime: time)
        }
    }

    /// The failed Serrano checks in what the model printed (`assert failed in TOP.Top.child:
    /// Top.swift:12: message`, see the printer's check block), as `CheckFailure.ordered` gives
    /// them, or nil for another `$stop`.
    static func checkFailure(printed: String, cycle: UInt64) -> CheckFailure? {
        var failures: [CheckFailure] = []
        for line in printed.split(separator: "\n") {
            for kind in ["assert", "assume"] {
                let marker = "\(kind) failed in "
                guard let start = line.range(of: marker) else { continue }
                let rest = line[start.upperBound...]
                guard let hierEnd = rest.range(of: ": ") else { continue }
                // %m is `<instance name>.<top module>.<path…>`: keep the path below the top.
                let scopes = rest[..<hierEnd.lowerBound].split(separator: ".")
                let path = scopes.dropFirst(2).joined(separator: ".")
                let report = rest[hierEnd.upperBound...]
                guard let locationEnd = report.range(of: ": ") else { continue }
                failures.append(CheckFailure(kind: kind, cycle: cycle, location: String(report[..<locationEnd.lowerBound]),
                                             message: String(report[locationEnd.upperBound...]), instancePath: path))
            }
        }
        return CheckFailure.ordered(failures)
    }

    /// Covers are counted by 64-bit registers the printer declares `/*verilator public*/`:
    /// `cover_<name>_count` in the cover's module.
    public func coverCount(_ path: String) throws -> UInt64 {
        var parts = path.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard let name = parts.popLast(), !name.isEmpty else {
            throw SimulationError.unknownSignal(path, reason: "a cover path is `child.name`, or `name` for the top module")
        }
        let signal = ([model.build.sources.top] + parts + ["cover_\(name)_count"]).joined(separator: ".")
        do {
            return try peekSignal(signal).low64
        } catch {
            throw SimulationError.unknownSignal(path, reason: "no cover with that path in the Verilated model (looked for \(signal))")
        }
    }

    /// Records only the cycles `window` (counted like `cycle`): the trace opens when the
    /// simulation reaches `window.lowerBound` (at once if it already has) and closes after
    /// `window.upperBound - 1`, whatever the steps' sizes. A run replayed with the window
    /// `(failure - 2000)..<failure` traces the 2,000 cycles before a failure at full speed
    /// until then. Returns the path, which exists once the window has started; `stopTrace()`
    /// closes it early.
    @discardableResult
    public func startTrace(to path: String, cycles window: Range<UInt64>) throws -> String {
        guard !window.isEmpty else { throw SimulationError.trace("the trace window \(window) holds no cycle") }
        if openTrace != nil || self.window != nil { throw SimulationError.trace("a trace is already open; stopTrace() first") }
        guard clock != nil else { throw SimulationError.missingPort("clock", purpose: "a trace window") }
        let resolved = TraceFiles.resolve(path).path
        _ = try TraceFiles.format(of: resolved)
        guard window.upperBound > cycle else {
            throw SimulationError.trace("the trace window \(window) ended before the current cycle \(cycle)")
        }
        self.window = (resolved, window.lowerBound, window.upperBound)
        if cycle >= window.lowerBound { try startTrace(to: resolved) }
        return resolved
    }

    /// `step` while a window is pending or open: runs up to each edge of the window.
    private func stepThroughWindow(_ cycles: UInt64) throws {
        var left = cycles
        while let window {
            let now = cycle
            if openTrace == nil, now >= window.start {
                try startTrace(to: window.path)
                continue
            }
            if now >= window.end {
                self.window = nil
                try stopTrace()
                break
            }
            guard left > 0 else { return }
            let run: UInt64 = min(left, (openTrace == nil ? window.start : window.end) - now)
            left -= run
            if functions.step(instance, run) == 1 { throw SimulationError.finished(atTime: time) }
        }
        if left > 0, functions.step(instance, left) == 1 { throw SimulationError.finished(atTime: time) }
    }

    public func reset(cycles: Int) throws {
        guard let resetPort else { throw SimulationError.missingPort("reset", purpose: "reset(cycles:)") }
        guard cycles >= 0 else { throw SimulationError.invalidArgument("reset(cycles: \(cycles)): the cycle count must not be negative") }
        functions.set(instance, Int32(resetPort), 1)
        try step(cycles)
        functions.set(instance, Int32(resetPort), 0)
    }

    @discardableResult
    public func startTrace(to path: String) throws -> String {
        guard model.traceFormat != .none else {
            throw SimulationError.trace("the model was built with trace: .none; build it with VerilatorOptions(trace: .fst)")
        }
        if openTrace != nil { throw SimulationError.trace("a trace is already open; stopTrace() first") }
        let requested = TraceFiles.resolve(path)
        let format = try TraceFiles.format(of: requested.path)
        try TraceFiles.prepareFolder(for: requested)
        // A model writes one format; the other is converted when the trace closes.
        let written: URL = format == model.traceFormat
            ? requested : requested.appendingPathExtension(model.traceFormat.rawValue)
        let status: Int32 = written.path.withCString { functions.traceOpen(instance, $0) }
        if status != 0 {
            throw SimulationError.trace(functions.error(instance).map { String(cString: $0) } ?? "cannot open \(written.path)")
        }
        openTrace = (written, requested)
        return requested.path
    }

    public func stopTrace() throws {
        window = nil
        guard let trace = openTrace else { return }
        openTrace = nil
        functions.traceClose(instance)
        if trace.written != trace.requested {
            defer { try? FileManager.default.removeItem(at: trace.written) }
            try TraceFiles.convert(trace.written, to: trace.requested)
        }
    }

    public func peekSignal(_ path: String) throws -> BitVector {
        // Paths start with the top module's name (`Top.child.sum`); one without it
        // (`child.sum`, `sum`) is read below the top, as the interpreter does.
        let top = model.build.sources.top
        do {
            return try peekPublic(path)
        } catch let first {
            guard !path.hasPrefix(top + ".") else { throw first }
            do { return try peekPublic(top + "." + path) } catch { throw first }
        }
    }

    private func peekPublic(_ path: String) throws -> BitVector {
        var words = [UInt64](repeating: 0, count: 64)
        var width: Int32 = 0
        let status: Int32 = path.withCString { name in
            words.withUnsafeMutableBufferPointer { functions.peekPublic(instance, name, $0.baseAddress, 64, &width) }
        }
        if status != 0 {
            let reason: String = functions.error(instance).map { String(cString: $0) } ?? "unknown"
            throw SimulationError.unknownSignal(path, reason: reason)
        }
        let count: Int = (Int(width) + 63) / 64
        return try BitVector.checked(width: Int(width), words: Array(words.prefix(count)))
    }
}
