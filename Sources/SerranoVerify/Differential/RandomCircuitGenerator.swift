import SerranoIR
import SerranoSim
import SerranoVerilator
import SerranoSupport

/// Seeded random circuits for differential testing, built directly as IR and legalized.
///
/// Each circuit is a module `circuit_N` (its own inputs and outputs) with a child `leaf_N`, and
/// uses every IR construct: arithmetic and bitwise operators of mixed widths (1…130 bits) and
/// signedness, comparisons, reductions, constant and dynamic shifts (amounts past the width
/// too), slices, concatenations, resizes both ways, reinterpretations, muxes, `when` chains
/// (nested, with and without `otherwise`) on wires, outputs and registers, registers with and
/// without reset and enable, memories of every kind (1R1W, 1RW, 2R1W, 1RW1R) with and without
/// byte masks, reading old or new data on a same-edge write, instances,
/// state machines (a state register with named codes, next-state logic as a `switch`, which
/// the printer shows as a `case`), wide constants (up to 130 bits), assertions that fail on
/// some cycles and covers (both backends must report the same failing checks on the same
/// cycles and count the same). Circuit N depends only on the seed and N (and `checks`), so a
/// failing circuit can be rebuilt alone.
public enum RandomCircuitGenerator {
    /// The name of the design's top module.
    public static let topName = "fuzz_top"

    /// The top-level port prefix of circuit `index` (`c12_`): mismatches name their circuit.
    public static func portPrefix(_ index: Int) -> String { "c\(index)_" }

    /// A design holding circuits `indices` side by side under one top, legalized. Without
    /// `checks` the circuits carry no assertions or covers (a run then never stops on one).
    public static func design(seed: UInt64, indices: Range<Int>, checks: Bool = true) -> Result<LegalDesign, DiagnosticError> {
        var modules: [IRModule] = []
        var top = RandomModuleBuilder(name: topName, random: SplitMix64(seed: seed))
        for index in indices {
            var random = SplitMix64(seed: seed ^ (UInt64(index) &* 0xD1B5_4A32_D192_ED03))
            let leaf = randomModule(name: "leaf_\(index)", random: &random, operations: 12...30, child: nil, checks: checks)
            let circuit = randomModule(name: "circuit_\(index)", random: &random, operations: 25...60, child: leaf, checks: checks)
            modules += [leaf, circuit]
            instantiate(circuit, as: "u_circuit_\(index)", prefix: portPrefix(index), in: &top)
        }
        modules.append(top.module)
        return Legalization.run(Design(modules: modules, topName: topName))
    }

    /// Exposes every port of `child` as a top-level port named `prefix + port`.
    private static func instantiate(_ child: IRModule, as name: String, prefix: String, in top: inout RandomModuleBuilder) {
        let wiring = zip(top.instance(name, of: child), child.ports)
        for (node, port) in wiring {
            if port.direction == .input {
                let input = top.input(prefix + port.name, port.type)
                top.connect(node, input)
            } else {
                let output = top.output(prefix + port.name, port.type)
                top.connect(output, node)
            }
        }
    }

    // MARK: One module

    static func randomModule(name: String, random: inout SplitMix64, operations: ClosedRange<Int>, child: IRModule?,
                             checks: Bool = true) -> IRModule {
        var builder = RandomModuleBuilder(name: name, random: random)
        for index in 0..<builder.random.int(in: 2...5) { builder.input("in\(index)", builder.randomType()) }
        _ = builder.constant(builder.randomType())

        var registers: [RandomModuleBuilder.Value] = []
        for index in 0..<builder.random.int(in: (child == nil ? 0 : 1)...3) {
            registers.append(makeRegister(index, &builder))
        }
        let count = builder.random.int(in: operations)
        let childAt = child.map { _ in builder.random.int(in: 0..<count) }
        let memoryCount = builder.random.int(in: 0...(child == nil ? 1 : 2))
        let memoriesAt = (0..<memoryCount).map { _ in builder.random.int(in: 0..<count) }
        var wires = 0
        for step in 0..<count {
            if step == childAt, let child { instantiate(child, &builder) }
            for at in memoriesAt where at == step { makeMemory(&builder) }
            if builder.random.chance(10) {
                // The wire joins the pool only after its drivers exist: no combinational loop.
                let wire = builder.add(.wire, builder.randomType(), name: "w\(wires)", pooled: false)
                wires += 1
                whenChain(target: wire, bodyDefault: builder.random.chance(50), requireCoverage: true, &builder)
                builder.addToPool(wire)
            } else {
                randomOperation(&builder)
            }
        }
        for register in registers { driveRegister(register, &builder) }
        if builder.random.chance(35) { stateMachine(&builder) }
        if checks { makeChecks(&builder) }
        makeOutputs(&builder)
        random = builder.random
        return builder.module
    }

