/// A port of a module.
public struct Port: Hashable, Sendable {
    public enum Direction: String, Hashable, Sendable { case input, output }
    public var name: String
    public var direction: Direction
    public var type: HardwareType
    public var location: SourceLocation
    /// The node that stands for this port inside the module (`.input` or `.output`).
    public var node: NodeID

    public init(name: String, direction: Direction, type: HardwareType, location: SourceLocation, node: NodeID) {
        self.name = name
        self.direction = direction
        self.type = type
        self.location = location
        self.node = node
    }
}

/// A register: clocked by the module's clock, reset synchronously by its reset (active high).
public struct Register: Hashable, Sendable {
    /// The `.register` node whose value is the current state.
    public var node: NodeID
    /// The value loaded while reset is high; nil for a register without reset.
    public var resetValue: BitVector?
    /// The register loads its next value only when this 1-bit node is high; nil: every cycle.
    public var enable: NodeID?

    public init(node: NodeID, resetValue: BitVector?, enable: NodeID?) {
        self.node = node
        self.resetValue = resetValue
        self.enable = enable
    }
}

/// A synchronous-read memory, printed as a module of its own per shape so that an ASIC flow can
/// swap in an SRAM macro.
///
/// Reads: on a rising edge with a read port enabled, its data (`readData`, `readDataB`) takes
/// `mem[address]` and holds it until that port's next enabled read. Writes: on a rising edge
/// with write enable high, lanes whose mask bit is set (every lane when there is no mask) take
/// `writeData`. What a read of the word being written on the same edge returns is
/// `readDuringWrite`: the old word (the default) or the new one.
public struct Memory: Hashable, Sendable {
    public enum Kind: String, Hashable, Sendable, CaseIterable {
        /// One read port and one write port (`readAddress`, `readEnable`, `readData`,
        /// `writeAddress`, `writeEnable`, `writeData`, `writeMask`).
        case oneReadOneWrite
        /// One port that reads or writes (`address`, `enable`, `writeEnable`, `writeData`,
        /// `writeMask`, `readData`).
        case singlePort
        /// Two read ports and one write port: the 1R1W fields plus `readAddressB`,
        /// `readEnableB`, `readDataB`.
        case twoReadOneWrite
        /// A read/write port (the 1RW fields) plus a read port (`readAddressB`, `readEnableB`,
        /// `readDataB`).
        case readWriteOneRead

        /// Whether the write shares its port (and address) with the first read.
        public var writesThroughReadPort: Bool { self == .singlePort || self == .readWriteOneRead }
        /// The number of read ports (1 or 2).
        public var readPorts: Int { self == .twoReadOneWrite || self == .readWriteOneRead ? 2 : 1 }
    }

    /// What a read returns when the word it reads is written on the same edge.
    public enum ReadDuringWrite: String, Hashable, Sendable, CaseIterable {
        /// Read-first: a read port reading the address being written returns the word from
        /// before the write. A read/write port's write cycle does not read (its `readData`
        /// keeps the value of its last read).
        case oldData
        /// Write-first: a read port reading the address being written returns the word after
        /// the write (the written lanes new, the others old), and so does a read/write port on
        /// its write cycles.
        case newData
    }

    public var name: String
    public var kind: Kind
    public var depth: Int
    public var width: Int
    /// Bits per write-mask lane (8 for a byte mask); nil when the memory has no mask.
    public var maskGranularity: Int?
    public var location: SourceLocation
    /// The node of each field, in `MemoryField` order.
    public var fields: [MemoryField: NodeID]
    public var readDuringWrite: ReadDuringWrite

    public init(name: String, kind: Kind, depth: Int, width: Int, maskGranularity: Int?, location: SourceLocation,
                fields: [MemoryField: NodeID], readDuringWrite: ReadDuringWrite = .oldData) {
        self.name = name
        self.kind = kind
        self.depth = depth
        self.width = width
        self.maskGranularity = maskGranularity
        self.location = location
        self.fields = fields
        self.readDuringWrite = readDuringWrite
    }

    /// Address width: enough bits for `depth` entries (at least 1).
    public var addressWidth: Int { Memory.addressWidth(depth: depth) }

    public static func addressWidth(depth: Int) -> Int {
        var width = 1
        while (1 << width) < depth { width += 1 }
        return width
    }

    /// The lanes of the write mask (1 when there is no mask).
    public var maskLanes: Int { maskGranularity.map { width / $0 } ?? 1 }

