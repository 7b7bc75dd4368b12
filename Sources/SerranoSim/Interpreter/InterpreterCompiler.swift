import SerranoIR

/// Compiles a `LegalDesign` into an `InterpreterProgram`: flattens the hierarchy, gives every
/// value a place in one word array (wires, ports, reinterpretations and zero extensions share
/// their source's place), and orders the computations topologically.
struct InterpreterCompiler {
    /// One module instance in the flattened hierarchy.
    private struct FlatInstance {
        var module: IRModule
        var parent: Int?
        /// The instance's index in its parent's `instances`.
        var indexInParent: Int
        var path: String
        var children: [Int] = []
    }

    private enum Resolution {
        case alias(instance: Int, node: Int)
        case own(computed: Bool)
    }

    private static let unresolved = -1
    private static let inProgress = -2

    private let design: LegalDesign
    private var flat: [FlatInstance] = []
    /// The word offset of every node of every instance.
    private var slots: [[Int]] = []
    /// The computations still to order: instance, node, destination offset.
    private var computations: [(instance: Int, node: Int, offset: Int)] = []
    /// For an offset written by a computation, its index in `computations`.
    private var producer: [Int: Int] = [:]
    private var program = InterpreterProgram()

    private init(design: LegalDesign) { self.design = design }

    static func compile(_ design: LegalDesign) throws -> InterpreterProgram {
        var compiler = InterpreterCompiler(design: design)
        try compiler.flatten()
        compiler.declarePorts()
        try compiler.resolveAll()
        try compiler.emitInTopologicalOrder()
        try compiler.collectState()
        compiler.collectSignals()
        return compiler.program
    }

    // MARK: Hierarchy

    private mutating func flatten() throws {
        guard let top = design.top else { throw InterpreterError.unknownModule(design.topName) }
        var stack: [Int] = []
        flat.append(FlatInstance(module: top, parent: nil, indexInParent: 0, path: ""))
        stack.append(0)
        while let index = stack.popLast() {
            let module = flat[index].module
            if case .blackBox = module.kind {
                throw InterpreterError.blackBox(module: module.name, instancePath: flat[index].path.isEmpty ? module.name : flat[index].path)
            }
            for (childIndex, instance) in module.instances.enumerated() {
                guard let child = design.module(named: instance.moduleName) else {
                    throw InterpreterError.unknownModule(instance.moduleName)
                }
                let path = flat[index].path.isEmpty ? instance.name : "\(flat[index].path).\(instance.name)"
                flat.append(FlatInstance(module: child, parent: index, indexInParent: childIndex, path: path))
                flat[index].children.append(flat.count - 1)
                stack.append(flat.count - 1)
            }
        }
        slots = flat.map { Array(repeating: InterpreterCompiler.unresolved, count: $0.module.nodes.count) }
    }

    private mutating func allocate(width: Int) -> Int {
        let offset = program.wordCount
        program.wordCount += wordsNeeded(width)
        return offset
    }

    private mutating func declarePorts() {
        let top = flat[0].module
        if top.isSequential {
            program.ports.append(.init(name: "clock", isInput: true, width: 1, offset: allocate(width: 1)))
        }
        if top.usesReset {
            let offset = allocate(width: 1)
            program.resetOffset = offset
            program.ports.append(.init(name: "reset", isInput: true, width: 1, offset: offset))
        }
        for port in top.ports where port.direction == .input {
            let offset = allocate(width: port.type.width)
            slots[0][port.node.index] = offset
        }
    }

    // MARK: Resolution

    private func driver(_ instance: Int, _ node: Int) throws -> Int {
        let module = flat[instance].module
        guard let driver = module.drivers[NodeID(node)] else {
            let name = module.legalNames.indices.contains(node) ? module.legalNames[node] : "%\(node)"
            throw InterpreterError.inconsistent(module: module.name, detail: "'\(name)' has no driver")
        }
        return driver.index
    }

