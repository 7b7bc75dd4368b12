import Serrano

/// The standard library's `Queue` as a top-level design: 8-bit entries, 4 deep.
public struct FIFOExample: Module {
    public let depth: Int
    public init(depth: Int = 4) { self.depth = depth }

    public var moduleName: String { "FIFO" }

    public func ports(_ p: PortBuilder) -> Queue.Ports { Queue(.uint(8), depth: depth).ports(p) }

    public func build(_ io: Queue.Ports, _ c: Circuit) {
        let queue = c.instance(Queue(.uint(8), depth: depth), "queue")
        queue.enq.valid.assign(io.enq.valid)
        queue.enq.bits.assign(io.enq.bits)
        io.enq.ready.assign(queue.enq.ready)
        io.deq.valid.assign(queue.deq.valid)
        io.deq.bits.assign(queue.deq.bits)
        queue.deq.ready.assign(io.deq.ready)
        io.count.assign(queue.count)
    }
}
