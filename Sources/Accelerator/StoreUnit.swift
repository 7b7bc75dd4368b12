import GoldenModel
import Serrano

/// The store unit: executes CONFIG_STORE and STORE, in order — accumulator rows through the
/// post-processor (one `Requantizer` per lane, or the raw int32 path) into a queue of rows, and
/// from there to DRAM through its `DMAWriter`.
///
/// Reads are issued one a cycle while the row queue has room, so reading, requantizing and
/// writing overlap. Per-channel parameters (M0 and shift per lane) are read from their two
/// accumulator rows at the start of each requantizing STORE. A STORE completes when DRAM has
/// accepted its last beat, and then sends its token to the compute unit.
public struct StoreUnit: Module {
    /// The chip's configuration: accumulator rows, array columns, DRAM bus width.
    public let config: AcceleratorConfig
    /// A deliberate bug for mutation testing (the requantizers' rounding or saturation); nil
    /// builds the real unit.
    public let mutation: Mutation?
    /// Whether the cover points are built (see `Accelerator.covers`).
    public let covers: Bool
    // Built by `Accelerator` alone, through the memberwise initializer (like the load and the
    // compute unit): the chip's parameters are declared once here, not copied again by an
    // initializer.

    var accumulatorAddressBits: Int { Widths.index(config.accumulatorRows) }
    var maxRowBytes: Int { config.columns * 4 }
    static let rowQueueDepth = 4

    public struct Ports {
        public let instruction: ReadyValid
        public let previous: TokenLink
        public let readValid: Signal
        public let readAddress: Signal
        public let readReady: Signal
        public let readData: Signal
        public let readDataValid: Signal
        public let request: DRAMWriteRequestPorts
        public let idle: Signal
        public let waitingForToken: Signal
    }

    public var moduleName: String { "StoreUnit" + Mutation.suffix(mutation, affects: [.roundingFlipped, .saturationOffByOne]) }

    public func ports(_ p: PortBuilder) -> Ports {
        Ports(instruction: ReadyValid.consumer(p, "instruction", .uint(128)),
              previous: TokenLink.declare(p, "compute"),
              readValid: p.output("accumulatorReadValid", .bool),
              readAddress: p.output("accumulatorReadAddress", .uint(accumulatorAddressBits)),
              readReady: p.input("accumulatorReadReady", .bool),
              readData: p.input("accumulatorReadData", .uint(config.columns * Widths.accumulator)),
              readDataValid: p.input("accumulatorReadDataValid", .bool),
              request: DRAMWriteRequestPorts.producer(p, "dramWrite", busBytes: config.dramBusBytes),
              idle: p.output("idle", .bool),
              waitingForToken: p.output("waitingForToken", .bool))
    }

    /// The unit's states (a state machine, named in the Verilog and the waveforms).
    enum State: CaseIterable {
        case idle, parameters, rows
    }

    /// What a granted accumulator read brings back.
    enum ReadKind: Int {
        case row = 0, multipliers, shifts
    }

