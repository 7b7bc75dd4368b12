import SerranoSim

/// Runs a matrix product on a `SystolicArray` simulation, on any backend.
///
/// Computes `activations` (M × rows, int8) · `weights` (rows × columns, int8) → M × columns
/// int32 sums. Weights are shifted in from the top, last row first, in `rows` cycles; then
/// row r's activations enter skewed by r cycles, and column c's sums leave the bottom
/// `rows - 1 + c` cycles after their vector entered — the driver undoes both skews.
public struct SystolicArrayDriver {
    public let rows: Int
    public let columns: Int
    let activationPorts: [PortHandle]
    let weightPorts: [PortHandle]
    let sumPorts: [PortHandle]
    let loadWeight: PortHandle
    let simulator: any Simulator

    /// What went wrong driving the array: shapes that do not fit it.
    public struct ShapeError: Error, CustomStringConvertible {
        public let description: String
    }

    public init(_ simulator: any Simulator, rows: Int, columns: Int) throws {
        self.simulator = simulator
        self.rows = rows
        self.columns = columns
        activationPorts = try (0..<rows).map { try simulator.port("activation_\($0)") }
        weightPorts = try (0..<columns).map { try simulator.port("weight_\($0)") }
        sumPorts = try (0..<columns).map { try simulator.port("sum_\($0)") }
        loadWeight = try simulator.port("loadWeight")
    }

    /// Clock cycles `multiply` takes for `vectors` activation rows (reset and weights included).
    public func cycles(vectors: Int) -> Int { 1 + rows + vectors + rows + columns - 2 }

    /// Resets the array, loads `weights`, streams `activations` through and returns the sums.
    public func multiply(_ activations: [[Int8]], _ weights: [[Int8]]) throws -> [[Int32]] {
        guard weights.count == rows, weights.allSatisfy({ $0.count == columns }) else {
            throw ShapeError(description: "weights must be \(rows)×\(columns)")
        }
        guard activations.allSatisfy({ $0.count == rows }) else {
            throw ShapeError(description: "every activation vector must have \(rows) elements")
        }
        try simulator.reset(cycles: 1)
        try simulator.poke(loadWeight, 1)
        for step in 0..<rows {
            for column in 0..<columns {
                try simulator.poke(weightPorts[column], signed: Int64(weights[rows - 1 - step][column]))
            }
            try simulator.step(1)
        }
        try simulator.poke(loadWeight, 0)

        let vectors = activations.count
        var sums = Array(repeating: Array(repeating: Int32(0), count: columns), count: vectors)
        let steps = vectors + rows + columns - 2
        for step in 0..<steps {
            for row in 0..<rows {
                let vector = step - row
                let value: Int8 = (0..<vectors).contains(vector) ? activations[vector][row] : 0
                try simulator.poke(activationPorts[row], signed: Int64(value))
            }
            try simulator.step(1)
            for column in 0..<columns {
                let vector = step - (rows - 1) - column
                guard (0..<vectors).contains(vector) else { continue }
                sums[vector][column] = Int32(truncatingIfNeeded: try simulator.peekSigned(sumPorts[column]))
            }
        }
        return sums
    }
}
