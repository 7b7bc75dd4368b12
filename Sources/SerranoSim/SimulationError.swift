/// Why a simulator call failed at run time (building a model fails with `VerilatorBuildError`).
public enum SimulationError: Error, Equatable, CustomStringConvertible {
    /// No port of that name; lists the ports there are.
    case unknownPort(String, known: [String])
    /// A handle that belongs to another simulator instance (its port index given).
    case foreignHandle(portIndex: Int)
    /// The value has bits at or above the port's width.
    case valueTooWide(port: String, width: Int, value: String)
    /// Outputs cannot be poked.
    case notAnInput(port: String)
    /// `step` needs an input named `clock`, `reset(cycles:)` one named `reset`.
    case missingPort(String, purpose: String)
    /// A negative cycle count, or another argument out of range.
    case invalidArgument(String)
    /// A trace could not be opened or converted.
    case trace(String)
    /// The simulated design executed `$finish` or `$stop`.
    case finished(atTime: UInt64)
    /// A signal that cannot be read (unknown, not public, not a packed integer).
    case unknownSignal(String, reason: String)
    /// An assertion or assumption of the design failed on a clock edge.
    case checkFailed(CheckFailure)

    public var description: String {
        switch self {
        case .unknownPort(let name, let known):
            return "no port named `\(name)`; the ports are \(known.joined(separator: ", "))"
        case .foreignHandle(let index):
            return "the handle for port #\(index) belongs to another simulator; look it up with port(_:) on this one"
        case .valueTooWide(let port, let width, let value):
            let subject: String = port.isEmpty ? "a \(width)-bit value" : "port `\(port)` (\(width) bits)"
            return "\(value) does not fit in \(subject); truncate it explicitly"
        case .notAnInput(let port):
            return "port `\(port)` is an output and cannot be poked"
        case .missingPort(let name, let purpose):
            return "the design has no input named `\(name)`, which \(purpose) needs"
        case .invalidArgument(let message):
            return message
        case .trace(let message):
            return "trace: \(message)"
        case .finished(let time):
            return "the design executed $finish or $stop at time \(time)"
        case .unknownSignal(let name, let reason):
            return "cannot read signal `\(name)`: \(reason)"
        case .checkFailed(let failure):
            return failure.description
        }
    }
}

/// An assertion (or assumption) that failed: the same on every backend.
///
/// `cycle` counts rising edges from the simulator's start, reset cycles included: the failing
/// edge is `cycle` (0-based); it has completed, so `Simulator.cycle` is `cycle + 1` afterwards.
public struct CheckFailure: Error, Equatable, Hashable, Sendable, CustomStringConvertible {
    /// `assert` or `assume`.
    public var kind: String
    public var cycle: UInt64
    /// Where the check was written: `Controller.swift:42`.
    public var location: String
    public var message: String
    /// The instance's path below the top (`dma.queue`); empty for the top module.
    public var instancePath: String

    public init(kind: String, cycle: UInt64, location: String, message: String, instancePath: String) {
        self.kind = kind
        self.cycle = cycle
        self.location = location
        self.message = message
        self.instancePath = instancePath
    }

    /// `Controller.swift:42: assertion failed at cycle 17 (in dma): the queue never overflows`.
    public var description: String {
        let what = kind == "assume" ? "assumption" : "assertion"
        let place = instancePath.isEmpty ? "" : " (in \(instancePath))"
        return "\(location): \(what) failed at cycle \(cycle)\(place): \(message)"
    }
}
