import SerranoIR
import Testing

/// `NodeTable`: a dictionary keyed by node, stored densely, iterated in node order.
@Suite struct NodeTableTests {
    @Test("set, read, overwrite and remove values; count follows")
    func readsLikeADictionary() {
        var table = NodeTable<NodeID>()
        #expect(table.isEmpty && table[NodeID(5)] == nil)
        table[NodeID(5)] = NodeID(1)
        table[NodeID(2)] = NodeID(9)
        table[NodeID(5)] = NodeID(3)
        #expect(table.count == 2)
        #expect(table[NodeID(5)] == NodeID(3) && table[NodeID(2)] == NodeID(9) && table[NodeID(4)] == nil)
        table[NodeID(2)] = nil
        table[NodeID(100)] = nil  // removing what is not there changes nothing
        #expect(table.count == 1 && table[NodeID(2)] == nil)
        #expect(table[NodeID(-1)] == nil)
    }

    @Test("iteration is in node order, whatever the order of writes; equality ignores capacity")
    func nodeOrderAndEquality() {
        var table = NodeTable<String>()
        for index in [7, 0, 3, 12] { table[NodeID(index)] = "n\(index)" }
        #expect(table.map(\.key) == [NodeID(0), NodeID(3), NodeID(7), NodeID(12)])
        #expect(table.keys == table.map(\.key))
        var other: NodeTable<String> = [NodeID(12): "n12", NodeID(3): "n3", NodeID(7): "n7", NodeID(0): "n0"]
        other.reserveCapacity(1000)
        #expect(table == other)
        other[NodeID(3)] = "changed"
        #expect(table != other)
    }
}