    private func resolution(_ instance: Int, _ node: Int) throws -> Resolution {
        let module = flat[instance].module
        let operation = module.nodes[node].operation
        switch operation {
        case .constant, .register: return .own(computed: false)
        case .unary, .binary, .mux, .slice, .concat: return .own(computed: true)
        case .input(let port):
            guard let parent = flat[instance].parent else { return .own(computed: false) }
            let parentNode = flat[parent].module.instances[flat[instance].indexInParent].portNodes[port]
            return .alias(instance: parent, node: parentNode.index)
        case .wire, .output:
            return .alias(instance: instance, node: try driver(instance, node))
        case .instancePort(let child, let port):
            if module.direction(ofInstance: child, port: port) == .input {
                return .alias(instance: instance, node: try driver(instance, node))
            }
            let childInstance = flat[instance].children[child]
            return .alias(instance: childInstance, node: flat[childInstance].module.ports[port].node.index)
        case .memoryPort(_, let field):
            if field.isReadData { return .own(computed: false) }
            return .alias(instance: instance, node: try driver(instance, node))
        case .reinterpret(let operand):
            return .alias(instance: instance, node: operand.index)
        case .resize(let operand):
            let from = module.nodes[operand.index].type
            let to = module.nodes[node].type
            // Equal widths, and zero extension within one word, leave the stored bits unchanged.
            if from.width == to.width || (!from.isSigned && from.width < to.width && to.width <= 64) {
                return .alias(instance: instance, node: operand.index)
            }
            return .own(computed: true)
        }
    }

    /// The offset of a node's value, following aliases; allocates the final source's place.
    private mutating func resolve(_ instance: Int, _ node: Int) throws -> Int {
        var chain: [(Int, Int)] = []
        var current = (instance, node)
        var result: Int
        while true {
            let slot = slots[current.0][current.1]
            if slot >= 0 { result = slot; break }
            if slot == InterpreterCompiler.inProgress {
                let module = flat[current.0].module
                throw InterpreterError.combinationalLoop(module: module.name, signal: module.legalNames[current.1])
            }
            slots[current.0][current.1] = InterpreterCompiler.inProgress
            chain.append(current)
            switch try resolution(current.0, current.1) {
            case .alias(let nextInstance, let nextNode):
                current = (nextInstance, nextNode)
            case .own(let computed):
                result = allocate(width: flat[current.0].module.nodes[current.1].type.width)
                if computed {
                    producer[result] = computations.count
                    computations.append((current.0, current.1, result))
                }
                if case .constant(let value) = flat[current.0].module.nodes[current.1].operation {
                    program.constants.append((result, words(of: value, width: flat[current.0].module.nodes[current.1].type.width)))
                }
                slots[current.0][current.1] = result
                for (chainInstance, chainNode) in chain { slots[chainInstance][chainNode] = result }
                return result
            }
        }
        for (chainInstance, chainNode) in chain { slots[chainInstance][chainNode] = result }
        return result
    }

    private func words(of value: BitVector, width: Int) -> [UInt64] {
        var words = Array(value.words.prefix(wordsNeeded(width)))
        while words.count < wordsNeeded(width) { words.append(0) }
        words[words.count - 1] &= lowMask(width - (words.count - 1) * 64)
        return words
    }

    private mutating func resolveAll() throws {
        for instance in flat.indices {
            for node in flat[instance].module.nodes.indices { _ = try resolve(instance, node) }
        }
    }

    // MARK: Ordering and emission

    private func operands(of computation: Int) -> [Int] {
        let (instance, node, _) = computations[computation]
        return flat[instance].module.nodes[node].operation.operands.map { slots[instance][$0.index] }
    }

    /// Depth-first post-order over the computations (iterative: netlists can be deep).
    private mutating func emitInTopologicalOrder() throws {
        var state = Array(repeating: 0, count: computations.count)  // 0 new, 1 open, 2 done
        for root in computations.indices where state[root] == 0 {
            var stack: [(computation: Int, next: Int)] = [(root, 0)]
            state[root] = 1
            while let (computation, next) = stack.last {
                let inputs = operands(of: computation)
                if next < inputs.count {
                    stack[stack.count - 1].next += 1
                    guard let dependency = producer[inputs[next]] else { continue }
                    if state[dependency] == 1 {
                        let (instance, node, _) = computations[dependency]
                        let module = flat[instance].module
                        throw InterpreterError.combinationalLoop(module: module.name, signal: module.legalNames[node])
                    }
                    if state[dependency] == 0 {
                        state[dependency] = 1
                        stack.append((dependency, 0))
                    }
                    continue
                }
                stack.removeLast()
                state[computation] = 2
                let (instance, node, offset) = computations[computation]
                emit(flat[instance].module, node: node, instance: instance, dst: offset)
            }
        }
    }

