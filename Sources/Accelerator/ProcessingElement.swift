import Serrano

/// One multiply–accumulate cell of the weight-stationary array.
///
/// Two weight registers make the weights double-buffered: `shadowWeight` loads the next tile
/// (`shadowWrite`) while `activeWeight` serves the current one. The flip to the new tile travels
/// with the first activation of the next COMPUTE (`flipIn`), so each cell switches exactly when
/// that vector reaches it and vectors still in flight keep their weights.
/// Activations flow right and partial sums down, one register each; the sum wraps at 32 bits
/// like the int32 accumulators of the golden model.
public struct ProcessingElement: Module {
    /// False only in the `peWeightNotEnabled` mutant: the shadow weight never loads.
    public let weightLoads: Bool

    public init(weightLoads: Bool = true) { self.weightLoads = weightLoads }

    public struct Ports {
        public let activationIn: Signal
        public let flipIn: Signal
        public let sumIn: Signal
        public let shadowWrite: Signal
        public let shadowIn: Signal
        public let activationOut: Signal
        public let flipOut: Signal
        public let sumOut: Signal
    }

    public var moduleName: String { weightLoads ? "ProcessingElement" : "ProcessingElement_mutant_peWeightNotEnabled" }

    public func ports(_ p: PortBuilder) -> Ports {
        Ports(activationIn: p.input("activationIn", .sint(Widths.operand)),
              flipIn: p.input("flipIn", .bool),
              sumIn: p.input("sumIn", .sint(Widths.accumulator)),
              shadowWrite: p.input("shadowWrite", .bool),
              shadowIn: p.input("shadowIn", .sint(Widths.operand)),
              activationOut: p.output("activationOut", .sint(Widths.operand)),
              flipOut: p.output("flipOut", .bool),
              sumOut: p.output("sumOut", .sint(Widths.accumulator)))
    }

    public func build(_ io: Ports, _ c: Circuit) {
        let shadow = c.reg("shadowWeight", .sint(Widths.operand), reset: 0, enable: weightLoads ? io.shadowWrite : c.constant(0, .bool))
        shadow.assign(io.shadowIn)
        let active = c.reg("activeWeight", .sint(Widths.operand), reset: 0, enable: io.flipIn)
        active.assign(shadow)
        let weight = mux(io.flipIn, shadow, active).named("weight")
        let product = (io.activationIn * weight).named("product")
        io.sumOut.assign(c.regNext(io.sumIn &+ product.signExtended(to: Widths.accumulator), "sum", reset: 0))
        io.activationOut.assign(c.regNext(io.activationIn, "activation", reset: 0))
        io.flipOut.assign(c.regNext(io.flipIn, "flip", reset: 0))
    }
}
