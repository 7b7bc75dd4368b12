import GoldenModel
import Serrano

/// The fields of a 128-bit instruction word, sliced at the positions `InstructionLayout`
/// defines — the one definition of the encoding the golden model's encoder also uses.
struct InstructionFields {
    let word: Signal

    /// `field`'s bits; signed fields come out as `.sint`.
    func field(_ field: InstructionLayout.Field) -> Signal {
        let bits = word[field.msb, field.lsb]
        return field.signed ? bits.asSInt() : bits
    }

    func isOpcode(_ opcode: Opcode) -> Signal { field(InstructionLayout.opcode) .== Int(opcode.rawValue) }

    var popPrevious: Signal { field(InstructionLayout.popPrevious)[0] }
    var popNext: Signal { field(InstructionLayout.popNext)[0] }
    var pushPrevious: Signal { field(InstructionLayout.pushPrevious)[0] }
    var pushNext: Signal { field(InstructionLayout.pushNext)[0] }
    /// LOAD's target, STORE's raw, COMPUTE's accumulate, CONFIG_STORE's single_rounding.
    var flag0: Signal { field(InstructionLayout.flag0)[0] }
    /// CONFIG_STORE's per_channel.
    var flag1: Signal { field(InstructionLayout.flag1)[0] }
    var sramRow: Signal { field(InstructionLayout.sramRow) }
    var rowCount: Signal { field(InstructionLayout.rowCount) }
    var elements: Signal { field(InstructionLayout.elementsPerRow) }
    var dramAddress: Signal { field(InstructionLayout.dramAddress) }
    var dramStride: Signal { field(InstructionLayout.dramStride) }
    var accumulatorRow: Signal { field(InstructionLayout.accumulatorRow) }
    var inputZeroPoint: Signal { field(InstructionLayout.inputZeroPoint) }
    var weightZeroPoint: Signal { field(InstructionLayout.weightZeroPoint) }
    var shift: Signal { field(InstructionLayout.shift) }
    var outputZeroPoint: Signal { field(InstructionLayout.outputZeroPoint) }
    var activationMin: Signal { field(InstructionLayout.activationMin) }
    var activationMax: Signal { field(InstructionLayout.activationMax) }
    var multiplier: Signal { field(InstructionLayout.multiplier) }

    /// Which unit executes the word (see `Instruction.module`): 0 load, 1 compute, 2 store;
    /// `legal` is low for an opcode the ISA does not define.
    func unit(_ c: Circuit) -> (load: Signal, compute: Signal, store: Signal, legal: Signal) {
        let load = (isOpcode(.load) && !flag0).named("toLoad")
        let store = (isOpcode(.store) || isOpcode(.configureStore)).named("toStore")
        let legal = (field(InstructionLayout.opcode) .>= 1 && field(InstructionLayout.opcode) .<= 7).named("legalOpcode")
        let compute = (legal && !load && !store).named("toCompute")
        return (load, compute, store, legal)
    }
}