    /// The fields this kind of memory has.
    public var fieldNames: [MemoryField] {
        var names: [MemoryField]
        switch kind {
        case .oneReadOneWrite, .twoReadOneWrite: names = [.readAddress, .readEnable, .readData, .writeAddress, .writeEnable, .writeData]
        case .singlePort, .readWriteOneRead: names = [.address, .enable, .writeEnable, .writeData, .readData]
        }
        if maskGranularity != nil { names.append(.writeMask) }
        if kind.readPorts == 2 { names += [.readAddressB, .readEnableB, .readDataB] }
        return names
    }

    /// The type of a field.
    public func type(of field: MemoryField) -> HardwareType {
        switch field {
        case .readAddress, .writeAddress, .address, .readAddressB: return .uint(addressWidth)
        case .readEnable, .writeEnable, .enable, .readEnableB: return .bool
        case .readData, .writeData, .readDataB: return .uint(width)
        case .writeMask: return .uint(maskLanes)
        }
    }

    /// The printed module's name: one per shape, e.g. `serrano_sram_1r1w_d256_w32_m8`, with
    /// `_wf` (write-first) for `ReadDuringWrite.newData`.
    public var shapeName: String {
        let kindName: String
        switch kind {
        case .oneReadOneWrite: kindName = "1r1w"
        case .singlePort: kindName = "1rw"
        case .twoReadOneWrite: kindName = "2r1w"
        case .readWriteOneRead: kindName = "1rw1r"
        }
        let mask = maskGranularity.map { "_m\($0)" } ?? ""
        let order = readDuringWrite == .newData ? "_wf" : ""
        return "serrano_sram_\(kindName)_d\(depth)_w\(width)\(mask)\(order)"
    }
}

/// An instance of another module (or black box) inside this one.
public struct Instance: Hashable, Sendable {
    public var name: String
    /// The name of the instantiated module in the design.
    public var moduleName: String
    public var location: SourceLocation
    /// The node standing for each port of the child, in the child's port order.
    public var portNodes: [NodeID]

    public init(name: String, moduleName: String, location: SourceLocation, portNodes: [NodeID]) {
        self.name = name
        self.moduleName = moduleName
        self.location = location
        self.portNodes = portNodes
    }
}

/// A `when` / `elseWhen` / `otherwise` branch. Block 0 is the module body.
public struct ConditionalBlock: Hashable, Sendable {
    /// The enclosing block (nil only for the body).
    public var parent: Int?
    /// Branches of one `when…elseWhen…otherwise` chain share a chain number.
    public var chain: Int
    /// Whether this branch is the chain's `otherwise`, which makes the chain cover every path.
    public var isOtherwise: Bool
    /// The 1-bit node that is high exactly when this branch is taken (enclosing conditions
    /// included); nil for the body.
    public var condition: NodeID?
    /// The branch's own condition, as written (`when(x)`: `x`; a `switch` case: `sel == value`),
    /// which holds the branch when the enclosing block is taken and no earlier branch of the
    /// chain was; nil for `otherwise`, or when only `condition` is known.
    public var localCondition: NodeID?

    public init(parent: Int?, chain: Int, isOtherwise: Bool, condition: NodeID?, localCondition: NodeID? = nil) {
        self.parent = parent
        self.chain = chain
        self.isOtherwise = isOtherwise
        self.condition = condition
        self.localCondition = localCondition
    }
}

/// A property checked at every rising clock edge while reset is low (simulation only: the
/// printer puts it inside `ifndef SYNTHESIS`, so synthesis never sees it).
///
/// `condition` is a 1-bit node. For `assert` and `assume` it must be high on every checked edge
/// (a `when` around the DSL call is already folded in: outside the branch it is high); a cover
/// counts the checked edges on which it is high.
public struct Check: Hashable, Sendable {
    public enum Kind: String, Hashable, Sendable { case assert, assume, cover }
    public var kind: Kind
    public var condition: NodeID
    /// The assertion's message, or the cover's name (a Verilog identifier).
    public var message: String
    public var location: SourceLocation

    public init(kind: Kind, condition: NodeID, message: String, location: SourceLocation) {
        self.kind = kind
        self.condition = condition
        self.message = message
        self.location = location
    }

    /// The text an assertion failure reports on every backend: `Counter.swift:12: message`.
    public var report: String { "\(location): \(message)" }
}

/// The named values of a state register (from a Swift enum): the printer declares them as
/// `localparam`s and prints comparisons and assignments with their names; waveform tools show
/// the names instead of numbers.
public struct Enumeration: Hashable, Sendable {
    /// The `.register` node holding the state.
    public var register: NodeID
    /// Case names, in declaration order (`idle`, `load`, …).
    public var caseNames: [String]
    /// The code of each case, as wide as the register.
    public var codes: [BitVector]
    /// One bit per state (else binary codes 0, 1, 2, …).
    public var isOneHot: Bool

