import GoldenModel
import Serrano

/// The load unit: executes LOADs into the scratchpad, in order, through its own `DMAReader`.
///
/// An instruction starts when its tokens are ready (popping them, reserving room for the token
/// it will send) and the DMA takes its command; it completes when its last row is written, and
/// then sends its token to the compute unit. The DMA runs ahead, so consecutive loads overlap.
public struct LoadUnit: Module {
    /// The chip's configuration: scratchpad rows and banks, DRAM bus width.
    public let config: AcceleratorConfig
    /// DRAM reads its DMA keeps in flight (the chip's `maxOutstandingReads`).
    public let maxOutstanding: Int
    /// A deliberate bug for mutation testing (DMA stride, response back-pressure); nil builds
    /// the real unit.
    public let mutation: Mutation?
    // Only `Accelerator` builds its units, with the memberwise initializer: each unit declares
    // the chip parameters it takes once, with no initializer copying them field by field.

    public struct Ports {
        public let instruction: ReadyValid
        public let next: TokenLink
        public let request: DRAMReadRequestPorts
        public let responseValid: Signal
        public let responseData: Signal
        public let scratchpadWrite: Signal
        public let scratchpadAddress: Signal
        public let scratchpadData: Signal
        public let idle: Signal
        public let waitingForToken: Signal
    }

    public var moduleName: String { "LoadUnit" + Mutation.suffix(mutation, affects: [.dmaStrideOffByOne, .responseBackPressureIgnored]) }

    public func ports(_ p: PortBuilder) -> Ports {
        Ports(instruction: ReadyValid.consumer(p, "instruction", .uint(128)),
              next: TokenLink.declare(p, "compute"),
              request: DRAMReadRequestPorts.producer(p, "dramRead"),
              responseValid: p.input("dramResponseValid", .bool),
              responseData: p.input("dramResponseData", .uint(config.dramBusBytes * 8)),
              scratchpadWrite: p.output("scratchpadWrite", .bool),
              scratchpadAddress: p.output("scratchpadAddress", .uint(Widths.index(config.scratchpadRows))),
              scratchpadData: p.output("scratchpadData", .uint(config.scratchpadRowElements * 8)),
              idle: p.output("idle", .bool),
              waitingForToken: p.output("waitingForToken", .bool))
    }

    public func build(_ io: Ports, _ c: Circuit) {
        let dma = c.instance(DMAReader(rowBytes: config.scratchpadRowElements, elementBytes: 1, busBytes: config.dramBusBytes,
                                       sramRows: config.scratchpadRows, maxOutstanding: maxOutstanding, tagWidth: 1, mutation: mutation), "dma")
        let word = InstructionFields(word: io.instruction.bits)
        let tokens = tokensReady(word, previous: nil, next: io.next, c).named("tokensReady")
        let command = dma.command
        command.valid.assign(io.instruction.valid && tokens)
        command.sramRow.assign(word.sramRow.truncated(to: Widths.index(config.scratchpadRows)))
        command.rowCount.assign(word.rowCount)
        command.elements.assign(word.elements)
        command.dramAddress.assign(word.dramAddress)
        command.dramStride.assign(word.dramStride)
        command.tag.assign(word.pushNext)
        let start = (command.valid && command.ready).named("start")
        io.instruction.ready.assign(start)
        io.next.pop.assign(start && word.popNext)
        io.next.reserve.assign(start && word.pushNext)
        io.next.push.assign(dma.done && dma.doneTag[0])

        io.request.valid.assign(dma.request.valid)
        dma.request.ready.assign(io.request.ready)
        io.request.address.assign(dma.request.address)
        dma.responseValid.assign(io.responseValid)
        dma.responseData.assign(io.responseData)
        io.scratchpadWrite.assign(dma.sramWrite)
        io.scratchpadAddress.assign(dma.sramAddress)
        io.scratchpadData.assign(dma.sramData)
        io.idle.assign(!io.instruction.valid && !dma.busy)
        io.waitingForToken.assign(io.instruction.valid && !tokens)
    }
}
