import Testing
import GoldenModel
import SerranoSupport

/// Hand-written programs: what the model computes, and every class of illegal program.
@Suite struct FunctionalModelTests {
    let model: FunctionalModel

    init() throws { model = try FunctionalModel(config: .tiny) }

    /// A (2×4) at 0, W (4×4) at 16, output int32 2×4 at 64.
    static let dram: [UInt8] = {
        var bytes = [UInt8](repeating: 0, count: 128)
        let a: [Int8] = [1, 2, 3, 4, -1, -2, -3, -4]
        let w: [Int8] = [1, 0, 0, 2, 0, 1, 0, 2, 0, 0, 1, 2, 0, 0, 0, 2]
        for (i, v) in a.enumerated() { bytes[i] = UInt8(bitPattern: v) }
        for (i, v) in w.enumerated() { bytes[16 + i] = UInt8(bitPattern: v) }
        return bytes
    }()

    static func loadA(_ flags: DependencyFlags = []) -> Instruction {
        .load(.init(target: .scratchpad, sramRow: 0, rowCount: 2, elementsPerRow: 4, dramAddress: 0, dramStride: 4, dependencies: flags))
    }
    static func loadW(_ flags: DependencyFlags = [.pushNext]) -> Instruction {
        .load(.init(target: .scratchpad, sramRow: 8, rowCount: 4, elementsPerRow: 4, dramAddress: 16, dramStride: 4, dependencies: flags))
    }
    static func preload(_ flags: DependencyFlags = [.popPrevious]) -> Instruction { .preload(.init(scratchpadRow: 8, rowCount: 4, dependencies: flags)) }
    static func compute(_ flags: DependencyFlags = [.pushNext]) -> Instruction {
        .compute(.init(inputRow: 0, rowCount: 2, accumulatorRow: 0, accumulate: false, dependencies: flags))
    }
    static func storeRaw(_ flags: DependencyFlags = [.popPrevious]) -> Instruction {
        .store(.init(raw: true, accumulatorRow: 0, rowCount: 2, elementsPerRow: 4, dramAddress: 64, dramStride: 16, dependencies: flags))
    }

    static func int32s(_ dram: [UInt8], at offset: Int, count: Int) -> [Int32] {
        (0..<count).map { i in
            let b = offset + 4 * i
            return Int32(bitPattern: UInt32(dram[b]) | UInt32(dram[b + 1]) << 8 | UInt32(dram[b + 2]) << 16 | UInt32(dram[b + 3]) << 24)
        }
    }

    @Test func aSynchronizedProgramComputesTheProductAndCountsIt() throws {
        let program = [Self.loadA(), Self.loadW(), Self.preload(), Self.compute(), Self.storeRaw(), .finish([])]
        let result = try model.run(program, dram: Self.dram)
        #expect(Self.int32s(result.dram, at: 64, count: 8) == [1, 2, 3, 20, -1, -2, -3, -20])
        #expect(result.statistics.count(of: .load) == 2)
        #expect(result.statistics.macs == 2 * 4 * 4)
        #expect(result.statistics.tokens == 2)
        #expect(result.statistics.dramBytesRead == 24 && result.statistics.dramBytesWritten == 32)
        // The same program as a binary stream gives the same DRAM.
        #expect(try model.run(encodedProgram: ProgramCoding.encode(program), dram: Self.dram).dram == result.dram)
    }

    @Test func zeroPointsAreSubtractedInTheArray() throws {
        let program = [.configureCompute(.init(inputZeroPoint: 1, weightZeroPoint: -1)), Self.loadA(), Self.loadW(), Self.preload(),
                       Self.compute(), Self.storeRaw(), .finish([])]
        let result = try model.run(program, dram: Self.dram)
        let a = try Tensor<Int8>(rows: 2, columns: 4, [1, 2, 3, 4, -1, -2, -3, -4])
        let w = try Tensor<Int8>(rows: 4, columns: 4, [1, 0, 0, 2, 0, 1, 0, 2, 0, 0, 1, 2, 0, 0, 0, 2])
        let expected = try ReferenceKernels.gemm(a, w, inputZeroPoint: 1, weightZeroPoint: -1)
        #expect(Self.int32s(result.dram, at: 64, count: 8) == expected.elements)
    }

