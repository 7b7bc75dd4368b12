import SerranoSim

/// Runs a matrix product on a weight-stationary systolic array simulation, on any backend: the
/// DSL example (`SerranoExamples.SystolicArray`, one port per lane) or a hand-written Verilog
/// array whose lanes are packed into buses (SerranoSimTests' `systolic_array.v` fixture).
///
/// Computes `activations` (M × rows, int8) · `weights` (rows × columns, int8) → M × columns
/// int32 sums. Weights are shifted in from the top, last row first, in `rows` cycles with the
/// load signal high; then row r's activations enter skewed by r cycles, and column c's sums
/// leave the bottom `rows - 1 + c` cycles after their vector entered — the driver undoes both
/// skews.
public struct SystolicArrayDriver {
    /// The names of the array's ports.
    public struct Ports: Sendable, Hashable {
        public enum Lanes: Sendable, Hashable {
            /// One port per lane: `<activation>_0`, `<activation>_1`, … (and so for weights
            /// and sums).
            case perLane(activation: String, weight: String, sum: String)
            /// Every lane in one bus, lane 0 in the low bits: 8-bit activation and weight lanes;
            /// each sum lane is the sum bus's width over `columns` bits.
            case packed(activations: String, weights: String, sums: String)
        }

        public var loadWeights: String
        public var lanes: Lanes

        public init(loadWeights: String, lanes: Lanes) {
            self.loadWeights = loadWeights
            self.lanes = lanes
        }

        /// The DSL example's ports: `loadWeight`, `activation_i`, `weight_j`, `sum_j`.
        public static let example = Ports(loadWeights: "loadWeight", lanes: .perLane(activation: "activation", weight: "weight", sum: "sum"))
        /// Packed buses: `load_weights`, `activations_in`, `weights_in`, `sums_out`.
        public static let packed = Ports(loadWeights: "load_weights",
                                         lanes: .packed(activations: "activations_in", weights: "weights_in", sums: "sums_out"))
    }

    /// What went wrong driving the array: shapes or ports that do not fit it.
    public struct ShapeError: Error, CustomStringConvertible {
        public let description: String
    }

    private enum Handles {
        case perLane(activations: [PortHandle], weights: [PortHandle], sums: [PortHandle])
        case packed(activations: PortHandle, weights: PortHandle, sums: PortHandle, sumLaneWidth: Int)
    }

    public let rows: Int
    public let columns: Int
    private let loadWeights: PortHandle
    private let handles: Handles
    let simulator: any Simulator

    public init(_ simulator: any Simulator, rows: Int, columns: Int, ports: Ports = .example) throws {
        guard rows >= 1, columns >= 1 else { throw ShapeError(description: "an array has at least 1 row and 1 column, not \(rows)×\(columns)") }
        self.simulator = simulator
        self.rows = rows
        self.columns = columns
        loadWeights = try simulator.port(ports.loadWeights)
        switch ports.lanes {
        case .perLane(let activation, let weight, let sum):
            handles = .perLane(activations: try (0..<rows).map { try simulator.port("\(activation)_\($0)") },
                               weights: try (0..<columns).map { try simulator.port("\(weight)_\($0)") },
                               sums: try (0..<columns).map { try simulator.port("\(sum)_\($0)") })
        case .packed(let activations, let weights, let sums):
            let activationBus = try simulator.port(activations), weightBus = try simulator.port(weights)
            let sumBus = try simulator.port(sums)
            guard activationBus.width == 8 * rows, weightBus.width == 8 * columns, sumBus.width % columns == 0,
                  (1...64).contains(sumBus.width / columns) else {
                throw ShapeError(description: "ports \(activations) (\(activationBus.width) bits), \(weights) (\(weightBus.width) bits) "
                                 + "and \(sums) (\(sumBus.width) bits) do not hold \(rows) and \(columns) lanes")
            }
            handles = .packed(activations: activationBus, weights: weightBus, sums: sumBus, sumLaneWidth: sumBus.width / columns)
        }
    }

    /// Clock cycles `streamCycle` runs for `vectors` activation rows.
    public func streamCycles(vectors: Int) -> Int { vectors + rows + columns - 2 }

    /// Clock cycles `multiply` takes for `vectors` activation rows (reset and weights included).
    public func cycles(vectors: Int) -> Int { 1 + rows + streamCycles(vectors: vectors) }

