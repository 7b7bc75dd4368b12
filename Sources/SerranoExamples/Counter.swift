import Serrano

/// An up-counter with enable that wraps at `limit` and flags the wrap.
public struct CounterExample: Module {
    public let limit: Int
    public init(limit: Int = 10) { self.limit = limit }

    public struct Ports {
        public let enable: Signal
        public let count: Signal
        public let wrapped: Signal
    }

    public var moduleName: String { "Counter" }

    var width: Int { BitVector.minimumWidth(of: max(limit - 1, 1), signed: false) }

    public func ports(_ p: PortBuilder) -> Ports {
        Ports(enable: p.input("enable", .bool),
              count: p.output("count", .uint(width)),
              wrapped: p.output("wrapped", .bool))
    }

    public func build(_ io: Ports, _ c: Circuit) {
        let counter = c.counter("value", limit: limit, enable: io.enable)
        io.count.assign(counter.value)
        io.wrapped.assign(counter.wraps)
    }
}
