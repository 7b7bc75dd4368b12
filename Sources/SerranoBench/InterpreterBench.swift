import Foundation
import SerranoIR
import SerranoSim

/// `make bench`: the IR interpreter's speed in clock cycles per second on a 16×16
/// weight-stationary systolic array of int8 MAC cells (256 instances of one PE module, built
/// directly as IR), and on a batch of 50 random fuzz circuits.
func runInterpreterBench() throws {
    let array = try legalize(SystolicArrayIR.design(size: 16))
    let arraySim = try IRInterpreter(design: array)
    let arrayRate = try cyclesPerSecond(arraySim, seconds: 2)
    print(String(format: "interpreter: 16x16 systolic array (IR, %d instructions per cycle): %.0f cycles/s", arraySim.instructionCount, arrayRate))

    let fuzz = try legalize(RandomCircuitGenerator.design(seed: 1, indices: 0..<50))
    let fuzzSim = try IRInterpreter(design: fuzz)
    let fuzzRate = try cyclesPerSecond(fuzzSim, seconds: 1)
    print(String(format: "interpreter: 50 random fuzz circuits (%d instructions per cycle): %.0f cycles/s", fuzzSim.instructionCount, fuzzRate))
}

private func legalize(_ result: Result<Design, DiagnosticError>) throws -> Design { try result.get() }

/// Runs the design with random inputs poked every cycle for about `seconds`.
private func cyclesPerSecond(_ sim: IRInterpreter, seconds: Double) throws -> Double {
    var random = SeededRandom(seed: 7)
    let inputs = try sim.ports.filter { $0.direction == .input && $0.name != "clock" && $0.name != "reset" }
        .map { try sim.port($0.name) }
    try sim.reset(cycles: 1)
    var cycles = 0
    let start = Date()
    var elapsed = 0.0
    while elapsed < seconds {
        for _ in 0..<100 {
            for input in inputs where input.width <= 64 {
                try sim.poke(input, random.next() & (input.width == 64 ? ~0 : (UInt64(1) << UInt64(input.width)) - 1))
            }
            try sim.step(1)
        }
        cycles += 100
        elapsed = Date().timeIntervalSince(start)
    }
    return Double(cycles) / elapsed
}

/// A weight-stationary systolic array written directly in IR (the DSL's example is the same
/// circuit): activations flow right, weights load downwards, partial sums flow down.
enum SystolicArrayIR {
    private static let location = SerranoIR.SourceLocation(fileID: "SerranoBench/InterpreterBench.swift", line: 1)

    /// Ports: activationIn (SInt 8), weightIn (SInt 8), loadWeight, sumIn (SInt 32) →
    /// activationOut, weightOut, sumOut, each registered.
    static func processingElement() -> IRModule {
        var module = IRModule(name: "pe", location: location)
        func add(_ operation: SerranoIR.Operation, _ type: HardwareType, _ name: String? = nil) -> NodeID {
            module.add(Node(operation, type: type, name: name, location: location))
        }
        func port(_ name: String, _ direction: SerranoIR.Port.Direction, _ type: HardwareType) -> NodeID {
            let index = module.ports.count
            let node = add(direction == .input ? .input(port: index) : .output(port: index), type, name)
            module.ports.append(SerranoIR.Port(name: name, direction: direction, type: type, location: location, node: node))
            return node
        }
        let activationIn = port("activationIn", .input, .sint(8))
        let weightIn = port("weightIn", .input, .sint(8))
        let loadWeight = port("loadWeight", .input, .bool)
        let sumIn = port("sumIn", .input, .sint(32))
        let activationOut = port("activationOut", .output, .sint(8))
        let weightOut = port("weightOut", .output, .sint(8))
        let sumOut = port("sumOut", .output, .sint(32))
        func register(_ name: String, _ type: HardwareType, enable: NodeID?) -> NodeID {
            let node = add(.register(module.registers.count), type, name)
            module.registers.append(Register(node: node, resetValue: SerranoIR.BitVector(width: type.width), enable: enable))
            return node
        }
        let weight = register("weight", .sint(8), enable: loadWeight)
        let activation = register("activation", .sint(8), enable: nil)
        let sum = register("sum", .sint(32), enable: nil)
        let product = add(.binary(.mul, activationIn, weight), .sint(16))
        let widened = add(.resize(product), .sint(32))
        let total = add(.binary(.add, sumIn, widened), .sint(32))
        for (target, value) in [(weight, weightIn), (activation, activationIn), (sum, total),
                                (activationOut, activation), (weightOut, weight), (sumOut, sum)] {
            module.connections.append(Connection(target: target, value: value, block: 0, location: location))
        }
        return module
    }

    static func design(size: Int) -> Result<Design, DiagnosticError> {
        var module = IRModule(name: "systolic_array", location: location)
        func add(_ operation: SerranoIR.Operation, _ type: HardwareType, _ name: String? = nil) -> NodeID {
            module.add(Node(operation, type: type, name: name, location: location))
        }
        func port(_ name: String, _ direction: SerranoIR.Port.Direction, _ type: HardwareType) -> NodeID {
            let index = module.ports.count
            let node = add(direction == .input ? .input(port: index) : .output(port: index), type, name)
            module.ports.append(SerranoIR.Port(name: name, direction: direction, type: type, location: location, node: node))
            return node
        }
        func connect(_ target: NodeID, _ value: NodeID) {
            module.connections.append(Connection(target: target, value: value, block: 0, location: location))
        }
        let loadWeight = port("loadWeight", .input, .bool)
        let activations = (0..<size).map { port("activation\($0)", .input, .sint(8)) }
        let weights = (0..<size).map { port("weight\($0)", .input, .sint(8)) }
        let sums = (0..<size).map { port("sum\($0)", .output, .sint(32)) }
        let zero = add(.constant(SerranoIR.BitVector(width: 32)), .sint(32))
        let pe = processingElement()
        // Per cell: the child's port nodes in the PE's port order.
        var cells: [[[NodeID]]] = []
        for row in 0..<size {
            var cellRow: [[NodeID]] = []
            for column in 0..<size {
                let instance = module.instances.count
                let nodes = pe.ports.enumerated().map { add(.instancePort(instance: instance, port: $0.offset), $0.element.type) }
                module.instances.append(Instance(name: "pe_\(row)_\(column)", moduleName: "pe", location: location, portNodes: nodes))
                cellRow.append(nodes)
            }
            cells.append(cellRow)
        }
        for row in 0..<size {
            for column in 0..<size {
                let cell = cells[row][column]
                connect(cell[0], column == 0 ? activations[row] : cells[row][column - 1][4])
                connect(cell[1], row == 0 ? weights[column] : cells[row - 1][column][5])
                connect(cell[2], loadWeight)
                connect(cell[3], row == 0 ? zero : cells[row - 1][column][6])
            }
        }
        for column in 0..<size { connect(sums[column], cells[size - 1][column][6]) }
        return Legalization.run(Design(modules: [pe, module], topName: "systolic_array"))
    }
}
