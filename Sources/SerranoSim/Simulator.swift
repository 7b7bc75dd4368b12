import SerranoIR
/// A cycle-based simulation of one design, whatever runs it (Verilator, the IR interpreter).
///
/// Clock and reset convention: the clock is the input named `clock` and the reset the input
/// named `reset` (active high, synchronous). `step(_:)` runs whole clock cycles: inputs poked
/// before it are sampled at the rising edge, and peeks after it see the registers' new values
/// and the combinational logic settled. `eval()` settles combinational logic without a clock
/// edge (poke, eval, peek tests combinational paths).
///
/// Trace time: 10 units a cycle. Cycle k's rising edge is at 10k+5 and its falling edge at
/// 10k+10; inputs poked before the step show at 10k+1. Backends keep this so their waveforms
/// line up for a diff.
///
/// Ports of any width: up to 64 bits as `UInt64`, wider as `BitVector` (little-endian words).
/// Values never get silently truncated: a value with bits above the port's width is an error.
///
/// ```swift
/// let sim = try model.makeSimulator()
/// let enable = try sim.port("enable"), count = try sim.port("count")
/// try sim.reset(cycles: 2)
/// try sim.poke(enable, 1)
/// try sim.step(10)
/// #expect(try sim.peek(count) == 10)
/// ```
///
/// Conforming: implement the requirements below; handles come from `PortHandle(port:index:owner:)`
/// with `owner == instanceID`, and each call validates its handle with `validate(_:)`.
public protocol Simulator: AnyObject {
    /// The top-level ports, in a fixed order (a handle's `index` points into this array).
    var ports: [PortInfo] { get }
    /// This instance; handles from other instances are refused.
    var instanceID: SimulatorInstanceID { get }
    /// Clock cycles run so far by `step` and `reset`.
    var cycle: UInt64 { get }

    /// Drives an input of up to 64 bits (wider ports: the high bits become zero).
    func poke(_ port: PortHandle, _ value: UInt64) throws
    /// Drives an input of any width; `value.width` must not exceed the port's width.
    func poke(_ port: PortHandle, _ value: BitVector) throws
    /// Reads the low 64 bits of a port.
    func peek(_ port: PortHandle) throws -> UInt64
    /// Reads a port of any width into `value`, reusing its storage (no allocation).
    func peek(_ port: PortHandle, into value: inout BitVector) throws
    /// Drives an input from `(width + 63) / 64` little-endian words in caller-owned memory:
    /// the allocation-free path for hot loops (a default goes through `BitVector`).
    func poke(_ port: PortHandle, words: UnsafeBufferPointer<UInt64>) throws
    /// Reads a port into `(width + 63) / 64` words of caller-owned memory (a default goes
    /// through `BitVector`).
    func peek(_ port: PortHandle, words: UnsafeMutableBufferPointer<UInt64>) throws

    /// Binds ports into a group for batched pokes and peeks (a default works on any backend).
    func makeGroup(_ ports: [PortHandle]) throws -> PortGroup
    /// Drives every input of `group` from `words` (`group.wordCount` of them) in one call.
    func poke(_ group: PortGroup, words: UnsafeBufferPointer<UInt64>) throws
    /// Reads every port of `group` into `words` (`group.wordCount` of them) in one call.
    func peek(_ group: PortGroup, words: UnsafeMutableBufferPointer<UInt64>) throws
    /// A testbench cycle in one call: poke `inputs`, run `cycles` cycles, peek `outputs`.
    func step(_ cycles: Int, poking inputs: PortGroup, _ inputWords: UnsafeBufferPointer<UInt64>,
              peeking outputs: PortGroup, into outputWords: UnsafeMutableBufferPointer<UInt64>) throws

    /// Settles combinational logic after pokes, without a clock edge.
    func eval()
    /// Runs `cycles` clock cycles on the `clock` input.
    func step(_ cycles: Int) throws
    /// Holds `reset` high for `cycles` clock cycles, then low again (a default is provided).
    func reset(cycles: Int) throws

    /// Starts writing a waveform: the format follows the extension (`.fst` or `.vcd`).
    /// Returns the absolute path written, which stays on disk after the simulator is gone.
    @discardableResult
    func startTrace(to path: String) throws -> String
    /// Flushes and closes the trace, if one is open.
    func stopTrace() throws