    private static func makeRegister(_ index: Int, _ builder: inout RandomModuleBuilder) -> RandomModuleBuilder.Value {
        let type = builder.randomType()
        // The register joins the pool before its enable is drawn (the enable may read it).
        let register = RandomModuleBuilder.Value(id: builder.ir.register("r\(index)", type), type: type)
        builder.addToPool(register)
        let resetValue: BitVector? = builder.random.chance(70) ? BitVector(width: type.width, words: builder.random.bits(type.width)) : nil
        let enable: NodeID? = builder.random.chance(40) ? builder.condition().id : nil
        builder.module.registers[builder.module.registers.count - 1].resetValue = resetValue
        builder.module.registers[builder.module.registers.count - 1].enable = enable
        return register
    }

    private static func driveRegister(_ register: RandomModuleBuilder.Value, _ builder: inout RandomModuleBuilder) {
        switch builder.random.int(in: 0..<4) {
        case 0, 1: builder.connect(register, builder.operand())
        case 2: whenChain(target: register, bodyDefault: true, requireCoverage: false, &builder)
        default: whenChain(target: register, bodyDefault: false, requireCoverage: false, &builder)
        }
    }

    /// Connects `target` through a `when` / `elseWhen` / `otherwise` chain (sometimes nested).
    /// Wires and outputs need every path covered: a body default, or an `otherwise`.
    private static func whenChain(target: RandomModuleBuilder.Value, bodyDefault: Bool, requireCoverage: Bool,
                                  _ builder: inout RandomModuleBuilder, defaultValue: RandomModuleBuilder.Value? = nil) {
        let hasOtherwise = requireCoverage && !bodyDefault ? true : builder.random.chance(40)
        if bodyDefault { builder.connect(target, defaultValue ?? builder.operand()) }
        let branches = builder.random.int(in: 1...3)
        var notTaken: RandomModuleBuilder.Value? = nil
        let chain = builder.module.blocks.count
        for branch in 0...(hasOtherwise ? branches : branches - 1) {
            let isOtherwise = branch == branches
            let taken: RandomModuleBuilder.Value
            if isOtherwise {
                guard let notTaken else { break }
                taken = notTaken
            } else {
                let condition = builder.condition()
                taken = notTaken.map { builder.and($0, condition) } ?? condition
                let inverse = builder.not(condition)
                notTaken = notTaken.map { builder.and($0, inverse) } ?? inverse
            }
            let block = builder.block(parent: 0, chain: chain, otherwise: isOtherwise, condition: taken)
            builder.connect(target, builder.operand(), block: block)
            if branch == 0 && builder.random.chance(35) {
                // A nested chain overriding the branch on some of its cycles.
                let inner = builder.condition()
                let nested = builder.block(parent: block, chain: chain + 100, otherwise: false, condition: builder.and(taken, inner))
                builder.connect(target, builder.operand(), block: nested)
            }
        }
    }

    private static func instantiate(_ child: IRModule, _ builder: inout RandomModuleBuilder) {
        let pins = builder.instance("u_leaf", of: child)
        let inputs = zip(pins, child.ports).filter { $0.1.direction == .input }.map(\.0)
        let outputs = zip(pins, child.ports).filter { $0.1.direction == .output }.map(\.0)
        for input in inputs { builder.connect(input, builder.operand()) }
        // The child's outputs may depend on its inputs: they join the pool after the inputs' drivers.
        for output in outputs { builder.addToPool(output) }
    }

