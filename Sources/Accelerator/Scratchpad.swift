import Serrano

/// The int8 scratchpad: `depth` rows of `rowBits`, interleaved over `banks` SRAMs (row r lives
/// in bank r mod banks), one write port (the load DMA) and one read port (the compute unit).
/// A read's data arrives on the next cycle; each bank is its own 1R1W SRAM module.
public struct Scratchpad: Module {
    public let depth: Int
    public let banks: Int
    public let rowBits: Int

    public init(depth: Int, banks: Int, rowBits: Int) {
        self.depth = depth
        self.banks = banks
        self.rowBits = rowBits
    }

    public struct Ports {
        public let writeEnable: Signal
        public let writeAddress: Signal
        public let writeData: Signal
        public let readEnable: Signal
        public let readAddress: Signal
        public let readData: Signal
        /// Per bank, high on a cycle it reads / writes (for the energy counters).
        public let bankReads: [Signal]
        public let bankWrites: [Signal]
    }

    public var moduleName: String { "Scratchpad_\(depth)x\(rowBits)_b\(banks)" }

    public func ports(_ p: PortBuilder) -> Ports {
        let addressBits = Widths.index(depth)
        return Ports(writeEnable: p.input("writeEnable", .bool),
                     writeAddress: p.input("writeAddress", .uint(addressBits)),
                     writeData: p.input("writeData", .uint(rowBits)),
                     readEnable: p.input("readEnable", .bool),
                     readAddress: p.input("readAddress", .uint(addressBits)),
                     readData: p.output("readData", .uint(rowBits)),
                     bankReads: p.outputs("bankRead", count: banks, .bool),
                     bankWrites: p.outputs("bankWrite", count: banks, .bool))
    }

    public func build(_ io: Ports, _ c: Circuit) {
        let bankBits = Widths.log2(banks)
        let write = BankedAddress(io.writeAddress, bankBits: bankBits, c)
        let read = BankedAddress(io.readAddress, bankBits: bankBits, c)
        var data: [Signal] = []
        for bank in 0..<banks {
            let memory = c.memory("bank\(bank)", depth: depth / banks, width: rowBits)
            let writes = (io.writeEnable && write.isBank(bank)).named("write\(bank)")
            let reads = (io.readEnable && read.isBank(bank)).named("read\(bank)")
            c.when(writes) { memory.write(write.row, io.writeData) }
            data.append(memory.read(read.row, enable: reads))
            io.bankReads[bank].assign(reads)
            io.bankWrites[bank].assign(writes)
        }
        io.readData.assign(read.selectData(data, enable: io.readEnable, c))
    }
}

/// A row address split into its bank (low bits) and the row within the bank.
struct BankedAddress {
    let bank: Signal?
    let row: Signal

    let circuit: Circuit

    /// `address` must be wider than `bankBits` (every bank holds at least two rows).
    init(_ address: Signal, bankBits: Int, _ c: Circuit) {
        circuit = c
        if bankBits == 0 {
            bank = nil
            row = address
        } else {
            bank = address[bankBits - 1, 0]
            row = address[address.width - 1, bankBits]
        }
    }

    func isBank(_ index: Int) -> Signal {
        guard let bank else { return circuit.constant(1, .bool) }
        return bank .== index
    }

    /// The data of the bank read on the previous cycle.
    func selectData(_ data: [Signal], enable: Signal, _ c: Circuit) -> Signal {
        guard let bank, data.count > 1 else { return data[0] }
        let last = c.regNext(bank, "readBank", reset: 0, enable: enable)
        return c.select(data, at: last)
    }
}