    private mutating func append(_ opcode: InterpreterInstruction.Opcode, dst: Int, a: Int = 0, b: Int = 0, c: Int = 0,
                                 width: Int = 0, aux: Int = 0, aux2: Int = 0, mask: UInt64 = 0) {
        program.instructions.append(InterpreterInstruction(opcode: opcode, dst: dst, a: a, b: b, c: c, width: width,
                                                           aux: aux, aux2: aux2, mask: mask))
    }

    /// Emits `dst = resize(source)` from `from` to `width` bits, extending by `from`'s signedness.
    private mutating func emitResize(dst: Int, source: Int, from: HardwareType, width: Int) {
        if width <= from.width {
            if from.width <= 64 {
                append(.slice, dst: dst, a: source, aux: 0, mask: lowMask(width))
            } else {
                append(.wideExtract, dst: dst, a: source, width: width, aux: 0, aux2: from.width)
            }
        } else if from.isSigned {
            if width <= 64 {
                append(.signExtend, dst: dst, a: source, aux: 64 - from.width, mask: lowMask(width))
            } else {
                append(.wideSignExtend, dst: dst, a: source, width: width, aux2: from.width)
            }
        } else if width <= 64 {
            append(.slice, dst: dst, a: source, aux: 0, mask: lowMask(width))
        } else {
            append(.wideExtract, dst: dst, a: source, width: width, aux: 0, aux2: from.width)
        }
    }

    /// The operand's offset once it is extended (or truncated) to `width` bits.
    private mutating func conform(_ source: Int, from: HardwareType, to width: Int) -> Int {
        if from.width == width || (!from.isSigned && from.width < width && width <= 64) { return source }
        let temporary = allocate(width: width)
        emitResize(dst: temporary, source: source, from: from, width: width)
        return temporary
    }

    private mutating func emit(_ module: IRModule, node: Int, instance: Int, dst: Int) {
        let type = module.nodes[node].type
        let width = type.width
        let narrow = width <= 64
        let slot: (NodeID) -> Int = { [slots] in slots[instance][$0.index] }
        let typeOf: (NodeID) -> HardwareType = { module.nodes[$0.index].type }

        switch module.nodes[node].operation {
        case .unary(let op, let a):
            let operandWidth = typeOf(a).width
            switch op {
            case .not:
                let source = conform(slot(a), from: typeOf(a), to: width)
                if narrow { append(.not, dst: dst, a: source, mask: lowMask(width)) } else { append(.wideNot, dst: dst, a: source, width: width) }
            case .andReduce:
                if operandWidth <= 64 { append(.andReduce, dst: dst, a: slot(a), mask: lowMask(operandWidth)) } else { append(.wideAndReduce, dst: dst, a: slot(a), width: operandWidth) }
            case .orReduce:
                if operandWidth <= 64 { append(.orReduce, dst: dst, a: slot(a)) } else { append(.wideOrReduce, dst: dst, a: slot(a), width: operandWidth) }
            case .xorReduce:
                if operandWidth <= 64 { append(.xorReduce, dst: dst, a: slot(a)) } else { append(.wideXorReduce, dst: dst, a: slot(a), width: operandWidth) }
            }
        case .binary(let op, let a, let b):
            emitBinary(op, a: (slot(a), typeOf(a)), b: (slot(b), typeOf(b)), type: type, dst: dst)
        case .mux(let select, let whenTrue, let whenFalse):
            let t = conform(slot(whenTrue), from: typeOf(whenTrue), to: width)
            let f = conform(slot(whenFalse), from: typeOf(whenFalse), to: width)
            append(narrow ? .mux : .wideMux, dst: dst, a: slot(select), b: t, c: f, width: width)
        case .slice(let a, _, let low):
            let sourceWidth = typeOf(a).width
            if sourceWidth <= 64 {
                append(.slice, dst: dst, a: slot(a), aux: low, mask: lowMask(width))
            } else {
                append(.wideExtract, dst: dst, a: slot(a), width: width, aux: low, aux2: sourceWidth)
            }
        case .concat(let operands):
            let start = program.parts.count
            for operand in operands { program.parts.append(ConcatPart(offset: slot(operand), width: typeOf(operand).width)) }
            append(narrow ? .concat : .wideConcat, dst: dst, width: width, aux: start, aux2: operands.count)
        case .resize(let a):
            emitResize(dst: dst, source: slot(a), from: typeOf(a), width: width)
        default:
            break
        }
    }

