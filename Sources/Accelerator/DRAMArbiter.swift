import Serrano

/// Shares the one DRAM port between the load unit's reads, the compute unit's reads (bias and
/// per-channel parameters) and the store unit's writes, round-robin.
///
/// A request, once offered and not yet accepted, stays chosen (DRAM sees stable requests). The
/// reader of every accepted read is remembered in order (`maxOutstanding` deep, which bounds the
/// reads in flight), so each response goes back to the unit that asked.
public struct DRAMArbiter: Module {
    public let busBytes: Int
    public let maxOutstanding: Int

    public init(busBytes: Int, maxOutstanding: Int) {
        self.busBytes = busBytes
        self.maxOutstanding = maxOutstanding
    }

    public struct Ports {
        public let loadRead: DRAMReadRequestPorts
        public let computeRead: DRAMReadRequestPorts
        public let storeWrite: DRAMWriteRequestPorts
        public let loadResponseValid: Signal
        public let computeResponseValid: Signal
        public let responseData: Signal
        public let dram: DRAMPort
        /// A request waits for DRAM on this cycle.
        public let requestStalled: Signal
        public let readsInFlight: Signal
    }

    public var moduleName: String { "DRAMArbiter_bus\(busBytes)_o\(maxOutstanding)" }

    public func ports(_ p: PortBuilder) -> Ports {
        Ports(loadRead: DRAMReadRequestPorts.consumer(p, "loadRead"),
              computeRead: DRAMReadRequestPorts.consumer(p, "computeRead"),
              storeWrite: DRAMWriteRequestPorts.consumer(p, "storeWrite", busBytes: busBytes),
              loadResponseValid: p.output("loadResponseValid", .bool),
              computeResponseValid: p.output("computeResponseValid", .bool),
              responseData: p.output("responseData", .uint(busBytes * 8)),
              dram: DRAMPort.declare(p, busBytes: busBytes),
              requestStalled: p.output("requestStalled", .bool),
              readsInFlight: p.output("readsInFlight", .uint(Widths.count(maxOutstanding))))
    }

    public func build(_ io: Ports, _ c: Circuit) {
        let owners = c.instance(Queue(.uint(1), depth: maxOutstanding), "readOwners")
        let offered = [io.loadRead.valid && owners.enq.ready, io.computeRead.valid && owners.enq.ready, io.storeWrite.valid]
        let last = c.reg("lastGrant", .uint(2), reset: 2)
        let locked = c.reg("locked", .bool, reset: 0)
        let lockedChoice = c.reg("lockedChoice", .uint(2), reset: 0)

        // Round-robin: the first offered source after the last one granted.
        func first(_ order: [Int]) -> Signal {
            mux(offered[order[0]], c.constant(order[0], .uint(2)),
                mux(offered[order[1]], c.constant(order[1], .uint(2)), c.constant(order[2], .uint(2))))
        }
        let rotating = mux(last .== 0, first([1, 2, 0]), mux(last .== 1, first([2, 0, 1]), first([0, 1, 2])))
        let chosen = mux(locked, lockedChoice, rotating).named("chosen")
        let valid = c.select(offered, at: chosen).named("requestValid")
        let fire = (valid && io.dram.requestReady).named("fire")
        c.when(fire) {
            last.assign(chosen)
            locked.assign(0)
        }.elseWhen(valid) {
            locked.assign(1)
            lockedChoice.assign(chosen)
        }

        io.dram.requestValid.assign(valid)
        io.dram.requestWrite.assign(chosen .== 2)
        io.dram.requestAddress.assign(c.select([io.loadRead.address, io.computeRead.address, io.storeWrite.address], at: chosen))
        io.dram.requestData.assign(io.storeWrite.data)
        io.dram.requestMask.assign(mux(chosen .== 2, io.storeWrite.mask, c.constant(0, .uint(busBytes))))
        io.loadRead.ready.assign(io.dram.requestReady && chosen .== 0 && owners.enq.ready)
        io.computeRead.ready.assign(io.dram.requestReady && chosen .== 1 && owners.enq.ready)
        io.storeWrite.ready.assign(io.dram.requestReady && chosen .== 2)
        owners.enq.valid.assign(fire && chosen .!= 2)
        owners.enq.bits.assign((chosen .== 1).asUInt())

        // Responses come back in request order.
        let response = (io.dram.responseValid && owners.deq.valid).named("response")
        io.dram.responseReady.assign(owners.deq.valid)
        owners.deq.ready.assign(response)
        io.loadResponseValid.assign(response && owners.deq.bits .== 0)
        io.computeResponseValid.assign(response && owners.deq.bits .== 1)
        io.responseData.assign(io.dram.responseData)
        io.requestStalled.assign(valid && !io.dram.requestReady)
        io.readsInFlight.assign(owners.count.extended(to: Widths.count(maxOutstanding)))
    }
}
