import GoldenModel
import Serrano

/// The compute unit: executes PRELOAD, COMPUTE, CONFIG_COMPUTE, LOADs into the accumulator and
/// FINISH, in order, around the systolic array.
///
/// - PRELOAD reads `rows` weight rows from the scratchpad into the array's shadow weights (rows
///   past the instruction's count become 0), from the cycle after the last flip entered the
///   array (its writes travel behind the flip, see `SystolicArray`).
/// - COMPUTE streams one scratchpad row a cycle into the array (minus the input zero point); the
///   first vector after a PRELOAD carries the flip. Results go to the accumulator memory, added
///   to the row when `accumulate`. It completes when its last vector is read — the scratchpad
///   buffer is then free, so a token to the load unit goes out at once — unless it sends a token
///   to the store unit, which waits until its results are written.
/// - LOAD into the accumulator waits for the array to drain, then runs its own `DMAReader`.
/// - FINISH waits for the array to drain and raises `finished`.
public struct ComputeUnit: Module {
    /// The chip's configuration: array shape, scratchpad and accumulator sizes, bus width.
    public let config: AcceleratorConfig
    /// DRAM reads in flight for LOADs into the accumulator (the chip's `maxOutstandingReads`).
    public let maxOutstanding: Int
    /// A deliberate bug for mutation testing, also handed to the array and the DMA; nil builds
    /// the real unit.
    public let mutation: Mutation?
    // Built by `Accelerator` alone, through the memberwise initializer (like the load and the
    // store unit).

    var accumulatorAddressBits: Int { Widths.index(config.accumulatorRows) }
    var scratchpadAddressBits: Int { Widths.index(config.scratchpadRows) }

    public struct Ports {
        public let instruction: ReadyValid
        public let previous: TokenLink
        public let next: TokenLink
        public let request: DRAMReadRequestPorts
        public let responseValid: Signal
        public let responseData: Signal
        public let scratchpadRead: Signal
        public let scratchpadAddress: Signal
        public let scratchpadData: Signal
        public let accumulatorWrite: Signal
        public let accumulatorAddress: Signal
        public let accumulatorData: Signal
        public let accumulatorAccumulate: Signal
        public let accumulatorBusy: Signal
        public let idle: Signal
        public let finished: Signal
        public let events: ComputeEvents
    }

    public var moduleName: String {
        "ComputeUnit" + Mutation.suffix(mutation, affects: [.tokenNotPushed, .peWeightNotEnabled, .skewRegisterMissing, .dmaStrideOffByOne, .responseBackPressureIgnored])
    }

    public func ports(_ p: PortBuilder) -> Ports {
        Ports(instruction: ReadyValid.consumer(p, "instruction", .uint(128)),
              previous: TokenLink.declare(p, "load"),
              next: TokenLink.declare(p, "store"),
              request: DRAMReadRequestPorts.producer(p, "dramRead"),
              responseValid: p.input("dramResponseValid", .bool),
              responseData: p.input("dramResponseData", .uint(config.dramBusBytes * 8)),
              scratchpadRead: p.output("scratchpadRead", .bool),
              scratchpadAddress: p.output("scratchpadAddress", .uint(scratchpadAddressBits)),
              scratchpadData: p.input("scratchpadData", .uint(config.scratchpadRowElements * 8)),
              accumulatorWrite: p.output("accumulatorWrite", .bool),
              accumulatorAddress: p.output("accumulatorAddress", .uint(accumulatorAddressBits)),
              accumulatorData: p.output("accumulatorData", .uint(config.columns * Widths.accumulator)),
              accumulatorAccumulate: p.output("accumulatorAccumulate", .bool),
              accumulatorBusy: p.input("accumulatorBusy", .bool),
              idle: p.output("idle", .bool),
              finished: p.output("finished", .bool),
              events: ComputeEvents.declare(p, "event", activeRowBits: Widths.count(config.rows)))
    }

    /// The unit's states: a state machine over them (`localparam`s in the Verilog, names in
    /// `Accelerator.states.json` for `serrano wave show --states`).
    enum State: CaseIterable {
        case idle, accumulatorLoadDrain, accumulatorLoad, preloadWait, preload, compute, drain
    }

