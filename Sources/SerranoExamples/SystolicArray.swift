import Serrano

/// A rows × columns grid of `ProcessingElement`s, weight-stationary.
///
/// Row r's activations enter at the left edge (`activation_r`) and move right one cell per
/// cycle; column c's weights enter at the top (`weight_c`) and shift down while `loadWeight` is
/// high; partial sums start at zero at the top and leave at the bottom (`sum_c`).
public struct SystolicArray: Module {
    public let rows: Int
    public let columns: Int
    public let accWidth: Int

    public init(rows: Int, columns: Int, accWidth: Int = 32) {
        self.rows = rows
        self.columns = columns
        self.accWidth = accWidth
    }

    public struct Ports {
        public let activations: [Signal]
        public let weights: [Signal]
        public let loadWeight: Signal
        public let sums: [Signal]
    }

    public var moduleName: String { "SystolicArray_\(rows)x\(columns)" }

    public func ports(_ p: PortBuilder) -> Ports {
        Ports(activations: p.inputs("activation", count: rows, .sint(8)),
              weights: p.inputs("weight", count: columns, .sint(8)),
              loadWeight: p.input("loadWeight", .bool),
              sums: p.outputs("sum", count: columns, .sint(accWidth)))
    }

    public func build(_ io: Ports, _ c: Circuit) {
        let cell = ProcessingElement(accWidth: accWidth)
        var activations = io.activations
        var weights = io.weights
        var sums = Array(repeating: c.constant(0, .sint(accWidth)), count: columns)
        for row in 0..<rows {
            for column in 0..<columns {
                let pe = c.instance(cell, "pe_\(row)_\(column)")
                pe.activationIn.assign(activations[row])
                pe.weightIn.assign(weights[column])
                pe.sumIn.assign(sums[column])
                pe.loadWeight.assign(io.loadWeight)
                activations[row] = pe.activationOut
                weights[column] = pe.weightOut
                sums[column] = pe.sumOut
            }
        }
        for column in 0..<columns { io.sums[column].assign(sums[column]) }
        _ = activations
    }
}
