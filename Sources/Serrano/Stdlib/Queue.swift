import SerranoIR

/// Where a queue keeps its entries.
public enum QueueStorage: String, Sendable {
    /// One register per entry: an entry can leave the cycle after it arrives (one cycle from
    /// `enq` to `deq`).
    case registers
    /// A 1R1W SRAM of `depth` words (`memory`), plus a two-entry output stage of registers that
    /// hides the SRAM's read latency: full throughput, three cycles from `enq` to `deq`, and room
    /// for `depth + 2` entries in all. For deep queues, where registers would cost too much.
    case sram
}

/// A first-in first-out queue of `depth` entries with ready/valid on both sides.
///
/// `enq` accepts while the queue is not full; `deq` offers the oldest entry while it is not
/// empty; `count` says how many entries it holds. Enqueue and dequeue may happen in the same
/// cycle. For an aggregate payload use `StreamQueue`.
public struct Queue: Module {
    public let type: HardwareType
    public let depth: Int
    public let storage: QueueStorage

    public init(_ type: HardwareType, depth: Int, storage: QueueStorage = .registers) {
        self.type = type
        self.depth = depth
        self.storage = storage
    }

    public struct Ports {
        public let enq: ReadyValid
        public let deq: ReadyValid
        public let count: Signal
    }

    public var moduleName: String {
        "Queue_\(type.isSigned ? "s" : "u")\(type.width)_d\(depth)\(storage == .sram ? "_sram" : "")"
    }

    public func ports(_ p: PortBuilder) -> Ports {
        Ports(enq: ReadyValid.consumer(p, "enq", type),
              deq: ReadyValid.producer(p, "deq", type),
              count: p.output("count", .uint(QueueBody<Signal>.countWidth(depth: depth, storage: storage))))
    }

    public func build(_ io: Ports, _ c: Circuit) {
        let type = self.type
        QueueBody(depth: depth, storage: storage, make: { $0.field("bits", type) })
            .build(enq: io.enq.stream("enq"), deq: io.deq.stream("deq"), count: io.count, c)
    }
}

/// A first-in first-out queue of any payload (an `Aggregate` or a `Signal`), `depth` entries,
/// in registers or an SRAM (`QueueStorage`).
///
///     let queue = c.instance(StreamQueue(DMARequest.self, depth: 8), "requests")
///     c.connect(queue.enq, io.req)
///
/// Ports: `enq` (consumer), `deq` (producer), `count`. The payload's fields keep their names:
/// `enq_addr`, `deq_len`.
public struct StreamQueue<Payload: Aggregate>: Module {
    public let payload: PayloadShape<Payload>
    public let depth: Int
    public let storage: QueueStorage

    /// A queue of an aggregate type.
    public init(_ type: Payload.Type, depth: Int, storage: QueueStorage = .registers) {
        self.init(depth: depth, storage: storage, Payload.init)
    }

    /// A queue of a payload made by `make` (a shape with parameters, or a plain `Signal`:
    /// `StreamQueue(depth: 4) { $0.field("bits", .uint(8)) }`).
    public init(depth: Int, storage: QueueStorage = .registers, _ make: @escaping AggregateShape<Payload>) {
        self.payload = PayloadShape(make)
        self.depth = depth
        self.storage = storage
    }

    public struct Ports {
        public let enq: Decoupled<Payload>
        public let deq: Decoupled<Payload>
        public let count: Signal
    }

    public var moduleName: String {
        "Queue_\(payload.typeName)_w\(payload.width)_d\(depth)\(storage == .sram ? "_sram" : "")"
    }

    public func ports(_ p: PortBuilder) -> Ports {
        Ports(enq: .consumer(p, "enq", payload.make),
              deq: .producer(p, "deq", payload.make),
              count: p.output("count", .uint(QueueBody<Signal>.countWidth(depth: depth, storage: storage))))
    }

    public func build(_ io: Ports, _ c: Circuit) {
        QueueBody(depth: depth, storage: storage, make: payload.make).build(enq: io.enq, deq: io.deq, count: io.count, c)
    }
}

/// A payload's shape as a module parameter: printed as its type and width.
public struct PayloadShape<Payload: Aggregate>: CustomStringConvertible {
    public let make: AggregateShape<Payload>
    /// The flattened width, in bits.
    public let width: Int
    /// Every field's name and type, in field order (`addr: UInt(32), len: UInt(16)`).
    public let layout: String
    /// The payload type's name, usable in a module name; see `typeName`.
    public let typeName: String

