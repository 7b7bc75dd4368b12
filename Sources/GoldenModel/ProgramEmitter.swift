/// Emits the multi-buffered instruction stream of one GEMM (see `Tiler`).
struct ProgramEmitter {
    let problem: GEMMProblem
    let plan: TilingPlan
    let layout: DRAMLayout
    let perChannel: Bool
    var program: [Instruction] = []

    init(problem: GEMMProblem, plan: TilingPlan, layout: DRAMLayout, perChannel: Bool) {
        self.problem = problem
        self.plan = plan
        self.layout = layout
        self.perChannel = perChannel
    }

    /// The whole program, ending with FINISH.
    mutating func emit() -> [Instruction] {
        program = [.configureCompute(.init(inputZeroPoint: Int(problem.inputZeroPoint), weightZeroPoint: Int(problem.weightZeroPoint)))]
        if let requantization = problem.requantization, !perChannel {
            program.append(.configureStore(storeConfiguration(requantization, parameterRow: 0)))
        }
        var step = 0
        for mTile in 0..<plan.mTiles {
            for nTile in 0..<plan.nTiles {
                let tile = mTile * plan.nTiles + nTile
                emitTile(tile: tile, mTile: mTile, nTile: nTile, firstStep: step)
                step += plan.kTiles
            }
        }
        program.append(.finish([]))
        return program
    }

    private func storeConfiguration(_ r: Requantization, parameterRow: Int) -> Instruction.ConfigureStore {
        let perTensor: QuantizedMultiplier
        if case .perTensor(let q) = r.multipliers { perTensor = q } else { perTensor = r.multiplier(forChannel: 0) }
        return Instruction.ConfigureStore(
            multiplier: Int(perTensor.multiplier), shift: Int(perTensor.shift), outputZeroPoint: Int(r.outputZeroPoint),
            activationMin: Int(r.activation.min), activationMax: Int(r.activation.max),
            singleRounding: r.rounding == .single, perChannel: perChannel, channelParametersRow: parameterRow)
    }

    private mutating func emitTile(tile: Int, mTile: Int, nTile: Int, firstStep: Int) {
        let m0 = mTile * plan.tileRows, n0 = nTile * plan.tileColumns
        let rows = min(plan.tileRows, problem.m - m0), columns = min(plan.tileColumns, problem.n - n0)
        let accumulatorBase = plan.accumulatorBuffers[tile % 2]
        let parameterRow = accumulatorBase + plan.tileRows
        // The first compute-module instruction of a tile waits until the store module has drained
        // this accumulator buffer (tile − 2).
        var tileStart: DependencyFlags = tile >= 2 ? [.popNext] : []

        if let bias = layout.bias {
            program.append(.load(.init(target: .accumulator, sramRow: accumulatorBase, rowCount: rows, elementsPerRow: columns,
                                       dramAddress: bias.offset + 4 * n0, dramStride: 0, dependencies: tileStart)))
            tileStart = []
        }
        if let multipliers = layout.multipliers, let shifts = layout.shifts {
            for (offset, region) in [(0, multipliers), (1, shifts)] {
                program.append(.load(.init(target: .accumulator, sramRow: parameterRow + offset, rowCount: 1, elementsPerRow: columns,
                                           dramAddress: region.offset + 4 * n0, dramStride: 0, dependencies: tileStart)))
                tileStart = []
            }
        }
        for kStep in 0..<plan.kTiles {
            let step = firstStep + kStep
            let k0 = kStep * plan.tileDepth, depth = min(plan.tileDepth, problem.k - k0)
            let buffers = plan.scratchpadBuffers.count
            let inputRow = plan.scratchpadBuffers[step % buffers], weightRow = inputRow + plan.tileRows
            // Load: wait for compute to free this buffer (step − buffers), then signal data ready.
            program.append(.load(.init(target: .scratchpad, sramRow: inputRow, rowCount: rows, elementsPerRow: depth,
                                       dramAddress: layout.a.offset + m0 * problem.k + k0, dramStride: problem.k,
                                       dependencies: step >= buffers ? [.popNext] : [])))
            program.append(.load(.init(target: .scratchpad, sramRow: weightRow, rowCount: depth, elementsPerRow: columns,
                                       dramAddress: layout.b.offset + k0 * problem.n + n0, dramStride: problem.n,
                                       dependencies: [.pushNext])))
            // Compute: wait for the data, free the buffer for step + 2, hand a finished tile to store.
            program.append(.preload(.init(scratchpadRow: weightRow, rowCount: depth, dependencies: tileStart.union(.popPrevious))))
            tileStart = []
            var computeFlags: DependencyFlags = step + buffers < plan.steps ? [.pushPrevious] : []
            if kStep == plan.kTiles - 1 { computeFlags.insert(.pushNext) }
            program.append(.compute(.init(inputRow: inputRow, rowCount: rows, accumulatorRow: accumulatorBase,
                                          accumulate: kStep > 0 || layout.bias != nil, dependencies: computeFlags)))
        }
        // Store: wait for the tile, then free the accumulator buffer for tile + 2.
        var storeStart: DependencyFlags = [.popPrevious]
        if perChannel, let requantization = problem.requantization {
            var configure = storeConfiguration(requantization, parameterRow: parameterRow)
            configure.dependencies = storeStart
            program.append(.configureStore(configure))
            storeStart = []
        }
        let output = layout.output
        program.append(.store(.init(
            raw: problem.requantization == nil, accumulatorRow: accumulatorBase, rowCount: rows, elementsPerRow: columns,
            dramAddress: output.offset + (m0 * problem.n + n0) * output.elementBytes, dramStride: output.rowStride,
            dependencies: storeStart.union(tile + 2 < plan.tiles ? [.pushPrevious] : []))))
    }
}