    /// Reads an internal signal by hierarchical name: the top module's name, the instance
    /// names, the signal's Verilog name (`Top.child.sum`); without the top's name
    /// (`child.sum`) the path is read below the top. The interpreter knows every signal;
    /// Verilator knows the ones marked in the DSL with `.observable()` or `c.observeAll()`
    /// (printed `/*verilator public_flat_rd*/`) or `/*verilator public*/` in hand-written Verilog.
    func peekSignal(_ path: String) throws -> BitVector

    /// How many checked clock edges (outside reset) a `Circuit.cover` held on: its path below
    /// the top, `child.name` (or `name` for a cover of the top module).
    func coverCount(_ path: String) throws -> UInt64
}

extension Simulator {
    /// Looks a port up once; keep the handle for the hot loop.
    public func port(_ name: String) throws -> PortHandle {
        guard let index = ports.firstIndex(where: { $0.name == name }) else {
            throw SimulationError.unknownPort(name, known: ports.map(\.name))
        }
        return PortHandle(port: ports[index], index: index, owner: instanceID)
    }

    /// The name of a handle's port (for messages; the handle itself carries no string).
    public func name(of port: PortHandle) -> String {
        port.index >= 0 && port.index < ports.count ? ports[port.index].name : "#\(port.index)"
    }

    /// Refuses handles from other instances; backends call it first in every poke and peek.
    @inline(__always)
    public func validate(_ port: PortHandle) throws {
        guard port.owner == instanceID else { throw SimulationError.foreignHandle(portIndex: port.index) }
    }

    /// Refuses handles from other instances, outputs, and values wider than the port.
    @inline(__always)
    public func validateInput(_ port: PortHandle, _ value: UInt64) throws {
        try validate(port)
        if port.direction == .output { throw SimulationError.notAnInput(port: name(of: port)) }
        if port.width < 64, value >> UInt64(port.width) != 0 {
            throw SimulationError.valueTooWide(port: name(of: port), width: port.width, value: "0x" + String(value, radix: 16))
        }
    }

    /// The same for a wide value.
    public func validateInput(_ port: PortHandle, _ value: BitVector) throws {
        try validate(port)
        if port.direction == .output { throw SimulationError.notAnInput(port: name(of: port)) }
        if value.width > port.width {
            // Wider containers are fine when the extra bits are zero.
            for bit in port.width..<value.width where value[bit: bit] {
                throw SimulationError.valueTooWide(port: name(of: port), width: port.width, value: value.description)
            }
        }
    }

    /// Holds the `reset` input high for `cycles` cycles, then low; backends may do it faster.
    public func reset(cycles: Int) throws {
        guard let index = ports.firstIndex(where: { $0.name == "reset" && $0.direction == .input }) else {
            throw SimulationError.missingPort("reset", purpose: "reset(cycles:)")
        }
        let reset = PortHandle(port: ports[index], index: index, owner: instanceID)
        try poke(reset, 1)
        try step(cycles)
        try poke(reset, 0)
    }

    public func poke(_ port: PortHandle, words: UnsafeBufferPointer<UInt64>) throws {
        try poke(port, try BitVector.checked(width: port.width, words: Array(words)))
    }

    public func peek(_ port: PortHandle, words: UnsafeMutableBufferPointer<UInt64>) throws {
        try checkWordCount(port, words.count)
        let value: BitVector = try peekBits(port)
        for index in 0..<((port.width + 63) / 64) { words[index] = value.words[index] }
    }

    public func makeGroup(_ ports: [PortHandle]) throws -> PortGroup {
        try PortGroup(ports: ports, owner: instanceID)
    }

    /// Groups ports by name (look them up once, outside the hot loop).
    public func group(_ names: [String]) throws -> PortGroup { try makeGroup(try names.map { try port($0) }) }
    /// Groups port handles.
    public func group(_ ports: [PortHandle]) throws -> PortGroup { try makeGroup(ports) }

    /// The per-port pokes a group stands for (backends without batching).
    public func poke(_ group: PortGroup, words: UnsafeBufferPointer<UInt64>) throws {
        try checkGroup(group, words.count, poking: true)
        for (port, offset) in zip(group.ports, group.offsets) {
            let count: Int = (port.width + 63) / 64
            try poke(port, words: UnsafeBufferPointer(rebasing: words[offset..<(offset + count)]))
        }
    }

    /// The per-port peeks a group stands for (backends without batching).
    public func peek(_ group: PortGroup, words: UnsafeMutableBufferPointer<UInt64>) throws {
        try checkGroup(group, words.count, poking: false)
        for (port, offset) in zip(group.ports, group.offsets) {
            let count: Int = (port.width + 63) / 64
            try peek(port, words: UnsafeMutableBufferPointer(rebasing: words[offset..<(offset + count)]))
        }
    }

