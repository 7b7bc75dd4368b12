import Serrano

/// The rows × columns grid of `ProcessingElement`s, with its input skew and output de-skew in
/// hardware: a whole input vector goes in on one cycle and its whole result vector comes out on
/// one cycle, `latency` cycles later, together with the `tag` that went in with it.
///
/// Weights: while `weightWrite` is high, PE row `weightRow` loads `weights` (one per column)
/// into its shadow registers. `flip` on an input vector makes that vector and every later one use
/// the shadow weights (see `ProcessingElement`). Weight writes reach column c c cycles late, like
/// the activations, so a PRELOAD may start on the cycle after the flip entered: every PE flips
/// before its shadow register is written again.
public struct SystolicArray: Module {
    public let rows: Int
    public let columns: Int
    public let tagWidth: Int
    public let mutation: Mutation?

    public init(rows: Int, columns: Int, tagWidth: Int, mutation: Mutation? = nil) {
        self.rows = rows
        self.columns = columns
        self.tagWidth = tagWidth
        self.mutation = mutation
    }

    /// Cycles from an input vector to its result vector.
    public var latency: Int { rows + columns - 1 }

    public struct Ports {
        public let vector: [Signal]
        public let vectorValid: Signal
        public let flip: Signal
        public let tagIn: Signal
        public let weightWrite: Signal
        public let weightRow: Signal
        public let weights: [Signal]
        public let results: [Signal]
        public let resultValid: Signal
        public let tagOut: Signal
    }

    public var moduleName: String {
        "SystolicArray_\(rows)x\(columns)_tag\(tagWidth)" + Mutation.suffix(mutation, affects: [.peWeightNotEnabled, .skewRegisterMissing])
    }

    public func ports(_ p: PortBuilder) -> Ports {
        Ports(vector: p.inputs("vector", count: rows, .sint(Widths.operand)),
              vectorValid: p.input("vectorValid", .bool),
              flip: p.input("flip", .bool),
              tagIn: p.input("tagIn", .uint(tagWidth)),
              weightWrite: p.input("weightWrite", .bool),
              weightRow: p.input("weightRow", .uint(Widths.index(rows))),
              weights: p.inputs("weight", count: columns, .sint(Widths.operand)),
              results: p.outputs("result", count: columns, .sint(Widths.accumulator)),
              resultValid: p.output("resultValid", .bool),
              tagOut: p.output("tagOut", .uint(tagWidth)))
    }

    public func build(_ io: Ports, _ c: Circuit) {
        let zero = c.constant(0, .sint(Widths.operand))
        // Input skew: row k's element and the flip marker enter the grid k cycles late.
        var activations: [Signal] = []
        var flips: [Signal] = []
        for k in 0..<rows {
            var value = mux(io.vectorValid, io.vector[k], zero)
            var flip = io.flip && io.vectorValid
            let skew = mutation == .skewRegisterMissing && k == 1 ? 0 : k
            for stage in 0..<skew {
                value = c.regNext(value, "skew_\(k)_\(stage)", reset: 0)
                flip = c.regNext(flip, "skewFlip_\(k)_\(stage)", reset: 0)
            }
            activations.append(value)
            flips.append(flip)
        }
        // Weight writes, skewed by column like the activations.
        var weightWrite = io.weightWrite, weightRow = io.weightRow
        var writes: [(write: Signal, row: Signal, value: Signal)] = []
        for column in 0..<columns {
            var value = io.weights[column]
            for stage in 0..<column {
                value = c.regNext(value, "weightSkew_\(column)_\(stage)", reset: 0)
            }
            writes.append((weightWrite, weightRow, value))
            weightWrite = c.regNext(weightWrite, "weightWriteSkew_\(column)", reset: 0)
            weightRow = c.regNext(weightRow, "weightRowSkew_\(column)", reset: 0)
        }
        // The grid: activations right, partial sums down.
        var sums = Array(repeating: c.constant(0, .sint(Widths.accumulator)), count: columns)
        for k in 0..<rows {
            for column in 0..<columns {
                let broken = mutation == .peWeightNotEnabled && k == 0 && column == 0
                let pe = c.instance(ProcessingElement(weightLoads: !broken), "pe_\(k)_\(column)")
                pe.activationIn.assign(activations[k])
                pe.flipIn.assign(flips[k])
                pe.sumIn.assign(sums[column])
                pe.shadowWrite.assign(writes[column].write && writes[column].row .== k)
                pe.shadowIn.assign(writes[column].value)
                activations[k] = pe.activationOut
                flips[k] = pe.flipOut
                sums[column] = pe.sumOut
            }
        }
        // Output de-skew: column c's sum leaves c cycles after column 0's; delay the others.
        for column in 0..<columns {
            var value = sums[column]
            for stage in 0..<(columns - 1 - column) {
                value = c.regNext(value, "deskew_\(column)_\(stage)", reset: 0)
            }
            io.results[column].assign(value)
        }
        var valid = io.vectorValid
        var tag = io.tagIn
        for stage in 0..<latency {
            valid = c.regNext(valid, "valid_\(stage)", reset: 0)
            tag = c.regNext(tag, "tag_\(stage)", reset: 0)
        }
        io.resultValid.assign(valid)
        io.tagOut.assign(tag)
    }
}
