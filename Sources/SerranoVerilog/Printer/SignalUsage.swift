import SerranoIR

/// Which nodes of a legalized module are printed, and which bits of each are read.
///
/// A temporary (an unnamed expression) that nothing printed reads is not printed: it has no name
/// a user could look for, and an unread wire would only draw Verilator's UNUSEDSIGNAL. Everything
/// a user named, every port, register, instance and memory port is printed. The bits each
/// printed signal has read by other statements are tracked so that the printer can wrap exactly
/// the declarations with unread bits in a scoped lint waiver.
struct SignalUsage {
    /// `live[n]`: node `n` is printed or inlined.
    let live: [Bool]
    private var fullyRead: [Bool]
    private var partlyRead: [Int: [Bool]] = [:]

    init(_ module: IRModule) {
        var live = Array(repeating: false, count: module.nodes.count)
        var stack: [NodeID] = []
        for (index, node) in module.nodes.enumerated() where !SignalUsage.isTemporary(node) {
            stack.append(NodeID(index))
        }
        var enables: [Int: NodeID] = [:]
        for register in module.registers { enables[register.node.index] = register.enable }
        while let id = stack.popLast() {
            guard module.nodes.indices.contains(id.index), !live[id.index] else { continue }
            live[id.index] = true
            stack += module[id].operation.operands
            if let driver = module.drivers[id] { stack.append(driver) }
            if let enable = enables[id.index] ?? nil { stack.append(enable) }
        }
        self.live = live
        self.fullyRead = Array(repeating: false, count: module.nodes.count)

        // A temporary read only as the value of one sink of its own width is printed inside that
        // sink's assignment (`assign product = a * b;`): the assignment's width is the one the
        // expression was written for, so nothing about its value changes.
        var readers = Array(repeating: 0, count: module.nodes.count)
        var soleSink = Array(repeating: -1, count: module.nodes.count)
        for (index, node) in module.nodes.enumerated() where live[index] {
            for operand in node.operation.operands { readers[operand.index] += 1 }
            if let enable = enables[index] ?? nil { readers[enable.index] += 1 }
            if let driver = module.drivers[NodeID(index)], module.nodes.indices.contains(driver.index) {
                readers[driver.index] += 1
                if module.nodes[driver.index].type.width == node.type.width { soleSink[driver.index] = index }
            }
        }
        var inlined = Array(repeating: false, count: module.nodes.count)
        for (index, node) in module.nodes.enumerated() where live[index] && SignalUsage.isTemporary(node) {
            if case .constant = node.operation { continue }
            inlined[index] = readers[index] == 1 && soleSink[index] >= 0
        }
        self.inlined = inlined
    }

    /// `inlined[n]`: temporary `n` is printed inside the assignment of the one sink it drives.
    var inlined: [Bool]

    /// An unnamed expression: printed only when something reads it.
    static func isTemporary(_ node: Node) -> Bool {
        guard node.name == nil else { return false }
        switch node.operation {
        case .constant, .unary, .binary, .mux, .slice, .concat, .resize, .reinterpret: return true
        case .input, .wire, .output, .register, .instancePort, .memoryPort: return false
        }
    }

    /// Records that bits `low…high` of `id` (of `width` bits) are read.
    mutating func read(_ id: NodeID, low: Int, high: Int, width: Int) {
        guard !fullyRead[id.index] else { return }
        if low <= 0 && high >= width - 1 {
            fullyRead[id.index] = true
            partlyRead[id.index] = nil
            return
        }
        var bits = partlyRead[id.index] ?? Array(repeating: false, count: width)
        for bit in max(low, 0)...min(high, width - 1) { bits[bit] = true }
        if bits.allSatisfy({ $0 }) {
            fullyRead[id.index] = true
            partlyRead[id.index] = nil
        } else {
            partlyRead[id.index] = bits
        }
    }

    /// The bits of `id` nothing reads, as `hi:lo` ranges from the most significant, or nil when
    /// every bit is read. `["all"]` when none is read.
    func unreadBits(_ id: NodeID, width: Int) -> [String]? {
        if fullyRead[id.index] { return nil }
        guard let bits = partlyRead[id.index] else { return ["all"] }
        var ranges: [String] = []
        var bit = width - 1
        while bit >= 0 {
            guard !bits[bit] else { bit -= 1; continue }
            let high = bit
            while bit >= 0 && !bits[bit] { bit -= 1 }
            let low = bit + 1
            ranges.append(high == low ? "\(high)" : "\(high):\(low)")
        }
        return ranges
    }
}