    private static func makeMemory(_ builder: inout RandomModuleBuilder) {
        let index = builder.module.memories.count
        let kind: Memory.Kind = builder.random.pick(Memory.Kind.allCases)
        let order: Memory.ReadDuringWrite = builder.random.chance(50) ? .oldData : .newData
        let depth = builder.random.pick([2, 4, 8, 16, 32])
        var width = builder.randomWidth()
        var granularity: Int? = nil
        if builder.random.chance(50) {
            let lane = builder.random.pick([1, 2, 4, 8, 8, 16])
            let lanes = builder.random.int(in: 1...max(1, min(8, 130 / lane)))
            granularity = lane
            width = lane * lanes
        }
        // The builder gives every input field an idle default; the connections below refine it.
        builder.ir.memory("mem\(index)", kind, depth: depth, width: width, maskGranularity: granularity, readDuringWrite: order)
        var sinks: [RandomModuleBuilder.Value] = []
        for field in builder.module.memories[index].fieldNames {
            guard let node = builder.module.memories[index].fields[field] else { continue }
            let value = RandomModuleBuilder.Value(id: node, type: builder.module.memories[index].type(of: field))
            if field.isSink { sinks.append(value) } else { builder.addToPool(value) }
        }
        for sink in sinks {
            // Enables from conditions are high about half the time; narrow addresses collide often.
            builder.connect(sink, sink.type.width == 1 ? builder.condition() : builder.operand())
        }
    }

    // MARK: State machines and checks

    /// A state register with named codes, driven through a `switch` on its own value: each
    /// case's block is taken when `state == code` (the blocks' own conditions), moves to a
    /// constant or chosen next state, and sometimes drives a wire in the same switch too.
    private static func stateMachine(_ builder: inout RandomModuleBuilder) {
        let width = builder.random.int(in: 1...3)
        let states = builder.random.int(in: 2...(1 << width))
        let index = builder.module.registers.count
        let state = RandomModuleBuilder.Value(id: builder.ir.register("fsm\(index)", .uint(width), reset: BitVector(width: width)),
                                              type: .uint(width))
        builder.addToPool(state)
        builder.module.enumerations.append(Enumeration(
            register: state.id, caseNames: (0..<states).map { "s\($0)" },
            codes: (0..<states).map { BitVector(width: width, value: $0) }, isOneHot: false))
        let output = builder.add(.wire, builder.randomType(), name: "fsm\(index)_out", pooled: false)
        builder.connect(output, builder.operand())
        let chain = 10_000 + builder.module.blocks.count
        // Most states get a block; the first one always does, so the register is driven.
        for (position, code) in builder.random.shuffled(Array(0..<states)).enumerated()
        where position == 0 || builder.random.chance(85) {
            let constant = builder.constant(UInt64(code), width: max(1, BitVector.minimumWidth(of: code, signed: false)))
            let equal = builder.add(.binary(.equal, state.id, constant.id), .bool, pooled: false)
            let block = builder.block(parent: 0, chain: chain, otherwise: false, condition: equal, local: equal)
            let next = builder.constant(UInt64(builder.random.int(in: 0..<states)), width: width)
            if builder.random.chance(70) {
                builder.connect(state, next, block: block)
            } else {
                let other = builder.constant(UInt64(builder.random.int(in: 0..<states)), width: width)
                let select = builder.condition()
                builder.connect(state, builder.add(.mux(select: select.id, whenTrue: next.id, whenFalse: other.id), .uint(width), pooled: false), block: block)
            }
            if builder.random.chance(40) { builder.connect(output, builder.operand(), block: block) }
        }
        builder.addToPool(state)
        builder.addToPool(output)
    }

