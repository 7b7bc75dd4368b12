import Serrano

/// The int32 accumulator SRAM with accumulate-on-write: `depth` rows of `columns` lanes,
/// interleaved over `banks` 1R1W SRAMs.
///
/// A write request with `writeAccumulate` reads the row on its cycle and writes `old + data`
/// (lane by lane, wrapping at 32 bits) on the next one; without it, it writes `data`. A write
/// that follows one to the same row on the next cycle sees that row's new value (forwarding), so
/// back-to-back accumulations into one row are exact.
///
/// The store unit reads through `read`: granted (`readReady`) on cycles the accumulate path does
/// not need the same bank; the data arrives on the next cycle with `readDataValid`.
public struct AccumulatorMemory: Module {
    public let depth: Int
    public let banks: Int
    public let columns: Int
    public let mutation: Mutation?

    public init(depth: Int, banks: Int, columns: Int, mutation: Mutation? = nil) {
        self.depth = depth
        self.banks = banks
        self.columns = columns
        self.mutation = mutation
    }

    var rowBits: Int { columns * Widths.accumulator }

    public struct Ports {
        public let writeValid: Signal
        public let writeAddress: Signal
        public let writeData: Signal
        public let writeAccumulate: Signal
        public let readValid: Signal
        public let readAddress: Signal
        public let readReady: Signal
        public let readData: Signal
        public let readDataValid: Signal
        /// High while a write is still in the read-modify-write pipeline.
        public let busy: Signal
        public let bankReads: [Signal]
        public let bankWrites: [Signal]
    }

    public var moduleName: String {
        "AccumulatorMemory_\(depth)x\(columns)_b\(banks)" + Mutation.suffix(mutation, affects: [.accumulatorBankWriteDropped])
    }

    public func ports(_ p: PortBuilder) -> Ports {
        let addressBits = Widths.index(depth)
        return Ports(writeValid: p.input("writeValid", .bool),
                     writeAddress: p.input("writeAddress", .uint(addressBits)),
                     writeData: p.input("writeData", .uint(rowBits)),
                     writeAccumulate: p.input("writeAccumulate", .bool),
                     readValid: p.input("readValid", .bool),
                     readAddress: p.input("readAddress", .uint(addressBits)),
                     readReady: p.output("readReady", .bool),
                     readData: p.output("readData", .uint(rowBits)),
                     readDataValid: p.output("readDataValid", .bool),
                     busy: p.output("busy", .bool),
                     bankReads: p.outputs("bankRead", count: banks, .bool),
                     bankWrites: p.outputs("bankWrite", count: banks, .bool))
    }

    public func build(_ io: Ports, _ c: Circuit) {
        let bankBits = Widths.log2(banks)
        let addressBits = Widths.index(depth)
        // Stage 1: the request; an accumulating one reads its row now.
        let request = BankedAddress(io.writeAddress, bankBits: bankBits, c)
        let storeRead = BankedAddress(io.readAddress, bankBits: bankBits, c)
        let accumulateRead = (io.writeValid && io.writeAccumulate).named("accumulateRead")
        let conflict = banks == 1 ? accumulateRead : (accumulateRead && io.writeAddress[bankBits - 1, 0] .== io.readAddress[bankBits - 1, 0])
        let storeGranted = (io.readValid && !conflict).named("storeGranted")
        io.readReady.assign(!conflict)

        // Stage 2: registers of the request.
        let pending = c.regNext(io.writeValid, "pendingValid", reset: 0)
        let pendingAddress = c.regNext(io.writeAddress, "pendingAddress", reset: 0)
        let pendingData = c.regNext(io.writeData, "pendingData", reset: 0)
        let pendingAccumulate = c.regNext(io.writeAccumulate, "pendingAccumulate", reset: 0)
        let pendingRow = BankedAddress(pendingAddress, bankBits: bankBits, c)

        // The write of the previous cycle, for forwarding into an accumulation of the same row.
        let lastValid = c.reg("lastWriteValid", .bool, reset: 0)
        let lastAddress = c.reg("lastWriteAddress", .uint(addressBits), reset: 0)
        let lastData = c.reg("lastWriteData", .uint(rowBits), reset: 0)

        var memories: [MemoryHandle] = []
        var data: [Signal] = []
        for bank in 0..<banks {
            let memory = c.memory("bank\(bank)", depth: depth / banks, width: rowBits)
            let readsForAccumulate = (accumulateRead && request.isBank(bank)).named("accumulateRead\(bank)")
            let readsForStore = (storeGranted && storeRead.isBank(bank)).named("storeRead\(bank)")
            let address = mux(readsForAccumulate, request.row, storeRead.row)
            data.append(memory.read(address, enable: readsForAccumulate || readsForStore))
            io.bankReads[bank].assign(readsForAccumulate || readsForStore)
            memories.append(memory)
        }
        let fromBank = banks == 1 ? data[0] : c.select(data, at: pendingAddress[bankBits - 1, 0])
        let forward = (lastValid && lastAddress .== pendingAddress).named("forward")
        let old = mux(forward, lastData, fromBank).named("oldRow")
        let newValue = mux(pendingAccumulate, Self.laneSum(old, pendingData, columns, c), pendingData).named("newRow")
        for (bank, memory) in memories.enumerated() {
            let dropped = mutation == .accumulatorBankWriteDropped && bank == 0
            let writes = (pending && pendingRow.isBank(bank) && (dropped ? !pendingAccumulate : c.constant(1, .bool))).named("write\(bank)")
            io.bankWrites[bank].assign(writes)
            c.when(writes) { memory.write(pendingRow.row, newValue) }
        }
        lastValid.assign(pending)
        c.when(pending) {
            lastAddress.assign(pendingAddress)
            lastData.assign(newValue)
        }

        let storeBank = storeRead.bank.map { c.regNext($0, "storeReadBank", reset: 0, enable: storeGranted) }
        io.readData.assign(storeBank.map { c.select(data, at: $0) } ?? data[0])
        io.readDataValid.assign(c.regNext(storeGranted, "storeReadDone", reset: 0))
        io.busy.assign(pending)
    }

    /// `a + b` lane by lane, each lane 32 bits wrapping.
    static func laneSum(_ a: Signal, _ b: Signal, _ lanes: Int, _ c: Circuit) -> Signal {
        let sums = (0..<lanes).reversed().map { lane -> Signal in
            let high = lane * Widths.accumulator + Widths.accumulator - 1, low = lane * Widths.accumulator
            return a[high, low] &+ b[high, low]
        }
        return c.cat(sums)
    }
}
