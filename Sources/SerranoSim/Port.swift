import Foundation

/// Which way a port carries data, seen from the design.
public enum PortDirection: String, Sendable, Equatable {
    case input, output, `inout`
}

/// One top-level port of a simulated design.
public struct PortInfo: Sendable, Equatable, CustomStringConvertible {
    public let name: String
    public let direction: PortDirection
    /// Width in bits (≥ 1).
    public let width: Int

    public init(name: String, direction: PortDirection, width: Int) {
        self.name = name
        self.direction = direction
        self.width = width
    }

    public var description: String { "\(direction.rawValue) [\(width - 1):0] \(name)" }
}

/// Identifies one simulator instance, so a handle looked up on one instance is refused by
/// another (a stale handle would otherwise address the wrong port).
public struct SimulatorInstanceID: Hashable, Sendable {
    let value: UInt64
    private static let lock = NSLock()
    nonisolated(unsafe) private static var last: UInt64 = 0

    /// A fresh identifier, unique within the process.
    public static func next() -> SimulatorInstanceID {
        lock.lock()
        defer { lock.unlock() }
        last += 1
        return SimulatorInstanceID(value: last)
    }
}

/// A port looked up once by name; pokes and peeks through it do no string lookups.
///
/// Get one with `Simulator.port(_:)`. Backends create handles with `init(port:index:owner:)`.
public struct PortHandle: Sendable, Equatable {
    /// The port's position in `Simulator.ports`.
    public let index: Int
    public let name: String
    public let width: Int
    public let direction: PortDirection
    /// The simulator instance the handle belongs to.
    public let owner: SimulatorInstanceID

    public init(port: PortInfo, index: Int, owner: SimulatorInstanceID) {
        self.index = index
        self.name = port.name
        self.width = port.width
        self.direction = port.direction
        self.owner = owner
    }
}
