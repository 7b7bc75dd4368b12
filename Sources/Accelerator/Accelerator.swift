import GoldenModel
import Serrano

/// The int8 inference accelerator: a weight-stationary systolic array with its scratchpad,
/// accumulators, DMA and a VTA-style decoupled load / compute / store controller, generated for
/// any `AcceleratorConfig`. It executes exactly the ISA of `GoldenModel.Instruction`.
///
/// Interfaces: an instruction stream (ready/valid, 128-bit words), one DRAM port (one-beat
/// ready/valid requests, in-order read responses), `done`, and the performance counters.
public struct Accelerator: Module {
    public let config: AcceleratorConfig
    /// A deliberate bug for mutation testing; nil builds the real chip.
    public let mutation: Mutation?
    /// Whether the cover points are built (simulation-only counters; see `AcceleratorCovers`).
    /// Without them the printed Verilog is the same minus the lines that feed them, which is
    /// how a test shows that they never change the synthesized logic.
    public let covers: Bool

    public init(config: AcceleratorConfig, mutation: Mutation? = nil, covers: Bool = true) {
        self.config = config
        self.mutation = mutation
        self.covers = covers
    }

    /// DRAM reads in flight before the DMA waits: enough to cover about 64 cycles of latency at
    /// one beat a cycle.
    public var maxOutstandingReads: Int { 64 }

    public struct Ports {
        public let instruction: ReadyValid
        public let dram: DRAMPort
        public let done: Signal
        public let illegalInstruction: Signal
        public let status: Status
        public let counters: CounterOutputs
    }

    /// What each unit is doing, for a hang diagnosis.
    public struct Status {
        public let loadIdle: Signal
        public let computeIdle: Signal
        public let storeIdle: Signal
        public let loadQueue: Signal
        public let computeQueue: Signal
        public let storeQueue: Signal
        public let tokens: [Signal]
        public let readsInFlight: Signal
    }

    public var moduleName: String { "Accelerator" }

    public func ports(_ p: PortBuilder) -> Ports {
        let queueCount = HardwareType.uint(Widths.count(config.instructionQueueDepth))
        let tokenCount = HardwareType.uint(Widths.count(config.tokenQueueDepth))
        return Ports(instruction: ReadyValid.consumer(p, "instruction", .uint(128)),
                     dram: DRAMPort.declare(p, busBytes: config.dramBusBytes),
                     done: p.output("done", .bool),
                     illegalInstruction: p.output("illegalInstruction", .bool),
                     status: p.bundle("status") { b in
                         Status(loadIdle: b.output("loadIdle", .bool), computeIdle: b.output("computeIdle", .bool),
                                storeIdle: b.output("storeIdle", .bool), loadQueue: b.output("loadQueue", queueCount),
                                computeQueue: b.output("computeQueue", queueCount), storeQueue: b.output("storeQueue", queueCount),
                                tokens: TokenQueues.names.map { b.output("tokens_\($0)", tokenCount) },
                                readsInFlight: b.output("readsInFlight", .uint(Widths.count(maxOutstandingReads))))
                     },
                     counters: CounterOutputs.declare(p, scratchpadBanks: config.scratchpadBanks, accumulatorBanks: config.accumulatorBanks))
    }

