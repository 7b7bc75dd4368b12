import SerranoIR

/// The Verilog text of each IR operation, with every operand's width made explicit.
///
/// Verilog sizes most expressions by their context and silently extends or truncates operands;
/// the IR instead defines each operation's width exactly (see `Operation`). Each node is printed
/// as its own `assign` whose operands already have the width the IR says, so Verilog's context
/// rules never change a result and Verilator's WIDTH checks stay quiet. The one deliberate use
/// of a context rule is multiplication, documented at `.mul`.
struct Expressions {
    let module: IRModule
    var names: [String]
    var usage: SignalUsage
    /// Per state register (by node index): the `localparam` name of each state code, so that
    /// `state == 2'h1` prints as `state == PHASE_LOAD`.
    var stateNames: [Int: [BitVector: String]] = [:]

    /// Text for `id` as exactly `width` bits, extended by the node's own signedness or truncated.
    ///
    /// - Parameter verilogSigned: whether Verilog must see the result as signed (comparisons,
    ///   arithmetic shift, multiplication); nil when signedness cannot change the result.
    mutating func operand(_ id: NodeID, width: Int, verilogSigned: Bool? = nil) -> String {
        let node = module[id]
        let ownWidth = node.type.width
        let ownSigned = node.type.isSigned
        if case .constant(let value) = node.operation, node.name == nil {
            return Literal.text(value, sourceSigned: ownSigned, width: width, verilogSigned: verilogSigned ?? false)
        }
        let name = names[id.index]
        if ownWidth == width {
            usage.read(id, low: 0, high: ownWidth - 1, width: ownWidth)
            guard let wanted = verilogSigned, wanted != ownSigned else { return name }
            return wanted ? "$signed(\(name))" : "$unsigned(\(name))"
        }
        if ownWidth > width {
            usage.read(id, low: 0, high: width - 1, width: ownWidth)
            let bits = width == 1 ? "\(name)[0]" : "\(name)[\(width - 1):0]"
            return verilogSigned == true ? "$signed(\(bits))" : bits
        }
        usage.read(id, low: 0, high: ownWidth - 1, width: ownWidth)
        let extra = width - ownWidth
        let extended: String
        if ownSigned {
            let sign = ownWidth == 1 ? name : "\(name)[\(ownWidth - 1)]"
            extended = extra == 1 ? "{\(sign), \(name)}" : "{{\(extra){\(sign)}}, \(name)}"
        } else {
            extended = "{\(extra)'h0, \(name)}"
        }
        return verilogSigned == true ? "$signed(\(extended))" : extended
    }

    /// Text for `id` at its own width.
    mutating func whole(_ id: NodeID, verilogSigned: Bool? = nil) -> String {
        operand(id, width: module[id].type.width, verilogSigned: verilogSigned)
    }

    /// The right-hand side that computes an expression node, or nil for nodes that are not
    /// expressions (ports, wires, registers, instance and memory ports).
    mutating func expression(for id: NodeID) -> String? {
        let node = module[id]
        let width = node.type.width
        switch node.operation {
        case .constant(let value):
            return Literal.text(value, sourceSigned: node.type.isSigned, width: width, verilogSigned: false)
        case .unary(let op, let a):
            switch op {
            case .not: return "~" + operand(a, width: width)
            case .andReduce: return "&" + whole(a)
            case .orReduce: return "|" + whole(a)
            case .xorReduce: return "^" + whole(a)
            }
        case .binary(let op, let a, let b):
            return binary(op, a, b, node: node)
        case .mux(let select, let whenTrue, let whenFalse):
            let s = operand(select, width: 1)
            let t = operand(whenTrue, width: width)
            let f = operand(whenFalse, width: width)
            return "\(s) ? \(t) : \(f)"
        case .slice(let a, let high, let low):
            return slice(a, high: high, low: low)
        case .concat(let parts):
            let texts = parts.map { whole($0) }
            return texts.count == 1 ? texts[0] : "{" + texts.joined(separator: ", ") + "}"
        case .resize(let a), .reinterpret(let a):
            return operand(a, width: width)
        case .input, .wire, .output, .register, .instancePort, .memoryPort:
            return nil
        }
    }

