import Testing
import SerranoIR

/// Passes run on netlists built by hand, without the DSL.
@Suite("Legalization")
struct LegalizationTests {
    let here = SourceLocation(fileID: "Test/Hand.swift", line: 1)

    /// `y = a + b` (UInt(8) + UInt(8) → UInt(9)) with the result truncated or not.
    func adder(resultWidth: Int) -> IRModule {
        var builder = IRBuilder(name: "Adder", location: here)
        let a = builder.input("a", .uint(8), at: here)
        let b = builder.input("b", .uint(8), at: here)
        let y = builder.output("y", .uint(resultWidth), at: here)
        let line7 = SourceLocation(fileID: "Test/Hand.swift", line: 7)
        let sum = builder.add(.binary(.add, a, b), .uint(9), at: line7)
        builder.connect(y, sum, at: line7)
        return builder.module
    }

    @Test("a legal module gets drivers and a name for every node")
    func legal() throws {
        let design = try Legalization.run(Design(modules: [adder(resultWidth: 9)], topName: "Adder")).get()
        let top = try #require(design.top)
        #expect(top.drivers[NodeID(2)] == NodeID(3))
        #expect(top.legalNames == ["a", "b", "y", "_a_add"])
    }

    @Test("a wider driver is extended with a resize node")
    func widening() throws {
        let design = try Legalization.run(Design(modules: [adder(resultWidth: 12)], topName: "Adder")).get()
        let top = try #require(design.top)
        let driver = try #require(top.drivers[NodeID(2)])
        #expect(top[driver].operation == .resize(NodeID(3)))
        #expect(top[driver].type == .uint(12))
    }

    @Test("a narrower target is an error naming the dropped bit")
    func narrowing() {
        let result = Legalization.run(Design(modules: [adder(resultWidth: 8)], topName: "Adder"))
        guard case .failure(let error) = result else {
            Issue.record("expected a failure")
            return
        }
        #expect(error.diagnostics.map(\.description) == [
            "Hand.swift:7: error: connecting a 9-bit value to 'y' (8 bits) would drop bit 8\n  hint: widen 'y', or write `.truncated(to: 8)` if dropping it is intended",
        ])
        #expect(error.description.hasSuffix("1 error; no Verilog written"))
    }

    @Test("an instance of a module that does not exist is reported")
    func unknownModule() {
        var parent = IRModule(name: "Parent", location: here)
        parent.instances.append(Instance(name: "ghost", moduleName: "Nowhere", location: here, portNodes: []))
        let result = Legalization.run(Design(modules: [parent], topName: "Parent"))
        guard case .failure(let error) = result else {
            Issue.record("expected a failure")
            return
        }
        #expect(error.diagnostics.map(\.message) == ["instance 'ghost' refers to unknown module 'Nowhere'"])
    }

    @Test("Tarjan finds a self-loop and a three-node loop, deep graphs do not overflow")
    func cycles() {
        var module = IRModule(name: "Loops", location: here)
        // A chain of 200 000 wires (deep enough to overflow a recursive search), then a loop.
        var previous = module.add(Node(.constant(BitVector(width: 1)), type: .bool, location: here))
        for _ in 0..<200_000 {
            let wire = module.add(Node(.wire, type: .bool, location: here))
            module.drivers[wire] = previous
            previous = wire
        }
        let x = module.add(Node(.wire, type: .bool, name: "x", location: here))
        let y = module.add(Node(.unary(.not, x), type: .bool, location: here))
        let z = module.add(Node(.wire, type: .bool, name: "z", location: here))
        module.drivers[z] = y
        module.drivers[x] = z
        let selfLoop = module.add(Node(.wire, type: .bool, name: "s", location: here))
        module.drivers[selfLoop] = selfLoop
        let cycles = CombinationalGraph(module, childPaths: [:]).cycles()
        #expect(cycles.count == 2)
        #expect(cycles.contains([selfLoop.index]))
        #expect(cycles.contains { Set($0) == Set([x.index, y.index, z.index]) })
    }
}
