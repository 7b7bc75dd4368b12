import Foundation
import SerranoIR

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
    private var openTrace: (written: URL, requested: URL)?

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

    public func eval() { functions.eval(instance) }

    public func step(_ cycles: Int) throws {
        guard cycles >= 0 else { throw SimulationError.invalidArgument("step(\(cycles)): the cycle count must not be negative") }
        guard clock != nil else { throw SimulationError.missingPort("clock", purpose: "step(_:)") }
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

    /// The failed Serrano check in what the model printed (`assert failed in TOP.Top.child:
    /// Top.swift:12: message`, see the printer's check block), or nil for another `$stop`.
    static func checkFailure(printed: String, cycle: UInt64) -> CheckFailure? {
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
                return CheckFailure(kind: kind, cycle: cycle, location: String(report[..<locationEnd.lowerBound]),
                                    message: String(report[locationEnd.upperBound...]), instancePath: path)
            }
        }
        return nil
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
        try FileManager.default.createDirectory(at: requested.deletingLastPathComponent(), withIntermediateDirectories: true)
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
        guard let trace = openTrace else { return }
        openTrace = nil
        functions.traceClose(instance)
        if trace.written != trace.requested {
            defer { try? FileManager.default.removeItem(at: trace.written) }
            try TraceFiles.convert(trace.written, to: trace.requested)
        }
    }

    public func peekSignal(_ path: String) throws -> BitVector {
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