    /// Loads `weights` (rows × columns; row i into array row i): `rows` cycles with the load
    /// signal high, then the weight lanes back at zero.
    public func load(weights: [[Int8]]) throws {
        guard weights.count == rows, weights.allSatisfy({ $0.count == columns }) else {
            throw ShapeError(description: "weights must be \(rows)×\(columns)")
        }
        try simulator.poke(loadWeights, 1)
        for step in 0..<rows {
            try poke(weights: weights[rows - 1 - step])
            try simulator.step(1)
        }
        try simulator.poke(loadWeights, 0)
        try poke(weights: Array(repeating: 0, count: columns))
    }

    /// Stream cycle `step` of `activations` (M × rows): pokes the skewed lanes, steps, and
    /// stores every sum that leaves the array in `results` (M × columns).
    public func streamCycle(_ step: Int, activations: [[Int8]], results: inout [[Int32]]) throws {
        guard activations.allSatisfy({ $0.count == rows }) else {
            throw ShapeError(description: "every activation vector must have \(rows) elements")
        }
        let vectors = activations.count
        let lanes: [Int8] = (0..<rows).map { row in (0..<vectors).contains(step - row) ? activations[step - row][row] : 0 }
        try poke(activations: lanes)
        try simulator.step(1)
        let sums = try peekSums()
        for column in 0..<columns {
            let vector = step - (rows - 1) - column
            guard (0..<vectors).contains(vector), results.indices.contains(vector), results[vector].indices.contains(column) else { continue }
            results[vector][column] = sums[column]
        }
    }

    /// Loads `weights`, streams `activations` through and returns the sums; resets the array
    /// first unless `reset` is false (new weights replace old ones without a reset).
    public func multiply(_ activations: [[Int8]], _ weights: [[Int8]], reset: Bool = true) throws -> [[Int32]] {
        guard weights.count == rows, weights.allSatisfy({ $0.count == columns }) else {
            throw ShapeError(description: "weights must be \(rows)×\(columns)")
        }
        guard activations.allSatisfy({ $0.count == rows }) else {
            throw ShapeError(description: "every activation vector must have \(rows) elements")
        }
        if reset { try simulator.reset(cycles: 1) }
        try load(weights: weights)
        var sums = Array(repeating: Array(repeating: Int32(0), count: columns), count: activations.count)
        for step in 0..<streamCycles(vectors: activations.count) {
            try streamCycle(step, activations: activations, results: &sums)
        }
        return sums
    }

    // MARK: Lanes

    private func poke(activations lanes: [Int8]) throws {
        switch handles {
        case .perLane(let ports, _, _):
            for (port, value) in zip(ports, lanes) { try simulator.poke(port, signed: Int64(value)) }
        case .packed(let port, _, _, _):
            try simulator.poke(port, try Self.pack(lanes, into: port.width))
        }
    }

    private func poke(weights lanes: [Int8]) throws {
        switch handles {
        case .perLane(_, let ports, _):
            for (port, value) in zip(ports, lanes) { try simulator.poke(port, signed: Int64(value)) }
        case .packed(_, let port, _, _):
            try simulator.poke(port, try Self.pack(lanes, into: port.width))
        }
    }

    private func peekSums() throws -> [Int32] {
        switch handles {
        case .perLane(_, _, let ports):
            return try ports.map { Int32(truncatingIfNeeded: try simulator.peekSigned($0)) }
        case .packed(_, _, let port, let laneWidth):
            let bits = try simulator.peekBits(port)
            return (0..<columns).map { Int32(truncatingIfNeeded: Self.signedLane(bits, $0, width: laneWidth)) }
        }
    }

    /// Signed 8-bit lanes packed into a `width`-bit value, lane 0 in the low bits.
    static func pack(_ lanes: [Int8], into width: Int) throws -> BitVector {
        var words = [UInt64](repeating: 0, count: (width + 63) / 64)
        for (index, lane) in lanes.enumerated() where (index + 1) * 8 <= width {
            let offset = index * 8
            words[offset / 64] |= UInt64(UInt8(bitPattern: lane)) << UInt64(offset % 64)
        }
        return try BitVector.checked(width: width, words: words)
    }

    /// Lane `lane` (`width` ≤ 64 bits) of `value`, sign-extended.
    static func signedLane(_ value: BitVector, _ lane: Int, width: Int) -> Int64 {
        var bits: UInt64 = 0
        for bit in 0..<width {
            let position = lane * width + bit
            let word = position / 64
            guard value.words.indices.contains(word) else { break }
            bits |= ((value.words[word] >> UInt64(position % 64)) & 1) << UInt64(bit)
        }
        let shift = UInt64(64 - width)
        return Int64(bitPattern: bits << shift) >> Int64(shift)
    }
}