    private mutating func binary(_ op: BinaryOperator, _ a: NodeID, _ b: NodeID, node: Node) -> String {
        let width = node.type.width
        switch op {
        case .add, .sub, .and, .or, .xor:
            // Both operands at the result's width: the sum modulo 2^width, whatever the signedness.
            let symbol = [BinaryOperator.add: "+", .sub: "-", .and: "&", .or: "|", .xor: "^"][op] ?? "?"
            return "\(operand(a, width: width)) \(symbol) \(operand(b, width: width))"
        case .mul:
            // Operands keep their own widths so synthesis sees an m×n multiplier (an int8×int8
            // product is an 8×8 multiplier, not a 16×16 one). Verilog extends both operands to the
            // assignment's width by their signedness before multiplying, which is exactly the IR's
            // rule, because both operands are made signed (or unsigned) like the result.
            let signed = node.type.isSigned
            let left = operand(a, width: min(module[a].type.width, width), verilogSigned: signed)
            let right = operand(b, width: min(module[b].type.width, width), verilogSigned: signed)
            return "\(left) * \(right)"
        case .equal, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual:
            let common = max(module[a].type.width, module[b].type.width)
            let ordered = op != .equal && op != .notEqual
            let signed: Bool? = ordered ? module[a].type.isSigned : nil
            let symbol = [BinaryOperator.equal: "==", .notEqual: "!=", .less: "<", .lessOrEqual: "<=",
                          .greater: ">", .greaterOrEqual: ">="][op] ?? "?"
            if !ordered, let named = stateComparison(a, b, symbol: symbol) ?? stateComparison(b, a, symbol: symbol) { return named }
            return "\(operand(a, width: common, verilogSigned: signed)) \(symbol) \(operand(b, width: common, verilogSigned: signed))"
        case .shiftLeft:
            return "\(operand(a, width: width)) << \(shiftAmount(b, resultWidth: width))"
        case .shiftRight:
            if module[a].type.isSigned {
                return "\(operand(a, width: width, verilogSigned: true)) >>> \(shiftAmount(b, resultWidth: width))"
            }
            return "\(operand(a, width: width, verilogSigned: false)) >> \(shiftAmount(b, resultWidth: width))"
        }
    }

    /// `state == NAME` when `state` is a state register and `other` one of its codes.
    private mutating func stateComparison(_ state: NodeID, _ other: NodeID, symbol: String) -> String? {
        guard let codes = stateNames[state.index], case .constant(let value) = module[other].operation, module[other].name == nil else { return nil }
        let width = module[state].type.width
        guard module[other].type.width <= width,
              let name = codes[Literal.resized(value, sourceSigned: module[other].type.isSigned, to: width)] else { return nil }
        return "\(operand(state, width: width)) \(symbol) \(name)"
    }

    /// The shift amount, printed so that Verilator 5.006 computes it right. Two of its bugs
    /// bite amounts of 32 bits or more once constant folding reaches them (even through named
    /// wires): an amount wider than 32 bits is an error ("Value too wide for 32-bits expected in
    /// this context"), and a 32-bit amount with bit 31 set is read as negative (`x << 32'hffffffff`
    /// folds to `x >> 1`). So such an amount is saturated below 2^31: a constant prints as its
    /// value when below the result width, else the width; any other amount as
    /// `(|a[W-1:31] ? WIDTH : {1'h0, a[30:0]})`. Shifting by the width shifts every bit out, just
    /// as any larger amount does.
    private mutating func shiftAmount(_ b: NodeID, resultWidth: Int) -> String {
        let node = module[b]
        let width = node.type.width
        guard width >= 32 else { return whole(b, verilogSigned: false) }
        let saturated = Literal.text(BitVector(width: 32, value: resultWidth), sourceSigned: false, width: 32, verilogSigned: false)
        if case .constant(let value) = node.operation, node.name == nil {
            let fits = value.words.dropFirst().allSatisfy { $0 == 0 } && value.words[0] < UInt64(resultWidth)
            return fits ? Literal.text(BitVector(width: 32, value: Int(value.words[0])), sourceSigned: false, width: 32, verilogSigned: false)
                : saturated
        }
        let name = names[b.index]
        usage.read(b, low: 0, high: width - 1, width: width)
        let high = width == 32 ? "\(name)[31]" : "|\(name)[\(width - 1):31]"
        return "(\(high) ? \(saturated) : {1'h0, \(name)[30:0]})"
    }

    private mutating func slice(_ a: NodeID, high: Int, low: Int) -> String {
        let source = module[a]
        if case .constant(let value) = source.operation, source.name == nil {
            return Literal.slice(value, high: high, low: low)
        }
        let name = names[a.index]
        usage.read(a, low: low, high: high, width: source.type.width)
        if source.type.width == 1 { return name }
        return high == low ? "\(name)[\(low)]" : "\(name)[\(high):\(low)]"
    }
}
