import SerranoIR

/// Finds the mux chains that a `switch` (or a state machine) lowers to, so that the printer
/// can print them as a Verilog `case` instead of nested `?:` temporaries.
///
/// A chain is `x == c1 ? v1 : (x == c2 ? v2 : … : fallback)`: at least two muxes over the same
/// selector `x`, each comparing it with a constant no wider than `x`, every inner mux an unnamed
/// temporary read only by the chain (a comparison read only by it is printed inside the `case`). `case` takes the first matching item,
/// and the outermost mux wins in the IR, so items are listed outermost first; a repeated
/// constant is unreachable and left out.
struct CaseChains {
    struct Arm {
        let constant: NodeID
        let value: NodeID
        let location: SourceLocation
    }

    struct Chain {
        let selector: NodeID
        var arms: [Arm]
        let fallback: NodeID
    }

    /// Chains by the index of their outermost mux.
    private(set) var chains: [Int: Chain] = [:]
    /// Inner muxes and comparisons printed inside a chain's `case`, never on their own.
    private(set) var hidden: Set<Int> = []

    init(_ module: IRModule, live: [Bool]) {
        var readers = Array(repeating: 0, count: module.nodes.count)
        for (index, node) in module.nodes.enumerated() where live[index] {
            for operand in node.operation.operands where readers.indices.contains(operand.index) { readers[operand.index] += 1 }
            if let driver = module.drivers[NodeID(index)], readers.indices.contains(driver.index) { readers[driver.index] += 1 }
        }
        for register in module.registers {
            if let enable = register.enable, readers.indices.contains(enable.index) { readers[enable.index] += 1 }
        }
        for check in module.checks where readers.indices.contains(check.condition.index) { readers[check.condition.index] += 1 }

        func isTemporary(_ id: NodeID) -> Bool {
            module.nodes.indices.contains(id.index) && module[id].name == nil
        }
        func isConstant(_ id: NodeID) -> Bool {
            if case .constant = module[id].operation, module[id].name == nil { return true }
            return false
        }
        /// The (selector, constant, value, rest) of a mux that compares a selector with a constant.
        func arm(_ index: Int) -> (selector: NodeID, constant: NodeID, value: NodeID, rest: NodeID)? {
            guard live[index], case .mux(let select, let whenTrue, let whenFalse) = module.nodes[index].operation,
                  module.nodes[index].name == nil,
                  isTemporary(select),
                  case .binary(.equal, let a, let b) = module[select].operation else { return nil }
            let (selector, constant): (NodeID, NodeID)
            if isConstant(b) && !isConstant(a) {
                (selector, constant) = (a, b)
            } else if isConstant(a) && !isConstant(b) {
                (selector, constant) = (b, a)
            } else {
                return nil
            }
            guard module[constant].type.width <= module[selector].type.width else { return nil }
            return (selector, constant, whenTrue, whenFalse)
        }

        var arms: [Int: (selector: NodeID, constant: NodeID, value: NodeID, rest: NodeID)] = [:]
        for index in module.nodes.indices { if let found = arm(index) { arms[index] = found } }
        /// Whether `rest` continues the chain of `selector`.
        func continues(_ rest: NodeID, _ selector: NodeID) -> Bool {
            guard let next = arms[rest.index] else { return false }
            return next.selector == selector && readers[rest.index] == 1
        }
        // How often chains read each comparison: one read by chains only is printed inside them.
        var chainReads: [Int: Int] = [:]
        var inner = Set<Int>()
        for (_, found) in arms where continues(found.rest, found.selector) { inner.insert(found.rest.index) }

        for (head, first) in arms where !inner.contains(head) && continues(first.rest, first.selector) {
            var chain = Chain(selector: first.selector, arms: [], fallback: first.rest)
            var seen = Set<BitVector>()
            var current = head
            var fallback = first.rest
            while let found = arms[current], found.selector == first.selector {
                if case .constant(let value) = module[found.constant].operation {
                    let pattern = Literal.resized(value, sourceSigned: module[found.constant].type.isSigned,
                                                   to: module[first.selector].type.width)
                    if seen.insert(pattern).inserted {
                        chain.arms.append(Arm(constant: found.constant, value: found.value, location: module.nodes[current].location))
                    }
                }
                if current != head { hidden.insert(current) }
                chainReads[moduleSelect(module, current), default: 0] += 1
                fallback = found.rest
                guard continues(found.rest, first.selector) else { break }
                current = found.rest.index
            }
            chains[head] = Chain(selector: chain.selector, arms: chain.arms, fallback: fallback)
        }
        for (select, count) in chainReads where readers[select] == count { hidden.insert(select) }
    }

    private func moduleSelect(_ module: IRModule, _ index: Int) -> Int {
        if case .mux(let select, _, _) = module.nodes[index].operation { return select.index }
        return index
    }
}
