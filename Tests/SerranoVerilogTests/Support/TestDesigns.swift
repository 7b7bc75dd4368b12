import SerranoIR

/// Hand-built designs that together use every IR operation, every register form, both memory
/// kinds with and without a byte mask, instances and a black box.
enum TestDesigns {
    /// Combinational: every operator on signed and unsigned operands. Inputs `a`, `b` (SInt(8)),
    /// `ua`, `ub` (UInt(8)), `amount` (UInt(3)); one output per operation, named after it.
    static func arithmetic() throws -> LegalDesign {
        var m = ModuleBuilder("Arithmetic", parameters: [("operandWidth", "8")])
        let a = m.input("a", .sint(8))
        let b = m.input("b", .sint(8))
        let ua = m.input("ua", .uint(8))
        let ub = m.input("ub", .uint(8))
        let amount = m.input("amount", .uint(3))

        func out(_ name: String, _ type: HardwareType, _ value: NodeID) {
            let port = m.output(name, type)
            m.connect(port, value)
        }
        out("product", .sint(16), m.binary(.mul, a, b, .sint(16)))
        out("uproduct", .uint(16), m.binary(.mul, ua, ub, .uint(16)))
        out("productLow", .sint(8), m.binary(.mul, a, b, .sint(8)))
        out("sum", .sint(9), m.binary(.add, a, b, .sint(9)))
        out("difference", .uint(8), m.binary(.sub, ua, ub, .uint(8)))
        out("signedDifference", .sint(9), m.binary(.sub, a, b, .sint(9)))
        out("andBits", .uint(8), m.binary(.and, ua, ub, .uint(8)))
        out("orBits", .uint(8), m.binary(.or, ua, ub, .uint(8)))
        out("xorBits", .uint(8), m.binary(.xor, ua, ub, .uint(8)))
        out("shiftedRight", .sint(8), m.binary(.shiftRight, a, amount, .sint(8)))
        out("logicalRight", .uint(8), m.binary(.shiftRight, ua, amount, .uint(8)))
        out("shiftedLeft", .uint(10), m.binary(.shiftLeft, ua, amount, .uint(10)))
        out("signedLess", .bool, m.binary(.less, a, b, .bool))
        out("unsignedLess", .bool, m.binary(.less, ua, ub, .bool))
        out("signedGreaterEqual", .bool, m.binary(.greaterOrEqual, a, b, .bool))
        out("unsignedLessEqual", .bool, m.binary(.lessOrEqual, ua, ub, .bool))
        out("signedGreater", .bool, m.binary(.greater, a, b, .bool))
        out("equal", .bool, m.binary(.equal, ua, ub, .bool))
        out("notEqual", .bool, m.binary(.notEqual, a, b, .bool))
        // Operands of different widths: a (8 bits) against −3 (4 bits), signed.
        out("lessThanMinusThree", .bool, m.binary(.less, a, m.constant(-3, .sint(4)), .bool))
        out("inverted", .uint(8), m.node(.unary(.not, ua), .uint(8)))
        out("allOnes", .bool, m.node(.unary(.andReduce, ua), .bool))
        out("anyOne", .bool, m.node(.unary(.orReduce, ua), .bool))
        out("parity", .bool, m.node(.unary(.xorReduce, ua), .bool))
        out("middle", .uint(4), m.node(.slice(ua, high: 5, low: 2), .uint(4)))
        out("signBit", .bool, m.node(.slice(a, high: 7, low: 7), .bool))
        let lowNibble = m.node(.slice(a, high: 3, low: 0), .uint(4))
        out("joined", .uint(13), m.node(.concat([ub, m.constant(1, .uint(1)), lowNibble]), .uint(13)))
        out("signExtended", .sint(12), m.node(.resize(a), .sint(12)))
        out("zeroExtended", .uint(12), m.node(.resize(ua), .uint(12)))
        out("truncated", .uint(5), m.node(.resize(ua), .uint(5)))
        out("signedTruncated", .sint(4), m.node(.resize(b), .sint(4)))
        out("asUnsigned", .uint(8), m.node(.reinterpret(a), .uint(8)))
        let less = m.binary(.less, a, b, .bool)
        out("minimum", .sint(8), m.node(.mux(select: less, whenTrue: a, whenFalse: b), .sint(8)))
        return try legalized([m.module], top: "Arithmetic")
    }

    /// Registers in every form: reset and enable, reset only, enable only, neither.
    static func registers() throws -> LegalDesign {
        var m = ModuleBuilder("Registers")
        let enable = m.input("enable", .bool)
        let data = m.input("data", .sint(8))
        let count = m.register("count", .uint(8), reset: 0, enable: enable)
        let one = m.constant(1, .uint(8))
        let next = m.binary(.add, count, one, .uint(8))
        m.connect(count, next)
        let delayed = m.register("delayed", .sint(8))
        m.connect(delayed, data)
        let held = m.register("held", .sint(8), enable: enable)
        m.connect(held, data)
        let phase = m.register("phase", .bool, reset: 1)
        m.connect(phase, m.node(.unary(.not, phase), .bool))
        for (name, type, value) in [("countOut", HardwareType.uint(8), count), ("delayedOut", .sint(8), delayed),
                                    ("heldOut", .sint(8), held), ("phaseOut", .bool, phase)] {
            m.connect(m.output(name, type), value)
        }
        return try legalized([m.module], top: "Registers")
    }

