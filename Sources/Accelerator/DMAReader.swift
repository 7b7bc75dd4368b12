import Serrano

/// DRAM → SRAM rows, strided 2-D: a command moves `rowCount` rows of `elements` elements
/// (`elementBytes` each) from `dramAddress + r·dramStride` to SRAM rows `sramRow + r`; lanes past
/// `elements` are zero-filled.
///
/// Two halves decoupled by a queue of accepted commands: the issuer sends one bus-aligned beat
/// request per cycle, running ahead of the data (up to `maxOutstanding` requests in flight and
/// into the next commands), so DRAM latency is hidden; the writer collects each row's beats,
/// realigns them (rows need not be bus-aligned) and writes the row on the cycle its last beat
/// arrives. `done` pulses with the command's `tag` when its last row is written.
///
/// A broadcast (stride 0: a bias row copied into every row of an output tile) reads its row from
/// DRAM once and writes it `rowCount` times, one row a cycle. The issuer takes no new command
/// until such a broadcast is written, so no later beat can arrive while the writer repeats.
public struct DMAReader: Module {
    public let rowBytes: Int
    public let elementBytes: Int
    public let busBytes: Int
    public let sramRows: Int
    public let maxOutstanding: Int
    public let tagWidth: Int
    public let mutation: Mutation?

    public init(rowBytes: Int, elementBytes: Int, busBytes: Int, sramRows: Int, maxOutstanding: Int, tagWidth: Int,
                mutation: Mutation? = nil) {
        self.mutation = mutation
        self.rowBytes = rowBytes
        self.elementBytes = elementBytes
        self.busBytes = busBytes
        self.sramRows = sramRows
        self.maxOutstanding = maxOutstanding
        self.tagWidth = tagWidth
    }

    public struct Ports {
        public let command: DMACommandPorts
        public let request: DRAMReadRequestPorts
        public let responseValid: Signal
        public let responseData: Signal
        public let sramWrite: Signal
        public let sramAddress: Signal
        public let sramData: Signal
        public let done: Signal
        public let doneTag: Signal
        public let busy: Signal
    }

    public var moduleName: String {
        "DMAReader_row\(rowBytes)_e\(elementBytes)_bus\(busBytes)_o\(maxOutstanding)"
            + Mutation.suffix(mutation, affects: [.dmaStrideOffByOne, .responseBackPressureIgnored])
    }

    /// Commands accepted and not yet written: enough that short commands (a GEMV's one-row
    /// loads) keep DRAM busy across its latency.
    var commandQueueDepth: Int { 16 }

    var geometry: RowGeometry { RowGeometry(busBytes: busBytes, maxRowBytes: rowBytes, elementBytes: elementBytes) }

    public func ports(_ p: PortBuilder) -> Ports {
        Ports(command: DMACommandPorts.consumer(p, "command", sramRows: sramRows, tagWidth: tagWidth),
              request: DRAMReadRequestPorts.producer(p, "request"),
              responseValid: p.input("responseValid", .bool),
              responseData: p.input("responseData", .uint(busBytes * 8)),
              sramWrite: p.output("sramWrite", .bool),
              sramAddress: p.output("sramAddress", .uint(Widths.index(sramRows))),
              sramData: p.output("sramData", .uint(rowBytes * 8)),
              done: p.output("done", .bool),
              doneTag: p.output("doneTag", .uint(tagWidth)),
              busy: p.output("busy", .bool))
    }