    private mutating func emitBinary(_ op: BinaryOperator, a: (offset: Int, type: HardwareType), b: (offset: Int, type: HardwareType),
                                     type: HardwareType, dst: Int) {
        let width = type.width
        let narrow = width <= 64
        switch op {
        case .add, .sub, .mul, .and, .or, .xor:
            let x = conform(a.offset, from: a.type, to: width)
            let y = conform(b.offset, from: b.type, to: width)
            let opcodes: [BinaryOperator: (InterpreterInstruction.Opcode, InterpreterInstruction.Opcode)] = [
                .add: (.add, .wideAdd), .sub: (.sub, .wideSub), .mul: (.mul, .wideMul),
                .and: (.and, .wideAnd), .or: (.or, .wideOr), .xor: (.xor, .wideXor),
            ]
            guard let pair = opcodes[op] else { return }
            append(narrow ? pair.0 : pair.1, dst: dst, a: x, b: y, width: width, mask: lowMask(width))
        case .equal, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual:
            let common = max(a.type.width, b.type.width)
            let x = conform(a.offset, from: a.type, to: common)
            let y = conform(b.offset, from: b.type, to: common)
            let signed = a.type.isSigned
            let swapped = op == .greater || op == .greaterOrEqual
            let (left, right) = swapped ? (y, x) : (x, y)
            let opcode: InterpreterInstruction.Opcode
            switch (op, common <= 64, signed) {
            case (.equal, true, _): opcode = .equal
            case (.equal, false, _): opcode = .wideEqual
            case (.notEqual, true, _): opcode = .notEqual
            case (.notEqual, false, _): opcode = .wideNotEqual
            case (.less, true, false), (.greater, true, false): opcode = .lessUnsigned
            case (.less, true, true), (.greater, true, true): opcode = .lessSigned
            case (.less, false, false), (.greater, false, false): opcode = .wideLessUnsigned
            case (.less, false, true), (.greater, false, true): opcode = .wideLessSigned
            case (_, true, false): opcode = .lessOrEqualUnsigned
            case (_, true, true): opcode = .lessOrEqualSigned
            case (_, false, false): opcode = .wideLessOrEqualUnsigned
            case (_, false, true): opcode = .wideLessOrEqualSigned
            }
            append(opcode, dst: dst, a: left, b: right, width: common, aux: 64 - min(common, 64))
        case .shiftLeft, .shiftRight:
            let x = conform(a.offset, from: a.type, to: width)
            var amount = b.offset
            if b.type.width > 64 {
                amount = allocate(width: 64)
                append(.clampAmount, dst: amount, a: b.offset, aux2: b.type.width)
            }
            let opcode: InterpreterInstruction.Opcode
            switch (op == .shiftLeft, a.type.isSigned, narrow) {
            case (true, _, true): opcode = .shiftLeft
            case (true, _, false): opcode = .wideShiftLeft
            case (false, false, true): opcode = .shiftRightLogical
            case (false, false, false): opcode = .wideShiftRightLogical
            case (false, true, true): opcode = .shiftRightArithmetic
            case (false, true, false): opcode = .wideShiftRightArithmetic
            }
            append(opcode, dst: dst, a: x, b: amount, width: width, aux: 64 - min(width, 64), mask: lowMask(width))
        }
    }

    // MARK: State

