import Serrano

/// SRAM rows → DRAM: each row (`rowBytes` bytes of `data` at byte address `address`, which need
/// not be bus-aligned) leaves as the bus-aligned beats it covers, each with its byte enables, one
/// beat per cycle while DRAM accepts. `rowDone` pulses when a row's last beat is accepted.
public struct DMAWriter: Module {
    public let maxRowBytes: Int
    public let busBytes: Int

    public init(maxRowBytes: Int, busBytes: Int) {
        self.maxRowBytes = maxRowBytes
        self.busBytes = busBytes
    }

    var geometry: RowGeometry { RowGeometry(busBytes: busBytes, maxRowBytes: maxRowBytes, elementBytes: 1) }

    public struct Ports {
        public let rowValid: Signal
        public let rowReady: Signal
        public let rowAddress: Signal
        public let rowBytes: Signal
        public let rowData: Signal
        public let request: DRAMWriteRequestPorts
        public let rowDone: Signal
    }

    public var moduleName: String { "DMAWriter_row\(maxRowBytes)_bus\(busBytes)" }

    public func ports(_ p: PortBuilder) -> Ports {
        Ports(rowValid: p.input("rowValid", .bool), rowReady: p.output("rowReady", .bool),
              rowAddress: p.input("rowAddress", .uint(Widths.address)),
              rowBytes: p.input("rowBytes", .uint(Widths.count(maxRowBytes))),
              rowData: p.input("rowData", .uint(maxRowBytes * 8)),
              request: DRAMWriteRequestPorts.producer(p, "request", busBytes: busBytes),
              rowDone: p.output("rowDone", .bool))
    }

    public func build(_ io: Ports, _ c: Circuit) {
        let beat = c.reg("beat", .uint(geometry.beatBits), reset: 0)
        let shape = geometry.row(address: io.rowAddress, elements: io.rowBytes, c)
        let spanBits = geometry.maxBeats * busBytes * 8
        let shifted = io.rowData.extended(to: spanBits).shiftedLeft(by: cat(shape.offset, c.constant(0, .uint(3)))).named("shiftedRow")
        let mask = geometry.byteMask(bytes: shape.bytes, offset: shape.offset, c).named("shiftedMask")
        let beatData = (0..<geometry.maxBeats).map { i in shifted[(i + 1) * busBytes * 8 - 1, i * busBytes * 8] }
        let beatMask = (0..<geometry.maxBeats).map { i in mask[(i + 1) * busBytes - 1, i * busBytes] }

        io.request.valid.assign(io.rowValid)
        io.request.address.assign(geometry.beatAddress(io.rowAddress, beat: beat, c))
        io.request.data.assign(c.select(beatData, at: beat))
        io.request.mask.assign(c.select(beatMask, at: beat))
        let sent = (io.rowValid && io.request.ready).named("sent")
        let last = (sent && beat .== shape.lastBeat).named("lastBeat")
        c.when(last) { beat.assign(0) }.elseWhen(sent) { beat.assign(beat &+ 1) }
        io.rowReady.assign(last)
        io.rowDone.assign(last)
    }
}