    public func build(_ io: Ports, _ c: Circuit) {
        let fields = DMACommandPorts.layout(sramRows: sramRows, tagWidth: tagWidth)
        let accepted = c.instance(Queue(.uint(fields.width), depth: commandQueueDepth), "accepted")

        // Issuer: one beat request per cycle for the command it holds.
        let issuing = c.reg("issuing", .bool, reset: 0)
        let issueRow = c.reg("issueRow", .uint(16), reset: 0)
        let issueBeat = c.reg("issueBeat", .uint(geometry.beatBits), reset: 0)
        let issueAddress = c.reg("issueAddress", .uint(Widths.address), reset: 0)
        let rowCount = c.reg("issueRowCount", .uint(16), reset: 0)
        let stride = c.reg("issueStride", .uint(Widths.address), reset: 0)
        let elements = c.reg("issueElements", .uint(16), reset: 0)
        let outstanding = c.reg("outstanding", .uint(Widths.count(maxOutstanding)), reset: 0)

        let issueShape = geometry.row(address: issueAddress, elements: elements, c)
        io.request.valid.assign(issuing && outstanding .< maxOutstanding)
        io.request.address.assign(geometry.beatAddress(issueAddress, beat: issueBeat, c))
        let requested = (io.request.valid && io.request.ready).named("requested")
        // A broadcast's beats are those of its first row.
        let issueBroadcast = (stride .== 0).named("issueBroadcast")
        let issuedLastRow = (issueRow &+ 1 .== rowCount || issueBroadcast).named("issuedLastRow")
        let lastRequest = (requested && issueBeat .== issueShape.lastBeat && issuedLastRow).named("lastRequest")
        c.when(requested) {
            c.when(issueBeat .== issueShape.lastBeat) {
                issueBeat.assign(0)
                issueRow.assign(issueRow &+ 1)
                issueAddress.assign(issueAddress &+ stride)
                c.when(issuedLastRow) { issuing.assign(0) }
            }.otherwise {
                issueBeat.assign(issueBeat &+ 1)
            }
        }
        // Set when a broadcast's beats have gone out, cleared when the writer has written it.
        let holdForBroadcast = c.reg("holdForBroadcast", .bool, reset: 0)
        // A new command is taken when the issuer is free, or on the cycle its last beat goes out
        // (after a broadcast: once the writer has repeated its row).
        let issuerFree = ((!issuing || (lastRequest && !issueBroadcast)) && !holdForBroadcast).named("issuerFree")
        let takeCommand = (io.command.valid && issuerFree && accepted.enq.ready).named("takeCommand")
        io.command.ready.assign(issuerFree && accepted.enq.ready)
        accepted.enq.valid.assign(takeCommand)
        accepted.enq.bits.assign(fields.pack(io.command.fields, c))
        c.when(takeCommand) {
            issuing.assign(1)
            issueRow.assign(0)
            issueBeat.assign(0)
            issueAddress.assign(io.command.dramAddress)
            rowCount.assign(io.command.rowCount)
            stride.assign(io.command.dramStride)
            elements.assign(io.command.elements)
        }
        c.when(requested && !io.responseValid) { outstanding.assign(outstanding &+ 1) }
            .elseWhen(io.responseValid && !requested) { outstanding.assign(outstanding &- 1) }

        // Writer: beats of the oldest accepted command, row by row.
        let head = fields.unpack(accepted.deq.bits)
        let headSRAMRow = head[0], headRowCount = head[1], headElements = head[2]
        let headAddress = head[3], headStride = head[4], headTag = head[5]
        let started = c.reg("writeStarted", .bool, reset: 0)
        let writeRow = c.reg("writeRow", .uint(16), reset: 0)
        let writeBeat = c.reg("writeBeat", .uint(geometry.beatBits), reset: 0)
        let writeAddressReg = c.reg("writeRowAddress", .uint(Widths.address), reset: 0)
        let rowAddress = mux(started, writeAddressReg, headAddress).named("rowAddress")
        let shape = geometry.row(address: rowAddress, elements: headElements, c)
        let slots = c.regs("beat", count: geometry.maxBeats, .uint(busBytes * 8), reset: 0)

        // Repeating a broadcast's row: every row after the first is written from the held beats.
        let repeating = c.reg("repeating", .bool, reset: 0)
        let responds = mutation == .responseBackPressureIgnored ? outstanding .!= 0 : io.responseValid
        let arriving = (responds && accepted.deq.valid && !repeating).named("arriving")
        let rowComplete = ((arriving && writeBeat .== shape.lastBeat) || repeating).named("rowComplete")
        let commandComplete = (rowComplete && writeRow &+ 1 .== headRowCount).named("commandComplete")
        let beats = (0..<geometry.maxBeats).map { i in mux(writeBeat .== i && !repeating, io.responseData, slots[i]) }
        let assembled = c.cat(beats.reversed()).named("assembled")
        let aligned = assembled.shiftedRight(by: cat(shape.offset, c.constant(0, .uint(3)))).truncated(to: rowBytes * 8)
        let filled = geometry.zeroFill(aligned, bytes: shape.bytes, c).named("rowData")

        let headBroadcast = (headStride .== 0).named("headBroadcast")
        c.when(arriving || repeating) {
            started.assign(1)
            c.when(rowComplete) {
                writeBeat.assign(0)
                writeRow.assign(writeRow &+ 1)
                writeAddressReg.assign(mutation == .dmaStrideOffByOne ? rowAddress &+ headStride &+ 1 : rowAddress &+ headStride)
                // A broadcast keeps its first row's last beat too, and repeats from the slots.
                c.when(headBroadcast && !repeating) { c.assign(slots, at: writeBeat, io.responseData) }
                repeating.assign(headBroadcast && !commandComplete)
                c.when(commandComplete) {
                    started.assign(0)
                    writeRow.assign(0)
                }
            }.otherwise {
                writeBeat.assign(writeBeat &+ 1)
                writeAddressReg.assign(rowAddress)
                c.assign(slots, at: writeBeat, io.responseData)
            }
        }
        c.when(lastRequest && issueBroadcast) { holdForBroadcast.assign(1) }
            .elseWhen(commandComplete && headBroadcast) { holdForBroadcast.assign(0) }
        accepted.deq.ready.assign(commandComplete)
        io.sramWrite.assign(rowComplete)
        io.sramAddress.assign((headSRAMRow &+ writeRow.extended(to: max(headSRAMRow.width, 16))).truncated(to: Widths.index(sramRows)))
        io.sramData.assign(filled)
        io.done.assign(commandComplete)
        io.doneTag.assign(headTag)
        io.busy.assign(issuing || accepted.deq.valid)
    }
}