    public func build(_ io: Ports, _ c: Circuit) {
        let columns = config.columns
        let state = c.fsm("state", State.self, reset: .idle)
        func inState(_ s: State) -> Signal { state.is(s) }
        func go(_ s: State) { state.goto(s) }

        // Post-processor configuration (CONFIG_STORE).
        let word = InstructionFields(word: io.instruction.bits)
        let multiplier = c.reg("multiplier", .uint(31), reset: 0)
        let shift = c.reg("shift", .sint(6), reset: 0)
        let zeroPoint = c.reg("outputZeroPoint", .sint(8), reset: 0)
        let activationMin = c.reg("activationMin", .sint(8), reset: -128)
        let activationMax = c.reg("activationMax", .sint(8), reset: 127)
        let singleRounding = c.reg("singleRounding", .bool, reset: 0)
        let perChannel = c.reg("perChannel", .bool, reset: 0)
        let parameterRow = c.reg("parameterRow", .uint(accumulatorAddressBits), reset: 0)
        let channelMultipliers = c.regs("channelMultiplier", count: columns, .uint(31), reset: 0)
        let channelShifts = c.regs("channelShift", count: columns, .sint(6), reset: 0)

        // The STORE being executed.
        let raw = c.reg("raw", .bool, reset: 0)
        let accumulatorRow = c.reg("accumulatorRow", .uint(accumulatorAddressBits), reset: 0)
        let count = c.reg("rowCount", .uint(16), reset: 0)
        let elements = c.reg("elements", .uint(16), reset: 0)
        let outputAddress = c.reg("outputAddress", .uint(Widths.address), reset: 0)
        let stride = c.reg("stride", .uint(Widths.address), reset: 0)
        let pushPrevious = c.reg("pushPrevious", .bool, reset: 0)
        let issued = c.reg("issued", .uint(16), reset: 0)
        let written = c.reg("written", .uint(16), reset: 0)

        let tokens = tokensReady(word, previous: io.previous, next: nil, c).named("tokensReady")
        let start = (inState(.idle) && io.instruction.valid && tokens).named("start")
        io.instruction.ready.assign(start)
        io.previous.pop.assign(start && word.popPrevious)
        io.previous.reserve.assign(start && word.pushPrevious)
        let isConfigure = word.isOpcode(.configureStore)
        let complete = c.wire("complete", .bool, default: 0)
        io.previous.push.assign((start && isConfigure && word.pushPrevious) || (complete && pushPrevious))

        c.when(start) {
            c.when(isConfigure) {
                multiplier.assign(word.multiplier)
                shift.assign(word.shift)
                zeroPoint.assign(word.outputZeroPoint)
                activationMin.assign(word.activationMin)
                activationMax.assign(word.activationMax)
                singleRounding.assign(word.flag0)
                perChannel.assign(word.flag1)
                parameterRow.assign(word.sramRow.truncated(to: accumulatorAddressBits))
            }.otherwise {
                raw.assign(word.flag0)
                accumulatorRow.assign(word.sramRow.truncated(to: accumulatorAddressBits))
                count.assign(word.rowCount)
                elements.assign(word.elements)
                outputAddress.assign(word.dramAddress)
                stride.assign(word.dramStride)
                pushPrevious.assign(word.pushPrevious)
                issued.assign(0)
                written.assign(0)
                c.when(!word.flag0 && perChannel) { go(.parameters) }.otherwise { go(.rows) }
            }
        }

        // Accumulator reads: the two parameter rows, then the rows to store.
        let rowQueue = c.instance(Queue(.uint(Widths.address + Widths.count(maxRowBytes) + maxRowBytes * 8), depth: Self.rowQueueDepth), "rows")
        let arriving = io.readDataValid
        let room = (rowQueue.count + mux(arriving, c.constant(1, .uint(1)), c.constant(0, .uint(1)))) .< Self.rowQueueDepth
        let readsParameters = inState(.parameters) && issued .< 2
        let readsRow = (inState(.rows) && issued .< count && room).named("readsRow")
        io.readValid.assign(readsParameters || readsRow)
        let parameterAddress = parameterRow &+ issued.truncated(to: 1).extended(to: accumulatorAddressBits)
        let rowAddress = accumulatorRow &+ issued.extended(to: max(16, accumulatorAddressBits)).truncated(to: accumulatorAddressBits)
        io.readAddress.assign(mux(inState(.parameters), parameterAddress, rowAddress))
        let granted = (io.readValid && io.readReady).named("granted")
        let kind = mux(inState(.parameters), mux(issued .== 0, c.constant(ReadKind.multipliers.rawValue, .uint(2)),
                                                  c.constant(ReadKind.shifts.rawValue, .uint(2))),
                       c.constant(ReadKind.row.rawValue, .uint(2)))
        let returningKind = c.regNext(kind, "returningKind", reset: 0, enable: granted)
        c.when(granted) {
            issued.assign(issued &+ 1)
            c.when(inState(.parameters) && issued .== 1) {
                issued.assign(0)
                go(.rows)
            }
        }

        // Returning data: parameters into their registers, rows through the post-processor.
        let lanes = (0..<columns).map { io.readData[$0 * 32 + 31, $0 * 32] }
        c.when(arriving && returningKind .== ReadKind.multipliers.rawValue) {
            for lane in 0..<columns { channelMultipliers[lane].assign(lanes[lane].truncated(to: 31)) }
        }
        c.when(arriving && returningKind .== ReadKind.shifts.rawValue) {
            for lane in 0..<columns { channelShifts[lane].assign(lanes[lane].truncated(to: 6).asSInt()) }
        }
        var requantized: [Signal] = []
        var atBound: [(high: Signal, low: Signal)] = []
        for lane in 0..<columns {
            let unit = c.instance(Requantizer(mutation: mutation), "requantizer_\(lane)")
            unit.accumulator.assign(lanes[lane].asSInt())
            unit.multiplier.assign(mux(perChannel, channelMultipliers[lane], multiplier))
            unit.shift.assign(mux(perChannel, channelShifts[lane], shift))
            unit.zeroPoint.assign(zeroPoint)
            unit.activationMin.assign(activationMin)
            unit.activationMax.assign(activationMax)
            unit.singleRounding.assign(singleRounding)
            requantized.append(unit.output.asUInt())
            if covers {
                let inRow = elements .> lane
                atBound.append((unit.output .== activationMax && inRow, unit.output .== activationMin && inRow))
            }
        }
        let int8Row = c.cat(requantized.reversed()).extended(to: maxRowBytes * 8)
        let rowData = mux(raw, io.readData, int8Row).named("postProcessed")
        let byteCountBits = Widths.count(maxRowBytes)
        let elementCount = elements.truncated(to: min(16, Widths.count(columns))).extended(to: byteCountBits)
        let rowBytes = mux(raw, (elementCount << 2).truncated(to: byteCountBits), elementCount)
        let enqueue = (arriving && returningKind .== ReadKind.row.rawValue).named("enqueue")
        // Cover points (simulation only): a requantized element of the row at the clamp's bounds.
        if covers {
            let requantizing = (enqueue && !raw).named("coverRequantizing")
            c.cover(requantizing && atBound.map(\.high).reduce(c.constant(0, .bool)) { $0 || $1 }, "saturation_high")
            c.cover(requantizing && atBound.map(\.low).reduce(c.constant(0, .bool)) { $0 || $1 }, "saturation_low")
        }
        let rowFields = PackedFields(widths: [Widths.address, byteCountBits, maxRowBytes * 8])
        rowQueue.enq.valid.assign(enqueue)
        rowQueue.enq.bits.assign(rowFields.pack([outputAddress, rowBytes, rowData], c))
        c.when(enqueue) { outputAddress.assign(outputAddress &+ stride) }

        // Rows to DRAM.
        let writer = c.instance(DMAWriter(maxRowBytes: maxRowBytes, busBytes: config.dramBusBytes), "writer")
        let head = rowFields.unpack(rowQueue.deq.bits)
        writer.rowValid.assign(rowQueue.deq.valid)
        writer.rowAddress.assign(head[0])
        writer.rowBytes.assign(head[1])
        writer.rowData.assign(head[2])
        rowQueue.deq.ready.assign(writer.rowReady)
        io.request.valid.assign(writer.request.valid)
        writer.request.ready.assign(io.request.ready)
        io.request.address.assign(writer.request.address)
        io.request.data.assign(writer.request.data)
        io.request.mask.assign(writer.request.mask)
        c.when(writer.rowDone) {
            written.assign(written &+ 1)
            c.when(inState(.rows) && written &+ 1 .== count) {
                complete.assign(1)
                go(.idle)
            }
        }
        io.idle.assign(inState(.idle) && !io.instruction.valid && !rowQueue.deq.valid)
        io.waitingForToken.assign(inState(.idle) && io.instruction.valid && !tokens)
    }
}
