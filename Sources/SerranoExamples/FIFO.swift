import Serrano

/// One entry of the example FIFO: a byte of a packet and whether it is the packet's last.
public struct PacketByte: Aggregate {
    public var data: Signal
    public var last: Signal

    public init(_ f: Fields) {
        data = f.field("data", .uint(8))
        last = f.field("last", .bool)
    }
}

/// The standard library's queue as a top-level design: `PacketByte` entries, 4 deep. The
/// ports keep the fields' names: `enq_data`, `enq_last`, `deq_data`, `deq_last`.
public struct FIFOExample: Module {
    public let depth: Int
    public init(depth: Int = 4) { self.depth = depth }

    public var moduleName: String { "FIFO" }

    public func ports(_ p: PortBuilder) -> StreamQueue<PacketByte>.Ports {
        StreamQueue(PacketByte.self, depth: depth).ports(p)
    }

    public func build(_ io: StreamQueue<PacketByte>.Ports, _ c: Circuit) {
        let queue = c.instance(StreamQueue(PacketByte.self, depth: depth), "queue")
        c.connect(queue.enq, io.enq)
        c.connect(io.deq, queue.deq)
        io.count.assign(queue.count)
    }
}