    public func build(_ io: Ports, _ c: Circuit) {
        // Fetch: the instruction stream, dispatched in order into one queue per unit.
        let fetch = c.instance(InstructionFetch(), "fetch")
        fetch.instruction.valid.assign(io.instruction.valid)
        fetch.instruction.bits.assign(io.instruction.bits)
        io.instruction.ready.assign(fetch.instruction.ready)
        let queue = Queue(.uint(128), depth: config.instructionQueueDepth)
        let loadQueue = c.instance(queue, "loadQueue")
        let computeQueue = c.instance(queue, "computeQueue")
        let storeQueue = c.instance(queue, "storeQueue")
        for (source, target) in [(fetch.load, loadQueue.enq), (fetch.compute, computeQueue.enq), (fetch.store, storeQueue.enq)] {
            target.valid.assign(source.valid)
            target.bits.assign(source.bits)
            source.ready.assign(target.ready)
        }

        // The three units and the four token queues between them.
        let load = c.instance(LoadUnit(config: config, maxOutstanding: maxOutstandingReads, mutation: mutation), "load")
        let compute = c.instance(ComputeUnit(config: config, maxOutstanding: maxOutstandingReads, mutation: mutation), "compute")
        let store = c.instance(StoreUnit(config: config, mutation: mutation, covers: covers), "store")
        for (queue, unit) in [(loadQueue, load.instruction), (computeQueue, compute.instruction), (storeQueue, store.instruction)] {
            unit.valid.assign(queue.deq.valid)
            unit.bits.assign(queue.deq.bits)
            queue.deq.ready.assign(unit.ready)
        }
        let tokens = TokenQueues(depth: config.tokenQueueDepth, c)
        load.next.connect(incoming: tokens.computeToLoad, outgoing: tokens.loadToCompute)
        compute.previous.connect(incoming: tokens.loadToCompute, outgoing: tokens.computeToLoad)
        compute.next.connect(incoming: tokens.storeToCompute, outgoing: tokens.computeToStore)
        store.previous.connect(incoming: tokens.computeToStore, outgoing: tokens.storeToCompute)

        // On-chip memories: the load unit fills the scratchpad, the compute unit reads it and
        // writes the accumulators, the store unit drains them.
        let scratchpad = c.instance(Scratchpad(depth: config.scratchpadRows, banks: config.scratchpadBanks,
                                               rowBits: config.scratchpadRowElements * 8), "scratchpad")
        scratchpad.writeEnable.assign(load.scratchpadWrite)
        scratchpad.writeAddress.assign(load.scratchpadAddress)
        scratchpad.writeData.assign(load.scratchpadData)
        scratchpad.readEnable.assign(compute.scratchpadRead)
        scratchpad.readAddress.assign(compute.scratchpadAddress)
        compute.scratchpadData.assign(scratchpad.readData)
        let accumulators = c.instance(AccumulatorMemory(depth: config.accumulatorRows, banks: config.accumulatorBanks,
                                                        columns: config.columns, mutation: mutation), "accumulators")
        accumulators.writeValid.assign(compute.accumulatorWrite)
        accumulators.writeAddress.assign(compute.accumulatorAddress)
        accumulators.writeData.assign(compute.accumulatorData)
        accumulators.writeAccumulate.assign(compute.accumulatorAccumulate)
        compute.accumulatorBusy.assign(accumulators.busy)
        accumulators.readValid.assign(store.readValid)
        accumulators.readAddress.assign(store.readAddress)
        store.readReady.assign(accumulators.readReady)
        store.readData.assign(accumulators.readData)
        store.readDataValid.assign(accumulators.readDataValid)

        // DRAM: one port shared by the load and compute units' reads and the store unit's writes.
        let arbiter = c.instance(DRAMArbiter(busBytes: config.dramBusBytes, maxOutstanding: maxOutstandingReads), "dramArbiter")
        for (unit, port) in [(load.request, arbiter.loadRead), (compute.request, arbiter.computeRead)] {
            port.valid.assign(unit.valid)
            port.address.assign(unit.address)
            unit.ready.assign(port.ready)
        }
        arbiter.storeWrite.valid.assign(store.request.valid)
        arbiter.storeWrite.address.assign(store.request.address)
        arbiter.storeWrite.data.assign(store.request.data)
        arbiter.storeWrite.mask.assign(store.request.mask)
        store.request.ready.assign(arbiter.storeWrite.ready)
        load.responseValid.assign(arbiter.loadResponseValid)
        compute.responseValid.assign(arbiter.computeResponseValid)
        load.responseData.assign(arbiter.responseData)
        compute.responseData.assign(arbiter.responseData)
        io.dram.requestValid.assign(arbiter.dram.requestValid)
        arbiter.dram.requestReady.assign(io.dram.requestReady)
        io.dram.requestWrite.assign(arbiter.dram.requestWrite)
        io.dram.requestAddress.assign(arbiter.dram.requestAddress)
        io.dram.requestData.assign(arbiter.dram.requestData)
        io.dram.requestMask.assign(arbiter.dram.requestMask)
        arbiter.dram.responseValid.assign(io.dram.responseValid)
        io.dram.responseReady.assign(arbiter.dram.responseReady)
        arbiter.dram.responseData.assign(io.dram.responseData)

        // Done: FINISH has run and every unit, queue and DRAM transfer has drained.
        let drained = fetch.empty && load.idle && compute.idle && store.idle && arbiter.readsInFlight .== 0
        let done = c.reg("doneFlag", .bool, reset: 0)
        c.when(compute.finished && drained) { done.assign(1) }
        io.done.assign(done)
        io.illegalInstruction.assign(fetch.illegalInstruction)

        // Performance counters.
        let counters = c.instance(PerformanceCounters(rows: config.rows, columns: config.columns, busBytes: config.dramBusBytes,
                                                      scratchpadBanks: config.scratchpadBanks,
                                                      accumulatorBanks: config.accumulatorBanks), "counters")
        counters.running.assign(!done)
        for (to, from) in zip(counters.compute.all, compute.events.all) { to.assign(from) }
        counters.loadTokenWait.assign(load.waitingForToken)
        counters.storeTokenWait.assign(store.waitingForToken)
        counters.dramRequestStalled.assign(arbiter.requestStalled)
        counters.dramReadBeat.assign(io.dram.responseValid && arbiter.dram.responseReady)
        counters.dramWriteBeat.assign(arbiter.dram.requestValid && arbiter.dram.requestWrite && io.dram.requestReady)
        counters.instruction.assign(io.instruction.valid && fetch.instruction.ready)
        for (to, from) in zip(counters.scratchpadReads, scratchpad.bankReads) { to.assign(from) }
        for (to, from) in zip(counters.scratchpadWrites, scratchpad.bankWrites) { to.assign(from) }
        for (to, from) in zip(counters.accumulatorReads, accumulators.bankReads) { to.assign(from) }
        for (to, from) in zip(counters.accumulatorWrites, accumulators.bankWrites) { to.assign(from) }
        for (to, from) in zip(io.counters.all, counters.outputs.all) { to.assign(from) }

        // Status.
        io.status.loadIdle.assign(load.idle)
        io.status.computeIdle.assign(compute.idle)
        io.status.storeIdle.assign(store.idle)
        io.status.loadQueue.assign(loadQueue.count)
        io.status.computeQueue.assign(computeQueue.count)
        io.status.storeQueue.assign(storeQueue.count)
        for (to, from) in zip(io.status.tokens, tokens.all.map(\.count)) { to.assign(from) }
        io.status.readsInFlight.assign(arbiter.readsInFlight)

        // Cover points (simulation only; see AcceleratorCovers).
        guard self.covers else { return }
        let covers = AcceleratorCovers(config: config, c: c)
        covers.queues([("loadQueue", loadQueue), ("computeQueue", computeQueue), ("storeQueue", storeQueue)], tokens: tokens)
        covers.stalls(compute: compute.events, loadToken: load.waitingForToken, storeToken: store.waitingForToken,
                      dramRequest: arbiter.requestStalled)
        covers.bankConflicts(scratchpadReads: scratchpad.bankReads, scratchpadWrites: scratchpad.bankWrites,
                             accumulatorStoreRead: store.readValid, accumulatorReady: accumulators.readReady)
        covers.dram(load: load.request, compute: compute.request, store: store.request,
                    readsInFlight: arbiter.readsInFlight, responseValid: io.dram.responseValid)
        covers.instructions(word: io.instruction.bits, accepted: io.instruction.valid && fetch.instruction.ready)
    }
}

/// The four dependency-token queues, as the golden model defines them.
struct TokenQueues {
    static let names = ["loadToCompute", "computeToLoad", "computeToStore", "storeToCompute"]
    let loadToCompute: TokenQueue.Ports
    let computeToLoad: TokenQueue.Ports
    let computeToStore: TokenQueue.Ports
    let storeToCompute: TokenQueue.Ports

    var all: [TokenQueue.Ports] { [loadToCompute, computeToLoad, computeToStore, storeToCompute] }

    init(depth: Int, _ c: Circuit) {
        let queue = TokenQueue(depth: depth)
        loadToCompute = c.instance(queue, Self.names[0])
        computeToLoad = c.instance(queue, Self.names[1])
        computeToStore = c.instance(queue, Self.names[2])
        storeToCompute = c.instance(queue, Self.names[3])
    }
}

extension ComputeEvents {
    var all: [Signal] { [vector, activeRows, waitLoad, waitStore, waitToken, waitDRAM, queueEmpty] }
}