    public func build(_ io: Ports, _ c: Circuit) {
        let rows = config.rows, columns = config.columns
        let tagWidth = accumulatorAddressBits + 1
        let array = c.instance(SystolicArray(rows: rows, columns: columns, tagWidth: tagWidth, mutation: mutation), "array")
        let dma = c.instance(DMAReader(rowBytes: columns * 4, elementBytes: 4, busBytes: config.dramBusBytes,
                                       sramRows: config.accumulatorRows, maxOutstanding: maxOutstanding, tagWidth: 1, mutation: mutation), "dma")

        let state = c.fsm("state", State.self, reset: .idle)
        func inState(_ s: State) -> Signal { state.is(s) }
        func go(_ s: State) { state.goto(s) }

        // The instruction being executed.
        let word = InstructionFields(word: io.instruction.bits)
        let count = c.reg("rowCount", .uint(16), reset: 0)
        let scratchpadRow = c.reg("scratchpadRow", .uint(scratchpadAddressBits), reset: 0)
        let accumulatorRow = c.reg("accumulatorRow", .uint(accumulatorAddressBits), reset: 0)
        let accumulate = c.reg("accumulate", .bool, reset: 0)
        let pushPrevious = c.reg("pushPrevious", .bool, reset: 0)
        let pushNext = c.reg("pushNext", .bool, reset: 0)
        let isFinish = c.reg("isFinish", .bool, reset: 0)
        let finished = c.reg("finishedFlag", .bool, reset: 0)
        let step = c.reg("step", .uint(16), reset: 0)
        let inputZeroPoint = c.reg("inputZeroPoint", .sint(8), reset: 0)
        let weightZeroPoint = c.reg("weightZeroPoint", .sint(8), reset: 0)
        let dmaAddress = c.reg("loadAddress", .uint(Widths.address), reset: 0)
        let dmaStride = c.reg("loadStride", .uint(Widths.address), reset: 0)
        let dmaElements = c.reg("loadElements", .uint(16), reset: 0)

        // Weights: a flip is pending after a PRELOAD until the next COMPUTE's first vector.
        let flipPending = c.reg("flipPending", .bool, reset: 0)
        let preloadedRows = c.reg("preloadedRows", .uint(Widths.count(rows)), reset: 0)
        let activeRows = c.reg("activeRows", .uint(Widths.count(rows)), reset: 0)
        let sinceFlip = c.reg("sinceFlip", .uint(2), reset: 2)

        // Vectors and results in flight, from the scratchpad read to the accumulator write.
        let inFlight = c.reg("inFlight", .uint(Widths.count(rows + columns + 4)), reset: 0)
        let pipelineEmpty = (inFlight .== 0 && !io.accumulatorBusy).named("pipelineEmpty")

        let tokens = tokensReady(word, previous: io.previous, next: io.next, c).named("tokensReady")
        let isConfigure = word.isOpcode(.configureCompute)
        // The next instruction starts when the unit is idle or on the cycle the current one
        // completes (a CONFIG_COMPUTE, which completes at once, waits a cycle so that two
        // completions never push to one token queue together).
        let complete = c.wire("complete", .bool, default: 0)
        let start = ((inState(.idle) || (complete && !isConfigure)) && io.instruction.valid && tokens).named("start")
        io.instruction.ready.assign(start)
        io.previous.pop.assign(start && word.popPrevious)
        io.next.pop.assign(start && word.popNext)
        io.previous.reserve.assign(start && word.pushPrevious)
        io.next.reserve.assign(start && word.pushNext)

        // A CONFIG_COMPUTE completes on the cycle it starts.
        let completesAtStart = (start && isConfigure).named("completesAtStart")
        io.previous.push.assign((completesAtStart && word.pushPrevious) || (complete && pushPrevious))
        let sendsTileReady = mutation == .tokenNotPushed ? c.constant(0, .bool) : complete && pushNext
        io.next.push.assign((completesAtStart && word.pushNext) || sendsTileReady)

        // LOAD into the accumulator.
        let command = dma.command
        command.valid.assign(inState(.accumulatorLoadDrain) && pipelineEmpty)
        command.sramRow.assign(accumulatorRow)
        command.rowCount.assign(count)
        command.elements.assign(dmaElements)
        command.dramAddress.assign(dmaAddress)
        command.dramStride.assign(dmaStride)
        command.tag.assign(0)
        c.when(command.valid && command.ready) { go(.accumulatorLoad) }
        c.when(inState(.accumulatorLoad) && dma.done) {
            complete.assign(1)
            go(.idle)
        }
        io.request.valid.assign(dma.request.valid)
        dma.request.ready.assign(io.request.ready)
        io.request.address.assign(dma.request.address)
        dma.responseValid.assign(io.responseValid)
        dma.responseData.assign(io.responseData)

        // Scratchpad reads: PRELOAD's weight rows or COMPUTE's input vectors.
        let lastStep = (step &+ 1 .== count).named("lastStep")
        let preloadRead = (inState(.preload) && step .< count).named("preloadRead")
        let computeRead = inState(.compute).named("computeRead")
        io.scratchpadRead.assign(preloadRead || computeRead)
        let readRow = (scratchpadRow &+ step.extended(to: max(scratchpadAddressBits, 16)).truncated(to: scratchpadAddressBits))
        io.scratchpadAddress.assign(readRow)

        let flipPassed = (sinceFlip .!= 0).named("flipPassed")
        c.when(inState(.preloadWait) && flipPassed) { go(.preload) }
        // PRELOAD reads one weight row a cycle and completes with its last read: its writes reach
        // every PE before the flip of the next COMPUTE can (that needs a read of its own first).
        let writesWeightRow = (inState(.preload) && step .< rows).named("writesWeightRow")
        let lastWeightRow = (inState(.preload) && step .== rows - 1).named("lastWeightRow")
        c.when(writesWeightRow) { step.assign(step &+ 1) }
        c.when(lastWeightRow) {
            complete.assign(1)
            go(.idle)
            flipPending.assign(1)
            preloadedRows.assign(count.truncated(to: min(16, Widths.count(rows))).extended(to: Widths.count(rows)))
        }
        c.when(computeRead) {
            step.assign(step &+ 1)
            c.when(lastStep) {
                c.when(pushNext) { go(.drain) }.otherwise {
                    complete.assign(1)
                    go(.idle)
                }
            }
        }
        c.when(inState(.drain) && pipelineEmpty) {
            complete.assign(1)
            go(.idle)
            c.when(isFinish) { finished.assign(1) }
        }

        // One cycle later the scratchpad row arrives.
        let weightStage = c.regNext(writesWeightRow, "weightStage", reset: 0)
        let weightRow = c.regNext(step.truncated(to: min(16, Widths.index(rows))).extended(to: Widths.index(rows)), "weightRowStage", reset: 0)
        let weightZero = c.regNext(!preloadRead, "weightZeroStage", reset: 0)
        let vectorStage = c.regNext(computeRead, "vectorStage", reset: 0)
        let flipStage = c.regNext(computeRead && step .== 0 && flipPending, "flipStage", reset: 0)
        let tagStage = c.regNext(cat(accumulate, (accumulatorRow &+ step.extended(to: max(accumulatorAddressBits, 16)).truncated(to: accumulatorAddressBits))), "tagStage", reset: 0)

        let lanes = (0..<config.scratchpadRowElements).map { io.scratchpadData[$0 * 8 + 7, $0 * 8].asSInt() }
        array.vectorValid.assign(vectorStage)
        array.flip.assign(flipStage)
        array.tagIn.assign(tagStage)
        for k in 0..<rows { array.vector[k].assign(lanes[k] - inputZeroPoint) }
        array.weightWrite.assign(weightStage)
        array.weightRow.assign(weightRow)
        let zero = c.constant(0, .sint(Widths.operand))
        for column in 0..<columns { array.weights[column].assign(mux(weightZero, zero, lanes[column] - weightZeroPoint)) }
        c.when(computeRead && step .== 0 && flipPending) {
            flipPending.assign(0)
            activeRows.assign(preloadedRows)
        }
        c.when(computeRead && step .== 0 && flipPending) { sinceFlip.assign(0) }
            .elseWhen(sinceFlip .!= 2) { sinceFlip.assign(sinceFlip &+ 1) }

        c.when(computeRead && !array.resultValid) { inFlight.assign(inFlight &+ 1) }
            .elseWhen(array.resultValid && !computeRead) { inFlight.assign(inFlight &- 1) }

        // Starting an instruction comes last: it overrides a completion's return to idle.
        c.when(start) {
            count.assign(word.rowCount)
            scratchpadRow.assign(word.sramRow.truncated(to: scratchpadAddressBits))
            accumulatorRow.assign(mux(word.isOpcode(.load), word.sramRow, word.accumulatorRow).truncated(to: accumulatorAddressBits))
            accumulate.assign(word.flag0)
            pushPrevious.assign(word.pushPrevious)
            pushNext.assign(word.pushNext)
            isFinish.assign(word.isOpcode(.finish))
            dmaAddress.assign(word.dramAddress)
            dmaStride.assign(word.dramStride)
            dmaElements.assign(word.elements)
            step.assign(0)
            c.when(isConfigure) {
                inputZeroPoint.assign(word.inputZeroPoint)
                weightZeroPoint.assign(word.weightZeroPoint)
            }.elseWhen(word.isOpcode(.load)) {
                go(.accumulatorLoadDrain)
            }.elseWhen(word.isOpcode(.preload)) {
                c.when(sinceFlip .!= 0) { go(.preload) }.otherwise { go(.preloadWait) }
            }.elseWhen(word.isOpcode(.compute)) {
                go(.compute)
            }.otherwise {
                go(.drain)
            }
        }

        // Results, or the DMA's rows, into the accumulator memory.
        let results = c.cat(array.results.reversed().map { $0.asUInt() })
        io.accumulatorWrite.assign(array.resultValid || dma.sramWrite)
        io.accumulatorAddress.assign(mux(dma.sramWrite, dma.sramAddress, array.tagOut[accumulatorAddressBits - 1, 0]))
        io.accumulatorData.assign(mux(dma.sramWrite, dma.sramData, results))
        io.accumulatorAccumulate.assign(!dma.sramWrite && array.tagOut[accumulatorAddressBits])

        io.idle.assign(inState(.idle) && !io.instruction.valid)
        io.finished.assign(finished)

        // Events for the performance counters: why the array is not computing.
        let waiting = inState(.idle) && io.instruction.valid && !tokens
        let waitsForLoad = (waiting && word.popPrevious && !io.previous.available).named("waitsForLoad")
        let waitsForStore = (waiting && !waitsForLoad && word.popNext && !io.next.available).named("waitsForStore")
        io.events.vector.assign(vectorStage)
        io.events.activeRows.assign(activeRows)
        io.events.waitLoad.assign(waitsForLoad)
        io.events.waitStore.assign(waitsForStore)
        io.events.waitToken.assign(waiting && !waitsForLoad && !waitsForStore)
        io.events.waitDRAM.assign(inState(.accumulatorLoad) || inState(.accumulatorLoadDrain))
        io.events.queueEmpty.assign(inState(.idle) && !io.instruction.valid && !finished)
    }
}

/// What the compute unit did on a cycle, for the performance counters.
public struct ComputeEvents {
    /// A vector entered the array (the array does useful MACs).
    public let vector: Signal
    /// PE rows enabled for that vector.
    public let activeRows: Signal
    public let waitLoad: Signal
    public let waitStore: Signal
    public let waitToken: Signal
    public let waitDRAM: Signal
    public let queueEmpty: Signal

    static func declare(_ p: PortBuilder, _ name: String, activeRowBits: Int) -> ComputeEvents {
        p.bundle(name) { b in
            ComputeEvents(vector: b.output("vector", .bool), activeRows: b.output("activeRows", .uint(activeRowBits)),
                          waitLoad: b.output("waitLoad", .bool), waitStore: b.output("waitStore", .bool),
                          waitToken: b.output("waitToken", .bool), waitDRAM: b.output("waitDRAM", .bool),
                          queueEmpty: b.output("queueEmpty", .bool))
        }
    }
}
