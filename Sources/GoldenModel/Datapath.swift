/// The accelerator's architectural state and what each instruction does to it: scratchpad,
/// accumulators, latched weights, configuration registers and DRAM.
struct Datapath {
    let config: AcceleratorConfig
    var dram: [UInt8]
    /// `scratchpadRows × scratchpadRowElements` int8.
    var scratchpad: [Int8]
    /// `accumulatorRows × columns` int32.
    var accumulators: [Int32]
    /// `rows × columns` latched weights, zero point already subtracted; disabled rows are 0.
    var weights: [Int32]
    var activeWeightRows = 0
    var weightsLoaded = false
    var inputZeroPoint: Int32 = 0
    var weightZeroPoint: Int32 = 0
    var storeConfig: Instruction.ConfigureStore?
    var scratchpadRaces: RaceDetector
    var accumulatorRaces: RaceDetector
    var statistics = ExecutionStatistics()

    init(config: AcceleratorConfig, dram: [UInt8]) {
        self.config = config
        self.dram = dram
        scratchpad = Array(repeating: 0, count: config.scratchpadRows * config.scratchpadRowElements)
        accumulators = Array(repeating: 0, count: config.accumulatorRows * config.columns)
        weights = Array(repeating: 0, count: config.rows * config.columns)
        scratchpadRaces = RaceDetector(rows: config.scratchpadRows, name: "scratchpad")
        accumulatorRaces = RaceDetector(rows: config.accumulatorRows, name: "accumulator")
    }

    /// Executes one instruction of `module` whose vector clock is `clock`.
    mutating func execute(_ instruction: Instruction, index: Int, module: ExecutionUnit, clock: RaceDetector.Clock) throws {
        statistics.instructionCounts[instruction.opcode, default: 0] += 1
        switch instruction {
        case .load(let load): try execute(load, index, module, clock)
        case .store(let store): try execute(store, index, module, clock)
        case .preload(let preload): try execute(preload, index, module, clock)
        case .compute(let compute): try execute(compute, index, module, clock)
        case .configureCompute(let c):
            guard (-128...127).contains(c.inputZeroPoint), (-128...127).contains(c.weightZeroPoint) else {
                throw FunctionalModelError.invalidParameter(instruction: index, what: "zero points must be int8, found \(c.inputZeroPoint), \(c.weightZeroPoint)")
            }
            inputZeroPoint = Int32(c.inputZeroPoint)
            weightZeroPoint = Int32(c.weightZeroPoint)
        case .configureStore(let c):
            try validate(c, index)
            storeConfig = c
        case .finish:
            break
        }
    }

    // MARK: range checks

    private func checkRows(_ start: Int, _ count: Int, limit: Int, _ memory: String, _ index: Int) throws -> Range<Int> {
        guard count >= 1 else { throw FunctionalModelError.invalidParameter(instruction: index, what: "row count must be ≥ 1, found \(count)") }
        guard start >= 0, start + count <= limit else {
            throw FunctionalModelError.outOfRange(instruction: index, what: "\(memory) rows \(start)..<\(start + count) (has \(limit))")
        }
        return start..<(start + count)
    }

    private func checkDRAM(address: Int, stride: Int, rows: Int, rowBytes: Int, _ index: Int) throws {
        guard address >= 0, stride >= 0 else {
            throw FunctionalModelError.outOfRange(instruction: index, what: "negative DRAM address \(address) or stride \(stride)")
        }
        let end = address + (rows - 1) * stride + rowBytes
        guard end <= dram.count else {
            throw FunctionalModelError.outOfRange(instruction: index, what: "DRAM bytes up to \(end) (image has \(dram.count))")
        }
    }

    private func checkElements(_ elements: Int, limit: Int, _ index: Int) throws {
        guard (1...limit).contains(elements) else {
            throw FunctionalModelError.outOfRange(instruction: index, what: "\(elements) elements per row (row holds \(limit))")
        }
    }

    private func race(_ found: (row: Int, other: ExecutionUnit)?, _ memory: String, _ index: Int, _ module: ExecutionUnit) throws {
        if let found {
            throw FunctionalModelError.dataRace(instruction: index, module: module, memory: memory, row: found.row, other: found.other)
        }
    }

    private mutating func countTransfer(rows: Int, rowBytes: Int) {
        statistics.dramBeats += rows * ((rowBytes + config.dramBusBytes - 1) / config.dramBusBytes)
    }

    // MARK: instructions

