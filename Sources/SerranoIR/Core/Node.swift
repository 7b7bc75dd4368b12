/// The index of a node within its module's `nodes` array. Stable for the life of a module.
public struct NodeID: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let index: Int
    public init(_ index: Int) { self.index = index }
    public static func < (a: NodeID, b: NodeID) -> Bool { a.index < b.index }
    public var description: String { "%\(index)" }
}

/// Operators with one operand. The result has the node's type.
public enum UnaryOperator: String, Hashable, Sendable {
    /// Bitwise complement; result width = operand width.
    case not
    /// Reductions; result is `UInt(1)`.
    case andReduce, orReduce, xorReduce
}

/// Operators with two operands.
///
/// Arithmetic and bitwise operators (`add` … `xor`): both operands have the node's signedness;
/// each is extended (by its signedness) to the node's width, and the result is taken modulo
/// 2^width. Comparisons: both operands have the same signedness, compare as numbers, result
/// `UInt(1)`. Shifts: the left operand is extended to the node's width, the amount is an
/// unsigned node; `shiftRight` is arithmetic when the left operand is signed.
public enum BinaryOperator: String, Hashable, Sendable {
    case add, sub, mul, and, or, xor
    case equal, notEqual, less, lessOrEqual, greater, greaterOrEqual
    case shiftLeft, shiftRight

    public var isComparison: Bool {
        switch self {
        case .equal, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual: return true
        default: return false
        }
    }
}

/// The fields of a memory port. `readData` and `readDataB` are sources; every other field is a sink.
public enum MemoryField: String, Hashable, Sendable, CaseIterable {
    /// 1R1W and 2R1W: the (first) read port.
    case readAddress, readEnable, readData
    /// 1R1W and 2R1W: write port; 1RW and 1RW1R: the write half of the read/write port.
    case writeAddress, writeEnable, writeData, writeMask
    /// 1RW and 1RW1R: the read/write port's shared address and its enable (it reads when
    /// enabled and not writing, or always when enabled under `ReadDuringWrite.newData`).
    case address, enable
    /// 2R1W and 1RW1R: the second read port (`readDataB` is its data).
    case readAddressB, readEnableB, readDataB

    public var isSink: Bool { self != .readData && self != .readDataB }
    /// Whether the field is the data of a read port.
    public var isReadData: Bool { !isSink }
}

/// What a node computes. Sources (`input`, `register`, `readData`, instance outputs) and sinks
/// (`wire`, `output`, `register` next-state, instance inputs, memory inputs) are nodes too, so
/// every value in a module has one `NodeID`.
public enum Operation: Hashable, Sendable {
    case constant(BitVector)
    case input(port: Int)
    case unary(UnaryOperator, NodeID)
    case binary(BinaryOperator, NodeID, NodeID)
    /// `select ? whenTrue : whenFalse`; both arms have the node's type.
    case mux(select: NodeID, whenTrue: NodeID, whenFalse: NodeID)
    /// Bits `high…low` of the operand; result is unsigned unless reinterpreted.
    case slice(NodeID, high: Int, low: Int)
    /// Operands joined, the first the most significant.
    case concat([NodeID])
    /// The operand extended (by its own signedness) or truncated to the node's width.
    case resize(NodeID)
    /// The same bits with the node's signedness (widths equal).
    case reinterpret(NodeID)

    /// A named combinational signal; its value is its driver.
    case wire
    /// An output port of this module; its value is its driver.
    case output(port: Int)
    /// A register; its value is the current state. See `Register` for reset and enable.
    case register(Int)
    /// A port of a child instance: an input of the child is a sink here, an output a source.
    case instancePort(instance: Int, port: Int)
    /// A field of a memory port.
    case memoryPort(memory: Int, field: MemoryField)

    /// The nodes this operation reads combinationally (drivers of sinks are not included).
    public var operands: [NodeID] {
        switch self {
        case .constant, .input, .wire, .output, .register, .instancePort, .memoryPort: return []
        case .unary(_, let a), .slice(let a, _, _), .resize(let a), .reinterpret(let a): return [a]
        case .binary(_, let a, let b): return [a, b]
        case .mux(let s, let t, let f): return [s, t, f]
        case .concat(let parts): return parts
        }
    }
}

/// One value in a module's netlist.
public struct Node: Hashable, Sendable {
    public var operation: Operation
    public var type: HardwareType
    /// The user's name for it (ports, wires, registers, `named(_:)` values); nil for temporaries,
    /// which the naming pass names after what drives them.
    public var name: String?
    public var location: SourceLocation
    /// Whether simulators must keep it readable by name (`Simulator.peekSignal`): the printer
    /// marks it `/*verilator public_flat_rd*/`. Only named nodes are observable.
    public var isObservable = false

    public init(_ operation: Operation, type: HardwareType, name: String? = nil, location: SourceLocation) {
        self.operation = operation
        self.type = type
        self.name = name
        self.location = location
    }
}