    private mutating func collectState() throws {
        for instance in flat.indices {
            let module = flat[instance].module
            for register in module.registers {
                let width = module.nodes[register.node.index].type.width
                let next = try resolve(instance, try driver(instance, register.node.index))
                let enable = try register.enable.map { try resolve(instance, $0.index) } ?? -1
                var resetOffset = -1
                if let value = register.resetValue {
                    resetOffset = allocate(width: width)
                    program.constants.append((resetOffset, words(of: value, width: width)))
                }
                program.registers.append(.init(state: slots[instance][register.node.index], next: next, enable: enable,
                                               resetValue: resetOffset, width: width, staging: allocate(width: width)))
            }
            for (memoryIndex, memory) in module.memories.enumerated() {
                try collectMemory(memory, index: memoryIndex, instance: instance)
            }
            for check in module.checks {
                program.checks.append(.init(kind: check.kind, offset: try resolve(instance, check.condition.index),
                                            instancePath: flat[instance].path, check: check))
            }
        }
    }

    private mutating func collectMemory(_ memory: Memory, index: Int, instance: Int) throws {
        let module = flat[instance].module
        func field(_ name: MemoryField) throws -> Int {
            guard let node = memory.fields[name] else {
                throw InterpreterError.inconsistent(module: module.name, detail: "memory '\(memory.name)' has no \(name.rawValue) field")
            }
            return try resolve(instance, node.index)
        }
        guard memory.depth >= 1, memory.width >= 1 else {
            throw InterpreterError.inconsistent(module: module.name, detail: "memory '\(memory.name)' has depth \(memory.depth) and width \(memory.width)")
        }
        var update = InterpreterProgram.MemoryUpdate(
            isSinglePort: memory.kind.writesThroughReadPort, depth: memory.depth, width: memory.width,
            base: program.memoryWordCount, readData: try field(.readData), staging: allocate(width: memory.width))
        update.newData = memory.readDuringWrite == .newData
        program.memoryWordCount += memory.depth * wordsNeeded(memory.width)
        if memory.kind.readPorts == 2 {
            update.readAddressB = try field(.readAddressB)
            update.readEnableB = try field(.readEnableB)
            update.readDataB = try field(.readDataB)
            update.stagingB = allocate(width: memory.width)
        }
        if memory.kind.writesThroughReadPort {
            update.address = try field(.address)
            update.enable = try field(.enable)
        } else {
            update.readAddress = try field(.readAddress)
            update.readEnable = try field(.readEnable)
            update.writeAddress = try field(.writeAddress)
        }
        update.writeEnable = try field(.writeEnable)
        update.writeData = try field(.writeData)
        if let granularity = memory.maskGranularity, granularity > 0 {
            update.writeMask = try field(.writeMask)
            update.lanes = memory.maskLanes
            let entryWords = wordsNeeded(memory.width)
            var masks = [UInt64](repeating: 0, count: update.lanes * entryWords)
            for lane in 0..<update.lanes {
                for bit in (lane * granularity)..<min((lane + 1) * granularity, memory.width) {
                    masks[lane * entryWords + bit >> 6] |= UInt64(1) << UInt64(bit & 63)
                }
            }
            update.laneMasks = masks
        }
        program.memories.append(update)
    }

    private mutating func collectSignals() {
        for instance in flat.indices {
            let module = flat[instance].module
            let prefix = flat[instance].path.isEmpty ? "" : flat[instance].path + "."
            // Temporaries too, under their Verilog names: a differential mismatch can then be
            // chased signal by signal.
            for (index, node) in module.nodes.enumerated() {
                program.signals[prefix + module.legalNames[index]] = (slots[instance][index], node.type.width)
                guard node.name != nil else { continue }
                if instance == 0, case .input = node.operation { continue }  // traced as ports
                if instance == 0, case .output = node.operation { continue }
                program.tracedSignals.append((prefix + module.legalNames[index], slots[instance][index], node.type.width))
            }
        }
        let top = flat[0].module
        for port in top.ports {
            program.ports.append(.init(name: port.name, isInput: port.direction == .input, width: port.type.width,
                                       offset: slots[0][port.node.index]))
        }
    }
}
