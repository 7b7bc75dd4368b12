import SerranoIR

/// How an `Arbiter` chooses among producers that are valid on the same cycle.
public enum ArbitrationPolicy: String, Sendable {
    /// The lowest-numbered valid input wins, always.
    case fixedPriority
    /// The first valid input after the one that last transferred wins (input 0 first after
    /// reset), so every producer gets a turn.
    case roundRobin
}

/// `inputs` producers sharing one consumer (a DRAM port shared by load and store).
///
/// Each cycle the arbiter picks one valid input (by `policy`), offers its payload on `output`
/// and says which one on `chosen`; only the picked input sees `ready`. The choice is
/// combinational (no added latency). With `roundRobin` it moves on only after a transfer, so a
/// producer that holds `valid` keeps its turn until it is served.
///
/// Ports: `in_0` … `in_<n-1>` (consumers), `out` (producer), `chosen` (the index).
public struct Arbiter<Payload: Aggregate>: Module {
    public let payload: PayloadShape<Payload>
    public let inputs: Int
    public let policy: ArbitrationPolicy

    public init(_ type: Payload.Type, inputs: Int, policy: ArbitrationPolicy = .roundRobin) {
        self.init(inputs: inputs, policy: policy, Payload.init)
    }

    public init(inputs: Int, policy: ArbitrationPolicy = .roundRobin, _ make: @escaping AggregateShape<Payload>) {
        self.payload = PayloadShape(make)
        self.inputs = inputs
        self.policy = policy
    }

    public struct Ports {
        public let inputs: [Decoupled<Payload>]
        public let output: Decoupled<Payload>
        public let chosen: Signal
    }

    public var moduleName: String {
        "Arbiter_\(payload.typeName)_w\(payload.width)_n\(inputs)_\(policy == .roundRobin ? "rr" : "fixed")"
    }

    var indexWidth: Int { BitVector.minimumWidth(of: max(inputs - 1, 1), signed: false) }

    public func ports(_ p: PortBuilder) -> Ports {
        Ports(inputs: (0..<max(inputs, 1)).map { Decoupled.consumer(p, "in_\($0)", payload.make) },
              output: .producer(p, "out", payload.make),
              chosen: p.output("chosen", .uint(indexWidth)))
    }

    public func build(_ io: Ports, _ c: Circuit) {
        guard inputs >= 2 else {
            c.error("an Arbiter needs at least 2 inputs, got \(inputs)",
                    hint: "connect a single producer to its consumer directly", at: c.instanceLocation)
            return
        }
        let valids = io.inputs.map(\.valid)
        let chosen: Signal
        switch policy {
        case .fixedPriority:
            chosen = firstValid(valids, from: 0, c)
        case .roundRobin:
            // `last` starts at the last input so that input 0 goes first after reset.
            let last = c.reg("last", .uint(indexWidth), reset: inputs - 1)
            let later = (1..<inputs).map { valids[$0] && (last .< $0) }
            let anyLater = later.dropFirst().reduce(later[0]) { $0 || $1 }.named("any_later")
            let afterLast = firstValid(later, from: 1, c)
            chosen = mux(anyLater, afterLast, firstValid(valids, from: 0, c))
            c.when(io.output.fire) { last.assign(chosen) }
        }
        let pick = chosen.named("pick")
        io.chosen.assign(pick)
        io.output.valid.assign(valids.dropFirst().reduce(valids[0]) { $0 || $1 })
        c.connect(io.output.payload, c.select(io.inputs.map(\.payload), at: pick))
        for (index, input) in io.inputs.enumerated() {
            input.ready.assign(io.output.ready && (pick .== index))
        }
    }

    /// The index of the first high request, `requests[k]` standing for input `start + k`
    /// (the last input when none is high).
    private func firstValid(_ requests: [Signal], from start: Int, _ c: Circuit) -> Signal {
        var index = c.constant(start + requests.count - 1, .uint(indexWidth))
        for position in (0..<(requests.count - 1)).reversed() {
            index = mux(requests[position], c.constant(start + position, .uint(indexWidth)), index)
        }
        return index
    }
}

/// A pipeline register stage with back-pressure (a skid buffer): `out` is registered, and so is
/// `in.ready`, so the stage cuts every combinational path between producer and consumer yet
/// moves one payload per cycle. When `out` stalls, the entry that was already accepted waits
/// in a second register (the skid) instead of being lost.
///
/// Ports: `in` (consumer), `out` (producer).
public struct SkidBuffer<Payload: Aggregate>: Module {
    public let payload: PayloadShape<Payload>

    public init(_ type: Payload.Type) { self.init(Payload.init) }

    public init(_ make: @escaping AggregateShape<Payload>) { self.payload = PayloadShape(make) }

    public struct Ports {
        public let input: Decoupled<Payload>
        public let output: Decoupled<Payload>
    }

    public var moduleName: String { "SkidBuffer_\(payload.typeName)_w\(payload.width)" }

    public func ports(_ p: PortBuilder) -> Ports {
        Ports(input: .consumer(p, "in", payload.make), output: .producer(p, "out", payload.make))
    }

    public func build(_ io: Ports, _ c: Circuit) {
        let stageValid = c.reg("stage_valid", .bool, reset: 0)
        let stage = c.reg("stage", like: io.input.payload)
        let skidValid = c.reg("skid_valid", .bool, reset: 0)
        let skid = c.reg("skid", like: io.input.payload)

        io.input.ready.assign(!skidValid)
        io.output.valid.assign(stageValid)
        c.connect(io.output.payload, stage)

        let canLoad = (!stageValid || io.output.ready).named("can_load")
        c.when(canLoad) {
            c.when(skidValid) {
                c.connect(stage, skid)
                stageValid.assign(1)
                skidValid.assign(0)
            }.otherwise {
                stageValid.assign(io.input.valid)
                c.when(io.input.valid) { c.connect(stage, io.input.payload) }
            }
        }.otherwise {
            c.when(io.input.fire) {
                c.connect(skid, io.input.payload)
                skidValid.assign(1)
            }
        }
    }
}