    public func step(_ cycles: Int, poking inputs: PortGroup, _ inputWords: UnsafeBufferPointer<UInt64>,
                     peeking outputs: PortGroup, into outputWords: UnsafeMutableBufferPointer<UInt64>) throws {
        try checkGroup(outputs, outputWords.count, poking: false)
        try poke(inputs, words: inputWords)
        try step(cycles)
        try peek(outputs, words: outputWords)
    }

    /// `step(_:poking:_:peeking:into:)` with arrays (`outputs` is resized to the group).
    public func step(_ cycles: Int, poking inputs: PortGroup, _ inputWords: [UInt64],
                     peeking outputs: PortGroup, into outputWords: inout [UInt64]) throws {
        if outputWords.count != outputs.wordCount { outputWords = [UInt64](repeating: 0, count: outputs.wordCount) }
        try inputWords.withUnsafeBufferPointer { input in
            try outputWords.withUnsafeMutableBufferPointer { output in
                try step(cycles, poking: inputs, input, peeking: outputs, into: output)
            }
        }
    }

    /// Pokes a group from an array of `group.wordCount` words.
    public func poke(_ group: PortGroup, _ words: [UInt64]) throws {
        try words.withUnsafeBufferPointer { try poke(group, words: $0) }
    }

    /// Peeks a group into a new array of `group.wordCount` words.
    public func peek(_ group: PortGroup) throws -> [UInt64] {
        var words = [UInt64](repeating: 0, count: group.wordCount)
        try words.withUnsafeMutableBufferPointer { try peek(group, words: $0) }
        return words
    }

    /// Refuses a group of another instance, a buffer of the wrong length, and outputs to poke.
    @inline(__always)
    public func checkGroup(_ group: PortGroup, _ count: Int, poking: Bool) throws {
        guard group.owner == instanceID else { throw SimulationError.foreignHandle(portIndex: group.ports.first?.index ?? -1) }
        if count != group.wordCount {
            throw SimulationError.invalidArgument("the port group needs \(group.wordCount) words, got \(count)")
        }
        if poking, !group.isWritable, let output = group.ports.first(where: { $0.direction == .output }) {
            throw SimulationError.notAnInput(port: name(of: output))
        }
    }

    /// Refuses a word buffer too short for the port.
    @inline(__always)
    public func checkWordCount(_ port: PortHandle, _ count: Int) throws {
        if count < (port.width + 63) / 64 {
            throw SimulationError.invalidArgument("port `\(name(of: port))` needs \((port.width + 63) / 64) words, got \(count)")
        }
    }

    /// Reads a port of any width as a new `BitVector`.
    public func peekBits(_ port: PortHandle) throws -> BitVector {
        var value = BitVector(width: port.width)
        try peek(port, into: &value)
        return value
    }

    /// Drives a signed value, two's complement in the port's width; fails when out of range.
    public func poke(_ port: PortHandle, signed value: Int64) throws {
        let width: Int = port.width
        if width < 64 {
            let limit: Int64 = Int64(1) << Int64(width - 1)
            guard value >= -limit, value < limit else {
                throw SimulationError.valueTooWide(port: name(of: port), width: width, value: String(value))
            }
            try poke(port, UInt64(bitPattern: value) & ((UInt64(1) << UInt64(width)) - 1))
        } else {
            try poke(port, UInt64(bitPattern: value))
        }
    }

    /// Reads a port of up to 64 bits as a signed (two's complement) value.
    public func peekSigned(_ port: PortHandle) throws -> Int64 {
        let raw: UInt64 = try peek(port)
        let width: Int = min(port.width, 64)
        if width == 64 { return Int64(bitPattern: raw) }
        let shift = UInt64(64 - width)
        return Int64(bitPattern: raw << shift) >> Int64(shift)
    }

    /// Convenience for setup code: looks the port up by name (slow; not for hot loops).
    public func poke(_ name: String, _ value: UInt64) throws { try poke(try port(name), value) }
    /// Convenience for setup code: looks the port up by name (slow; not for hot loops).
    public func peek(_ name: String) throws -> UInt64 { try peek(try port(name)) }

    /// `startTrace(to:)` under its short name: `try sim.trace(to: "x.fst")`.
    @discardableResult
    public func trace(to path: String) throws -> String { try startTrace(to: path) }
}
