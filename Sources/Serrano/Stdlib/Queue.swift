import SerranoIR

/// A first-in first-out queue of `depth` entries with ready/valid on both sides.
///
/// `enq` accepts while the queue is not full; `deq` offers the oldest entry while it is not
/// empty; `count` says how many entries it holds. Enqueue and dequeue may happen in the same
/// cycle. Entries live in registers (a queue deep enough to want an SRAM should use `memory`).
public struct Queue: Module {
    public let type: HardwareType
    public let depth: Int

    public init(_ type: HardwareType, depth: Int) {
        self.type = type
        self.depth = depth
    }

    public struct Ports {
        public let enq: ReadyValid
        public let deq: ReadyValid
        public let count: Signal
    }

    public var moduleName: String { "Queue_\(type.isSigned ? "s" : "u")\(type.width)_d\(depth)" }

    var countWidth: Int { BitVector.minimumWidth(of: max(depth, 1), signed: false) }

    public func ports(_ p: PortBuilder) -> Ports {
        Ports(enq: ReadyValid.consumer(p, "enq", type),
              deq: ReadyValid.producer(p, "deq", type),
              count: p.output("count", .uint(countWidth)))
    }

    public func build(_ io: Ports, _ c: Circuit) {
        guard depth >= 2 else {
            c.diagnose(.invalidArgument, "a Queue needs a depth of at least 2, got \(depth)",
                       hint: "use a register (`regNext`) for one entry", at: c.module.location)
            return
        }
        let entries = c.regs("entry", count: depth, type)
        let head = c.counter("head", limit: depth, enable: io.deq.fire)
        let tail = c.counter("tail", limit: depth, enable: io.enq.fire)
        let count = c.reg("occupancy", .uint(countWidth), reset: 0)

        c.when(io.enq.fire) { c.assign(entries, at: tail.value, io.enq.bits) }
        c.when(io.enq.fire && !io.deq.fire) {
            count.assign(count &+ 1)
        }.elseWhen(io.deq.fire && !io.enq.fire) {
            count.assign(count &- 1)
        }

        io.enq.ready.assign(count .!= depth)
        io.deq.valid.assign(count .!= 0)
        io.deq.bits.assign(c.select(entries, at: head.value))
        io.count.assign(count)
    }
}