    /// Up to two assertions and up to two covers, each on a named wire. An assertion's
    /// condition fails on some cycles (an OR-reduction or a comparison); a sticky register
    /// (`assert_N_failed`) keeps it quiet after its first failure, so each one fails once — the
    /// first failing cycle is what both backends must agree on, and Verilator prints every
    /// failing edge (checks failing every other cycle wrote 50 MB into a test log).
    private static func makeChecks(_ builder: inout RandomModuleBuilder) {
        for index in 0..<builder.random.int(in: 0...2) {
            let wire = builder.add(.wire, .bool, name: "assert_\(index)", pooled: false)
            let condition = builder.condition()
            let failed = RandomModuleBuilder.Value(id: builder.ir.register("assert_\(index)_failed", .bool, reset: BitVector(width: 1)),
                                                   type: .bool)
            let fails = builder.add(.unary(.not, condition.id), .bool, pooled: false)
            builder.connect(failed, builder.add(.binary(.or, failed.id, fails.id), .bool, pooled: false))
            builder.connect(wire, builder.add(.binary(.or, condition.id, failed.id), .bool, pooled: false))
            builder.ir.check(builder.random.chance(80) ? .assert : .assume, wire.id, message: "fuzz check \(index) of \(builder.module.name)")
        }
        for index in 0..<builder.random.int(in: 0...2) {
            let wire = builder.add(.wire, .bool, name: "cover_cv\(index)", pooled: false)
            builder.connect(wire, builder.condition())
            builder.ir.check(.cover, wire.id, message: "cv\(index)")
        }
    }

    // MARK: Operations

    private static func randomOperation(_ builder: inout RandomModuleBuilder) {
        switch builder.random.int(in: 0..<100) {
        case 0..<30: arithmetic(&builder)
        case 30..<40: comparison(&builder)
        case 40..<52: shift(&builder)
        case 52..<58: unary(&builder)
        case 58..<66: mux(&builder)
        case 66..<74: slice(&builder)
        case 74..<81: concat(&builder)
        case 81..<89: resize(&builder)
        case 89..<94:
            let a = builder.operand()
            builder.add(.reinterpret(a.id), HardwareType(width: a.type.width, isSigned: !a.type.isSigned))
        case 94..<97:
            // A wide constant, beyond 64 bits.
            _ = builder.constant(HardwareType(width: builder.random.pick([65, 96, 128, 130]), isSigned: builder.random.chance(40)))
        default: _ = builder.constant(builder.randomType())
        }
    }

    private static func arithmetic(_ builder: inout RandomModuleBuilder) {
        let op: BinaryOperator = builder.random.pick([.add, .add, .sub, .sub, .mul, .and, .or, .xor])
        let a = builder.operand()
        let b = builder.reinterpret(builder.operand(), signed: a.type.isSigned)
        let widest = max(a.type.width, b.type.width)
        var width: Int
        switch op {
        case .mul: width = builder.random.chance(50) ? a.type.width + b.type.width : widest
        case .add, .sub: width = widest + builder.random.int(in: 0...1)
        default: width = widest + (builder.random.chance(20) ? builder.random.int(in: 1...3) : 0)
        }
        width = max(widest, min(width, RandomModuleBuilder.maximumWidth))
        builder.add(.binary(op, a.id, b.id), HardwareType(width: width, isSigned: a.type.isSigned))
    }

    private static func comparison(_ builder: inout RandomModuleBuilder) {
        let op: BinaryOperator = builder.random.pick([.equal, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual])
        let a = builder.operand()
        var b = builder.reinterpret(builder.operand(), signed: a.type.isSigned)
        if builder.random.chance(25) {
            // Equal-ish operands make the comparisons' edge cases likely.
            b = builder.resize(a, to: max(1, a.type.width - 1))
        }
        builder.add(.binary(op, a.id, b.id), .bool)
    }

