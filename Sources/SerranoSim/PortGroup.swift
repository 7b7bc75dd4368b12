/// Many ports bound once, so a testbench moves all their values in one call per cycle and
/// direction instead of one call per port.
///
/// Port `i`'s value takes `(width + 63) / 64` little-endian words of the group's buffer,
/// starting at `offsets[i]`; the buffer holds `wordCount` words. Make one with
/// `Simulator.group(_:)`, keep it (and a buffer) for the hot loop:
///
/// ```swift
/// let inputs = try sim.group(["a", "b", "valid"]), outputs = try sim.group(["sum", "ready"])
/// var stimulus = [UInt64](repeating: 0, count: inputs.wordCount)
/// var results = [UInt64](repeating: 0, count: outputs.wordCount)
/// for _ in 0..<cycles {
///     stimulus[0] = …; stimulus[1] = …; stimulus[2] = 1
///     try sim.step(1, poking: inputs, stimulus, peeking: outputs, into: &results)
/// }
/// ```
///
/// Pokes through a group check each value against its port's width like the per-port `poke`.
public struct PortGroup: Sendable, Equatable {
    /// The ports, in buffer order.
    public let ports: [PortHandle]
    /// Where each port's words start in the buffer.
    public let offsets: [Int]
    /// The buffer's length in words.
    public let wordCount: Int
    /// The simulator instance the group belongs to.
    public let owner: SimulatorInstanceID
    /// True when every port is an input (or inout): the group can be poked.
    public let isWritable: Bool
    /// The backend's own id of the group (Verilator: the harness's group), -1 for none.
    public let backendID: Int32

    /// Backends create groups: the ports must belong to `owner` and appear once each.
    public init(ports: [PortHandle], owner: SimulatorInstanceID, backendID: Int32 = -1) throws {
        var offsets: [Int] = []
        offsets.reserveCapacity(ports.count)
        var total = 0
        var seen = Set<Int>()
        for port in ports {
            guard port.owner == owner else { throw SimulationError.foreignHandle(portIndex: port.index) }
            guard seen.insert(port.index).inserted else {
                throw SimulationError.invalidArgument("a port group lists port #\(port.index) twice")
            }
            offsets.append(total)
            total += (port.width + 63) / 64
        }
        self.ports = ports
        self.offsets = offsets
        self.wordCount = total
        self.owner = owner
        self.isWritable = ports.allSatisfy { $0.direction != .output }
        self.backendID = backendID
    }
}