    /// One memory of each kind, with and without a byte mask; read data goes to outputs.
    static func memories() throws -> LegalDesign {
        try memoryShapes("Memories", [("maskedTwoPort", .oneReadOneWrite, 8, .oldData), ("plainTwoPort", .oneReadOneWrite, nil, .oldData),
                                      ("maskedSinglePort", .singlePort, 8, .oldData), ("plainSinglePort", .singlePort, nil, .oldData)])
    }

    /// The memories with a second read port (2R1W, 1RW1R) and the write-first (new data)
    /// read-during-write option on every kind, with and without a byte mask.
    static func memoryPorts() throws -> LegalDesign {
        try memoryShapes("MemoryPorts", [("maskedTwoRead", .twoReadOneWrite, 8, .oldData), ("plainTwoRead", .twoReadOneWrite, nil, .newData),
                                         ("maskedReadWriteRead", .readWriteOneRead, 8, .newData),
                                         ("plainReadWriteRead", .readWriteOneRead, nil, .oldData),
                                         ("maskedTwoReadNew", .twoReadOneWrite, 8, .newData), ("plainTwoPortNew", .oneReadOneWrite, nil, .newData),
                                         ("maskedSinglePortNew", .singlePort, 8, .newData)])
    }

    /// A module `top` with one 64×32 memory per shape; the second read port reads the address
    /// one higher; read data goes to outputs `<name>Data` (and `<name>DataB`).
    private static func memoryShapes(_ top: String, _ shapes: [(String, Memory.Kind, Int?, Memory.ReadDuringWrite)]) throws -> LegalDesign {
        var m = ModuleBuilder(top)
        let address = m.input("address", .uint(6))
        let data = m.input("data", .uint(32))
        let mask = m.input("mask", .uint(4))
        let write = m.input("write", .bool)
        let read = m.input("read", .bool)
        let twoReads = shapes.contains { $0.1.readPorts == 2 }
        let next = twoReads ? m.binary(.add, address, m.constant(1, .uint(6)), .uint(6)) : address
        for (name, kind, granularity, order) in shapes {
            let fields = m.memory(name, kind, depth: 64, width: 32, mask: granularity, readDuringWrite: order)
            for (field, node) in fields.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
                switch field {
                case .readAddress, .writeAddress, .address: m.connect(node, address)
                case .readAddressB: m.connect(node, next)
                case .readEnable, .readEnableB: m.connect(node, read)
                case .enable: m.connect(node, m.binary(.or, read, write, .bool))
                case .writeEnable: m.connect(node, write)
                case .writeData: m.connect(node, data)
                case .writeMask: m.connect(node, mask)
                case .readData: m.connect(m.output(name + "Data", .uint(32)), node)
                case .readDataB: m.connect(m.output(name + "DataB", .uint(32)), node)
                }
            }
        }
        return try legalized([m.module], top: top)
    }

    /// A parent with two instances of a child, a black box with its source, a wire, an input of
    /// which only some bits are read, and a child output nobody reads.
    static func hierarchy() throws -> LegalDesign {
        var child = ModuleBuilder("Accumulate")
        let value = child.input("value", .uint(8))
        let total = child.register("runningTotal", .uint(8), reset: 0)
        child.connect(total, child.binary(.add, total, value, .uint(8)))
        child.connect(child.output("total", .uint(8)), total)
        child.connect(child.output("overflow", .bool), child.node(.unary(.andReduce, total), .bool))

        let boxLocation = SourceLocation(fileID: "Tests/Scrambler.swift", line: 3)
        var boxBuilder = IRBuilder(name: "Scrambler", kind: .blackBox(source: scramblerSource, usesClock: true, usesReset: false),
                                   location: boxLocation)
        boxBuilder.input("in", .uint(8), at: boxLocation)
        boxBuilder.output("out", .uint(8), at: boxLocation)
        let box = boxBuilder.module

        var top = ModuleBuilder("Top", parameters: [("lanes", "2")])
        let wide = top.input("wide", .uint(16))
        let sum = top.output("sum", .uint(8))
        let scrambled = top.output("scrambled", .uint(8))
        let low = top.node(.slice(wide, high: 7, low: 0), .uint(8))
        let middle = top.wire("middle", .uint(8))
        top.connect(middle, top.node(.slice(wide, high: 11, low: 4), .uint(8)))
        let first = top.instance("first", of: child.module)
        let second = top.instance("second", of: child.module)
        top.connect(first[0], low)
        top.connect(second[0], middle)
        top.connect(sum, top.binary(.add, first[1], second[1], .uint(8)))
        let scrambler = top.instance("scrambler", of: box)
        top.connect(scrambler[0], second[1])
        top.connect(scrambled, scrambler[1])
        return try legalized([child.module, box, top.module], top: "Top")
    }

    static let scramblerSource = """
        // A hand-written module the design instantiates as a black box.
        module Scrambler (
            input  wire       clock,
            input  wire [7:0] in,
            output reg  [7:0] out
        );
            always @(posedge clock) out <= {in[3:0], in[7:4]} ^ 8'h5a;
        endmodule
        """

    /// One int8 multiply–accumulate cell of a weight-stationary array, as the DSL would build it.
    static func processingElement() throws -> LegalDesign {
        var m = ModuleBuilder("ProcessingElement", parameters: [("accWidth", "32")])
        let loadWeight = m.input("loadWeight", .bool)
        let weightIn = m.input("weightIn", .sint(8))
        let activationIn = m.input("activationIn", .sint(8))
        let sumIn = m.input("sumIn", .sint(32))
        let activationOut = m.output("activationOut", .sint(8))
        let sumOut = m.output("sumOut", .sint(32))
        let weight = m.register("weight", .sint(8), reset: 0, enable: loadWeight)
        m.connect(weight, weightIn)
        let activation = m.register("activation", .sint(8))
        m.connect(activation, activationIn)
        m.connect(activationOut, activation)
        let product = m.binary(.mul, activationIn, weight, .sint(16))
        let widened = m.node(.resize(product), .sint(32))
        let sum = m.register("sum", .sint(32))
        m.connect(sum, m.binary(.add, sumIn, widened, .sint(32)))
        m.connect(sumOut, sum)
        return try legalized([m.module], top: "ProcessingElement")
    }

    /// Corner cases of printing: 1-bit signed values, constants wider than 64 bits, slices of
    /// constants, a named constant, single-part concatenation, shifts by constants, odd memory
    /// depths. Inputs `flag` (SInt(1)), `ua` (UInt(8)), `select` (UInt(1)).
    static func edgeCases() throws -> LegalDesign {
        var m = ModuleBuilder("EdgeCases")
        let flag = m.input("flag", .sint(1))
        let ua = m.input("ua", .uint(8))
        let select = m.input("select", .bool)
        func out(_ name: String, _ type: HardwareType, _ value: NodeID) {
            m.connect(m.output(name, type), value)
        }
        out("flagExtended", .sint(8), m.node(.resize(flag), .sint(8)))
        out("flagNegated", .sint(1), m.node(.unary(.not, flag), .sint(1)))
        out("flagReduced", .bool, m.node(.unary(.xorReduce, flag), .bool))
        let huge = m.node(.constant(BitVector(width: 100, words: [5, UInt64(1) << 35])), .uint(100))
        let wideSum = m.binary(.add, m.node(.resize(ua), .uint(100)), huge, .uint(100))
        out("wideHigh", .uint(4), m.node(.slice(wideSum, high: 99, low: 96), .uint(4)))
        out("wideLow", .uint(8), m.node(.slice(wideSum, high: 7, low: 0), .uint(8)))
        out("constantSlice", .uint(8), m.node(.slice(m.constant(0xABCD, .uint(16)), high: 11, low: 4), .uint(8)))
        out("magicOut", .uint(8), m.constant(0x2A, .uint(8), name: "magic"))
        out("single", .uint(8), m.node(.concat([ua]), .uint(8)))
        out("shiftedByTwo", .uint(10), m.binary(.shiftLeft, ua, m.constant(2, .uint(3)), .uint(10)))
        out("minusOneWide", .sint(8), m.node(.resize(m.constant(-1, .sint(4))), .sint(8)))
        out("chosen", .uint(8), m.node(.mux(select: select, whenTrue: m.constant(7, .uint(8)), whenFalse: ua), .uint(8)))
        out("constantsCompared", .bool, m.binary(.less, m.constant(3, .sint(4)), m.constant(-2, .sint(4)), .bool))
        out("flagTimesFlag", .sint(2), m.binary(.mul, flag, flag, .sint(2)))
        // Memories whose depth is 1 or not a power of two.
        for (name, depth) in [("tiny", 1), ("odd", 5)] {
            let fields = m.memory(name, .oneReadOneWrite, depth: depth, width: 8)
            for (field, node) in fields.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
                switch field {
                case .readAddress, .writeAddress: m.connect(node, m.node(.resize(ua), m.module[node].type))
                case .readEnable, .writeEnable: m.connect(node, select)
                case .readData: m.connect(m.output(name + "Data", .uint(8)), node)
                default: m.connect(node, ua)
                }
            }
        }
        return try legalized([m.module], top: "EdgeCases")
    }

    static let names = ["arithmetic", "registers", "memories", "memoryPorts", "hierarchy", "processingElement", "edgeCases"]

    /// A design above by its name in `names`.
    static func named(_ name: String) throws -> LegalDesign {
        switch name {
        case "arithmetic": return try arithmetic()
        case "registers": return try registers()
        case "memories": return try memories()
        case "memoryPorts": return try memoryPorts()
        case "hierarchy": return try hierarchy()
        case "processingElement": return try processingElement()
        case "edgeCases": return try edgeCases()
        default: throw TestDesignError.rejected("no test design named \(name)")
        }
    }
}