    public init(_ make: @escaping AggregateShape<Payload>) {
        self.make = make
        let fields = Circuit.layout(of: make)
        self.width = fields.reduce(0) { $0 + $1.type.width }
        self.layout = fields.map { "\($0.path.isEmpty ? "bits" : $0.path): \($0.type)" }.joined(separator: ", ")
        // A plain value is named by its type (`u8`, `s16`). An aggregate by its Swift type; a
        // shape other than the type's own (parameters) adds a digest of its fields, so that
        // two shapes of one type never share a module name.
        if Payload.self == Signal.self, let only = fields.first, fields.count == 1 {
            typeName = "\(only.type.isSigned ? "s" : "u")\(only.type.width)"
        } else {
            let own = Circuit.layout(of: Payload.init)
            let same = own.map(\.path) == fields.map(\.path) && own.map(\.type) == fields.map(\.type)
            let name = ModuleNaming.sanitized(String(describing: Payload.self))
            typeName = same ? name : name + "_" + Self.digest(layout)
        }
    }

    public var description: String { "\(Payload.self) {\(layout)}" }

    /// FNV-1a of the layout, eight hex digits: stable across runs and platforms.
    static func digest(_ text: String) -> String {
        var hash: UInt32 = 0x811C_9DC5
        for byte in text.utf8 {
            hash ^= UInt32(byte)
            hash = hash &* 0x0100_0193
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 8 - hex.count) + hex
    }
}

/// The inside of both queues.
struct QueueBody<Payload: Aggregate> {
    let depth: Int
    let storage: QueueStorage
    let make: AggregateShape<Payload>

    static func countWidth(depth: Int, storage: QueueStorage) -> Int {
        BitVector.minimumWidth(of: max(depth + (storage == .sram ? 2 : 0), 1), signed: false)
    }

    func build(enq: Decoupled<Payload>, deq: Decoupled<Payload>, count: Signal, _ c: Circuit) {
        guard depth >= 2 else {
            c.error("a Queue needs a depth of at least 2, got \(depth)",
                    hint: "use a register (`regNext`) for one entry", at: c.instanceLocation)
            return
        }
        switch storage {
        case .registers: buildRegisters(enq: enq, deq: deq, count: count, c)
        case .sram: buildSRAM(enq: enq, deq: deq, count: count, c)
        }
    }

    private func buildRegisters(enq: Decoupled<Payload>, deq: Decoupled<Payload>, count: Signal, _ c: Circuit) {
        let width = Self.countWidth(depth: depth, storage: .registers)
        let entries = (0..<depth).map { c.reg("entry_\($0)", like: enq.payload) }
        let head = c.counter("head", limit: depth, enable: deq.fire)
        let tail = c.counter("tail", limit: depth, enable: enq.fire)
        let occupancy = c.reg("occupancy", .uint(width), reset: 0)

        c.when(enq.fire) { c.assign(entries, at: tail.value, enq.payload) }
        c.when(enq.fire && !deq.fire) {
            occupancy.assign(occupancy &+ 1)
        }.elseWhen(deq.fire && !enq.fire) {
            occupancy.assign(occupancy &- 1)
        }

        enq.ready.assign(occupancy .!= depth)
        deq.valid.assign(occupancy .!= 0)
        c.connect(deq.payload, c.select(entries, at: head.value))
        count.assign(occupancy)
    }

    private func buildSRAM(enq: Decoupled<Payload>, deq: Decoupled<Payload>, count: Signal, _ c: Circuit) {
        let bits = c.flatten(enq.payload)
        let storageWidth = BitVector.minimumWidth(of: depth, signed: false)
        let memory = c.memory("storage", depth: depth, width: bits.width)
        // `stored`: entries in the SRAM not yet read out; `inFlight`: a read whose data arrives
        // next cycle; the output stage holds up to two entries already read.
        let stored = c.reg("stored", .uint(storageWidth), reset: 0)
        let inFlight = c.reg("in_flight", .bool, reset: 0)
        let stage = c.instance(Queue(.uint(bits.width), depth: 2), "output_stage")
        let used = stage.count.zeroExtended(to: 3) &+ inFlight.zeroExtended(to: 3)
        // A read may start when the stage will have room for its data next cycle.
        let issue = ((stored .!= 0) && ((used .< 2) || ((used .== 2) && stage.deq.fire))).named("issue")
        let writes = c.counter("write_pointer", limit: depth, enable: enq.fire)
        let reads = c.counter("read_pointer", limit: depth, enable: issue)

        c.when(enq.fire) { memory.write(writes.value, bits) }
        memory.read(reads.value, enable: issue)
        inFlight.assign(issue)
        c.when(enq.fire && !issue) {
            stored.assign(stored &+ 1)
        }.elseWhen(issue && !enq.fire) {
            stored.assign(stored &- 1)
        }

        stage.enq.valid.assign(inFlight)
        stage.enq.bits.assign(memory.data)
        enq.ready.assign(stored .!= depth)
        deq.valid.assign(stage.deq.valid)
        stage.deq.ready.assign(deq.ready)
        c.connect(deq.payload, c.unflatten(stage.deq.bits, make))
        let width = Self.countWidth(depth: depth, storage: .sram)
        count.assign((stored.zeroExtended(to: width) &+ stage.count.zeroExtended(to: width)) &+ inFlight.zeroExtended(to: width))
    }
}
