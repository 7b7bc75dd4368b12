import Serrano

/// One int8 multiply–accumulate cell of a weight-stationary systolic array.
///
/// Weights shift down the column while `loadWeight` is high; activations flow left to right and
/// partial sums top to bottom, each through one register, so neighbouring cells talk only to
/// each other. The accumulator wraps at `accWidth` bits, as int32 accumulators do.
public struct ProcessingElement: Module {
    public let accWidth: Int
    public init(accWidth: Int = 32) { self.accWidth = accWidth }

    public struct Ports {
        public let activationIn: Signal
        public let weightIn: Signal
        public let sumIn: Signal
        public let loadWeight: Signal
        public let activationOut: Signal
        public let weightOut: Signal
        public let sumOut: Signal
    }

    public func ports(_ p: PortBuilder) -> Ports {
        Ports(activationIn: p.input("activationIn", .sint(8)),
              weightIn: p.input("weightIn", .sint(8)),
              sumIn: p.input("sumIn", .sint(accWidth)),
              loadWeight: p.input("loadWeight", .bool),
              activationOut: p.output("activationOut", .sint(8)),
              weightOut: p.output("weightOut", .sint(8)),
              sumOut: p.output("sumOut", .sint(accWidth)))
    }

    public func build(_ io: Ports, _ c: Circuit) {
        let weight = c.reg("weight", .sint(8), reset: 0, enable: io.loadWeight)
        weight.assign(io.weightIn)
        let product = (io.activationIn * weight).named("product")
        io.activationOut.assign(c.regNext(io.activationIn, "activation", reset: 0))
        io.weightOut.assign(weight)
        io.sumOut.assign(c.regNext(io.sumIn &+ product.signExtended(to: accWidth), "sum", reset: 0))
    }
}