    @Test func programsWithoutFinishOrWithCodeAfterItAreRejected() {
        #expect(throws: FunctionalModelError.missingFinish) { try model.run([Self.loadA()], dram: Self.dram) }
        #expect(throws: FunctionalModelError.instructionAfterFinish(instruction: 1)) { try model.run([.finish([]), Self.loadA()], dram: Self.dram) }
    }

    @Test func outOfRangeAddressesAreErrors() {
        let badRow = Instruction.load(.init(target: .scratchpad, sramRow: 63, rowCount: 2, elementsPerRow: 4, dramAddress: 0, dramStride: 4))
        #expect(throws: FunctionalModelError.outOfRange(instruction: 0, what: "scratchpad rows 63..<65 (has 64)")) {
            try model.run([badRow, .finish([])], dram: Self.dram)
        }
        let badDRAM = Instruction.load(.init(target: .scratchpad, sramRow: 0, rowCount: 2, elementsPerRow: 4, dramAddress: 120, dramStride: 8))
        #expect(throws: FunctionalModelError.self) { try model.run([badDRAM, .finish([])], dram: Self.dram) }
        let wideRow = Instruction.load(.init(target: .accumulator, sramRow: 0, rowCount: 1, elementsPerRow: 5, dramAddress: 0, dramStride: 0))
        #expect(throws: FunctionalModelError.outOfRange(instruction: 0, what: "5 elements per row (row holds 4)")) {
            try model.run([wideRow, .finish([])], dram: Self.dram)
        }
        let bigPreload = Instruction.preload(.init(scratchpadRow: 0, rowCount: 5))
        #expect(throws: FunctionalModelError.self) { try model.run([bigPreload, .finish([])], dram: Self.dram) }
    }

    @Test func fieldsTheWordCannotHoldAreBadEncodings() {
        let huge = Instruction.load(.init(target: .scratchpad, sramRow: 0, rowCount: 1, elementsPerRow: 1, dramAddress: 0, dramStride: .max))
        #expect(throws: FunctionalModelError.self) { try model.run([huge, .finish([])], dram: Self.dram) }
        do {
            _ = try model.run([huge, .finish([])], dram: Self.dram)
        } catch let FunctionalModelError.badEncoding(instruction, reason) {
            #expect(instruction == 0 && reason.contains("dram_stride"))
        } catch {
            Issue.record("expected a bad encoding, got \(error)")
        }
    }

    @Test func tokensNobodyPushesAreAnUnderflow() {
        #expect(throws: FunctionalModelError.tokenUnderflow(instruction: 0, module: .compute, waitingOn: .load)) {
            try model.run([Self.preload([.popPrevious]), .finish([])], dram: Self.dram)
        }
        #expect(throws: FunctionalModelError.tokenUnderflow(instruction: 1, module: .store, waitingOn: .compute)) {
            try model.run([Self.loadA(), Self.storeRaw([.popPrevious]), .finish([])], dram: Self.dram)
        }
    }

    @Test func tokensNobodyPopsAreReported() {
        #expect(throws: FunctionalModelError.unconsumedTokens(from: .load, to: .compute, count: 1)) {
            try model.run([Self.loadA([.pushNext]), .finish([])], dram: Self.dram)
        }
    }

    @Test func neighboursThatDoNotExistAreIllegal() {
        #expect(throws: FunctionalModelError.illegalDependency(instruction: 0, module: .load, flag: "previous")) {
            try model.run([Self.loadA([.popPrevious]), .finish([])], dram: Self.dram)
        }
        #expect(throws: FunctionalModelError.illegalDependency(instruction: 0, module: .store, flag: "next")) {
            try model.run([Self.storeRaw([.pushNext]), .finish([])], dram: Self.dram)
        }
    }

    @Test func accessesNoTokenOrdersAreDataRaces() throws {
        // Compute reads the weights the load module writes, with no token between them.
        do {
            _ = try model.run([Self.loadA(), Self.loadW([]), Self.preload([]), .finish([])], dram: Self.dram)
            Issue.record("expected a data race")
        } catch let FunctionalModelError.dataRace(_, _, memory, row, _) {
            #expect(memory == "scratchpad" && row == 8)
        }
        // Store reads accumulators compute writes, unsynchronized.
        #expect(throws: FunctionalModelError.self) {
            try model.run([Self.loadA(), Self.loadW(), Self.preload(), Self.compute([]), Self.storeRaw([]), .finish([])], dram: Self.dram)
        }
        // Load overwrites a buffer compute still reads (write after read).
        let program = [Self.loadA(), Self.loadW(), Self.preload(), Self.compute([]), Self.loadA([]), .finish([])]
        #expect(throws: FunctionalModelError.self) { try model.run(program, dram: Self.dram) }
    }

    @Test func computeAndRequantizedStoreNeedTheirSetupFirst() {
        #expect(throws: FunctionalModelError.computeBeforePreload(instruction: 0)) {
            try model.run([Self.compute([]), .finish([])], dram: Self.dram)
        }
        let store = Instruction.store(.init(raw: false, accumulatorRow: 0, rowCount: 1, elementsPerRow: 4, dramAddress: 64, dramStride: 4))
        #expect(throws: FunctionalModelError.storeBeforeConfigure(instruction: 0)) { try model.run([store, .finish([])], dram: Self.dram) }
        let badShift = Instruction.configureStore(.init(multiplier: 1, shift: 31, outputZeroPoint: 0, activationMin: -128, activationMax: 127))
        #expect(throws: FunctionalModelError.self) { try model.run([badShift, .finish([])], dram: Self.dram) }
    }

    @Test func aTokenQueueTooShallowForTheScheduleDeadlocks() throws {
        let roomy = AcceleratorConfig(rows: 3, columns: 5, scratchpadRows: 24, scratchpadBanks: 2, accumulatorRows: 12,
                                      accumulatorBanks: 1, dramBusBytes: 8, instructionQueueDepth: 3, tokenQueueDepth: 2)
        var shallow = roomy
        shallow.tokenQueueDepth = 1
        var g = SplitMix64(seed: 5)
        // Bias and per-channel loads lengthen the compute queue, so dispatch stalls behind it.
        let q = try QuantizedMultiplier(realMultiplier: 0.01)
        let problem = try GEMMProblem(a: g.int8Tensor([1, 4]), b: g.int8Tensor([4, 6]), bias: Array(repeating: 3, count: 6),
                                      requantization: Requantization(multipliers: .perChannel(Array(repeating: q, count: 6))))
        let compiled = try Tiler.compile(problem, config: roomy)
        #expect(try compiled.run(on: FunctionalModel(config: roomy)).output == problem.reference())
        do {
            _ = try compiled.run(on: FunctionalModel(config: shallow))
            Issue.record("expected a deadlock with one-token queues")
        } catch let error as FunctionalModelError {
            guard case .deadlock(let state) = error else { Issue.record("expected a deadlock, got \(error)"); return }
            #expect(state.contains("full"))
        }
        #expect(throws: TilerError.self) { try Tiler.compile(problem, config: shallow) }
    }

    @Test func invalidConfigurationsAreErrors() {
        var config = AcceleratorConfig.tiny
        config.rows = 0
        #expect(throws: FunctionalModelError.self) { try FunctionalModel(config: config) }
        config = .tiny
        config.scratchpadBanks = 3
        #expect(throws: ConfigError.banksDoNotDivide("scratchpad", rows: 64, banks: 3)) { try config.validate() }
        config = .tiny
        config.dramBusBytes = 6
        #expect(throws: ConfigError.self) { try config.validate() }
        #expect(throws: Never.self) { try AcceleratorConfig.default.validate() }
        #expect(AcceleratorConfig.default.scratchpadBytes == 256 * 1024 && AcceleratorConfig.default.accumulatorBytes == 64 * 1024)
    }
}