    public init(register: NodeID, caseNames: [String], codes: [BitVector], isOneHot: Bool) {
        self.register = register
        self.caseNames = caseNames
        self.codes = codes
        self.isOneHot = isOneHot
    }

    /// The name of the case with this code, or nil.
    public func caseName(of code: BitVector) -> String? {
        codes.firstIndex(of: code).map { caseNames[$0] }
    }
}

/// `target := value`, written in `block` at `location`.
public struct Connection: Hashable, Sendable {
    public var target: NodeID
    public var value: NodeID
    public var block: Int
    public var location: SourceLocation
    /// A default given where the signal was declared (`wire(default:)`, a memory's idle
    /// enables): later connections refine it without counting as a second driver.
    public var isDefault: Bool

    public init(target: NodeID, value: NodeID, block: Int, location: SourceLocation, isDefault: Bool = false) {
        self.target = target
        self.value = value
        self.block = block
        self.location = location
        self.isDefault = isDefault
    }
}

/// One module of a design: a netlist of nodes plus its ports, state and children.
///
/// The DSL fills `nodes`, `ports`, `registers`, `memories`, `instances`, `blocks` and
/// `connections`. `ConnectionResolution` then turns connections into `drivers` (one node per
/// sink, `when` chains lowered to muxes); the printer and simulators read only `drivers`.
public struct IRModule: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        case normal
        /// An existing Verilog module: ports only. `source` is its Verilog text, copied next to
        /// the generated files when given. Its clock and reset, when it has them, are ports named
        /// `clock` and `reset` that are connected to the parent's implicitly, like any child's.
        case blackBox(source: String?, usesClock: Bool, usesReset: Bool)
    }

    public var name: String
    public var kind: Kind
    public var location: SourceLocation
    public var nodes: [Node] = []
    public var ports: [Port] = []
    public var registers: [Register] = []
    public var memories: [Memory] = []
    public var instances: [Instance] = []
    public var blocks: [ConditionalBlock] = [ConditionalBlock(parent: nil, chain: 0, isOtherwise: false, condition: nil)]
    public var connections: [Connection] = []
    /// Assertions, assumptions and covers, in the order written.
    public var checks: [Check] = []
    /// State registers declared over an enum, with their case names.
    public var enumerations: [Enumeration] = []
    /// After resolution: the value each sink takes (register: its next state).
    public var drivers: NodeTable<NodeID> = [:]
    /// After resolution: where each sink is (last) connected, for messages.
    public var driverLocations: NodeTable<SourceLocation> = [:]
    /// After naming: the Verilog name of every node, indexed like `nodes`.
    public var legalNames: [String] = []
    /// Parameters the generator was built with, printed in the module's header comment.
    public var parameters: [Parameter] = []

    /// A generator parameter recorded for documentation.
    public struct Parameter: Hashable, Sendable {
        public var name: String
        public var value: String
        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }

    public init(name: String, kind: Kind = .normal, location: SourceLocation) {
        self.name = name
        self.kind = kind
        self.location = location
    }

    public subscript(id: NodeID) -> Node {
        get { nodes[id.index] }
        set { nodes[id.index] = newValue }
    }

    /// Appends a node and returns its id.
    @discardableResult
    public mutating func add(_ node: Node) -> NodeID {
        nodes.append(node)
        return NodeID(nodes.count - 1)
    }

    /// Whether the node is something a connection may drive.
    public func isSink(_ id: NodeID) -> Bool {
        switch nodes[id.index].operation {
        case .wire, .output, .register: return true
        case .instancePort(let instance, let port):
            return direction(ofInstance: instance, port: port) == .input
        case .memoryPort(_, let field): return field.isSink
        default: return false
        }
    }

    /// The direction of each child's ports, as the child declares them. Filled by `Design`.
    public var instancePortDirections: [[Port.Direction]] = []
    /// The name of each child's ports. Filled by `Design`.
    public var instancePortNames: [[String]] = []

    public func direction(ofInstance instance: Int, port: Int) -> Port.Direction? {
        guard instance < instancePortDirections.count, port < instancePortDirections[instance].count else { return nil }
        return instancePortDirections[instance][port]
    }

    /// Whether any register, memory or child uses the clock (and so the module needs the port).
    public var isSequential: Bool { !registers.isEmpty || !memories.isEmpty || !checks.isEmpty || usesClockThroughChildren }
    /// Set by the design when a child instance needs a clock.
    public var usesClockThroughChildren = false
    /// Set by the design when a register resets or a child needs the reset.
    public var usesReset = false

    /// The name a user or a pass gave the node, or nil.
    public func name(of id: NodeID) -> String? { nodes[id.index].name }
}