/// Where a row of `bytes` bytes at a byte address falls on the bus: its offset in the first
/// beat, its size and its last beat.
struct RowGeometry {
    let busBytes: Int
    let maxRowBytes: Int
    let elementBytes: Int

    /// Beats one row can span (an unaligned row takes one more).
    var maxBeats: Int { (busBytes - 1 + maxRowBytes + busBytes - 1) / busBytes }
    var beatBits: Int { Widths.index(maxBeats) }
    var offsetBits: Int { max(Widths.log2(busBytes), 1) }
    var byteCountBits: Int { Widths.count(maxRowBytes) }

    struct Shape {
        let offset: Signal
        let bytes: Signal
        let lastBeat: Signal
    }

    func row(address: Signal, elements: Signal, _ c: Circuit) -> Shape {
        let offset = busBytes == 1 ? c.constant(0, .uint(1)) : address[Widths.log2(busBytes) - 1, 0]
        let count = elements.truncated(to: min(elements.width, Widths.count(maxRowBytes / elementBytes)))
        let bytes = (count << Widths.log2(elementBytes)).extended(to: byteCountBits + 1).truncated(to: byteCountBits)
        let end = offset.extended(to: byteCountBits + 1) + bytes + (busBytes - 1)
        let beats = end >> Widths.log2(busBytes)
        let lastBeat = (beats &- 1).truncated(to: min(beats.width, beatBits)).extended(to: beatBits)
        return Shape(offset: offset, bytes: bytes, lastBeat: lastBeat)
    }

    /// The bus-aligned address of beat `beat` of the row at `address`.
    func beatAddress(_ address: Signal, beat: Signal, _ c: Circuit) -> Signal {
        let shift = Widths.log2(busBytes)
        guard shift > 0 else { return address &+ beat.extended(to: Widths.address) }
        let line = address[Widths.address - 1, shift] &+ beat.extended(to: Widths.address - shift)
        return cat(line, c.constant(0, .uint(shift)))
    }

    /// Bytes at or past `bytes` become zero.
    func zeroFill(_ row: Signal, bytes: Signal, _ c: Circuit) -> Signal {
        let lanes = (0..<maxRowBytes).reversed().map { lane in
            mux(bytes .> lane, row[lane * 8 + 7, lane * 8], c.constant(0, .uint(8)))
        }
        return c.cat(lanes)
    }

    /// The byte-enable of every byte position of a row shifted to its offset.
    func byteMask(bytes: Signal, offset: Signal, _ c: Circuit) -> Signal {
        let lanes = (0..<maxRowBytes).reversed().map { lane in bytes .> lane }
        let mask = c.cat(lanes).extended(to: maxBeats * busBytes)
        return mask.shiftedLeft(by: offset)
    }
}
