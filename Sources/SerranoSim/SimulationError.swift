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
/// When several checks fail on one edge, every backend reports the same one first: the first
/// in `CheckFailure.precedes` order (instance path, then location, then message); the rest
/// are `others`, in that order too.
public struct CheckFailure: Error, Equatable, Hashable, Sendable, CustomStringConvertible {
    /// `assert` or `assume`.
    public var kind: String
    public var cycle: UInt64
    /// Where the check was written: `Controller.swift:42`.
    public var location: String
    public var message: String
    /// The instance's path below the top (`dma.queue`); empty for the top module.
    public var instancePath: String
    /// The other checks that failed on the same edge, in `precedes` order.
    public var others: [CheckFailure]

    public init(kind: String, cycle: UInt64, location: String, message: String, instancePath: String, others: [CheckFailure] = []) {
        self.kind = kind
        self.cycle = cycle
        self.location = location
        self.message = message
        self.instancePath = instancePath
        self.others = others
    }

    /// The failures of one edge as one value: the first in `precedes` order, the rest as its
    /// `others`; nil when there are none.
    public static func ordered(_ failures: [CheckFailure]) -> CheckFailure? {
        let sorted = failures.sorted(by: precedes)
        guard var first = sorted.first else { return nil }
        first.others = Array(sorted.dropFirst())
        return first
    }

    /// The report order of failures on one edge: by instance path (the top's "" first), then
    /// location (`File.swift:9` before `File.swift:10`), then message.
    public static func precedes(_ a: CheckFailure, _ b: CheckFailure) -> Bool {
        if a.instancePath != b.instancePath { return naturalOrder(a.instancePath, b.instancePath) }
        if a.location != b.location { return naturalOrder(a.location, b.location) }
        if a.message != b.message { return a.message < b.message }
        return a.kind < b.kind
    }

    /// Text order in which runs of digits compare as numbers (`inner2` before `inner10`).
    static func naturalOrder(_ a: String, _ b: String) -> Bool {
        var left = Array(a.utf8)[...], right = Array(b.utf8)[...]
        func isDigit(_ byte: UInt8) -> Bool { byte >= 48 && byte <= 57 }
        while let x = left.first, let y = right.first {
            if isDigit(x) && isDigit(y) {
                let leftRun = left.prefix(while: isDigit), rightRun = right.prefix(while: isDigit)
                let leftDigits = leftRun.drop { $0 == 48 }, rightDigits = rightRun.drop { $0 == 48 }
                if leftDigits.count != rightDigits.count { return leftDigits.count < rightDigits.count }
                if !leftDigits.elementsEqual(rightDigits) { return leftDigits.lexicographicallyPrecedes(rightDigits) }
                left = left.dropFirst(leftRun.count)
                right = right.dropFirst(rightRun.count)
                continue
            }
            if x != y { return x < y }
            left = left.dropFirst()
            right = right.dropFirst()
        }
        return left.isEmpty && !right.isEmpty
    }

    /// `Controller.swift:42: assertion failed at cycle 17 (in dma): the queue never overflows`,
    /// then the others failing on the same edge, one a line.
    public var description: String {
        let what = kind == "assume" ? "assumption" : "assertion"
        let place = instancePath.isEmpty ? "" : " (in \(instancePath))"
        let first = "\(location): \(what) failed at cycle \(cycle)\(place): \(message)"
        return ([first] + others.map { "  and " + $0.description }).joined(separator: "\n")
    }
}