    private static func shift(_ builder: inout RandomModuleBuilder) {
        let a = builder.operand()
        let width = a.type.width + (builder.random.chance(25) ? builder.random.int(in: 1...8) : 0)
        let amount: RandomModuleBuilder.Value
        switch builder.random.int(in: 0..<100) {
        case 0..<40:
            let value = UInt64(builder.random.int(in: 0...(width + 2)))
            amount = builder.constant(value, width: BitVector.minimumWidth(of: Int(value), signed: false))
        case 40..<85:
            let source = builder.reinterpret(builder.operand(), signed: false)
            let bits = min(source.type.width, builder.random.int(in: 1...8))
            amount = source.type.width == bits ? source
                : builder.add(.slice(source.id, high: bits - 1, low: 0), .uint(bits), pooled: false)
        default:
            amount = builder.reinterpret(builder.operand(), signed: false)
        }
        let op: BinaryOperator = builder.random.chance(50) ? .shiftLeft : .shiftRight
        builder.add(.binary(op, a.id, amount.id), HardwareType(width: width, isSigned: a.type.isSigned))
    }

    private static func unary(_ builder: inout RandomModuleBuilder) {
        let a = builder.operand()
        let op: UnaryOperator = builder.random.pick([.not, .not, .andReduce, .orReduce, .xorReduce])
        builder.add(.unary(op, a.id), op == .not ? a.type : .bool)
    }

    private static func mux(_ builder: inout RandomModuleBuilder) {
        let select = builder.condition()
        let a = builder.operand()
        let b = builder.reinterpret(builder.operand(), signed: a.type.isSigned)
        let width = max(a.type.width, b.type.width)
        let whenTrue = builder.resize(a, to: width)
        let whenFalse = builder.resize(b, to: width)
        builder.add(.mux(select: select.id, whenTrue: whenTrue.id, whenFalse: whenFalse.id),
                    HardwareType(width: width, isSigned: a.type.isSigned))
    }

    private static func slice(_ builder: inout RandomModuleBuilder) {
        let a = builder.operand()
        let low = builder.random.int(in: 0..<a.type.width)
        let high = builder.random.int(in: low..<a.type.width)
        builder.add(.slice(a.id, high: high, low: low), .uint(high - low + 1))
    }

    private static func concat(_ builder: inout RandomModuleBuilder) {
        var parts: [RandomModuleBuilder.Value] = [builder.operand()]
        for _ in 0..<builder.random.int(in: 1...3) {
            let part = builder.operand()
            if parts.reduce(0, { $0 + $1.type.width }) + part.type.width > RandomModuleBuilder.maximumWidth + 20 { break }
            parts.append(part)
        }
        let width = parts.reduce(0) { $0 + $1.type.width }
        builder.add(.concat(parts.map(\.id)), .uint(width))
    }

    private static func resize(_ builder: inout RandomModuleBuilder) {
        let a = builder.operand()
        builder.add(.resize(a.id), HardwareType(width: builder.randomWidth(), isSigned: a.type.isSigned))
    }

    // MARK: Outputs

    /// Outputs fold every value nobody read, so that almost all logic is observable.
    private static func makeOutputs(_ builder: inout RandomModuleBuilder) {
        let count = builder.random.int(in: 1...4)
        var terms = Array(repeating: [RandomModuleBuilder.Value](), count: count)
        for (position, index) in builder.unread.enumerated() { terms[position % count].append(builder.pool[index]) }
        for output in 0..<count {
            let type = builder.randomType()
            let port = builder.output("out\(output)", type)
            var folded: RandomModuleBuilder.Value? = nil
            for term in terms[output] + [builder.operand()] {
                var pieces = [term]
                if term.type.width > type.width {
                    pieces.append(builder.add(.slice(term.id, high: term.type.width - 1, low: type.width),
                                              .uint(term.type.width - type.width), pooled: false))
                }
                for piece in pieces {
                    let fitted = builder.reinterpret(builder.resize(piece, to: type.width), signed: type.isSigned)
                    folded = folded.map { builder.add(.binary(.xor, $0.id, fitted.id), type, pooled: false) } ?? fitted
                }
            }
            guard let folded else { continue }
            if builder.random.chance(30) {
                whenChain(target: port, bodyDefault: true, requireCoverage: true, &builder, defaultValue: folded)
            } else {
                builder.connect(port, folded)
            }
        }
    }
}
