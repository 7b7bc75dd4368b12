import GoldenModel
import Serrano

/// The chip's functional cover points (`Circuit.cover`): simulation-only counters, printed
/// inside `ifndef SYNTHESIS`, that say which corners a regression reached. Each names what it
/// counts; `serrano verify --backend rtl` adds them up over every case and lists the ones never hit.
///
/// The logic that feeds them (compares, one register) drives nothing but the counters, so
/// synthesis removes it: the netlist is the one without covers.
struct AcceleratorCovers {
    let config: AcceleratorConfig
    let c: Circuit

    /// Full and empty of the three instruction queues and the four token queues.
    func queues(_ instructionQueues: [(name: String, queue: Queue.Ports)], tokens: TokenQueues) {
        for (name, queue) in instructionQueues {
            c.cover(!queue.enq.ready, "\(name)_full")
            c.cover(!queue.deq.valid, "\(name)_empty")
        }
        for (name, queue) in zip(TokenQueues.names, tokens.all) {
            c.cover(queue.count .== config.tokenQueueDepth, "tokens_\(name)_full")
            c.cover(queue.count .== 0, "tokens_\(name)_empty")
        }
    }

    /// Every cause the compute unit, the load unit and the store unit stand still for.
    func stalls(compute events: ComputeEvents, loadToken: Signal, storeToken: Signal, dramRequest: Signal) {
        c.cover(events.waitLoad, "stall_compute_load")
        c.cover(events.waitStore, "stall_compute_store")
        c.cover(events.waitToken, "stall_compute_token")
        c.cover(events.waitDRAM, "stall_compute_dram")
        c.cover(events.queueEmpty, "stall_compute_queue_empty")
        c.cover(loadToken, "stall_load_token")
        c.cover(storeToken, "stall_store_token")
        c.cover(dramRequest, "stall_dram_request")
    }

    /// A scratchpad bank read and written on one cycle; a store read of the accumulators refused
    /// because an accumulation needs its bank.
    func bankConflicts(scratchpadReads: [Signal], scratchpadWrites: [Signal], accumulatorStoreRead: Signal, accumulatorReady: Signal) {
        for (bank, (read, write)) in zip(scratchpadReads, scratchpadWrites).enumerated() {
            c.cover(read && write, "scratchpad_bank\(bank)_read_write")
        }
        c.cover(accumulatorStoreRead && !accumulatorReady, "accumulator_bank_conflict")
    }

    /// Back-pressure on each DRAM channel: a request of each source waiting (valid, not ready),
    /// and reads in flight with no response offered.
    func dram(load: DRAMReadRequestPorts, compute: DRAMReadRequestPorts, store: DRAMWriteRequestPorts,
              readsInFlight: Signal, responseValid: Signal) {
        c.cover(load.valid && !load.ready, "backpressure_load_read")
        c.cover(compute.valid && !compute.ready, "backpressure_compute_read")
        c.cover(store.valid && !store.ready, "backpressure_store_write")
        c.cover(readsInFlight .!= 0 && !responseValid, "backpressure_response")
    }

    /// Every opcode (LOAD by target, STORE raw and requantized) as it enters the chip, and the
    /// edge tiles: K (a PRELOAD of fewer weight rows than the array has), N (a STORE of fewer
    /// columns than the array has) and M (a COMPUTE of fewer rows than the one before it).
    func instructions(word: Signal, accepted: Signal) {
        let fields = InstructionFields(word: word)
        for opcode in [Opcode.load, .store, .preload, .compute, .configureCompute, .configureStore, .finish] {
            c.cover(accepted && fields.isOpcode(opcode), "opcode_\(opcode.description)")
        }
        c.cover(accepted && fields.isOpcode(.load) && fields.flag0, "opcode_LOAD_accumulator")
        c.cover(accepted && fields.isOpcode(.store) && fields.flag0, "opcode_STORE_raw")
        c.cover(accepted && fields.isOpcode(.preload) && fields.rowCount .< config.rows, "edge_tile_K")
        c.cover(accepted && fields.isOpcode(.store) && fields.elements .< config.columns, "edge_tile_N")
        let isCompute = (accepted && fields.isOpcode(.compute)).named("coverCompute")
        let lastRows = c.reg("coverLastComputeRows", .uint(fields.rowCount.width), reset: 0)
        c.when(isCompute) { lastRows.assign(fields.rowCount) }
        c.cover(isCompute && fields.rowCount .< lastRows, "edge_tile_M")
    }
}
