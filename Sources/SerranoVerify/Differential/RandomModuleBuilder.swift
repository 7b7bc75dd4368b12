import SerranoIR
import SerranoSim
import SerranoVerilator
import SerranoSupport

/// Builds one random module node by node: a pool of typed values grows from the inputs, every
/// new value reads only values made before it (so the logic is acyclic), and values nobody has
/// read yet are preferred as operands so that most logic reaches an output.
struct RandomModuleBuilder {
    struct Value {
        var id: NodeID
        var type: HardwareType
    }

    /// The widest value the generator makes on purpose (concatenations may reach a little more).
    static let maximumWidth = 130

    /// Makes the nodes; every call takes the next line of `Fuzz/<name>.swift`.
    var ir: IRBuilder
    var module: IRModule {
        get { ir.module }
        _modify { yield &ir.module }
    }
    var random: SplitMix64
    private(set) var pool: [Value] = []
    /// Indices into `pool` of values no operation has read yet.
    private(set) var unread: [Int] = []

    init(name: String, random: SplitMix64) {
        ir = IRBuilder(name: name, countingLinesIn: "Fuzz/\(name).swift")
        self.random = random
    }

    // MARK: Values

    mutating func randomWidth() -> Int {
        switch random.int(in: 0..<100) {
        case 0..<8: return 1
        case 8..<60: return random.int(in: 2...16)
        case 60..<72: return random.pick([8, 16, 32, 63, 64, 65])
        case 72..<85: return random.int(in: 17...64)
        default: return random.int(in: 65...RandomModuleBuilder.maximumWidth)
        }
    }

    mutating func randomType() -> HardwareType {
        HardwareType(width: randomWidth(), isSigned: random.chance(40))
    }

    /// Adds a node; `pooled` values become operands for later operations.
    @discardableResult
    mutating func add(_ operation: Operation, _ type: HardwareType, name: String? = nil, pooled: Bool = true) -> Value {
        let value = Value(id: ir.add(operation, type, name: name), type: type)
        if pooled { addToPool(value) }
        return value
    }

    mutating func addToPool(_ value: Value) {
        unread.append(pool.count)
        pool.append(value)
    }

    /// Marks a value as read (it no longer needs to reach an output through a fold).
    mutating func markRead(_ value: Value) {
        if let index = unread.firstIndex(where: { pool[$0].id == value.id }) { unread.remove(at: index) }
    }

    /// An operand: an unread value half of the time, else any value.
    mutating func operand() -> Value {
        let value: Value
        if !unread.isEmpty && random.chance(55) {
            value = pool[random.pick(unread)]
        } else {
            value = random.pick(pool)
        }
        markRead(value)
        return value
    }

    mutating func constant(_ type: HardwareType) -> Value {
        add(.constant(BitVector(width: type.width, words: random.bits(type.width))), type)
    }

    mutating func constant(_ value: UInt64, width: Int) -> Value {
        add(.constant(BitVector(width: width, unsigned: value)), .uint(width), pooled: false)
    }

    /// The same bits with the other (or the given) signedness.
    mutating func reinterpret(_ value: Value, signed: Bool) -> Value {
        if value.type.isSigned == signed { return value }
        return add(.reinterpret(value.id), HardwareType(width: value.type.width, isSigned: signed), pooled: false)
    }

    mutating func resize(_ value: Value, to width: Int) -> Value {
        if value.type.width == width { return value }
        return add(.resize(value.id), HardwareType(width: width, isSigned: value.type.isSigned), pooled: false)
    }

    /// The value made to fit `type` for a connection: truncated when wider, reinterpreted when the
    /// signedness differs; a narrower value is left for connection resolution to widen.
    mutating func fit(_ value: Value, to type: HardwareType) -> Value {
        var fitted = value
        if fitted.type.width > type.width { fitted = resize(fitted, to: type.width) }
        if fitted.type.isSigned != type.isSigned { fitted = reinterpret(fitted, signed: type.isSigned) }
        return fitted
    }

    /// A 1-bit unsigned value taken from the pool (a bit, a reduction or a comparison).
    mutating func condition() -> Value {
        let source = operand()
        if source.type.width == 1 { return reinterpret(source, signed: false) }
        switch random.int(in: 0..<4) {
        case 0:
            let bit = random.int(in: 0..<source.type.width)
            return add(.slice(source.id, high: bit, low: bit), .bool, pooled: false)
        case 1: return add(.unary(.orReduce, source.id), .bool, pooled: false)
        case 2: return add(.unary(.xorReduce, source.id), .bool, pooled: false)
        default:
            let other = fit(operand(), to: HardwareType(width: source.type.width, isSigned: source.type.isSigned))
            return add(.binary(random.pick([.less, .equal, .greaterOrEqual]), source.id, other.id), .bool, pooled: false)
        }
    }

    mutating func and(_ a: Value, _ b: Value) -> Value { add(.binary(.and, a.id, b.id), .bool, pooled: false) }
    mutating func not(_ a: Value) -> Value { add(.unary(.not, a.id), .bool, pooled: false) }

    // MARK: Ports and state

    @discardableResult
    mutating func input(_ name: String, _ type: HardwareType) -> Value {
        let value = Value(id: ir.input(name, type), type: type)
        addToPool(value)
        return value
    }

    mutating func output(_ name: String, _ type: HardwareType) -> Value {
        Value(id: ir.output(name, type), type: type)
    }

    mutating func connect(_ target: Value, _ value: Value, block: Int = 0) {
        let fitted = fit(value, to: target.type)
        ir.connect(target.id, fitted.id, block: block)
    }

    /// An instance of `child`; returns its pins (not pooled), in the child's port order.
    mutating func instance(_ name: String, of child: IRModule) -> [Value] {
        let pins = ir.instance(name, of: child.name, pins: child.ports.map(\.type)).pins
        return zip(pins, child.ports).map { Value(id: $0, type: $1.type) }
    }

    /// A new conditional block: branch `branch` of chain `chain` inside `parent`, taken when
    /// `condition` (enclosing conditions included) is high.
    mutating func block(parent: Int, chain: Int, otherwise: Bool, condition: Value, local: Value? = nil) -> Int {
        ir.block(parent: parent, chain: chain, isOtherwise: otherwise, condition: condition.id, localCondition: local?.id)
    }
}
