import Serrano

/// The host-readable performance counters, fed by events from the other units: one register
/// per counter, counting while the accelerator runs (from reset until `done`).
public struct PerformanceCounters: Module {
    public let columns: Int
    public let rows: Int
    public let busBytes: Int
    public let scratchpadBanks: Int
    public let accumulatorBanks: Int

    public init(rows: Int, columns: Int, busBytes: Int, scratchpadBanks: Int, accumulatorBanks: Int) {
        self.rows = rows
        self.columns = columns
        self.busBytes = busBytes
        self.scratchpadBanks = scratchpadBanks
        self.accumulatorBanks = accumulatorBanks
    }

    /// Counter names, in port order (`counter_<name>`), for the harness and the report.
    public static let scalarNames = [
        "cycles", "arrayBusyCycles", "macs",
        "stallLoad", "stallStore", "stallToken", "stallDRAM", "stallQueueEmpty",
        "loadTokenWait", "storeTokenWait", "dramRequestStalls",
        "dramBytesRead", "dramBytesWritten", "instructions",
    ]

    public struct Ports {
        public let running: Signal
        public let compute: ComputeEvents
        public let loadTokenWait: Signal
        public let storeTokenWait: Signal
        public let dramRequestStalled: Signal
        public let dramReadBeat: Signal
        public let dramWriteBeat: Signal
        public let instruction: Signal
        public let scratchpadReads: [Signal]
        public let scratchpadWrites: [Signal]
        public let accumulatorReads: [Signal]
        public let accumulatorWrites: [Signal]
        public let outputs: CounterOutputs
    }

    public var moduleName: String { "PerformanceCounters_\(rows)x\(columns)_bus\(busBytes)_s\(scratchpadBanks)_a\(accumulatorBanks)" }

    public func ports(_ p: PortBuilder) -> Ports {
        Ports(running: p.input("running", .bool),
                     compute: p.bundle("compute", flipped: true) { b in
                         ComputeEvents.declare(b, "event", activeRowBits: Widths.count(rows))
                     },
                     loadTokenWait: p.input("loadTokenWait", .bool),
                     storeTokenWait: p.input("storeTokenWait", .bool),
                     dramRequestStalled: p.input("dramRequestStalled", .bool),
                     dramReadBeat: p.input("dramReadBeat", .bool),
                     dramWriteBeat: p.input("dramWriteBeat", .bool),
                     instruction: p.input("instruction", .bool),
                     scratchpadReads: p.inputs("scratchpadRead", count: scratchpadBanks, .bool),
                     scratchpadWrites: p.inputs("scratchpadWrite", count: scratchpadBanks, .bool),
                     accumulatorReads: p.inputs("accumulatorRead", count: accumulatorBanks, .bool),
                     accumulatorWrites: p.inputs("accumulatorWrite", count: accumulatorBanks, .bool),
                     outputs: CounterOutputs.declare(p, scratchpadBanks: scratchpadBanks, accumulatorBanks: accumulatorBanks))
    }

    public func build(_ io: Ports, _ c: Circuit) {
        let on = io.running
        let e = io.compute
        let macsPerVector = (e.activeRows * c.constant(columns, .uint(Widths.count(columns)))).named("macsPerVector")
        let busBytesConstant = c.constant(busBytes, .uint(Widths.count(busBytes)))
        let increments: [(Signal, Signal?)] = [
            (on, nil), (on && e.vector, nil), (on && e.vector, macsPerVector),
            (on && e.waitLoad, nil), (on && e.waitStore, nil), (on && e.waitToken, nil), (on && e.waitDRAM, nil),
            (on && e.queueEmpty, nil),
            (on && io.loadTokenWait, nil), (on && io.storeTokenWait, nil), (on && io.dramRequestStalled, nil),
            (io.dramReadBeat, busBytesConstant), (io.dramWriteBeat, busBytesConstant), (io.instruction, nil),
        ]
        for (index, (event, amount)) in increments.enumerated() {
            io.outputs.scalars[index].assign(count(Self.scalarNames[index], event, amount, c))
        }
        for (bank, event) in io.scratchpadReads.enumerated() { io.outputs.scratchpadReadCounts[bank].assign(count("scratchpadReads_\(bank)", event, nil, c)) }
        for (bank, event) in io.scratchpadWrites.enumerated() { io.outputs.scratchpadWriteCounts[bank].assign(count("scratchpadWrites_\(bank)", event, nil, c)) }
        for (bank, event) in io.accumulatorReads.enumerated() { io.outputs.accumulatorReadCounts[bank].assign(count("accumulatorReads_\(bank)", event, nil, c)) }
        for (bank, event) in io.accumulatorWrites.enumerated() { io.outputs.accumulatorWriteCounts[bank].assign(count("accumulatorWrites_\(bank)", event, nil, c)) }
    }

    /// A counter that adds `amount` (or 1) on cycles `event` is high.
    private func count(_ name: String, _ event: Signal, _ amount: Signal?, _ c: Circuit) -> Signal {
        let counter = c.reg("count_\(name)", .uint(Widths.counter), reset: 0)
        let step = amount.map { $0.extended(to: Widths.counter) } ?? c.constant(1, .uint(Widths.counter))
        c.when(event) { counter.assign(counter &+ step) }
        return counter
    }
}

/// The counters as output ports named `counter_<name>` (bank counters `counter_<name>_<bank>`).
public struct CounterOutputs {
    public let scalars: [Signal]
    public let scratchpadReadCounts: [Signal]
    public let scratchpadWriteCounts: [Signal]
    public let accumulatorReadCounts: [Signal]
    public let accumulatorWriteCounts: [Signal]

    var all: [Signal] { scalars + scratchpadReadCounts + scratchpadWriteCounts + accumulatorReadCounts + accumulatorWriteCounts }

    static func declare(_ p: PortBuilder, scratchpadBanks: Int, accumulatorBanks: Int) -> CounterOutputs {
        let width = HardwareType.uint(Widths.counter)
        return CounterOutputs(scalars: PerformanceCounters.scalarNames.map { p.output("counter_\($0)", width) },
                              scratchpadReadCounts: p.outputs("counter_scratchpadReads", count: scratchpadBanks, width),
                              scratchpadWriteCounts: p.outputs("counter_scratchpadWrites", count: scratchpadBanks, width),
                              accumulatorReadCounts: p.outputs("counter_accumulatorReads", count: accumulatorBanks, width),
                              accumulatorWriteCounts: p.outputs("counter_accumulatorWrites", count: accumulatorBanks, width))
    }
}