    private mutating func execute(_ load: Instruction.Load, _ index: Int, _ module: ExecutionUnit, _ clock: RaceDetector.Clock) throws {
        let toScratchpad = load.target == .scratchpad
        let lanes = toScratchpad ? config.scratchpadRowElements : config.columns
        let elementBytes = toScratchpad ? 1 : 4
        let rows = try checkRows(load.sramRow, load.rowCount, limit: toScratchpad ? config.scratchpadRows : config.accumulatorRows,
                                 toScratchpad ? "scratchpad" : "accumulator", index)
        try checkElements(load.elementsPerRow, limit: lanes, index)
        let rowBytes = load.elementsPerRow * elementBytes
        try checkDRAM(address: load.dramAddress, stride: load.dramStride, rows: load.rowCount, rowBytes: rowBytes, index)
        if toScratchpad {
            try race(scratchpadRaces.access(rows, by: module, clock: clock, write: true), "scratchpad", index, module)
        } else {
            try race(accumulatorRaces.access(rows, by: module, clock: clock, write: true), "accumulator", index, module)
        }
        for r in 0..<load.rowCount {
            let source = load.dramAddress + r * load.dramStride
            let base = (load.sramRow + r) * lanes
            for lane in 0..<lanes {
                if toScratchpad {
                    scratchpad[base + lane] = lane < load.elementsPerRow ? Int8(bitPattern: dram[source + lane]) : 0
                } else {
                    accumulators[base + lane] = lane < load.elementsPerRow ? readInt32(at: source + 4 * lane) : 0
                }
            }
        }
        statistics.dramBytesRead += load.rowCount * rowBytes
        countTransfer(rows: load.rowCount, rowBytes: rowBytes)
    }

    private func readInt32(at address: Int) -> Int32 {
        let bits = UInt32(dram[address]) | UInt32(dram[address + 1]) << 8 | UInt32(dram[address + 2]) << 16 | UInt32(dram[address + 3]) << 24
        return Int32(bitPattern: bits)
    }

    private mutating func writeInt32(_ value: Int32, at address: Int) {
        let bits = UInt32(bitPattern: value)
        for byte in 0..<4 { dram[address + byte] = UInt8(truncatingIfNeeded: bits >> (8 * byte)) }
    }

    private mutating func execute(_ preload: Instruction.Preload, _ index: Int, _ module: ExecutionUnit, _ clock: RaceDetector.Clock) throws {
        guard (1...config.rows).contains(preload.rowCount) else {
            throw FunctionalModelError.outOfRange(instruction: index, what: "PRELOAD of \(preload.rowCount) weight rows (array has \(config.rows))")
        }
        let rows = try checkRows(preload.scratchpadRow, preload.rowCount, limit: config.scratchpadRows, "scratchpad", index)
        try race(scratchpadRaces.access(rows, by: module, clock: clock, write: false), "scratchpad", index, module)
        let lanes = config.scratchpadRowElements, columns = config.columns
        for k in 0..<config.rows {
            for c in 0..<columns {
                weights[k * columns + c] = k < preload.rowCount
                    ? Int32(scratchpad[(preload.scratchpadRow + k) * lanes + c]) - weightZeroPoint : 0
            }
        }
        activeWeightRows = preload.rowCount
        weightsLoaded = true
    }

    private mutating func execute(_ compute: Instruction.Compute, _ index: Int, _ module: ExecutionUnit, _ clock: RaceDetector.Clock) throws {
        guard weightsLoaded else { throw FunctionalModelError.computeBeforePreload(instruction: index) }
        let inputs = try checkRows(compute.inputRow, compute.rowCount, limit: config.scratchpadRows, "scratchpad", index)
        let outputs = try checkRows(compute.accumulatorRow, compute.rowCount, limit: config.accumulatorRows, "accumulator", index)
        try race(scratchpadRaces.access(inputs, by: module, clock: clock, write: false), "scratchpad", index, module)
        try race(accumulatorRaces.access(outputs, by: module, clock: clock, write: true), "accumulator", index, module)
        let lanes = config.scratchpadRowElements, columns = config.columns, active = activeWeightRows
        let zeroPoint = inputZeroPoint, accumulate = compute.accumulate
        var vector = [Int32](repeating: 0, count: config.rows)
        scratchpad.withUnsafeBufferPointer { spad in
            weights.withUnsafeBufferPointer { w in
                accumulators.withUnsafeMutableBufferPointer { acc in
                    for r in 0..<compute.rowCount {
                        let inputBase = (compute.inputRow + r) * lanes
                        for k in 0..<active { vector[k] = Int32(spad[inputBase + k]) &- zeroPoint }
                        let outBase = (compute.accumulatorRow + r) * columns
                        for c in 0..<columns {
                            var sum: Int32 = accumulate ? acc[outBase + c] : 0
                            for k in 0..<active { sum = sum &+ vector[k] &* w[k * columns + c] }
                            acc[outBase + c] = sum
                        }
                    }
                }
            }
        }
        statistics.macs += compute.rowCount * active * columns
        statistics.arrayMACSlots += compute.rowCount * config.rows * columns
    }

