import GoldenModel
import Serrano

/// Takes the instruction stream and dispatches each word, in order, to the queue of the unit
/// that executes it (load, compute or store). A word whose opcode the ISA does not define is
/// dropped and raises the sticky `illegalInstruction`.
///
/// The stream goes into a two-entry buffer first, so `ready` depends only on state, never on the
/// word being offered.
public struct InstructionFetch: Module {
    public init() {}

    public struct Ports {
        public let instruction: ReadyValid
        public let load: ReadyValid
        public let compute: ReadyValid
        public let store: ReadyValid
        public let illegalInstruction: Signal
        public let empty: Signal
    }

    public var moduleName: String { "InstructionFetch" }

    public func ports(_ p: PortBuilder) -> Ports {
        Ports(instruction: ReadyValid.consumer(p, "instruction", .uint(128)),
              load: ReadyValid.producer(p, "load", .uint(128)),
              compute: ReadyValid.producer(p, "compute", .uint(128)),
              store: ReadyValid.producer(p, "store", .uint(128)),
              illegalInstruction: p.output("illegalInstruction", .bool),
              empty: p.output("empty", .bool))
    }

    public func build(_ io: Ports, _ c: Circuit) {
        let buffer = c.instance(Queue(.uint(128), depth: 2), "buffer")
        buffer.enq.valid.assign(io.instruction.valid)
        buffer.enq.bits.assign(io.instruction.bits)
        io.instruction.ready.assign(buffer.enq.ready)

        let word = InstructionFields(word: buffer.deq.bits)
        let unit = word.unit(c)
        let head = buffer.deq.valid
        for (target, selected) in [(io.load, unit.load), (io.compute, unit.compute), (io.store, unit.store)] {
            target.valid.assign(head && selected)
            target.bits.assign(buffer.deq.bits)
        }
        let dispatched = (unit.load && io.load.ready) || (unit.compute && io.compute.ready) || (unit.store && io.store.ready)
        buffer.deq.ready.assign(dispatched || !unit.legal)
        let illegal = c.reg("illegal", .bool, reset: 0)
        c.when(head && !unit.legal) { illegal.assign(1) }
        io.illegalInstruction.assign(illegal)
        io.empty.assign(!head && buffer.count .== 0)
    }
}
