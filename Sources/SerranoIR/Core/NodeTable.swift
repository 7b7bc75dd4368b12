/// A value per node of one module, stored densely by node index: what `IRModule.drivers` and
/// `driverLocations` hold. Reads like a dictionary keyed by `NodeID` (subscript get and set,
/// `for (node, value) in table`), without hashing: on a 256×256 array the passes and the
/// printer looked drivers up millions of times, and the hashing was a tenth of the run.
/// Iteration is in node order (deterministic, unlike a dictionary's).
public struct NodeTable<Value>: Sequence {
    private var slots: [Value?] = []
    /// How many nodes have a value.
    public private(set) var count = 0

    public init() {}

    public var isEmpty: Bool { count == 0 }

    /// Room for nodes `0..<nodeCount` without growing.
    public mutating func reserveCapacity(_ nodeCount: Int) {
        if slots.count < nodeCount { slots.append(contentsOf: repeatElement(nil, count: nodeCount - slots.count)) }
    }

    public subscript(node: NodeID) -> Value? {
        get { slots.indices.contains(node.index) ? slots[node.index] : nil }
        set {
            guard node.index >= 0 else { return }
            if node.index >= slots.count {
                guard newValue != nil else { return }
                slots.append(contentsOf: repeatElement(nil, count: node.index + 1 - slots.count))
            }
            if slots[node.index] == nil, newValue != nil { count += 1 }
            if slots[node.index] != nil, newValue == nil { count -= 1 }
            slots[node.index] = newValue
        }
    }

    /// The nodes that have a value, in order.
    public var keys: [NodeID] { slots.indices.filter { slots[$0] != nil }.map(NodeID.init) }

    public struct Iterator: IteratorProtocol {
        fileprivate let slots: [Value?]
        fileprivate var index = 0

        public mutating func next() -> (key: NodeID, value: Value)? {
            while index < slots.count {
                defer { index += 1 }
                if let value = slots[index] { return (NodeID(index), value) }
            }
            return nil
        }
    }

    public func makeIterator() -> Iterator { Iterator(slots: slots) }
}

extension NodeTable: ExpressibleByDictionaryLiteral {
    public init(dictionaryLiteral elements: (NodeID, Value)...) {
        for (node, value) in elements { self[node] = value }
    }
}

extension NodeTable: Equatable where Value: Equatable {
    public static func == (a: NodeTable, b: NodeTable) -> Bool {
        a.count == b.count && a.allSatisfy { b[$0.key] == $0.value }
    }
}

extension NodeTable: Hashable where Value: Hashable {
    public func hash(into hasher: inout Hasher) {
        for (node, value) in self {
            hasher.combine(node)
            hasher.combine(value)
        }
    }
}

extension NodeTable: Sendable where Value: Sendable {}
