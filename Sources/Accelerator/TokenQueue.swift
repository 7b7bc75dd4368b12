import Serrano

/// A dependency-token queue between two execution units (tokens carry no data, so the queue is
/// a counter), with reservations for a producer that checks for room when it starts an
/// instruction and pushes when the instruction completes.
///
/// `room` is high while tokens plus reservations are fewer than `depth`; `available` while a
/// token can be popped. `reserve` and `push` come from the producer (a push consumes a
/// reservation), `pop` from the consumer.
public struct TokenQueue: Module {
    public let depth: Int

    public init(depth: Int) { self.depth = depth }

    public struct Ports {
        public let reserve: Signal
        public let push: Signal
        public let pop: Signal
        public let available: Signal
        public let room: Signal
        public let count: Signal
    }

    public var moduleName: String { "TokenQueue_d\(depth)" }

    public func ports(_ p: PortBuilder) -> Ports {
        Ports(reserve: p.input("reserve", .bool), push: p.input("push", .bool), pop: p.input("pop", .bool),
              available: p.output("available", .bool), room: p.output("room", .bool),
              count: p.output("count", .uint(Widths.count(depth))))
    }

    public func build(_ io: Ports, _ c: Circuit) {
        let width = Widths.count(depth)
        let tokens = c.reg("tokens", .uint(width), reset: 0)
        let reserved = c.reg("reserved", .uint(width), reset: 0)
        c.when(io.push && !io.pop) { tokens.assign(tokens &+ 1) }
            .elseWhen(io.pop && !io.push) { tokens.assign(tokens &- 1) }
        c.when(io.reserve && !io.push) { reserved.assign(reserved &+ 1) }
            .elseWhen(io.push && !io.reserve) { reserved.assign(reserved &- 1) }
        io.available.assign(tokens .!= 0)
        io.room.assign((tokens + reserved) .< depth)
        io.count.assign(tokens)
    }
}