    private func validate(_ c: Instruction.ConfigureStore, _ index: Int) throws {
        func fail(_ what: String) -> FunctionalModelError { .invalidParameter(instruction: index, what: what) }
        guard (0...Int(Int32.max)).contains(c.multiplier) else { throw fail("multiplier \(c.multiplier) outside 0...\(Int32.max)") }
        guard QuantizedMultiplier.shiftRange.contains(Int32(clamping: c.shift)) else { throw fail("shift \(c.shift) outside -31...30") }
        guard (-128...127).contains(c.outputZeroPoint) else { throw fail("output zero point \(c.outputZeroPoint) is not int8") }
        guard -128 <= c.activationMin, c.activationMin <= c.activationMax, c.activationMax <= 127 else {
            throw fail("activation range [\(c.activationMin), \(c.activationMax)] is not an ordered int8 range")
        }
        if c.perChannel {
            _ = try checkRows(c.channelParametersRow, 2, limit: config.accumulatorRows, "accumulator (channel parameters)", index)
        }
    }

    private mutating func execute(_ store: Instruction.Store, _ index: Int, _ module: ExecutionUnit, _ clock: RaceDetector.Clock) throws {
        let rows = try checkRows(store.accumulatorRow, store.rowCount, limit: config.accumulatorRows, "accumulator", index)
        try checkElements(store.elementsPerRow, limit: config.columns, index)
        let elementBytes = store.raw ? 4 : 1
        let rowBytes = store.elementsPerRow * elementBytes
        try checkDRAM(address: store.dramAddress, stride: store.dramStride, rows: store.rowCount, rowBytes: rowBytes, index)
        try race(accumulatorRaces.access(rows, by: module, clock: clock, write: false), "accumulator", index, module)
        let columns = config.columns
        if store.raw {
            for r in 0..<store.rowCount {
                for lane in 0..<store.elementsPerRow {
                    writeInt32(accumulators[(store.accumulatorRow + r) * columns + lane],
                               at: store.dramAddress + r * store.dramStride + 4 * lane)
                }
            }
        } else {
            guard let c = storeConfig else { throw FunctionalModelError.storeBeforeConfigure(instruction: index) }
            let (multipliers, shifts) = try channelParameters(c, lanes: store.elementsPerRow, index, module, clock)
            let activation = try ActivationRange(min: Int32(c.activationMin), max: Int32(c.activationMax))
            let rounding: RoundingMode = c.singleRounding ? .single : .double
            let zeroPoint = Int32(c.outputZeroPoint)
            for r in 0..<store.rowCount {
                let accBase = (store.accumulatorRow + r) * columns
                let target = store.dramAddress + r * store.dramStride
                for lane in 0..<store.elementsPerRow {
                    let value = Requantization.requantize(
                        accumulators[accBase + lane], multiplier: multipliers[lane], shift: shifts[lane],
                        zeroPoint: zeroPoint, activation: activation, rounding: rounding)
                    dram[target + lane] = UInt8(bitPattern: value)
                }
            }
        }
        statistics.dramBytesWritten += store.rowCount * rowBytes
        countTransfer(rows: store.rowCount, rowBytes: rowBytes)
    }

    /// The (M0, shift) of each lane: from the configuration, or from the two parameter rows.
    private mutating func channelParameters(
        _ c: Instruction.ConfigureStore, lanes: Int, _ index: Int, _ module: ExecutionUnit, _ clock: RaceDetector.Clock
    ) throws -> ([Int32], [Int32]) {
        guard c.perChannel else {
            return (Array(repeating: Int32(c.multiplier), count: lanes), Array(repeating: Int32(c.shift), count: lanes))
        }
        let row = c.channelParametersRow
        try race(accumulatorRaces.access(row..<(row + 2), by: module, clock: clock, write: false), "accumulator", index, module)
        let base = row * config.columns
        let multipliers = Array(accumulators[base..<(base + lanes)])
        let shifts = Array(accumulators[(base + config.columns)..<(base + config.columns + lanes)])
        for lane in 0..<lanes where multipliers[lane] < 0 || !QuantizedMultiplier.shiftRange.contains(shifts[lane]) {
            throw FunctionalModelError.invalidParameter(
                instruction: index, what: "channel \(lane) has multiplier \(multipliers[lane]), shift \(shifts[lane])")
        }
        return (multipliers, shifts)
    }
}
